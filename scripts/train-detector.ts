/**
 * Trains the check-worthiness model and writes lib/domain/detection/model.json.
 *
 *   npm run train:detector -- <data-folder> [--out FILE] [--dry-run] [--cv K] [--group-cv] [--bits N] [--epochs N] [--l2 X] [--seed N]
 *
 * Trains on CheckThat! 2024 train only; dev chooses the decision threshold (and, by hand, the
 * options). dev-test is never read here: it is for reporting (npm run eval:detector).
 * Logistic regression on hashed word / word-pair / character n-grams plus the plain-words signals,
 * fitted by AdaGrad SGD with L2, seeded, so the same data and options give the same file.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DENSE_SIZE, extractFeatures, type FeatureOptions, LENGTH_FEATURES } from "../lib/domain/detection/features";
import { encodeWeights, scoreSentence, type DetectorModel } from "../lib/domain/detection/model";
import { SIGNALS } from "../lib/domain/detection/signals";
import { loadCheckThat, loadTrain, loadTrainYears, type Example } from "./lib/claims-data";
import { bestThreshold, measure } from "./lib/detector-metrics";

type TrainOptions = FeatureOptions & { epochs: number; l2: number; rate: number; seed: number; positiveWeight: number };

const DEFAULT_OPTIONS: TrainOptions = {
  bits: 18,
  charGrams: [3, 4, 5],
  wordBigrams: true,
  epochs: 4,
  l2: 1e-3,
  rate: 0.2,
  seed: 20240924,
  positiveWeight: 1,
};

/** mulberry32: a small seeded generator, so shuffles are reproducible. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Encoded = { indices: Int32Array; values: Float32Array; label: number };

function encode(examples: readonly Example[], options: FeatureOptions): Encoded[] {
  const hashed = 1 << options.bits;
  return examples.map((e) => {
    const f = extractFeatures(e.text, options);
    const denseIdx: number[] = [];
    const denseVal: number[] = [];
    f.signals.forEach((v, i) => {
      if (v !== 0) {
        denseIdx.push(hashed + i);
        denseVal.push(v);
      }
    });
    const indices = new Int32Array(f.indices.length + denseIdx.length + 1);
    const values = new Float32Array(indices.length);
    indices.set(f.indices);
    values.set(f.values);
    indices.set(denseIdx, f.indices.length);
    values.set(denseVal, f.indices.length);
    indices[indices.length - 1] = hashed + DENSE_SIZE; // bias
    values[values.length - 1] = 1;
    return { indices, values, label: e.positive ? 1 : 0 };
  });
}

function logit(w: Float64Array, x: Encoded): number {
  let z = 0;
  for (let k = 0; k < x.indices.length; k++) z += (w[x.indices[k] ?? 0] ?? 0) * (x.values[k] ?? 0);
  return z;
}

function trainLogistic(data: readonly Encoded[], size: number, options: TrainOptions): Float64Array {
  const w = new Float64Array(size);
  const g2 = new Float64Array(size).fill(1e-8);
  const next = random(options.seed);
  const order = data.map((_, i) => i);
  const bias = size - 1;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
    }
    for (const i of order) {
      const x = data[i];
      if (!x) continue;
      const p = 1 / (1 + Math.exp(-logit(w, x)));
      const err = (p - x.label) * (x.label === 1 ? options.positiveWeight : 1);
      for (let k = 0; k < x.indices.length; k++) {
        const idx = x.indices[k] ?? 0;
        const grad = err * (x.values[k] ?? 0) + (idx === bias ? 0 : options.l2 * (w[idx] ?? 0));
        g2[idx] = (g2[idx] ?? 0) + grad * grad;
        w[idx] = (w[idx] ?? 0) - (options.rate * grad) / Math.sqrt(g2[idx] ?? 1);
      }
    }
  }
  return w;
}

/** Pooled out-of-fold scores: each group of train indices is scored by a model fitted on the rest. */
function outOfFold(data: readonly Encoded[], size: number, options: TrainOptions, groups: readonly (readonly number[])[]) {
  const scores: { score: number; positive: boolean }[] = [];
  const perGroup: { score: number; positive: boolean }[][] = [];
  for (const group of groups) {
    const held = new Set(group);
    const w = trainLogistic(data.filter((_, i) => !held.has(i)), size, options);
    const own = group.map((i) => {
      const x = data[i] as Encoded;
      return { score: 1 / (1 + Math.exp(-logit(w, x))), positive: x.label === 1 };
    });
    perGroup.push(own);
    scores.push(...own);
  }
  return { scores, perGroup };
}

function describe(label: string, scores: readonly { score: number; positive: boolean }[]): string {
  const t = bestThreshold(scores);
  const m = measure(scores, t);
  return `${label}: threshold=${t} P=${m.precision.toFixed(3)} R=${m.recall.toFixed(3)} F1=${m.f1.toFixed(3)} (at 0.4: ${measure(scores, 0.4).f1.toFixed(3)})`;
}

/**
 * k-fold cross-validation on train with folds by file position. The train file is shuffled, so
 * every fold holds sentences of every debate: this measures a random split (sentences of debates
 * the model has seen), not new debates; --group-cv does that.
 */
function crossValidate(data: readonly Encoded[], size: number, options: TrainOptions, folds: number): void {
  const groups = Array.from({ length: folds }, (_, f) => {
    const from = Math.floor((f * data.length) / folds);
    const to = Math.floor(((f + 1) * data.length) / folds);
    return Array.from({ length: to - from }, (_, k) => from + k);
  });
  console.log(describe(`${folds}-fold CV on train`, outOfFold(data, size, options, groups).scores));
}

