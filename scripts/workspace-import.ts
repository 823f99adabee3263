// npm run workspace:import -- --workspace SLUG --file FILE [--max-mb N]
// Restores a backup into the workspace SLUG, all or nothing. SLUG must be empty, or not exist:
// then it is created with the backup's own id and dates, so the copy is identical. Records
// whose ids already exist on this server are refused (a backup is restored once per server).
import { readFileSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { z } from "zod";
import { openDatabase } from "./lib/database";
import { applyMigrations } from "./lib/schema-engine";

const usage = "Usage: npm run workspace:import -- --workspace SLUG --file FILE [--max-mb 500]";
const argsSchema = z.object({
  workspace: z.string({ error: "--workspace is required." }).trim().regex(/^[a-z0-9-]{1,64}$/, "--workspace must be a slug such as demo."),
  file: z.string({ error: "--file is required." }).trim().min(1, "--file is required."),
  "max-mb": z.coerce.number().positive("--max-mb must be a positive number.").max(4_000).default(500),
});

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({ options: { workspace: { type: "string" }, file: { type: "string" }, "max-mb": { type: "string" } } }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const parsed = argsSchema.safeParse(values);
if (!parsed.success) fail(parsed.error.issues.map((i) => i.message).join("\n"));
const args = parsed.data;
const maxBytes = Math.floor(args["max-mb"] * 1024 * 1024);
let size: number;
try {
  size = statSync(args.file).size;
} catch {
  fail(`Cannot read ${args.file}.`);
}
if (size > maxBytes) fail(`${args.file} is larger than ${args["max-mb"]} MB (--max-mb raises the limit).`);

const database = await openDatabase(() => {});
let failed = false;
try {
  await applyMigrations(database.url);
  process.env.DATABASE_URL = database.url;
  const { getDb } = await import("../lib/db/client");
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
    failed = true;
  }
  await getDb().$disconnect();
} finally {
  await database.stop();
}
if (failed) process.exit(1);
