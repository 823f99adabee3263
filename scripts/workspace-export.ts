// npm run workspace:export -- --workspace SLUG --out FILE
// Writes the whole workspace as one backup file (JSON; gzipped when FILE ends in .gz). Works
// whether or not the app is running; the file holds no passwords, tokens or secrets.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { z } from "zod";
import { openDatabase } from "./lib/database";
import { applyMigrations } from "./lib/schema-engine";

const usage = "Usage: npm run workspace:export -- --workspace SLUG --out FILE(.json|.json.gz)";
const argsSchema = z.object({
  workspace: z.string({ error: "--workspace is required." }).trim().regex(/^[a-z0-9-]{1,64}$/, "--workspace must be a slug such as demo."),
  out: z.string({ error: "--out is required." }).trim().min(1, "--out is required."),
});

function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({ options: { workspace: { type: "string" }, out: { type: "string" } } }));
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const parsed = argsSchema.safeParse(values);
if (!parsed.success) fail(parsed.error.issues.map((i) => i.message).join("\n"));
const args = parsed.data;

const database = await openDatabase(() => {});
let failed = false;
try {
  await applyMigrations(database.url);
  process.env.DATABASE_URL = database.url;
  const { getDb } = await import("../lib/db/client");
  const { exportWorkspace, recordExport } = await import("../lib/db/backup-export");
  const workspace = await getDb().workspace.findUnique({ where: { slug: args.workspace }, select: { id: true } });
  if (!workspace) {
    console.error(`No workspace "${args.workspace}" here.`);
    failed = true;
  } else {
    const started = Date.now();
    const backup = await exportWorkspace(workspace.id);
    const json = Buffer.from(JSON.stringify(backup));
    const bytes = args.out.endsWith(".gz") ? gzipSync(json) : json;
    writeFileSync(args.out, bytes);
    await recordExport({ workspaceId: workspace.id, userId: null, origin: "SYSTEM" }, backup);
    console.log(
      `Exported "${args.workspace}" to ${args.out} (${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB, ${backup.articles.length} articles, ${backup.claims.length} claims, ${backup.events.length} events) in ${Date.now() - started} ms.`,
    );
  }
  await getDb().$disconnect();
} finally {
  await database.stop();
}
if (failed) process.exit(1);
