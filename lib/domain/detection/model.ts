// The trained check-worthiness model: format, weight encoding, scoring and explanation.
// Pure: no I/O; the committed weights come in through model.json (see scripts/train-detector.ts).
import { DENSE_SIZE, extractFeatures, type FeatureOptions, LENGTH_FEATURES } from "./features";
import { SIGNALS } from "./signals";

export type DetectorModel = {
  format: 1;
  kind: string;
  trainedOn: string;
  features: FeatureOptions;
  /** Log-odds with no feature present. */
  bias: number;
  /** Learned log-odds of each plain-words signal and length bucket, by name. */
  dense: Record<string, number>;
  /** Hashed n-gram weights as signed bytes, base64; weight = byte * hashedScale. */
  hashed: string;
  hashedScale: number;
  /** Decision threshold on the probability, chosen on the dev split. */
  threshold: number;
};

export type Contribution = { label: string; weight: number };
export type SentenceScore = { probability: number; logit: number; signals: Contribution[]; terms: Contribution[] };

const DENSE_NAMES = [...SIGNALS.map((s) => s.reason), ...LENGTH_FEATURES];

/** Quantises weights to signed bytes (symmetric, one scale) and base64-encodes them. */
export function encodeWeights(weights: ArrayLike<number>): { data: string; scale: number } {
  let max = 0;
  for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i] ?? 0));
  const scale = max > 0 ? max / 127 : 1;
  let binary = "";
  const CHUNK = 8192;
  for (let start = 0; start < weights.length; start += CHUNK) {
    const bytes: number[] = [];
    for (let i = start; i < Math.min(weights.length, start + CHUNK); i++) bytes.push(Math.round((weights[i] ?? 0) / scale) & 0xff);
    binary += String.fromCharCode(...bytes);
  }
  return { data: btoa(binary), scale };
}

const decoded = new WeakMap<DetectorModel, { hashed: Float32Array; dense: Float64Array }>();

function weightsOf(model: DetectorModel) {
  let weights = decoded.get(model);
  if (!weights) {
    const binary = atob(model.hashed);
    const hashed = new Float32Array(binary.length);
    for (let i = 0; i < binary.length; i++) {
      const byte = binary.charCodeAt(i);
      hashed[i] = (byte > 127 ? byte - 256 : byte) * model.hashedScale;
    }
    if (hashed.length !== 1 << model.features.bits) throw new Error("detector model: hashed weights do not match the feature size");
    const dense = new Float64Array(DENSE_SIZE);
    DENSE_NAMES.forEach((name, i) => (dense[i] = model.dense[name] ?? 0));
    weights = { hashed, dense };
    decoded.set(model, weights);
  }
  return weights;
}

/** Probability that a sentence is check-worthy, with the signed contribution of each part. */
export function scoreSentence(model: DetectorModel, sentence: string): SentenceScore {
  const { hashed, dense } = weightsOf(model);
  const f = extractFeatures(sentence, model.features);
  let z = model.bias;
  for (let k = 0; k < f.indices.length; k++) z += (hashed[f.indices[k] ?? 0] ?? 0) * (f.values[k] ?? 0);
  const signals: Contribution[] = [];
  f.signals.forEach((v, i) => {
    if (v === 0) return;
    const weight = (dense[i] ?? 0) * v;
    z += weight;
    signals.push({ label: DENSE_NAMES[i] ?? "", weight });
  });
  const byTerm = new Map<string, number>();
  for (const t of f.terms) byTerm.set(t.term, (byTerm.get(t.term) ?? 0) + (hashed[t.index] ?? 0) * t.value);
  const terms = [...byTerm].map(([label, weight]) => ({ label, weight }));
  return { probability: 1 / (1 + Math.exp(-z)), logit: z, signals, terms };
}
