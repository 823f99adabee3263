// PURE: cuts an article body into paragraphs and runs of text, each run covered by the same set
// of claims, so overlapping claims can be marked without nesting links.
/** `dismissed`: a claim set aside, which yields its words to any other claim covering them. */
export type SpanLike = { id: string; start: number; end: number; dismissed?: boolean };
export type Run = { start: number; end: number; claimId: string | null; isClaimStart: boolean };
export type Paragraph = { start: number; end: number; runs: Run[] };

export function segmentBody(body: string, claims: readonly SpanLike[], selectedId?: string | null): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const started = new Set<string>();
  // One pass over the claims in order of their start, keeping those still open: linear in the
  // claims and paragraphs together, where testing every claim against every paragraph made a
  // 1,000-claim article cost a million comparisons per render.
  const byStart = claims.map((claim, index) => ({ claim, index })).sort((a, b) => a.claim.start - b.claim.start);
  let next = 0;
  let open: typeof byStart = [];
  let cursor = 0;
  for (const line of body.split("\n")) {
    const start = cursor;
    const end = start + line.length;
    cursor = end + 1;
    if (line.trim() === "") continue;
    open = open.filter((o) => o.claim.end > start);
    while (next < byStart.length && byStart[next]!.claim.start < end) {
      if (byStart[next]!.claim.end > start) open.push(byStart[next]!);
      next += 1;
    }
    // In the order the claims were given, which settles ties between equally narrow claims.
    const inside = open.filter((o) => o.claim.start < end).sort((a, b) => a.index - b.index).map((o) => o.claim);
    paragraphs.push({ start, end, runs: runsWithin(start, end, inside, selectedId ?? null, started) });
  }
  return paragraphs;
}

/** The runs of one paragraph, from the claims that overlap it (`inside`). */
function runsWithin(from: number, to: number, inside: readonly SpanLike[], selectedId: string | null, started: Set<string>): Run[] {
  const cuts = new Set<number>([from, to]);
  for (const c of inside) {
    if (c.start > from) cuts.add(c.start);
    if (c.end < to) cuts.add(c.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: Run[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    const covering = inside.filter((c) => c.start <= start && c.end >= end);
    // The selected claim wins where claims overlap; otherwise the narrowest, the most specific,
    // among those still in play (a claim merged into another stays, dismissed, under its words).
    const narrowest = (list: readonly SpanLike[]) => [...list].sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    const owner = covering.find((c) => c.id === selectedId) ?? narrowest(covering.filter((c) => !c.dismissed)) ?? narrowest(covering);
    const claimId = owner?.id ?? null;
    // Cut points come from every claim, hidden ones too: a claim merged into another stays,
    // dismissed, under its words. Where the same claim owns both sides of a cut, the run goes
    // on, so a merged claim is drawn as one mark, as if it had been detected whole.
    const last = runs[runs.length - 1];
    if (last && last.claimId === claimId) {
      last.end = end;
      continue;
    }
    const isClaimStart = claimId !== null && !started.has(claimId);
    if (claimId) started.add(claimId);
    runs.push({ start, end, claimId, isClaimStart });
  }
  return runs;
}
