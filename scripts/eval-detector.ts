/**
 * Scores the public check-worthiness data with the detector and prints precision, recall and F1
 * of the positive class, and the scoring throughput.
 *
 *   npm run eval:detector -- <data-folder> [--train] [--thresholds]
 *
 * <data-folder> holds `checkthat2024-task1-english/` and `claimbuster/` (see their READMEs).
 * The data stay where they are: this script only reads them and is never used by tests.
 * dev chose the model's threshold; dev-test is reported here and never used for choices.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CHECK_WORTHY_THRESHOLD } from "../lib/domain/detection/detect";
import { scoreCheckWorthiness } from "../lib/domain/detection/score";
import { heuristicCheckWorthiness } from "../lib/domain/detection/signals";
import { splitSentences } from "../lib/domain/detection/sentences";
import { type Example, loadCheckThat, loadTrain } from "./lib/claims-data";
import { measure } from "./lib/detector-metrics";

// The threshold sweep is printed for dev and train only: dev-test is for reporting, not choosing.
type Split = { name: string; examples: Example[]; sweep: boolean };

const THRESHOLDS = [0.3, 0.4, 0.5, 0.6, 0.7];

function formatRow(label: string, m: ReturnType<typeof measure>): string {
  const f = (x: number) => x.toFixed(3);
  return `  ${label.padEnd(26)} P=${f(m.precision)}  R=${f(m.recall)}  F1=${f(m.f1)}  selected=${m.selected}`;
}

function report(split: Split, showThresholds: boolean): void {
  const model = split.examples.map((e) => ({ score: scoreCheckWorthiness(e.text).score, positive: e.positive }));
  const heuristic = split.examples.map((e) => ({ score: heuristicCheckWorthiness(e.text).score, positive: e.positive }));
  const positives = model.filter((s) => s.positive).length;
  console.log(`\n${split.name}: ${model.length} sentences, ${positives} positive`);
  console.log(formatRow(`model (threshold ${CHECK_WORTHY_THRESHOLD})`, measure(model, CHECK_WORTHY_THRESHOLD)));
  if (showThresholds && split.sweep) for (const t of THRESHOLDS) console.log(formatRow(`model at ${t}`, measure(model, t)));
  console.log(formatRow("old heuristic (0.5)", measure(heuristic, 0.5)));
  console.log(formatRow("all positive (floor)", measure(model, -1)));
}

/** Sentences per second through the whole scoring path, on the demo article repeated. */
function throughput(): void {
  const demo = readFileSync(join(process.cwd(), "prisma", "seed", "articles", "border-concessions.txt"), "utf8");
  const sentences = splitSentences(demo).map((s) => s.text);
  const batch = Array.from({ length: 100 }, (_, i) => sentences[i % sentences.length] ?? "");
  for (let i = 0; i < 5; i++) for (const s of batch) scoreCheckWorthiness(s); // warm up
  const runs: number[] = [];
  for (let r = 0; r < 30; r++) {
    const started = performance.now();
    for (const s of batch) scoreCheckWorthiness(s);
    runs.push(performance.now() - started);
  }
  runs.sort((a, b) => a - b);
  const median = runs[Math.floor(runs.length / 2)] ?? 0;
  const p95 = runs[Math.floor(runs.length * 0.95)] ?? 0;
  console.log(`\nthroughput: 100 sentences in ${median.toFixed(1)} ms median (${p95.toFixed(1)} ms p95), ${Math.round(100_000 / median)} sentences/s`);
}

function main(): void {
  const folder = process.argv[2];
  if (!folder || !existsSync(folder)) {
    console.error("usage: npm run eval:detector -- <data-folder> [--train] [--thresholds]");
    process.exit(2);
  }
  const splits: Split[] = [
    { name: "CheckThat! 2024 dev", examples: loadCheckThat(folder, "dev"), sweep: true },
    { name: "CheckThat! 2024 dev-test", examples: loadCheckThat(folder, "dev-test"), sweep: false },
  ];
  if (process.argv.includes("--train")) splits.push({ name: "CheckThat! 2024 train", examples: loadTrain(folder), sweep: true });
  const showThresholds = process.argv.includes("--thresholds");
  for (const split of splits) report(split, showThresholds);
  throughput();
}

main();
