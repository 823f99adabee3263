// PURE: what a search box's text means to PostgreSQL, and how a highlighted snippet comes back.
//
// The text people type is never handed to PostgreSQL's tsquery parser as it is: it is cut into
// words (letters and digits only), so & | ! : * ( ) ' \ and every other symbol are separators,
// never operators, and no input can make the query fail. Every word must match (AND); the last
// one also matches as a prefix, so results follow the typing.

/** At most this many characters of the box are read, and this many words of them used. */
export const MAX_QUERY_CHARS = 500;
export const MAX_QUERY_WORDS = 12;
const MAX_WORD_CHARS = 60;

/** The words of a query as PostgreSQL will look for them, lower-cased, in order. */
export function queryWords(raw: string): string[] {
  const words = raw.slice(0, MAX_QUERY_CHARS).toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.slice(0, MAX_QUERY_WORDS).map((word) => word.slice(0, MAX_WORD_CHARS));
}

/** The last word alone as a prefix query (what the GIN index must expand), or null. */
export function lastWordPrefix(raw: string): string | null {
  const words = queryWords(raw);
  return words.length ? toTsQuery(words[words.length - 1]!) : null;
}

/**
 * The argument for to_tsquery('english', ...): quoted words joined by AND, the last one a
 * prefix. Null when there is nothing to look for. Words hold only letters and digits, so the
 * quoting is belt and braces.
 */
export function toTsQuery(raw: string, options: { prefixLast?: boolean; join?: "&" | "|" } = {}): string | null {
  const words = queryWords(raw);
  if (words.length === 0) return null;
  const prefixLast = options.prefixLast ?? true;
  return words
    .map((word, i) => `'${word.replace(/'/g, "''").replace(/\\/g, "\\\\")}'${prefixLast && i === words.length - 1 ? ":*" : ""}`)
    .join(` ${options.join ?? "&"} `);
}

/**
 * How the matches of one kind are found and ranked, chosen per query from a probe: the kind's
 * newest PROBE_ROWS rows (in the date range) are read and counted. "index" asks the GIN index for
 * every match and ranks them all; "newest" walks the rows newest first until `bound` matches are
 * found and ranks those. The index costs a row read per match of the words (the other filters are
 * checked on each); the walk costs a row read per row passed. PostgreSQL's own estimate of the
 * match count was too far off to choose by (docs/decisions/025-search-and-matching.md).
 */
export const PROBE_ROWS = 1000;

export type SearchProbe = {
  /** Rows read, newest first (fewer than PROBE_ROWS when the kind has no more in range). */
  sampled: number;
  /** Of them, rows matching the words. */
  wordHits: number;
  /** Of them, rows matching the words and passing every filter. */
  hits: number;
  /** Of them, rows matching the last word's prefix alone. */
  prefixHits: number;
  /** PostgreSQL's count of the table's rows (pg_class.reltuples, every workspace). */
  rows: number;
  /**
   * Of them, rows (for sources and comments: rows whose claim) passing the claimant filter, when
   * the trigram index can find it (three letters or more); null otherwise.
   */
  filterHits?: number | null;
  /** PostgreSQL's count of claims (pg_class.reltuples of "Claim"), for the filter plan. */
  claimRows?: number;
  /**
   * Claims only: the claimant's trigram index is a bitmap the index plan ANDs with the words'
   * one, so that plan reads only the rows passing both.
   */
  filterBitmap?: boolean;
};

/**
 * "index": every match from the GIN index, all ranked (`fellBack` when a walk gave up first).
 * "newest": a walk newest first until `bound` matches; with a `budget`, a walk that reads that
 * many rows without finding them gives up and the index is asked instead.
 * "filter": the claims passing the claim filters, found through the claimant's trigram index,
 * each checked for the words (for sources and comments: each such claim's rows, looked up by
 * claim); every match ranked, as by the index.
 * For a common word and a claimant with few claims ("wages" by Ted Cruz: the index read 70,000
 * matches of the word to keep 460).
 */
export type SearchPlan = { find: "index"; fellBack?: true } | { find: "newest"; bound: number; budget?: number } | { find: "filter" };

/** A claimant filter the trigram index can find: it needs a run of three letters or digits. */
export const claimantIndexable = (claimant: string | undefined): boolean => Boolean(claimant && /[\p{L}\p{N}]{3}/u.test(claimant));

/** How many times its estimate a walk may read before it gives up for the index. */
export const WALK_BUDGET = 3;

/**
 * What the index pays per row holding a word that starts with the last word's prefix, against a
 * row read: a prefix is expanded into every word it starts and their rows gathered in a bitmap
 * that the other words cannot skip through ("gas prices dou": 63 ms in the index for 6,672
 * matches, 8 ms with "doubl" whole), measured at 0.2 to 0.7 µs a row against 3 to 5 µs.
 */
export const PREFIX_ROW_COST = 0.2;
/**
 * What the index pays per match against a row the walk reads: about the same, since the matches
 * of a word rare enough for the index sit about one to a page ("Detroit", 9,547 matches on 8,928
 * pages: 45 ms by the index, 4.7 µs a match, against 3.5 to 5 µs a row walked).
 */
export const INDEX_ROW_COST = 1;

/**
 * What the filter plan pays per claim passing the claimant filter, against a row walked: a claim
 * read through a bitmap, in page order (6,791 claims by Ted Cruz in 13 to 20 ms when in
 * PostgreSQL's buffers; more when they are not: 19,344 by Polis took 280 ms under load); for
 * sources and comments also the lookup of the claim's rows in the small (workspaceId, claimId)
 * index (another 20 ms for Ted Cruz's).
 */
