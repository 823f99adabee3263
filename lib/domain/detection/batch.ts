// Batch scoring of any text, sentence by sentence or line by line: the pure core of `npm run detect`.
import { CHECK_WORTHY_THRESHOLD } from "./detect";
import { attributeClaimant } from "./claimant";
import { scoreCheckWorthiness } from "./score";
import { type SentenceSpan, splitSentences } from "./sentences";

export type ScoredUnit = {
  text: string;
  /** Offsets into the input, in UTF-16 code units, like String.prototype.slice. */
  start: number;
  end: number;
  score: number;
  checkworthy: boolean;
  claimant: string | null;
  reasons: string[];
};

/** One span per non-blank line, trimmed, with offsets into `text`. */
export function splitLines(text: string): SentenceSpan[] {
  const spans: SentenceSpan[] = [];
  const pattern = /[^\r\n\u2028\u2029]+/g;
  for (const match of text.matchAll(pattern)) {
    const raw = match[0];
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body === "") continue;
    const start = (match.index ?? 0) + lead;
    spans.push({ start, end: start + body.length, text: body });
  }
  return spans;
}

/**
 * Scores every sentence of `text` (or every line, with `lines`), in order, with the same model,
 * threshold and claimant attribution as the detector behind article import.
 */
export function scoreText(text: string, options: { lines?: boolean; threshold?: number } = {}): ScoredUnit[] {
  const threshold = options.threshold ?? CHECK_WORTHY_THRESHOLD;
  const spans = options.lines ? splitLines(text) : splitSentences(text);
  return spans.map((span, index) => {
    const { score, reasons } = scoreCheckWorthiness(span.text);
    return {
      text: span.text,
      start: span.start,
      end: span.end,
      score,
      checkworthy: score >= threshold,
      claimant: attributeClaimant(spans, index),
      reasons,
    };
  });
}
