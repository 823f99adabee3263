"use client";

import { useRef, useState, type PointerEvent as ReactPointerEvent } from "react";
import { moveSpan, snapToWord, type SpanMove } from "@/lib/domain/span-moves";
import { draftStatus, spanStatus, splitStatus } from "@/lib/domain/span-words";
import { ActionForm } from "../ui/action-form";
import { Button } from "../ui/button";
import type { FormAction } from "./claim-forms";
import { useLiveArticle } from "./live-article";

// Which words a claim covers: its ends dragged on the text or moved a word at a time with the
// buttons, a split point chosen the same way, and a merge with the claim right after it. The
// server checks everything again (lib/db/claim-spans.ts); the page shows the result live.

const CONTEXT = 160;
const MOVES: Array<{ move: SpanMove; label: string }> = [
  { move: "extendStart", label: "Start one word earlier" },
  { move: "shrinkStart", label: "Start one word later" },
  { move: "shrinkEnd", label: "End one word earlier" },
  { move: "extendEnd", label: "End one word later" },
];

/** The offset in the article under a point, from the text spans that carry their own offset. */
function offsetAt(x: number, y: number): number | null {
  const doc = document as Document & { caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null };
  const position = doc.caretPositionFromPoint?.(x, y);
  const range = position ? null : document.caretRangeFromPoint?.(x, y);
  const node = position?.offsetNode ?? range?.startContainer;
  const offset = position?.offset ?? range?.startOffset;
  const holder = node?.parentElement?.closest<HTMLElement>("[data-offset]");
  if (!holder || offset === undefined) return null;
  return Number(holder.dataset.offset) + offset;
}

