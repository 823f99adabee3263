"use client";

import Link from "next/link";
import { useCallback, useEffect, useMemo, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { segmentBody } from "@/lib/domain/segments";
import { STATUS_LABELS, type ClaimStatus } from "@/lib/domain/workflow";

type MarkClaim = { id: string; start: number; end: number; status: ClaimStatus };
type Selection = { start: number; end: number; top: number; left: number };

/**
 * Offset into the body of a selection boundary. Every run of article text carries its start
 * offset; a boundary between elements maps to the first run at or after it, or to the end of
 * the last run before it.
 */
function bodyOffset(root: HTMLElement, node: Node, offset: number): number | null {
  const parent = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  const run = parent?.closest<HTMLElement>("[data-offset]");
  if (run && node.nodeType === Node.TEXT_NODE) return Number(run.dataset.offset) + offset;
  const point = document.createRange();
  point.setStart(node, offset);
  let last: HTMLElement | null = null;
  for (const candidate of root.querySelectorAll<HTMLElement>("[data-offset]")) {
    const where = point.comparePoint(candidate, 0);
    if (where >= 0) return Number(candidate.dataset.offset);
    last = candidate;
  }
  return last ? Number(last.dataset.offset) + (last.textContent?.length ?? 0) : null;
}

export function ArticleText({
  articleId,
  body,
  claims,
  selectedId,
  hrefFor,
  createClaim,
}: {
  articleId: string;
  body: string;
  claims: MarkClaim[];
  selectedId: string | null;
  hrefFor: Record<string, string>;
  createClaim: ((previous: ActionResult | null, formData: FormData) => Promise<ActionResult>) | null;
}) {
  const container = useRef<HTMLDivElement>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const statusOf = useMemo(() => new Map(claims.map((c) => [c.id, c.status])), [claims]);
  // Selections re-render this component often; the article's runs only change with its claims.
  const paragraphs = useMemo(() => segmentBody(body, claims, selectedId), [body, claims, selectedId]);

  const readSelection = useCallback(() => {
    const root = container.current;
    const current = window.getSelection();
    if (!root || !current || current.isCollapsed || current.rangeCount === 0) return setSelection(null);
    const range = current.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return setSelection(null);
    const start = bodyOffset(root, range.startContainer, range.startOffset);
    const end = bodyOffset(root, range.endContainer, range.endOffset);
    if (start === null || end === null || end <= start) return setSelection(null);
    const rect = range.getBoundingClientRect();
    const box = root.getBoundingClientRect();
    setError(null);
    setSelection({ start, end, top: rect.bottom - box.top + 6, left: Math.max(0, rect.left - box.left) });
  }, []);

  useEffect(() => {
    if (!createClaim) return;
    document.addEventListener("selectionchange", readSelection);
    return () => document.removeEventListener("selectionchange", readSelection);
  }, [createClaim, readSelection]);

  function addClaim() {
    if (!selection || !createClaim) return;
    const form = new FormData();
    form.set("articleId", articleId);
    form.set("start", String(selection.start));
    form.set("end", String(selection.end));
    startTransition(async () => {
      const result = await createClaim(null, form);
      if (result && !result.ok) setError(result.message);
      else setSelection(null);
    });
  }

  return (
    <div ref={container} className="relative">
      <div className="font-serif text-[1.1875rem] leading-[1.75] text-ink [&>p+p]:mt-5" data-testid="article-body">
        {paragraphs.map((paragraph) => (
          <p key={paragraph.start}>
            {paragraph.runs.map((run) => {
              const text = body.slice(run.start, run.end);
              if (!run.claimId) return <span key={run.start} data-offset={run.start}>{text}</span>;
              const status = statusOf.get(run.claimId) ?? "DETECTED";
              return (
                <Link
                  key={run.start}
                  href={hrefFor[run.claimId] ?? "#"}
                  scroll={false}
                  className="claim-mark"
                  data-status={status}
                  data-claim-id={run.claimId}
                  aria-current={run.claimId === selectedId ? "true" : undefined}
                  data-first={run.isClaimStart ? "" : undefined}
                  title={`Claim · ${STATUS_LABELS[status]}`}
                  // Dragging across a claim selects its words instead of dragging the link, and
                  // letting go after a selection does not open the claim.
                  draggable={false}
                  onClick={(event) => {
                    if (!window.getSelection()?.isCollapsed) event.preventDefault();
                  }}
                >
                  {run.isClaimStart ? <span className="sr-only select-none">Claim, {STATUS_LABELS[status]}: </span> : null}
                  <span data-offset={run.start}>{text}</span>
                </Link>
              );
            })}
          </p>
        ))}
      </div>
      {createClaim && selection ? (
        <div className="no-print absolute z-10 flex items-center gap-2 rounded-md border border-rule bg-white p-1.5 shadow-lg" style={{ top: selection.top, left: selection.left }}>
          <button type="button" onClick={addClaim} disabled={pending} className="rounded bg-ink px-2.5 py-1 text-sm font-medium text-white hover:bg-black">
            {pending ? "Adding…" : "Add claim"}
          </button>
          {error ? <span role="alert" className="text-sm text-red-800">{error}</span> : null}
        </div>
      ) : null}
    </div>
  );
}
