import { buildSelector, CONTEXT_LENGTH } from "../anchoring";
import { attributeClaimant } from "./claimant";
import { scoreCheckWorthiness } from "./score";
import { splitSentences } from "./sentences";

export type DetectedClaim = {
  start: number;
  end: number;
  quote: string;
  prefix: string;
  suffix: string;
  statement: string;
  claimant: string | null;
  score: number;
  reasons: string[];
};

/**
 * Scores are re-centred so that the model's threshold, chosen on the CheckThat! dev split, sits
 * at 0.5; see docs/detection.md.
 */
export const CHECK_WORTHY_THRESHOLD = 0.5;

/**
 * The single entry point for claim detection: sentences scored by the trained model
 * (scoreCheckWorthiness), anchored and attributed. Everything downstream relies only on this
 * signature.
 */
export function detectClaims(body: string, options: { threshold?: number } = {}): DetectedClaim[] {
  const threshold = options.threshold ?? CHECK_WORTHY_THRESHOLD;
  const sentences = splitSentences(body);
  const claims: DetectedClaim[] = [];
  sentences.forEach((sentence, index) => {
    const { score, reasons } = scoreCheckWorthiness(sentence.text);
    if (score < threshold) return;
    const selector = buildSelector(body, sentence.start, sentence.end, CONTEXT_LENGTH);
    claims.push({
      start: sentence.start,
      end: sentence.end,
      ...selector,
      statement: sentence.text.replace(/\s+/g, " "),
      claimant: attributeClaimant(sentences, index),
      score,
      reasons,
    });
  });
  return claims;
}
