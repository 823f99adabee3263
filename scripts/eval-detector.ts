/**
 * Scores labelled check-worthiness data with the heuristic detector and prints
 * precision / recall / F1 of the positive class.
 *
 *   npx tsx scripts/eval-detector.ts <data-folder> [--train]
 *
 * <data-folder> holds `checkthat2024-task1-english/` and `claimbuster/` (see their READMEs).
 * The data stay where they are: this script only reads them and is never used by tests.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CHECK_WORTHY_THRESHOLD } from "../lib/domain/detection/detect";
import { scoreCheckWorthiness } from "../lib/domain/detection/score";

type Example = { id: string; text: string; positive: boolean };
type Split = { name: string; examples: Example[] };

const THRESHOLDS = [0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7];

/** RFC 4180-style reader: honours double-quote quoting, "" escapes, CRLF or LF rows. */
function parseDelimited(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let atFieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
      continue;
    }
    if (ch === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
    } else if (ch === delimiter) {
      row.push(field);
      field = "";
      atFieldStart = true;
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      if (row.length > 1 || row[0] !== "") rows.push(row);
      row = [];
      field = "";
      atFieldStart = true;
    } else {
      field += ch;
      atFieldStart = false;
    }
  }
  if (field !== "" || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** CheckThat! TSV; repairs the train file's one line that holds two records (README caveat 1). */
function loadCheckThat(file: string): Example[] {
  const [, ...rows] = parseDelimited(readFileSync(file, "utf8"), "\t");
  const out: Example[] = [];
  for (const row of rows) {
    const [id = "", text = "", label = "", ...rest] = row;
    const merged = /^(Yes|No)(\d+)$/.exec(label);
    if (merged && rest.length === 2) {
      out.push({ id, text, positive: merged[1] === "Yes" });
      out.push({ id: merged[2] ?? "", text: rest[0] ?? "", positive: rest[1] === "Yes" });
      continue;
    }
    if (label !== "Yes" && label !== "No") throw new Error(`${file}: unexpected label ${JSON.stringify(label)} for id ${id}`);
    out.push({ id, text, positive: label === "Yes" });
  }
  return out;
}

/** ClaimBuster CSV; positive = CFS (Verdict 1), negative = UFS + NFS. */
function loadClaimBuster(file: string): Example[] {
  const [header = [], ...rows] = parseDelimited(readFileSync(file, "utf8"), ",");
  const textCol = header.indexOf("Text");
  const verdictCol = header.indexOf("Verdict");
  const idCol = header.indexOf("Sentence_id");
  return rows.map((row) => ({
    id: row[idCol] ?? "",
    text: row[textCol] ?? "",
    positive: row[verdictCol] === "1",
  }));
}

function measure(scores: readonly { score: number; positive: boolean }[], threshold: number) {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const { score, positive } of scores) {
    const predicted = score >= threshold;
    if (predicted && positive) tp++;
    else if (predicted) fp++;
    else if (positive) fn++;
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, selected: tp + fp };
}

function formatRow(label: string, m: ReturnType<typeof measure>): string {
  const f = (x: number) => x.toFixed(3);
  return `  ${label.padEnd(22)} P=${f(m.precision)}  R=${f(m.recall)}  F1=${f(m.f1)}  selected=${m.selected}`;
}

function report(split: Split): void {
  const scores = split.examples.map((e) => ({ score: scoreCheckWorthiness(e.text).score, positive: e.positive }));
  const positives = scores.filter((s) => s.positive).length;
  console.log(`\n${split.name}: ${scores.length} sentences, ${positives} positive`);
  console.log(formatRow(`default (${CHECK_WORTHY_THRESHOLD})`, measure(scores, CHECK_WORTHY_THRESHOLD)));
  for (const t of THRESHOLDS) console.log(formatRow(`threshold ${t}`, measure(scores, t)));
  console.log(formatRow("all positive (floor)", measure(scores, -1)));
}

function main(): void {
  const folder = process.argv[2];
  if (!folder || !existsSync(folder)) {
    console.error("usage: npx tsx scripts/eval-detector.ts <data-folder> [--train]");
    process.exit(2);
  }
  const ct = join(folder, "checkthat2024-task1-english");
  const splits: Split[] = [
    { name: "CheckThat! 2024 dev", examples: loadCheckThat(join(ct, "CT24_checkworthy_english_dev.tsv")) },
    { name: "CheckThat! 2024 dev-test", examples: loadCheckThat(join(ct, "CT24_checkworthy_english_dev-test.tsv")) },
    { name: "ClaimBuster groundtruth.csv", examples: loadClaimBuster(join(folder, "claimbuster", "groundtruth.csv")) },
  ];
  if (process.argv.includes("--train")) {
    splits.push({ name: "CheckThat! 2024 train", examples: loadCheckThat(join(ct, "CT24_checkworthy_english_train.tsv")) });
  }
  for (const split of splits) report(split);
}

main();