/**
 * Leave-one-election-year-out cross-validation on train (the year of each sentence's debate, from
 * ClaimBuster crowdsourced.csv, which holds the same ids): every sentence is scored by a model
 * that never saw its debates, nor any debate of that campaign. The closest yardstick here to
 * "speech from a new era" without touching dev-test. Prints the pooled figures and, per year,
 * the best threshold and the F1 there and at 0.4.
 */
function groupCrossValidate(data: readonly Encoded[], train: readonly Example[], years: ReadonlyMap<string, string>, size: number, options: TrainOptions): void {
  const byYear = new Map<string, number[]>();
  train.forEach((e, i) => {
    const year = years.get(e.id) ?? "unknown";
    byYear.set(year, [...(byYear.get(year) ?? []), i]);
  });
  const names = [...byYear.keys()].sort();
  const { scores, perGroup } = outOfFold(data, size, options, names.map((y) => byYear.get(y) ?? []));
  console.log(describe(`leave-one-year-out CV on train (${names.length} election years)`, scores));
  const rows = perGroup.map((s, k) => {
    const t = bestThreshold(s);
    return `${names[k]} ${t}/${measure(s, t).f1.toFixed(2)}/${measure(s, 0.4).f1.toFixed(2)}`;
  });
  console.log(`  per year (best threshold / F1 there / F1 at 0.4): ${rows.join(", ")}`);
}

function parseArgs(argv: readonly string[]) {
  const options = { ...DEFAULT_OPTIONS };
  let folder = "";
  let out = join(process.cwd(), "lib", "domain", "detection", "model.json");
  let write = true;
  let folds = 0;
  let groupCv = false;
  const numeric: Record<string, (n: number) => void> = {
    "--bits": (n) => (options.bits = n),
    "--epochs": (n) => (options.epochs = n),
    "--l2": (n) => (options.l2 = n),
    "--rate": (n) => (options.rate = n),
    "--seed": (n) => (options.seed = n),
    "--positive-weight": (n) => (options.positiveWeight = n),
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? "";
    const setNumber = numeric[arg];
    if (setNumber) {
      const n = Number(argv[++i]);
      if (!Number.isFinite(n)) throw new Error(`${arg} takes a number`);
      setNumber(n);
    } else if (arg === "--out") out = argv[++i] ?? out;
    else if (arg === "--dry-run") write = false;
    else if (arg === "--cv") folds = Number(argv[++i]);
    else if (arg === "--group-cv") groupCv = true;
    else if (arg === "--char-grams") {
      const value = argv[++i] ?? "";
      options.charGrams = value ? value.split(",").map(Number) : [];
    } else if (arg === "--no-bigrams") options.wordBigrams = false;
    else if (!arg.startsWith("--") && !folder) folder = arg;
    else throw new Error(`unknown argument ${arg}`);
  }
  return { folder, out, write, options, folds, groupCv };
}

function main(): void {
  const { folder, out, write, options, folds, groupCv } = parseArgs(process.argv.slice(2));
  if (!folder || !existsSync(folder)) {
    console.error("usage: npm run train:detector -- <data-folder> [--out FILE] [--dry-run] [--cv K] [--group-cv] [--bits N] [--epochs N] [--l2 X] [--rate X] [--seed N] [--positive-weight X] [--char-grams 3,4,5] [--no-bigrams]");
    process.exit(2);
  }
  const started = performance.now();
  const train = loadTrain(folder);
  const dev = loadCheckThat(folder, "dev");
  const featureOptions: FeatureOptions = { bits: options.bits, charGrams: options.charGrams, wordBigrams: options.wordBigrams };
  const size = (1 << options.bits) + DENSE_SIZE + 1;
  const encoded = encode(train, featureOptions);
  if (folds > 1) crossValidate(encoded, size, options, folds);
  if (groupCv) groupCrossValidate(encoded, train, loadTrainYears(folder), size, options);
  const w = trainLogistic(encoded, size, options);

  const hashedSize = 1 << options.bits;
  const { data, scale } = encodeWeights(w.subarray(0, hashedSize));
  const dense: Record<string, number> = {};
  [...SIGNALS.map((s) => s.reason), ...LENGTH_FEATURES].forEach((name, i) => (dense[name] = round(w[hashedSize + i] ?? 0)));
  const draft: DetectorModel = {
    format: 1,
    kind: "logistic regression on hashed n-grams and plain-words signals",
    trainedOn: `CheckThat! 2024 task 1 English train (${train.length} sentences)`,
    features: featureOptions,
    bias: round(w[hashedSize + DENSE_SIZE] ?? 0),
    dense,
    hashedScale: scale,
    hashed: data,
    threshold: 0.5,
  };

  // Threshold: the one with the best positive-class F1 on dev.
  const devScores = dev.map((e) => ({ score: scoreSentence(draft, e.text).probability, positive: e.positive }));
  const chosen = bestThreshold(devScores);
  const model = { ...draft, threshold: chosen };
  const m = measure(devScores, chosen);
  const trainScores = train.map((e) => ({ score: scoreSentence(draft, e.text).probability, positive: e.positive }));
  const t = measure(trainScores, chosen);
  console.log(`options ${JSON.stringify(options)}`);
  console.log(`train F1=${t.f1.toFixed(3)}  dev threshold=${chosen} P=${m.precision.toFixed(3)} R=${m.recall.toFixed(3)} F1=${m.f1.toFixed(3)}`);
  if (write) {
    const json = `${JSON.stringify(model)}\n`;
    writeFileSync(out, json);
    console.log(`wrote ${out} (${json.length} bytes) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

main();
