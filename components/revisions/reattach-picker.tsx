"use client";

import { useEffect, useRef, useState } from "react";
import { ActionForm } from "@/components/ui/action-form";
import type { ActionResult } from "@/lib/actions/workspace-action";

type Orphan = { id: string; quote: string; statement: string; version: number; anchorConfidence: number | null };

/**
 * Orphaned claims for editors: select the words in the current text that a claim is now about,
 * then re-attach it there. The text is one text node, so the selection's offsets are the
 * article's own UTF-16 offsets (the server widens them to whole words).
 */
export function ReattachPicker({ body, orphans, action, claimHref }: { body: string; orphans: Orphan[]; claimHref: string; action: (previous: ActionResult | null, formData: FormData) => Promise<ActionResult> }) {
  const textRef = useRef<HTMLDivElement>(null);
  const [span, setSpan] = useState<{ start: number; end: number } | null>(null);

  function readSelection() {
    const selection = window.getSelection();
    const node = textRef.current?.firstChild;
    if (!selection || selection.rangeCount === 0 || !node) return;
    const range = selection.getRangeAt(0);
    if (range.startContainer !== node || range.endContainer !== node || range.collapsed) return;
    setSpan({ start: range.startOffset, end: range.endOffset });
  }

  // Touch screens select with handles and fire no mouseup after adjusting them: follow the selection itself.
  useEffect(() => {
    const onChange = () => readSelection();
    document.addEventListener("selectionchange", onChange);
    return () => document.removeEventListener("selectionchange", onChange);
  });

  const selected = span ? body.slice(span.start, span.end) : "";
  return (
    <div className="space-y-4">
      <p className="text-sm text-muted">Select the words a claim is about in the current text below, then choose “Re-attach here” beside the claim.</p>
      <div
        ref={textRef}
        onMouseUp={readSelection}
        onKeyUp={readSelection}
        tabIndex={0}
        role="textbox"
        aria-readonly="true"
        aria-multiline="true"
        aria-label="Current text: select the words to re-attach a claim to"
        className="max-h-80 overflow-y-auto whitespace-pre-wrap rounded-lg border border-rule bg-white p-4 font-serif text-base leading-relaxed focus:outline-2 focus:outline-accent"
      >
        {body}
      </div>
      <p aria-live="polite" className="text-sm">
        {selected ? (
          <>
            Selected: <q className="font-medium">{selected.length > 160 ? `${selected.slice(0, 160)}…` : selected}</q>
          </>
        ) : (
          "Nothing selected yet."
        )}
      </p>
      <ul className="divide-y divide-rule rounded-lg border border-rule bg-white">
        {orphans.map((claim) => (
          <li key={claim.id} className="space-y-2 px-4 py-3 text-sm">
            <p>
              <span className="font-medium">Was: </span>
              <q>{claim.quote}</q>
            </p>
            {claim.statement !== claim.quote ? <p className="text-muted">Statement: {claim.statement}</p> : null}
            <p className="text-muted">
              {claim.anchorConfidence !== null && claim.anchorConfidence >= 0.05
                ? `Could not be placed with confidence: the closest words matched ${Math.round(claim.anchorConfidence * 100)}%.`
                : "Its words are no longer in the text."}
            </p>
            <p>
              <a href={`${claimHref}${claim.id}`} className="text-accent hover:underline">
                Open the claim<span className="sr-only"> “{claim.quote.slice(0, 60)}”</span>
              </a>{" "}
              to read its reviews or dismiss it with a reason.
            </p>
            <ActionForm action={action} disabled={!span} submitLabel="Re-attach here" pendingLabel="Re-attaching…" ariaLabel={`Re-attach the claim “${claim.quote.slice(0, 60)}” to the selected words`} className="flex flex-wrap items-center gap-2">
              <input type="hidden" name="claimId" value={claim.id} />
              <input type="hidden" name="version" value={claim.version} />
              <input type="hidden" name="start" value={span?.start ?? ""} />
              <input type="hidden" name="end" value={span?.end ?? ""} />
            </ActionForm>
          </li>
        ))}
      </ul>
    </div>
  );
}
