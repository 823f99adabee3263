"use client";

import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import {
  MAX_COMMENT_LENGTH,
  activeMentionQuery,
  encodeMentions,
  insertMention,
  matchMembers,
  mentionsIn,
  toDisplayText,
  type MentionCandidate,
  type Mentionable,
} from "@/lib/domain/comment-text";
import { useFieldErrors } from "../ui/action-form";
import { inputClass } from "../ui/field";

type Menu = { start: number; query: string };

/**
 * The comment box: plain text in which typing @ and a few letters offers the workspace's members
 * (the ARIA combobox pattern: the list follows the caret, ArrowUp/ArrowDown move, Enter or Tab
 * picks, Escape closes). People see `@Name`; the form sends the text with each picked member as
 * a token (lib/domain/comment-text), in a hidden field, for the server to check.
 */
export function CommentMentionInput({ name = "body", label, members, initialBody = "", hint, rows = 3 }: {
  name?: string;
  label: string;
  members: readonly MentionCandidate[];
  initialBody?: string;
  hint?: string;
  rows?: number;
}) {
  const id = useId();
  const listId = `${id}-members`;
  const errors = useFieldErrors(name);
  const ref = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(() => toDisplayText(initialBody));
  const [picked, setPicked] = useState<Mentionable[]>(() => mentionsIn(initialBody));
  const [menu, setMenu] = useState<Menu | null>(null);
  const [active, setActive] = useState(0);
  // The @ someone closed the list on (Escape, or by picking): it stays closed until they type another.
  const [dismissed, setDismissed] = useState<number | null>(null);
  const caretAfterRender = useRef<number | null>(null);

  const matches = menu ? matchMembers(members, menu.query) : [];
  const open = menu !== null && matches.length > 0;
  const activeIndex = Math.min(active, Math.max(matches.length - 1, 0));
  const encoded = encodeMentions(text, [...picked, ...members]);

  useLayoutEffect(() => {
    const caret = caretAfterRender.current;
    if (caret === null || !ref.current) return;
    caretAfterRender.current = null;
    ref.current.setSelectionRange(caret, caret);
  });

  // After a successful post the form resets: start again from an empty box.
  useEffect(() => {
    const form = ref.current?.form;
    if (!form) return;
    const onReset = () => {
      setText("");
      setPicked([]);
      setMenu(null);
    };
    form.addEventListener("reset", onReset);
    return () => form.removeEventListener("reset", onReset);
  }, []);

  const follow = (value: string, caret: number) => {
    const found = activeMentionQuery(value, caret);
    const next = found && found.start !== dismissed ? found : null;
    if (found?.start !== dismissed) setDismissed(null);
    if (next?.start !== menu?.start || next?.query !== menu?.query) {
      setMenu(next);
      setActive(0);
    }
  };

  const pick = (member: MentionCandidate) => {
    const textarea = ref.current;
    if (!menu || !textarea) return;
    const result = insertMention(text, menu.start, textarea.selectionStart, member);
    setText(result.text);
    setPicked((list) => [member, ...list.filter((m) => m.id !== member.id)]);
    setMenu(null);
    // The caret stays inside this @ (now a whole name): keep the list shut for it.
    setDismissed(menu.start);
    caretAfterRender.current = result.caret;
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        setActive((activeIndex + step + matches.length) % matches.length);
        return;
      }
      if (event.key === "Enter" || event.key === "Tab") {
        const member = matches[activeIndex];
        if (member && !event.shiftKey) {
          event.preventDefault();
          pick(member);
          return;
        }
      }
      if (event.key === "Escape") {
        event.preventDefault();
        event.stopPropagation();
        setDismissed(menu.start);
        setMenu(null);
        return;
      }
    }
    if (event.key === "Enter" && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      event.currentTarget.form?.requestSubmit();
    }
  };

  const describedBy = [hint ? `${id}-hint` : null, errors?.length ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  const optionId = (index: number) => `${id}-member-${index}`;

  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      <div className="relative">
        <textarea
          ref={ref}
          id={id}
          rows={rows}
          value={text}
          maxLength={MAX_COMMENT_LENGTH}
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={open}
          aria-controls={listId}
          aria-activedescendant={open ? optionId(activeIndex) : undefined}
          aria-invalid={errors ? true : undefined}
          aria-describedby={describedBy}
          className={`${inputClass} resize-y`}
          onChange={(event) => {
            setText(event.target.value);
            follow(event.target.value, event.target.selectionStart);
          }}
          onSelect={(event) => follow(event.currentTarget.value, event.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onBlur={() => setMenu(null)}
        />
        <input type="hidden" name={name} value={encoded} />
        <ul id={listId} role="listbox" aria-label="Members to mention" hidden={!open} className="absolute left-0 right-0 z-30 mt-1 max-h-64 overflow-auto rounded-md border border-rule bg-white py-1 text-sm shadow-lg">
          {open
            ? matches.map((member, index) => (
                <li
                  key={member.id}
                  id={optionId(index)}
                  role="option"
                  aria-selected={index === activeIndex}
                  className="flex cursor-pointer flex-wrap items-baseline gap-x-2 px-3 py-1.5 aria-selected:bg-accent/10"
                  onMouseDown={(event) => {
                    event.preventDefault(); // keep the caret in the box
                    pick(member);
                  }}
                  onMouseEnter={() => setActive(index)}
                >
                  <span className="font-medium">{member.name}</span>
                  <span className="text-xs text-muted">{member.email}</span>
                </li>
              ))
            : null}
        </ul>
      </div>
      {hint ? <p id={`${id}-hint`} className="mt-1 text-xs text-muted">{hint}</p> : null}
      {errors?.length ? <p id={`${id}-error`} className="mt-1 text-sm text-red-800">{errors.join(" ")}</p> : null}
      <p className="sr-only" aria-live="polite">
        {open ? `${matches.length} ${matches.length === 1 ? "member matches" : "members match"}. Up and down to choose, Enter to insert.` : ""}
      </p>
    </div>
  );
}
