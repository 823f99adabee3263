"use client";

import Link from "next/link";
import { memo, useCallback, useEffect, useMemo, useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { alignToCharacters } from "@/lib/domain/anchoring";
import { segmentBody, type Paragraph } from "@/lib/domain/segments";
import { STATUS_LABELS, type ClaimStatus } from "@/lib/domain/workflow";
import { ADD_CLAIM_EVENT } from "../keyboard/events";
import { LinkPending } from "../keyboard/pending";
import { forgetScroll, rememberScroll } from "../keyboard/place";
import { useShortcutPrefs } from "../keyboard/prefs-store";
import { useLiveArticle } from "./live-article";

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

/** Where a claim opens: the article's address with the claim and the list's filter. */
export function claimHref(base: string, claimId: string, filter: string | null): string {
  const search = new URLSearchParams({ claim: claimId, ...(filter ? { status: filter } : {}) });
  return `${base}?${search}`;
}

/**
 * One paragraph of the article. Memoized on its runs and on the statuses of the claims in it,
 * so a live change re-renders only the paragraphs it touches, even in a very long article.
 */
const ArticleParagraph = memo(function ArticleParagraph({ body, paragraph, statuses, selectedId, hrefOf }: {
  body: string;
  paragraph: Paragraph;
  /** "id=STATUS" for each claim in the paragraph: its identity changes only when they do. */
  statuses: string;
  selectedId: string | null;
  hrefOf: (claimId: string) => string;
}) {
  const statusOf = new Map(statuses.split(",").map((pair) => pair.split("=") as [string, ClaimStatus]));
  return (
    <p>
      {paragraph.runs.map((run) => {
        const text = body.slice(run.start, run.end);
        if (!run.claimId) return <span key={run.start} data-offset={run.start}>{text}</span>;
        const status = statusOf.get(run.claimId) ?? "DETECTED";
        return (
          <Link
            key={run.start}
            href={hrefOf(run.claimId)}
            // Not prefetched: each claim's address is a whole page rendered per request, and
            // prefetching every claim in view cost the server and the browser a render each at load.
            prefetch={false}
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
            <LinkPending />
          </Link>
        );
      })}
    </p>
  );
});

/**
 * About this much text is drawn with the page's first render; a longer article draws the rest
 * right after it, in a transition, so the page's HTML stays small and its first paint quick.
 */
const FIRST_RENDER_CHARS = 12_000;

/**
 * How many paragraphs the first render draws: at least one, about `budget` characters, and
 * always as far as the open claim (`mustReach`, its offset), which the page scrolls to.
 */
export function firstRenderCount(paragraphs: readonly Paragraph[], mustReach = 0, budget = FIRST_RENDER_CHARS): number {
  const first = paragraphs[0];
  if (!first) return 0;
  let count = 1;
  while (count < paragraphs.length && (paragraphs[count]!.end - first.start <= budget || paragraphs[count]!.start <= mustReach)) count += 1;
  return count;
}

// Set once the browser has drawn a page in full: later mounts (opening and closing claims)
// draw everything at once, so what they scroll to is there. Never set on the server.
let drawnOnce = false;

/** False for the page's first render, true once it is live: long lists draw their rest then. */
export function useDrawnInFull(): boolean {
  const [full, setFull] = useState(drawnOnce);
  const [, startDrawing] = useTransition();
  useEffect(() => {
    drawnOnce = true;
    if (!full) startDrawing(() => setFull(true));
  }, [full]);
  return full;
}

export function ArticleText({
  articleId,
  base,
  filter,
  highlightThreshold = 0,
  createClaim,
}: {
  articleId: string;
  /** Detected claims scoring below this stay in the list for triage but are not marked in the text. */
  highlightThreshold?: number;
  /** The article's address; claim links add `?claim=…`. */
  base: string;
  filter: string | null;
  createClaim: ((previous: ActionResult | null, formData: FormData) => Promise<ActionResult>) | null;
}) {
  const { body, claims: allClaims, selectedClaimId: selectedId } = useLiveArticle();
  // A low-scoring detected claim is marked only once someone has triaged it, or while it is open.
  const claims = useMemo(
    () => allClaims.filter((c) => c.status !== "DETECTED" || c.origin === "MANUAL" || c.id === selectedId || (c.score ?? 1) >= highlightThreshold),
    [allClaims, highlightThreshold, selectedId],
  );
  const container = useRef<HTMLDivElement>(null);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const hrefOf = useCallback((claimId: string) => claimHref(base, claimId, filter), [base, filter]);
  // The runs depend only on where claims are, not on their statuses: cut the text again only
  // when a claim is added or moved, or another one is selected.
  const spansKey = claims.map((c) => `${c.id}:${c.start}:${c.end}:${c.status === "DISMISSED" ? "x" : ""}`).join("|");
  const paragraphs = useMemo(
    () => segmentBody(body, claims.map((c) => ({ id: c.id, start: c.start, end: c.end, dismissed: c.status === "DISMISSED" })), selectedId),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- keyed on the spans, not the array
    [body, spansKey, selectedId],
  );
  const statusOf = useMemo(() => new Map(claims.map((c) => [c.id, c.status])), [claims]);
  const full = useDrawnInFull();
  const openAt = claims.find((c) => c.id === selectedId)?.start ?? 0;
  const drawn = full ? paragraphs : paragraphs.slice(0, firstRenderCount(paragraphs, openAt));

  const readSelection = useCallback(() => {
    const root = container.current;
    const current = window.getSelection();
    if (!root || !current || current.isCollapsed || current.rangeCount === 0) return setSelection(null);
    const range = current.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return setSelection(null);
    const from = bodyOffset(root, range.startContainer, range.startOffset);
    const to = bodyOffset(root, range.endContainer, range.endOffset);
    if (from === null || to === null || to <= from) return setSelection(null);
    // UTF-16 offsets, as the server counts them; never between the halves of an astral letter.
    const { start, end } = alignToCharacters(body, from, to);
    const rect = range.getBoundingClientRect();
    const box = root.getBoundingClientRect();
    setError(null);
    setSelection({ start, end, top: rect.bottom - box.top + 6, left: Math.max(0, rect.left - box.left) });
  }, [body]);

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
    // The new claim opens through a redirect, which would put the reader back at the top.
    rememberScroll();
    startTransition(async () => {
      const result = await createClaim(null, form);
      if (result && !result.ok) {
        forgetScroll();
        setError(result.message);
      } else setSelection(null);
    });
  }
  // The "Add claim" key (see the shortcuts dialog) does what the button does.
  const addClaimRef = useRef(addClaim);
  useEffect(() => {
    addClaimRef.current = addClaim;
  });
  useEffect(() => {
    const onAdd = () => addClaimRef.current();
    window.addEventListener(ADD_CLAIM_EVENT, onAdd);
    return () => window.removeEventListener(ADD_CLAIM_EVENT, onAdd);
  }, []);
  const { enabled, keys } = useShortcutPrefs();
  const addKey = enabled ? keys.addClaim : "";

  return (
    <div ref={container} className="relative">
      <div className="font-serif text-[1.1875rem] leading-[1.75] text-ink [&>p+p]:mt-5" data-testid="article-body">
        {drawn.map((paragraph) => (
          <ArticleParagraph
            key={paragraph.start}
            body={body}
            paragraph={paragraph}
            statuses={[...new Set(paragraph.runs.flatMap((r) => (r.claimId ? [r.claimId] : [])))].map((id) => `${id}=${statusOf.get(id) ?? "DETECTED"}`).join(",")}
            selectedId={selectedId}
            hrefOf={hrefOf}
          />
        ))}
      </div>
      {createClaim && selection ? (
        <div className="no-print absolute z-10 flex items-center gap-2 rounded-md border border-rule bg-white p-1.5 shadow-lg" style={{ top: selection.top, left: selection.left }}>
          <button type="button" onClick={addClaim} disabled={pending} aria-keyshortcuts={addKey || undefined} className="inline-flex items-center gap-1.5 rounded bg-ink px-2.5 py-1 text-sm font-medium text-white hover:bg-black">
            {pending ? "Adding…" : "Add claim"}
            {addKey && !pending ? <kbd aria-hidden="true" className="rounded border border-white/40 px-1 font-mono text-xs leading-4">{addKey}</kbd> : null}
          </button>
          {error ? <span role="alert" className="text-sm text-red-800">{error}</span> : null}
        </div>
      ) : null}
    </div>
  );
}
