// npm run workspace:export -- --workspace SLUG --out FILE
// Writes the whole workspace as one backup file (JSON; gzipped when FILE ends in .gz). Works
// whether or not the app is running; the file holds no passwords, tokens or secrets.
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { z } from "zod";
import { parseCommand, withDatabase, workspaceArg } from "./lib/user-cli";

const args = parseCommand(
  "Usage: npm run workspace:export -- --workspace SLUG --out FILE(.json|.json.gz)",
  { workspace: { type: "string" }, out: { type: "string" } },
  z.object({ workspace: workspaceArg, out: z.string({ error: "--out is required." }).trim().min(1, "--out is required.") }),
);

await withDatabase(async () => {
  const { getDb } = await import("../lib/db/client");
  const { exportWorkspace, recordExport } = await import("../lib/db/backup-export");
  const workspace = await getDb().workspace.findUnique({ where: { slug: args.workspace }, select: { id: true } });
  if (!workspace) {
    console.error(`No workspace "${args.workspace}" here.`);
    return 1;
  }
  const started = Date.now();
  const backup = await exportWorkspace(workspace.id);
  const json = Buffer.from(JSON.stringify(backup));
  const bytes = args.out.endsWith(".gz") ? gzipSync(json) : json;
  writeFileSync(args.out, bytes);
  await recordExport({ workspaceId: workspace.id, userId: null, origin: "SYSTEM" }, backup);
  console.log(
    `Exported "${args.workspace}" to ${args.out} (${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB, ${backup.articles.length} articles, ${backup.claims.length} claims, ${backup.events.length} events) in ${Date.now() - started} ms.`,
  );
});