export function ClaimSpanEditor({ claimId, actions }: { claimId: string; actions: { adjust: FormAction; split: FormAction; merge: FormAction } }) {
  const { body, claims } = useLiveArticle();
  const claim = claims.find((c) => c.id === claimId);
  const [draft, setDraft] = useState<{ start: number; end: number; from: number } | null>(null);
  const [cut, setCut] = useState<number | null>(null);
  const dragging = useRef<"start" | "end" | null>(null);
  if (!claim) return null;
  // A draft belongs to the version it started from; a newer version (saved here or elsewhere) resets it.
  const span = draft && draft.from === claim.version ? draft : { start: claim.start, end: claim.end, from: claim.version };
  const changed = span.start !== claim.start || span.end !== claim.end;
  const next = claims
    .filter((c) => c.id !== claim.id && c.status !== "DISMISSED" && c.start >= claim.end)
    .sort((a, b) => a.start - b.start)[0];
  const from = Math.max(0, Math.min(span.start, claim.start) - CONTEXT);
  const to = Math.min(body.length, Math.max(span.end, claim.end) + CONTEXT);
  const splitAt = cut !== null && cut > claim.start && cut < claim.end ? cut : null;

  const set = (start: number, end: number) => setDraft({ start: Math.max(0, Math.min(start, end)), end: Math.min(body.length, Math.max(start, end)), from: claim.version });
  const onPointerMove = (event: ReactPointerEvent) => {
    if (!dragging.current) return;
    const point = offsetAt(event.clientX, event.clientY);
    if (point === null) return;
    const at = snapToWord(body, point, dragging.current);
    if (dragging.current === "start" && at < span.end) set(at, span.end);
    if (dragging.current === "end" && at > span.start) set(span.start, at);
  };
  const handle = (which: "start" | "end") => (
    <span
      aria-hidden="true"
      data-testid={`span-handle-${which}`}
      onPointerDown={(event) => {
        event.preventDefault();
        // Captured by the text itself (the handle's parent), whose pointermove handler follows the drag.
        event.currentTarget.parentElement?.setPointerCapture?.(event.pointerId);
        dragging.current = which;
      }}
      className="mx-px inline-block h-5 w-1.5 cursor-ew-resize touch-none rounded-sm bg-accent align-text-bottom"
    />
  );
  const piece = (start: number, end: number, className = "") => (start < end ? <span data-offset={start} className={className}>{body.slice(start, end)}</span> : null);

  return (
    <div className="space-y-4">
      <div>
        <p className="text-sm text-muted">Drag the two handles on the text, or move an end a word at a time with the buttons.</p>
        <p
          className="mt-2 select-none whitespace-pre-wrap rounded-md border border-rule bg-paper p-3 font-serif text-sm leading-relaxed"
          onPointerMove={onPointerMove}
          onPointerUp={() => (dragging.current = null)}
          onPointerCancel={() => (dragging.current = null)}
        >
          {from > 0 ? "… " : null}
          {piece(from, span.start, "text-muted")}
          {handle("start")}
          {splitAt !== null && splitAt > span.start && splitAt < span.end ? (
            <>
              {piece(span.start, splitAt, "bg-amber-100")}
              <span aria-hidden="true" className="mx-px inline-block h-5 w-0.5 bg-red-700 align-text-bottom" title="Split here" />
              {piece(splitAt, span.end, "bg-amber-100")}
            </>
          ) : (
            piece(span.start, span.end, "bg-amber-100")
          )}
          {handle("end")}
          {piece(span.end, to, "text-muted")}
          {to < body.length ? " …" : null}
        </p>
        <div role="group" aria-label="Move the claim's ends by a word" className="mt-2 flex flex-wrap gap-2">
          {MOVES.map(({ move, label }) => (
            <Button key={move} type="button" variant="secondary" onClick={() => { const moved = moveSpan(body, span, move); set(moved.start, moved.end); }}>
              {label}
            </Button>
          ))}
        </div>
        <p aria-live="polite" className="mt-2 text-sm" data-testid="span-status">
          {changed ? draftStatus(body, span.start, span.end) : spanStatus(body, claim.start, claim.end)}
        </p>
        <div className="mt-2 flex flex-wrap items-start gap-2">
          <ActionForm action={actions.adjust} submitLabel="Save the new words" pendingLabel="Saving…" disabled={!changed} className="flex flex-wrap items-center gap-2">
            <input type="hidden" name="claimId" value={claim.id} />
            <input type="hidden" name="version" value={claim.version} />
            <input type="hidden" name="start" value={span.start} />
            <input type="hidden" name="end" value={span.end} />
          </ActionForm>
          {changed ? <Button type="button" variant="ghost" onClick={() => setDraft(null)}>Undo the changes</Button> : null}
        </div>
      </div>

      <div className="border-t border-rule pt-3">
        <p className="text-sm font-medium">Split in two</p>
        <p className="text-sm text-muted">Choose where: the words after the split become a new claim; sources, reviews and comments stay with the first part.</p>
        <div className="mt-2 flex flex-wrap gap-2">
          <Button type="button" variant="secondary" onClick={() => setCut(moveSpan(body, { start: claim.start, end: splitAt ?? claim.end }, "shrinkEnd").end)}>Split point one word earlier</Button>
          <Button type="button" variant="secondary" onClick={() => setCut(Math.min(claim.end - 1, moveSpan(body, { start: claim.start, end: splitAt ?? claim.start }, "extendEnd").end))}>Split point one word later</Button>
        </div>
        <p aria-live="polite" className="mt-2 text-sm" data-testid="split-status">
          {splitAt !== null ? splitStatus(body.slice(claim.start, splitAt), body.slice(splitAt, claim.end)) : "No split point chosen yet."}
        </p>
        <ActionForm action={actions.split} submitLabel="Split here" pendingLabel="Splitting…" disabled={splitAt === null || changed} className="mt-2 flex flex-wrap items-center gap-2">
          <input type="hidden" name="claimId" value={claim.id} />
          <input type="hidden" name="version" value={claim.version} />
          <input type="hidden" name="at" value={splitAt ?? ""} />
        </ActionForm>
      </div>

      <div className="border-t border-rule pt-3">
        <p className="text-sm font-medium">Merge with the next claim</p>
        {next ? (
          <>
            <p className="text-sm text-muted">Next: “{next.quote}”. It is dismissed as merged; its sources and comments move here.</p>
            <ActionForm action={actions.merge} submitLabel="Merge with next" pendingLabel="Merging…" variant="secondary" disabled={changed} confirm="Merge the next claim into this one?" className="mt-2 flex flex-wrap items-center gap-2">
              <input type="hidden" name="claimId" value={claim.id} />
              <input type="hidden" name="version" value={claim.version} />
              <input type="hidden" name="nextId" value={next.id} />
              <input type="hidden" name="nextVersion" value={next.version} />
            </ActionForm>
          </>
        ) : (
          <p className="text-sm text-muted">There is no claim after this one in the article.</p>
        )}
      </div>
    </div>
  );
}
