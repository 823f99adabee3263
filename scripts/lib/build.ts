// `npm start` serves the production build, building it first when the sources changed since
// the last build. The fingerprint covers what the build reads.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const INPUTS = ["app", "components", "lib", "public", "prisma/schema.prisma", "next.config.js", "postcss.config.mjs", "package-lock.json", "tsconfig.json", "proxy.ts"];
const STAMP = ".next/factdesk-source-hash";

function addTree(hash: ReturnType<typeof createHash>, entry: string): void {
  if (!existsSync(entry)) return;
  const stat = statSync(entry);
  if (stat.isDirectory()) {
    if (entry.endsWith(`${path.sep}generated`)) return;
    for (const child of readdirSync(entry).sort()) addTree(hash, path.join(entry, child));
    return;
  }
  if (entry.endsWith(".test.ts")) return;
  hash.update(entry).update(readFileSync(entry));
}

export function sourceFingerprint(): string {
  const hash = createHash("sha256");
  for (const input of INPUTS) addTree(hash, input);
  return hash.digest("hex");
}

export function buildIsCurrent(): boolean {
  return existsSync(".next/BUILD_ID") && existsSync(STAMP) && readFileSync(STAMP, "utf8") === sourceFingerprint();
}

export function markBuilt(): void {
  writeFileSync(STAMP, sourceFingerprint());
}
