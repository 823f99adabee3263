// Readers for the public check-worthiness data (CheckThat! 2024 task 1 English, ClaimBuster).
// The data stay in the folder given on the command line; nothing here is used by tests on real data.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export type Example = { id: string; text: string; positive: boolean };

/** RFC 4180-style reader: honours double-quote quoting, "" escapes, CRLF or LF rows. */
export function parseDelimited(text: string, delimiter: string): string[][] {
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

/** CheckThat! TSV text; repairs the train file's one line that holds two records (README caveat 1). */
export function parseCheckThat(content: string, source = "CheckThat! file"): Example[] {
  const [, ...rows] = parseDelimited(content, "\t");
  const out: Example[] = [];
  for (const row of rows) {
    const [id = "", text = "", label = "", ...rest] = row;
    const merged = /^(Yes|No)(\d+)$/.exec(label);
    if (merged && rest.length === 2) {
      out.push({ id, text, positive: merged[1] === "Yes" });
      out.push({ id: merged[2] ?? "", text: rest[0] ?? "", positive: rest[1] === "Yes" });
      continue;
    }
    if (label !== "Yes" && label !== "No") throw new Error(`${source}: unexpected label ${JSON.stringify(label)} for id ${id}`);
    out.push({ id, text, positive: label === "Yes" });
  }
  return out;
}

/** ClaimBuster CSV; positive = CFS (Verdict 1), negative = UFS + NFS. */
export function parseClaimBuster(content: string): Example[] {
  const [header = [], ...rows] = parseDelimited(content, ",");
  const textCol = header.indexOf("Text");
  const verdictCol = header.indexOf("Verdict");
  const idCol = header.indexOf("Sentence_id");
  return rows.map((row) => ({ id: row[idCol] ?? "", text: row[textCol] ?? "", positive: row[verdictCol] === "1" }));
}

export type CheckThatSplit = "train" | "dev" | "dev-test";

export function loadCheckThat(folder: string, split: CheckThatSplit): Example[] {
  const file = join(folder, "checkthat2024-task1-english", `CT24_checkworthy_english_${split}.tsv`);
  return parseCheckThat(readFileSync(file, "utf8"), file);
}

/**
 * CheckThat! train with its six `#NAME?` texts (a spreadsheet artefact, README caveat 2) restored
 * from ClaimBuster crowdsourced.csv, which holds the same ids; the labels are unchanged.
 */
export function loadTrain(folder: string): Example[] {
  const train = loadCheckThat(folder, "train");
  let originals = new Map<string, string>();
  try {
    originals = new Map(parseClaimBuster(readFileSync(join(folder, "claimbuster", "crowdsourced.csv"), "utf8")).map((e) => [e.id, e.text]));
  } catch {
    // Without the ClaimBuster copy the six broken texts stay as they are.
  }
  return train.map((e) => (e.text === "#NAME?" && originals.has(e.id) ? { ...e, text: originals.get(e.id) ?? e.text } : e));
}

/**
 * The election year of each train sentence's debate, by id, from ClaimBuster crowdsourced.csv
 * (`File_id` such as `1988-09-25.txt`); CheckThat! train holds the same ids.
 */
export function loadTrainYears(folder: string): Map<string, string> {
  const file = join(folder, "claimbuster", "crowdsourced.csv");
  const [header = [], ...rows] = parseDelimited(readFileSync(file, "utf8"), ",");
  const idCol = header.indexOf("Sentence_id");
  const fileCol = header.indexOf("File_id");
  if (idCol < 0 || fileCol < 0) throw new Error(`${file}: no Sentence_id or File_id column`);
  return new Map(rows.map((row) => [row[idCol] ?? "", (row[fileCol] ?? "").slice(0, 4)]));
}
