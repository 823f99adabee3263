"use client";

import Link from "next/link";
import { useCallback, useEffect, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { segmentBody } from "@/lib/domain/segments";
import { STATUS_LABELS, type ClaimStatus } from "@/lib/domain/workflow";

type MarkClaim = { id: string; start: number; end: number; status: ClaimStatus };
type Selection = { start: number; end: number; top: number; left: number };

/** Offset into the body of a point in the rendered text: every run carries its start offset. */
function bodyOffset(node: Node, offset: number): number | null {
  const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  const run = element?.closest<HTMLElement>("[data-offset]");
  if (!run) {
    // A boundary between elements (a triple-click, say): use the run at or before that point.
    if (!element) return null;
    const child = element.childNodes[offset];
    const next = child instanceof Element ? (child.matches("[data-offset]") ? child : child.querySelector("[data-offset]")) : null;
    if (next instanceof HTMLElement) return Number(next.dataset.offset);
    const runs = element.querySelectorAll<HTMLElement>("[data-offset]");
    const last = runs[runs.length - 1];
    return last ? Number(last.dataset.offset) + (last.textContent?.length ?? 0) : null;
  }
  const base = Number(run.dataset.offset);
  if (node.nodeType === Node.TEXT_NODE) return base + offset;
  return offset === 0 ? base : base + (run.textContent?.length ?? 0);
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
  const statusOf = new Map(claims.map((c) => [c.id, c.status]));

  const readSelection = useCallback(() => {
    const root = container.current;
    const current = window.getSelection();
    if (!root || !current || current.isCollapsed || current.rangeCount === 0) return setSelection(null);
    const range = current.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return setSelection(null);
    const start = bodyOffset(range.startContainer, range.startOffset);
    const end = bodyOffset(range.endContainer, range.endOffset);
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
        {segmentBody(body, claims, selectedId).map((paragraph) => (
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
                  title={`Claim · ${STATUS_LABELS[status]}`}
                >
                  {run.isClaimStart ? <span className="sr-only">Claim, {STATUS_LABELS[status]}: </span> : null}
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
