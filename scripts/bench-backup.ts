// npm run bench:backup [-- --claims 9000]: how long a workspace backup takes at desk scale. Seeds a
// workspace with every kind of row (30 articles; per claim a source, a review, an assignment, two
// comments and an audit event; verdicts on the published ones) in a scratch database, then times
// the export, the file (JSON, gzip), reading and validating it, and the import into a second
// scratch database (as on another server). DATABASE_URL's server when set, else an embedded one.
import { gzipSync } from "node:zlib";
import { benchDatabaseServer } from "./lib/bench-kit";

const claimsArg = process.argv.indexOf("--claims");
const CLAIMS = claimsArg > 0 ? Number(process.argv[claimsArg + 1]) : 9_000;
const ARTICLES = 30;

const server = await benchDatabaseServer("backup");
const ms = (start: number) => `${(performance.now() - start).toFixed(0)} ms`;
try {
  const sourceUrl = await server.migratedDatabase("source");
  const restoreUrl = await server.migratedDatabase("restore");
  process.env.DATABASE_URL = sourceUrl;

  const { getDb } = await import("../lib/db/client");
  const { createTestWorkspace } = await import("../lib/testing/factories");
  const { seedBackupWorkspace } = await import("../lib/testing/backup-seed");
  const { exportWorkspace } = await import("../lib/db/backup-export");
  const { importWorkspace, readBackupFile } = await import("../lib/db/backup-import");
  const { PrismaClient } = await import("../lib/generated/prisma/client");
  const { PrismaPg } = await import("@prisma/adapter-pg");

  let start = performance.now();
  const ws = await createTestWorkspace();
  await seedBackupWorkspace(ws, { articles: ARTICLES, claimsPerArticle: Math.ceil(CLAIMS / ARTICLES) });
  console.log(`Seeded in ${ms(start)}`);

  start = performance.now();
  const backup = await exportWorkspace(ws.id);
  const exportTime = ms(start);
  start = performance.now();
  const json = Buffer.from(JSON.stringify(backup));
  const serializeTime = ms(start);
  start = performance.now();
  const gz = gzipSync(json);
  const gzipTime = ms(start);
  start = performance.now();
  const parsed = readBackupFile(gz, 500 * 1024 * 1024);
  const readTime = ms(start);

  const restore = new PrismaClient({ adapter: new PrismaPg({ connectionString: restoreUrl }) });
  start = performance.now();
  await importWorkspace(parsed, { slug: ws.slug, createIfMissing: true }, null, restore);
  const importTime = ms(start);

  const rows = (["articles", "claims", "sources", "reviews", "decisions", "comments", "claimAssignees", "events"] as const).map((t) => `${backup[t].length.toLocaleString("en-US")} ${t}`).join(", ");
  console.log(`\nWorkspace: ${rows}`);
  console.log(`File: ${(json.byteLength / 1024 / 1024).toFixed(1)} MB JSON, ${(gz.byteLength / 1024 / 1024).toFixed(1)} MB gzipped\n`);
  // The floor: a bare query on the same server, in the same run.
  const floorSamples: number[] = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    await getDb().$queryRaw`SELECT 1`;
    floorSamples.push(performance.now() - t);
  }
  const floor = floorSamples.sort((a, b) => a - b)[10]!;
  console.log(`floor: SELECT 1 (median of 20)           ${floor.toFixed(2)} ms`);
  console.log(`export (REPEATABLE READ transaction)      ${exportTime}`);
  console.log(`serialize to JSON                         ${serializeTime}`);
  console.log(`gzip                                      ${gzipTime}`);
  console.log(`read: gunzip, parse, validate, references ${readTime}`);
  console.log(`import (one transaction)                  ${importTime}`);
  await restore.$disconnect();
  await getDb().$disconnect();
} finally {
  await server.close();
}
