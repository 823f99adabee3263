export type CheckWorthiness = { score: number; reasons: string[] };

/**
 * A plain-words surface signal. The trained model (model.ts) uses every signal as a feature with
 * a learned weight; `weight` is the hand-set log-odds of the original transparent heuristic, kept
 * for comparison in the evaluation script.
 */
export type Signal = { reason: string; weight: number; test: (text: string, words: number) => boolean };

function matches(pattern: RegExp): (text: string) => boolean {
  return (text) => pattern.test(text);
}

const NUMBER_WORDS =
  "two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|" +
  "seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?|half|twice|triple|quarter";
const MONTHS = "january|february|march|april|june|july|august|september|october|november|december";
const SUPERLATIVES =
  "largest|biggest|smallest|highest|lowest|fastest|slowest|worst|oldest|youngest|deadliest|" +
  "wealthiest|poorest|richest|longest|shortest|strongest|weakest|toughest|costliest|cheapest";
const CHANGE_VERBS =
  "increased|decreased|rose|risen|fell|fallen|grew|grown|dropped|declined|surged|soared|" +
  "plummeted|jumped|doubled|tripled|quadrupled|halved|skyrocketed|shrank|climbed";
const ACTION_VERBS =
  "voted|vetoed|signed|passed|cut|raised|created|lost|spent|killed|banned|reduced|built|closed|" +
  "approved|blocked|opposed|supported|proposed|introduced|sponsored|appointed|elected|won|" +
  "separated|established|deported|expanded|invested|pledged|grappled|led|paid|took|" +
  "brought|fought|ran|indicated|sent|launched|funded|abolished|repealed|eliminated|hired|fired";
const POLICY_TOPICS =
  "bill|law|laws|treaty|legislation|program|programs|unemployment|jobs|crime|border|immigration|" +
  "immigrants|asylum|deportation|medicare|medicaid|social security|health care|healthcare|" +
  "insurance|troops|nuclear|sanctions|oil|energy|economy|wages|pensions?|tariffs?|deficit";