export const FILTER_ROW_COST = { claim: 1, other: 1.2 } as const;
/**
 * What a source or comment matching the words costs, under a claim filter, to check against its
 * claim: a claim's page read at random from a table of a million ("unemployment" by Ted Cruz read
 * 14,661 sources through the index and each one's claim, 139 ms, 9.5 µs a match).
 */
export const CLAIM_LOOKUP_COST = 1.5;
/**
 * What a row costs in a bitmap the index plan of claims ANDs (the words' GIN bitmap with the
 * claimant's trigram one), against a row read: "wages" by Ted Cruz put 70,000 and 6,859 rows in
 * the bitmaps to read the 460 in both, and took longer than reading Ted Cruz's 6,859 claims; by
 * Polis (19,344 claims) it took a third of the time.
 */
export const BITMAP_ROW_COST = 0.15;

export function chooseSearchPlan(
  probe: SearchProbe,
  candidates: number,
  options: { probeRows?: number; filterRowCost?: number; claimLookupCost?: number } = {},
): SearchPlan {
  const { probeRows = PROBE_ROWS, filterRowCost = FILTER_ROW_COST.claim, claimLookupCost = 0 } = options;
  // The probe read every row in range: walking them again costs no more, and ranks every match.
  if (probe.sampled < probeRows) return { find: "newest", bound: probeRows };
  const rows = Math.max(probe.rows, probe.sampled);
  // Rows the walk reads to find `candidates` matches at the rate the probe saw, taken a little
  // low (hits less half their square root: a count of a few is partly chance); a single hit
  // counts as none, which means the walk might read every row.
  const sure = probe.hits - Math.sqrt(probe.hits) / 2;
  const walk = sure >= 1 ? Math.min(rows, (candidates * probe.sampled) / sure) : rows;
  // Matches the index hands over, each read before the filters are checked, and the rows of the
  // prefix it expands to find them.
  const index = (rows * (INDEX_ROW_COST * probe.wordHits + PREFIX_ROW_COST * probe.prefixHits)) / probe.sampled;
  // The claims passing the claimant filter, taken high (a count of a few is partly chance, none
  // seen may still be some, and a claimant's claims that do not fit in PostgreSQL's buffers are
  // read again on every search: 17,000 claims by Polis, 290 ms), each checked for the words. It is
  // weighed against what the index and the walk cost with their claim lookups (sources and
  // comments under a claim filter check each match against its claim: `claimLookupCost`); when
  // it does not win, the choice between those two is the same as without it.
  if (probe.filterHits !== null && probe.filterHits !== undefined) {
    const claims = Math.max(probe.claimRows ?? rows, 1);
    const filter = (filterRowCost * claims * (probe.filterHits + Math.sqrt(probe.filterHits) + 0.5)) / probe.sampled;
    const lookups = (claimLookupCost * probe.wordHits) / probe.sampled;
    // With a claimant, the index plan of claims reads only the rows in both bitmaps.
    const bitmapAnd = probe.filterBitmap ? (rows * (BITMAP_ROW_COST * (Math.max(probe.wordHits, probe.prefixHits) + probe.filterHits) + probe.hits)) / probe.sampled : Infinity;
    if (filter < Math.min(index + rows * lookups, bitmapAnd) && filter < walk * (1 + lookups)) return { find: "filter" };
  }
  if (index <= walk) return { find: "index" };
  // A walk that finds fewer than hoped could still read every row, so it gives up after
  // WALK_BUDGET times its estimate and the index is asked instead. ("wages" by a claimant with
  // 2 % of the claims walked 83,000 rows, 470 to 600 ms, when one chance hit was trusted.)
  return { find: "newest", bound: candidates, budget: Math.max(probeRows, Math.ceil(WALK_BUDGET * walk)) };
}

/**
 * ts_headline marks matches with these private-use characters (StartSel/StopSel): the page turns
 * them into <mark> elements as React text, never as HTML, so an article's own markup stays text.
 */
export const MARK_START = "\uE000";
export const MARK_STOP = "\uE001";

export type SnippetPart = { text: string; marked: boolean };

/** Splits a snippet at its markers; anything unbalanced is shown as plain text. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = snippet;
  while (rest.length > 0) {
    const start = rest.indexOf(MARK_START);
    if (start < 0) break;
    const stop = rest.indexOf(MARK_STOP, start + 1);
    if (stop < 0) break;
    if (start > 0) parts.push({ text: rest.slice(0, start).replaceAll(MARK_STOP, ""), marked: false });
    const marked = rest.slice(start + 1, stop).replaceAll(MARK_START, "");
    if (marked) parts.push({ text: marked, marked: true });
    rest = rest.slice(stop + 1);
  }
  const tail = rest.replaceAll(MARK_START, "").replaceAll(MARK_STOP, "");
  if (tail) parts.push({ text: tail, marked: false });
  return parts;
}

/** A snippet as plain text (the markers dropped), for the API's `text` field and screen readers. */
export const snippetText = (snippet: string): string => snippet.replaceAll(MARK_START, "").replaceAll(MARK_STOP, "");

export const SEARCH_KINDS = ["article", "claim", "source", "comment"] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const SEARCH_KIND_LABELS: Record<SearchKind, string> = { article: "Article", claim: "Claim", source: "Source", comment: "Comment" };

/** Where a result opens: the article, at its claim when it has one (the article page's ?claim=). */
export function resultHref(workspace: string, result: { articleId: string; claimId: string | null }): string {
  const base = `/w/${encodeURIComponent(workspace)}/articles/${encodeURIComponent(result.articleId)}`;
  return result.claimId ? `${base}?claim=${encodeURIComponent(result.claimId)}#claim-panel` : base;
}
