// PURE: cuts an article body into paragraphs and runs of text, each run covered by the same set
// of claims, so overlapping claims can be marked without nesting links.
export type SpanLike = { id: string; start: number; end: number };
export type Run = { start: number; end: number; claimId: string | null; isClaimStart: boolean };
export type Paragraph = { start: number; end: number; runs: Run[] };

export function segmentBody(body: string, claims: readonly SpanLike[], selectedId?: string | null): Paragraph[] {
  const paragraphs: Paragraph[] = [];
  const started = new Set<string>();
  let cursor = 0;
  for (const line of body.split("\n")) {
    const start = cursor;
    const end = start + line.length;
    cursor = end + 1;
    if (line.trim() === "") continue;
    paragraphs.push({ start, end, runs: runsWithin(start, end, claims, selectedId ?? null, started) });
  }
  return paragraphs;
}

function runsWithin(from: number, to: number, claims: readonly SpanLike[], selectedId: string | null, started: Set<string>): Run[] {
  const inside = claims.filter((c) => c.start < to && c.end > from);
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
    // The selected claim wins where claims overlap; otherwise the narrowest, the most specific.
    const owner = covering.find((c) => c.id === selectedId) ?? [...covering].sort((a, b) => a.end - a.start - (b.end - b.start))[0];
    const claimId = owner?.id ?? null;
    const isClaimStart = claimId !== null && !started.has(claimId);
    if (claimId) started.add(claimId);
    runs.push({ start, end, claimId, isClaimStart });
  }
  return runs;
}
