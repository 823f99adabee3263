// npm run detector:rescore -- --workspace SLUG [--dry-run] [--all]
// Scores the workspace's claims again with the current detector and stores the new scores
// (docs/decisions/029). By default only claims still as detection left them: status Detected,
// never edited, reviewed or published. --all takes every claim the detector found. Statements,
// spans and statuses never change. --dry-run counts what would change and writes nothing.
import { z } from "zod";
import { parseCommand, withDatabase, workspaceArg } from "./lib/user-cli";

const usage = "Usage: npm run detector:rescore -- --workspace SLUG [--dry-run] [--all]";
const args = parseCommand(
  usage,
  { workspace: { type: "string" }, "dry-run": { type: "boolean" }, all: { type: "boolean" } },
  z.object({ workspace: workspaceArg, "dry-run": z.boolean().default(false), all: z.boolean().default(false) }),
);

await withDatabase(async () => {
  const { rescoreWorkspaceBySlug } = await import("../lib/db/rescore");
  const { describeRescore } = await import("../lib/domain/detection/rescore");
  const { AppError } = await import("../lib/errors");
  try {
    const started = Date.now();
    const summary = await rescoreWorkspaceBySlug(args.workspace, { all: args.all, dryRun: args["dry-run"] });
    console.log(`${args["dry-run"] ? "Dry run, nothing written. " : ""}${describeRescore(summary)}`);
    console.log(`claims checked: ${summary.checked}, re-scored: ${summary.rescored}, crossed the threshold up: ${summary.crossedUp}, down: ${summary.crossedDown}, articles: ${summary.articles}, in ${Date.now() - started} ms.`);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    console.error(`Nothing was re-scored: ${error.message}`);
    return 1;
  }
});
