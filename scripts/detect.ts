/**
 * Scores any text for check-worthy claims: one JSON object per sentence (per line with --lines)
 * on standard output, with text, start, end, score, checkworthy, claimant and reasons.
 *
 *   npm run detect -- [--lines] [--threshold X] FILE      (FILE "-" reads standard input)
 */
import { readFileSync } from "node:fs";
import { scoreText } from "../lib/domain/detection/batch";

function usage(message?: string): never {
  if (message) console.error(message);
  console.error("usage: npm run detect -- [--lines] [--threshold X] FILE   (FILE - reads standard input)");
  process.exit(2);
}

function main(): void {
  let lines = false;
  let threshold: number | undefined;
  let file: string | undefined;
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? "";
    if (arg === "--lines") lines = true;
    else if (arg === "--threshold") {
      threshold = Number(args[++i]);
      if (!Number.isFinite(threshold) || threshold < 0 || threshold > 1) usage("--threshold takes a number from 0 to 1");
    } else if (arg === "-" || !arg.startsWith("-")) {
      if (file !== undefined) usage("give one FILE");
      file = arg;
    } else usage(`unknown option ${arg}`);
  }
  if (file === undefined) usage();
  let text: string;
  try {
    text = readFileSync(file === "-" ? 0 : file, "utf8");
  } catch (error) {
    usage(`cannot read ${file}: ${(error as Error).message}`);
  }
  const out = scoreText(text, { lines, threshold }).map((unit) => JSON.stringify(unit));
  if (out.length > 0) process.stdout.write(`${out.join("\n")}\n`);
}

main();
