// Feature extraction shared by training (scripts/train-detector.ts) and scoring (model.ts).
// Pure and deterministic: the same sentence always gives the same sparse vector.
import { countWords, SIGNALS, signalVector } from "./signals";

export type FeatureOptions = {
  /** log2 of the number of hashed buckets. */
  bits: number;
  /** Character n-gram lengths taken inside each word (with word-boundary marks). */
  charGrams: readonly number[];
  /** Whether word bigrams are hashed as well as single words. */
  wordBigrams: boolean;
};

/** A sentence as features: hashed n-gram buckets with values, and the dense signal vector. */
export type SentenceFeatures = {
  indices: Int32Array;
  values: Float32Array;
  /** The word or word pair behind each hashed feature and its value, for explaining a score. */
  terms: { index: number; value: number; term: string }[];
  signals: number[];
};

/** Dense features after the signals: word-count buckets. */
export const LENGTH_FEATURES = ["fewer than 5 words", "5 to 9 words", "10 to 19 words", "20 to 34 words", "35 or more words"];
export const DENSE_SIZE = SIGNALS.length + LENGTH_FEATURES.length;

const TOKEN = /[\p{L}\p{N}]+(?:[’'.,][\p{L}\p{N}]+)*|[%$€£?!]/gu;

/** 32-bit FNV-1a over UTF-16 code units. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** Lower-cased tokens with digits folded to 0, so "3.5" and "7.2" share a shape. */
export function tokenize(text: string): string[] {
  return displayTokens(text).map((token) => token.replace(/\d/g, "0"));
}

/** Lower-cased tokens as written. */
function displayTokens(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().replace(/’/g, "'").matchAll(TOKEN)) out.push(match[0]);
  return out;
}

function lengthBucket(words: number): number {
  if (words < 5) return 0;
  if (words < 10) return 1;
  if (words < 20) return 2;
  if (words < 35) return 3;
  return 4;
}

export function denseVector(text: string): number[] {
  const words = countWords(text);
  const dense = signalVector(text, words);
  const bucket = lengthBucket(words);
  for (let i = 0; i < LENGTH_FEATURES.length; i++) dense.push(i === bucket ? 1 : 0);
  return dense;
}

/**
 * Hashed features: words and word pairs (with sentence-start and -end marks), and character
 * n-grams inside words. Each group is scaled to unit length so long sentences do not dominate.
 */
export function extractFeatures(sentence: string, options: FeatureOptions): SentenceFeatures {
  const text = sentence.trim();
  const mask = (1 << options.bits) - 1;
  const shown = displayTokens(text);
  const tokens = shown.map((token) => token.replace(/\d/g, "0"));
  const buckets = new Map<number, number>();
  const terms: { index: number; value: number; term: string }[] = [];

  const wordKeys: { key: string; term: string }[] = tokens.map((key, i) => ({ key, term: shown[i] ?? key }));
  if (options.wordBigrams) {
    const padded = ["<s>", ...tokens, "</s>"];
    const paddedShown = ["", ...shown, ""];
    for (let i = 0; i + 1 < padded.length; i++) {
      wordKeys.push({ key: `${padded[i]} ${padded[i + 1]}`, term: `${paddedShown[i]} ${paddedShown[i + 1]}`.trim() });
    }
  }
  const wordScale = wordKeys.length > 0 ? 1 / Math.sqrt(wordKeys.length) : 0;
  for (const { key, term } of wordKeys) {
    const index = hashString(`w:${key}`) & mask;
    buckets.set(index, (buckets.get(index) ?? 0) + wordScale);
    terms.push({ index, value: wordScale, term });
  }

  // Character n-grams of "<word>", hashed in place (FNV-1a over "c:" and the window's code units,
  // so the buckets equal hashString(`c:${gram}`)) without building the n-gram strings.
  const sizes = [...new Set(options.charGrams)].filter((n) => n > 0).sort((x, y) => x - y);
  const longest = sizes[sizes.length - 1] ?? 0;
  let gramCount = 0;
  for (const token of tokens) for (const n of sizes) gramCount += Math.max(0, token.length + 3 - n);
  const gramScale = gramCount > 0 ? 1 / Math.sqrt(gramCount) : 0;
  const seed = hashString("c:");
  tokens.forEach((token, t) => {
    const word = `<${token}>`;
    const term = shown[t] ?? token;
    for (let i = 0; i < word.length; i++) {
      let h = seed;
      let next = 0;
      for (let k = 0; k < longest && i + k < word.length; k++) {
        h = Math.imul(h ^ word.charCodeAt(i + k), 0x01000193) >>> 0;
        if (k + 1 === sizes[next]) {
          next++;
          const index = h & mask;
          buckets.set(index, (buckets.get(index) ?? 0) + gramScale);
          terms.push({ index, value: gramScale, term });
        }
      }
    }
  });

  const indices = new Int32Array(buckets.size);
  const values = new Float32Array(buckets.size);
  let k = 0;
  for (const [index, value] of buckets) {
    indices[k] = index;
    values[k] = value;
    k++;
  }
  return { indices, values, terms, signals: denseVector(text) };
}