// Weights are additive log-odds, hand-set after inspecting a logistic fit on the CheckThat!
// train split (never on dev or dev-test); docs/detection.md lists them and the rationale.
export const SIGNALS: readonly Signal[] = [
  { reason: "contains a number", weight: 1.4, test: matches(new RegExp(`\\d|\\b(?:${NUMBER_WORDS})\\b`, "i")) },
  { reason: "cites a percentage", weight: 1.3, test: matches(/%|\bper ?cent\b|\bpercentage\b/i) },
  {
    reason: "mentions money",
    weight: 0.8,
    test: matches(/[$€£¥]\s?\d|\b(?:dollars?|cents|budget|deficits?|debt|tax(?:es)?|taxpayers?|spending|funding|income|surplus)\b/i),
  },
  {
    reason: "refers to a date",
    weight: 0.6,
    test: matches(
      new RegExp(
        `\\b(?:1[7-9]|20)\\d\\d(?:s|’s|'s)?\\b|(?<!next )\\b(?:${MONTHS})\\b|\\b(?:last|past|previous) (?:year|month|week|decade|century)\\b|\\b(?:years|decades|months) ago\\b|\\bsince\\b|\\bin (?:the )?history\\b`,
        "i",
      ),
    ),
  },
  {
    reason: "makes a comparison",
    weight: 1.0,
    test: matches(
      new RegExp(
        `\\b(?:more|less|fewer|higher|lower|larger|bigger) than\\b|\\b(?:${SUPERLATIVES})\\b|\\brecord(?: high| low| number|-breaking)?\\b|\\bunprecedented\\b|\\b(?:${CHANGE_VERBS})\\b|\\bfor the first time\\b|\\btimes (?:as|more)\\b`,
        "i",
      ),
    ),
  },
  {
    reason: "names a source",
    weight: 0.8,
    test: (text) =>
      /\baccording to\b|\b(?:sources?|officials?|aides?|people familiar with [\w\s]{1,30}) (?:tell|told|say|said|confirmed)\b/i.test(
        text,
      ) ||
      // Reported (indirect) speech only: "told CNN: “…”" introduces a quote, which may be pure opinion.
      /\b(?:told|tells?) (?:reporters|[A-Z][\w.]*)(?![\w’'])(?!\s*[:,]?\s*[“"])/.test(text),
  },
  {
    reason: "cites data or research",
    weight: 0.5,
    test: matches(
      /\b(?:reported|reports|announced|confirmed|testified|estimated|estimates|found)\b|\b(?:data|polls?|polling|survey|study|studies|census|analysis|statistics|figures)\b/i,
    ),
  },
  {
    reason: "states a track record",
    weight: 0.6,
    test: matches(/\b(?:has|have|had|hasn[’']t|haven[’']t) (?:been|\w+ed|led|won|lost|cut|built|spent|taken|made|done|said|given)\b/i),
  },
  {
    reason: "uses statistical language",
    weight: 0.7,
    test: matches(
      /\b(?:rates?|average|median|majority|total|number of|per capita|a year|per year|annually|inflation|gdp|population|poverty|deaths|arrests)\b/i,
    ),
  },
  { reason: "describes a concrete action", weight: 1.0, test: matches(new RegExp(`\\b(?:${ACTION_VERBS})\\b`, "i")) },
  { reason: "concerns a policy topic", weight: 0.7, test: matches(new RegExp(`\\b(?:${POLICY_TOPICS})\\b`, "i")) },
  { reason: "names a person or organisation", weight: 0.6, test: matches(/\S\s+[“"‘(]?\p{Lu}\p{Ll}+/u) },
  {
    reason: "hedges",
    weight: 0,
    test: matches(/\b(?:maybe|perhaps|probably|possibly|seems?|appears? to|kind of|sort of|somewhat|roughly|almost|nearly|about)\b/i),
  },
  { reason: "speaks in the first person", weight: 0, test: matches(/\b(?:I|I[’']m|I[’']ve|me|my|we|we[’']re|we[’']ve|our|us)\b/) },
  { reason: "addresses the listener", weight: 0, test: matches(/\b(?:you|your|you[’']re|you[’']ve)\b/i) },
  { reason: "is a question", weight: -1.3, test: matches(/\?[”"’')\]]*$/) },
  {
    reason: "is a prediction",
    weight: -1.0,
    test: matches(
      /\b(?:will|won[’']t|going to|gonna|could|might|plans? to|intends? to|expects? to|(?:is|are) expected to|likely to|predict\w*|forecasts?)\b|\w[’']ll\b/i,
    ),
  },
  {
    reason: "reads as opinion",
    weight: -1.2,
    test: matches(
      /\bI (?:think|believe|feel|hope|guess|suppose|want|wish|am sure|am confident|am proud)\b|\b(?:should|shouldn[’']t|ought to|must|hope|wish|want to|wants to|in my (?:opinion|view)|i[’']d like|deserve|complicated|problematic|wrong|misguided|agree|disagree)\b/i,
    ),
  },
  {
    reason: "uses evaluative language",
    weight: -0.4,
    test: matches(
      /\b(?:very|really|deeply|clearly|obviously|certainly|truly|absolutely|bad|good|great|terrible|wonderful|clear|challenging|concerned|no doubt|slammed|blasted)\b/i,
    ),
  },
  { reason: "is conditional", weight: -0.5, test: matches(/\b(?:if|unless|whether)\b/i) },
  {
    reason: "talks about values",
    weight: -1.0,
    test: matches(
      /\b(?:values|freedom|faith|love|experience|leadership|responsibility|opportunit(?:y|ies)|strength|judgment|commitment|future|vision|important|fundamental|politics)\b/i,
    ),
  },
  {
    reason: "is about the conversation itself",
    weight: -1.1,
    test: matches(/\b(?:let me|let[’']s|let us|tonight|this debate|your question|the question|answer|respond|talk about)\b/i),
  },
  {
    reason: "is a greeting",
    weight: -2.0,
    test: matches(/^\W*(?:thank you|thanks|hello|hi|good (?:morning|evening|afternoon|night)|welcome|congratulations|ladies and gentlemen)\b/i),
  },
  { reason: "is very short", weight: -1.5, test: (_, words) => words < 5 },
  { reason: "is short", weight: -0.3, test: (_, words) => words >= 5 && words < 8 },
  { reason: "is long and detailed", weight: 0.5, test: (_, words) => words >= 20 },
];

const BIAS = -1.9;
const WORD_PATTERN = /[\p{L}\p{N}]+/gu;

export function countWords(text: string): number {
  return text.match(WORD_PATTERN)?.length ?? 0;
}

/** Which signals fire on a sentence, as a 0/1 vector in SIGNALS order. */
export function signalVector(text: string, words = countWords(text)): number[] {
  return SIGNALS.map((signal) => (signal.test(text, words) ? 1 : 0));
}

/**
 * The original transparent heuristic: a hand-weighted sum of the signals squashed through a
 * logistic curve. No longer used by detection; kept as the baseline the evaluation prints.
 */
export function heuristicCheckWorthiness(sentence: string): CheckWorthiness {
  const text = sentence.trim();
  const words = text.match(WORD_PATTERN)?.length ?? 0;
  if (words === 0) return { score: 0, reasons: ["has no words"] };
  const fired = SIGNALS.filter((signal) => signal.weight !== 0 && signal.test(text, words));
  const logit = fired.reduce((sum, signal) => sum + signal.weight, BIAS);
  const score = Math.round(100 / (1 + Math.exp(-logit))) / 100;
  const reasons = [...fired].sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).map((s) => s.reason);
  return { score, reasons };
}
