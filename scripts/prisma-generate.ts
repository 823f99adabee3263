// Generates the Prisma client into lib/generated/prisma. `prisma generate` never runs the schema
// engine, but the CLI still tries to download it first; pointing it at a no-op binary lets
// generation work on machines without internet access. An explicit setting always wins.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const env = { ...process.env };
if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
  const noop = ["/bin/false", "/usr/bin/false"].find((p) => existsSync(p));
  if (noop) env.PRISMA_SCHEMA_ENGINE_BINARY = noop;
}
const result = spawnSync("npx", ["prisma", "generate"], { stdio: "inherit", env, shell: process.platform === "win32" });
process.exit(result.status ?? 1);
