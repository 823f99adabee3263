// npm run db:diff -- NAME: writes the migration that brings prisma/migrations up to
// prisma/schema.prisma, computed on a scratch database (the migrations applied, then diffed
// against the schema). Prints nothing to write when they already agree.
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { makeScratchDir, startEmbeddedPostgres } from "./lib/embedded-postgres";
import { MIGRATIONS_DIR, applyMigrations, diffToSchema } from "./lib/schema-engine";

const name = (process.argv[2] ?? "").toLowerCase().replace(/[^a-z0-9]+/g, "_").replace(/^_|_$/g, "");
if (!name) {
  console.error("Usage: npm run db:diff -- NAME   (for example: npm run db:diff -- add_comment_mentions)");
  process.exit(2);
}

const scratch = makeScratchDir("factdesk-diff-");
const server = await startEmbeddedPostgres({ dir: path.join(scratch, "pg"), password: randomBytes(12).toString("hex"), persistent: false });
try {
  const url = server.urlFor("postgres");
  await applyMigrations(url);
  const sql = await diffToSchema(url, "database");
  if (!sql) {
    console.log("The migrations already match schema.prisma; nothing to write.");
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join(MIGRATIONS_DIR, `${stamp}_${name}`);
    mkdirSync(dir);
    writeFileSync(path.join(dir, "migration.sql"), `${sql}\n`);
    console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql; review it, then commit it with the schema change.`);
  }
} finally {
  await server.stop();
  rmSync(scratch, { recursive: true, force: true });
}
