// PURE: the span editor's messages in words, not character offsets. A fact-checker reads "the
// claim covers “The city spent …” to “… last year.” (14 words)"; a screen reader hears the same
// (the messages are announced politely). Punctuation is quote-aware: a quotation that already ends
// a sentence gets no second full stop after its closing mark.

/** Up to this many words a passage is quoted whole; longer ones by their first and last words. */
export const WHOLE_UP_TO = 12;
/** How many words a long passage is quoted by at each end. */
export const ENDS = 4;

const words = (text: string) => text.trim().split(/\s+/).filter(Boolean);

/** "1 word", "14 words". */
export const wordCount = (text: string) => {
  const n = words(text).length;
  return `${n} ${n === 1 ? "word" : "words"}`;
};

/** Ends like a sentence (or a clause): a mark after which our own punctuation would double it. */
const ENDS_WITH_MARK = /[.!?…,;:]$/;
const ENDS_SENTENCE = /[.!?…]$/;

/** A quotation in curly quotes. */
export const quoted = (text: string) => `“${text}”`;

/** The passage itself when short, else `“first words …” to “… last words”`. */
export function quotePassage(text: string): string {
  const all = words(text);
  if (all.length <= WHOLE_UP_TO) return quoted(all.join(" "));
  return `${quoted(`${all.slice(0, ENDS).join(" ")} …`)} to ${quoted(`… ${all.slice(-ENDS).join(" ")}`)}`;
}

/** The last few words of a passage ("… Ana Ruiz said"), for where a split cuts. */
export function quoteEnd(text: string, count = ENDS + 2): string {
  const all = words(text);
  return quoted(all.length <= count ? all.join(" ") : `… ${all.slice(-count).join(" ")}`);
}

/** The first few words of a passage ("the city spent …"). */
export function quoteStart(text: string, count = ENDS + 2): string {
  const all = words(text);
  return quoted(all.length <= count ? all.join(" ") : `${all.slice(0, count).join(" ")} …`);
}

/** A sentence ending in a quotation: a full stop after the closing mark unless the quotation already ends one. */
function endAfterQuote(sentence: string, lastQuoted: string): string {
  return ENDS_SENTENCE.test(lastQuoted.trim()) ? sentence : `${sentence}.`;
}

/** The status line for a claim's saved span. */
export function spanStatus(body: string, start: number, end: number): string {
  const text = body.slice(start, end);
  return `The claim covers ${quotePassage(text)} (${wordCount(text)}).`;
}

/** The status line for a span being changed and not saved yet. */
export function draftStatus(body: string, start: number, end: number): string {
  const text = body.slice(start, end);
  return `New words: ${quotePassage(text)} (${wordCount(text)}). Not saved yet.`;
}

/**
 * Where a split cuts, in words: the end of the first part and the start of the second. When the
 * first part ends with its own mark ("said,", "department.") the clauses are joined by a dash
 * rather than a semicolon; the full stop is left out when the second part ends a sentence.
 */
export function splitStatus(first: string, second: string): string {
  const a = first.trim();
  const b = second.trim();
  const joint = ENDS_WITH_MARK.test(a) ? " —" : ";";
  const lastQuoted = words(b).length <= ENDS + 2 ? b : `${b} …`;
  return endAfterQuote(`Split after ${quoteEnd(a)}${joint} the new claim starts ${quoteStart(b)}`, lastQuoted);
}
