// npm run workspace:import -- --workspace SLUG --file FILE [--max-mb N]
// Restores a backup into the workspace SLUG, all or nothing. SLUG must be empty, or not exist:
// then it is created with the backup's own id and dates, so the copy is identical. Records
// whose ids already exist on this server are refused (a backup is restored once per server).
import { readFileSync, statSync } from "node:fs";
import { z } from "zod";
import { parseCommand, withDatabase, workspaceArg } from "./lib/user-cli";

const usage = "Usage: npm run workspace:import -- --workspace SLUG --file FILE [--max-mb 500]";
const args = parseCommand(
  usage,
  { workspace: { type: "string" }, file: { type: "string" }, "max-mb": { type: "string" } },
  z.object({
    workspace: workspaceArg,
    file: z.string({ error: "--file is required." }).trim().min(1, "--file is required."),
    "max-mb": z.coerce.number().positive("--max-mb must be a positive number.").max(4_000).default(500),
  }),
);

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

const maxBytes = Math.floor(args["max-mb"] * 1024 * 1024);
let size = 0;
try {
  size = statSync(args.file).size;
} catch {
  fail(`Cannot read ${args.file}.`);
}
if (size > maxBytes) fail(`${args.file} is larger than ${args["max-mb"]} MB (--max-mb raises the limit).`);

await withDatabase(async () => {
  const { importWorkspace, readBackupFile } = await import("../lib/db/backup-import");
  const { AppError } = await import("../lib/errors");
  try {
    const started = Date.now();
    const backup = readBackupFile(readFileSync(args.file), maxBytes);
    const result = await importWorkspace(backup, { slug: args.workspace, createIfMissing: true }, null);
    const c = result.counts;
    console.log(
      `Imported ${args.file} into "${result.slug}"${result.createdWorkspace ? " (new workspace, with the backup's id)" : ""}: ${c.articles} articles, ${c.claims} claims, ${c.events} events, ${c.memberships} members, in ${Date.now() - started} ms.`,
    );
    if (result.renumberedEvents) console.log("Note: the audit trail's ids were taken on this server; its events were renumbered in their original order.");
    if (result.createdUsers.length) {
      console.log(`Note: ${result.createdUsers.length} people had no account here; they were created disabled and without a password:`);
      for (const email of result.createdUsers) console.log(`  ${email}  (npm run user:enable -- --email ${email} && npm run user:reset-password -- --email ${email})`);
    }
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    console.error(`Nothing was imported: ${error.message}`);
    return 1;
  }
});
