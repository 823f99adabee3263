import type { CheckWorthiness } from "./signals";
import { countWords } from "./signals";
import type { Contribution, DetectorModel } from "./model";
import { scoreSentence } from "./model";
import trained from "./model.json";

export type { CheckWorthiness } from "./signals";

export const MODEL = trained as DetectorModel;

// A part of the sentence is named as a reason only when it moves the log-odds at least this much.
const MIN_REASON_WEIGHT = 0.25;
const MAX_WORDING = 3;
// Bare function words explain nothing to a reviewer, even when the model leans on them.
const STOP_WORDS = new Set(
  "a an the and or but of to in on at for by with from as is are was were be been it its this that these those there he she they we i you his her their our my your not no so do does did have has had".split(
    " ",
  ),
);

function describeWording(terms: readonly Contribution[]): string | null {
  const shown = terms
    .filter((t) => t.weight >= MIN_REASON_WEIGHT && t.label.split(" ").some((w) => !STOP_WORDS.has(w)))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, MAX_WORDING)
    .map((t) => `“${t.label}”`);
  return shown.length > 0 ? `wording typical of checked claims: ${shown.join(", ")}` : null;
}

/**
 * How check-worthy a sentence is, by the trained model (model.json, see docs/detection.md).
 * The score is the model's probability re-centred so that the threshold chosen on the dev split
 * sits at 0.5, rounded to two decimals. `reasons` names, strongest first, the plain-words signals
 * and the words that pushed the score up, then those that held it down ("weighs against: ...").
 */
export function scoreCheckWorthiness(sentence: string, model: DetectorModel = MODEL): CheckWorthiness {
  const text = sentence.trim();
  if (countWords(text) === 0) return { score: 0, reasons: ["has no words"] };
  const result = scoreSentence(model, text);
  const centred = result.logit - Math.log(model.threshold / (1 - model.threshold));
  const score = Math.round(100 / (1 + Math.exp(-centred))) / 100;
  const signals = [...result.signals].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight));
  const reasons = signals.filter((s) => s.weight >= MIN_REASON_WEIGHT && !/\bwords$/.test(s.label)).map((s) => s.label);
  const wording = describeWording(result.terms);
  if (wording) reasons.push(wording);
  for (const s of signals) if (s.weight <= -MIN_REASON_WEIGHT && !/\bwords$/.test(s.label)) reasons.push(`weighs against: ${s.label}`);
  if (reasons.length === 0) reasons.push("no single strong signal");
  return { score, reasons };
}
