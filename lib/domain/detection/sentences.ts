export type SentenceSpan = { start: number; end: number; text: string };

// Titles and other abbreviations that are always followed by more of the same sentence.
const NEVER_FINAL = new Set([
  "mr", "mrs", "ms", "dr", "prof", "rep", "reps", "sen", "sens", "gov", "lt", "gen", "col",
  "capt", "cmdr", "adm", "maj", "sgt", "rev", "hon", "pres", "supt", "atty", "fr", "mt", "ft",
  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
  "vs", "e.g", "i.e", "cf", "approx", "dept", "fig",
]);

// Abbreviations that may legitimately end a sentence ("... in the U.S. The next ...").
const MAYBE_FINAL = new Set(["jr", "sr", "inc", "corp", "co", "ltd", "llc", "st", "ave", "etc", "bros"]);

// After an ambiguous abbreviation, only these capitalised words are taken as a new sentence;
// any other capitalised word ("U.S. Senate", "9 a.m. Eastern") is read as a continuation.
const SENTENCE_STARTERS = new Set([
  "a", "an", "the", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their",
  "our", "my", "your", "this", "that", "these", "those", "there", "here", "but", "and", "or",
  "so", "yet", "still", "if", "when", "while", "after", "before", "since", "as", "at", "in",
  "on", "for", "from", "by", "with", "of", "to", "what", "why", "how", "who", "where", "which",
  "meanwhile", "however", "instead", "then", "now", "also", "some", "many", "most", "all",
  "no", "not", "one", "both", "each", "every", "other", "such", "last", "next", "although",
  "because", "despite", "during", "over", "under", "until", "according",
]);

const CLOSERS = new Set(["\"", "'", "”", "’", ")", "]", "»"]);
const OPENERS = new Set(["\"", "'", "“", "‘", "(", "[", "«"]);
const UPPER = /\p{Lu}/u;
const LETTER = /\p{L}/u;
const DIGIT = /[0-9]/;
const WORD = /^[\p{L}']+/u;

function isLineBreak(ch: string): boolean {
  return ch === "\n" || ch === "\r" || ch === "\u2028" || ch === "\u2029";
}

function isSpace(ch: string): boolean {
  return ch === " " || ch === "\t" || ch === "\u00a0" || ch === "\f" || ch === "\v" || ch === "\u202f";
}

function isWhitespace(ch: string): boolean {
  return isSpace(ch) || isLineBreak(ch) || /\s/u.test(ch);
}

/** The letters-and-dots token that ends right before `dot` ("U.S" for "the U.S."). */
function tokenBefore(body: string, dot: number): string {
  let t = dot;
  while (t > 0) {
    const ch = body[t - 1] ?? "";
    if (ch !== "." && !LETTER.test(ch)) break;
    t--;
  }
  return body.slice(t, dot);
}

function nextWord(body: string, from: number): string {
  return (WORD.exec(body.slice(from, from + 40))?.[0] ?? "").toLowerCase();
}

/** Whether the period at `dot` closes an abbreviation rather than the sentence. */
function isAbbreviation(body: string, dot: number, next: number): boolean {
  const token = tokenBefore(body, dot);
  if (token === "") return false;
  const lower = token.toLowerCase();
  const nextCh = body[next] ?? "";
  if (lower === "no" || lower === "nos") {
    if (DIGIT.test(nextCh)) return true;
    if (token === "No") return false;
  }
  if (NEVER_FINAL.has(lower)) return true;
  // Single capital initial: "J. K. Rowling".
  if (token.length === 1 && UPPER.test(token)) return true;
  const dotted = /^(?:\p{L}\.)+\p{L}$/u.test(token);
  if (!dotted && !MAYBE_FINAL.has(lower)) return false;
  if (!UPPER.test(nextCh)) return !OPENERS.has(nextCh) && !DIGIT.test(nextCh);
  return !SENTENCE_STARTERS.has(nextWord(body, next));
}

function pushTrimmed(out: SentenceSpan[], body: string, start: number, end: number): void {
  let s = start;
  let e = end;
  while (s < e && isWhitespace(body[s] ?? "")) s++;
  while (e > s && isWhitespace(body[e - 1] ?? "")) e--;
  if (e > s) out.push({ start: s, end: e, text: body.slice(s, e) });
}

/**
 * Splits an article body into sentences with exact offsets into `body`.
 * A line break always ends a sentence; within a line, a sentence ends at . ! ? (plus any
 * closing quotes or brackets) followed by whitespace and a capital, an opening quote or a digit.
 */
export function splitSentences(body: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  let segStart = 0;
  const n = body.length;
  for (let i = 0; i < n; i++) {
    const ch = body[i] ?? "";
    if (isLineBreak(ch)) {
      pushTrimmed(out, body, segStart, i);
      segStart = i + 1;
      continue;
    }
    if (ch !== "." && ch !== "!" && ch !== "?") continue;
    if (ch === "." && (body[i + 1] === "." || body[i - 1] === ".")) continue; // ellipsis
    let j = i + 1;
    while (j < n && (CLOSERS.has(body[j] ?? "") || body[j] === "!" || body[j] === "?")) j++;
    if (j >= n || !isSpace(body[j] ?? "")) continue;
    let k = j;
    while (k < n && isSpace(body[k] ?? "")) k++;
    const next = body[k] ?? "";
    if (k >= n || isLineBreak(next)) continue; // the line break ends it anyway
    if (!UPPER.test(next) && !OPENERS.has(next) && !DIGIT.test(next)) continue;
    if (ch === "." && isAbbreviation(body, i, k)) continue;
    pushTrimmed(out, body, segStart, j);
    segStart = k;
    i = k - 1;
  }
  pushTrimmed(out, body, segStart, n);
  return out;
}
