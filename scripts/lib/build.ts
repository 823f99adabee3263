// `npm start` serves the production build, building it first when the sources changed since
// the last build. The fingerprint covers what the build reads.
import { createHash } from "node:crypto";
import { existsSync, linkSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const INPUTS = ["app", "components", "lib", "public", "prisma/schema.prisma", "next.config.js", "postcss.config.mjs", "package-lock.json", "tsconfig.json", "proxy.ts", "instrumentation.ts", "instrumentation-client.ts"];
const STAMP = ".next/factdesk-source-hash";
// `next build` empties .next except its cache folder, so the lock lives there.
export const BUILD_LOCK = ".next/cache/factdesk-build.lock";

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

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

const readHolder = (file: string) => Number.parseInt(readFileSync(file, "utf8"), 10);

function createLock(): boolean {
  try {
    writeFileSync(BUILD_LOCK, String(process.pid), { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return false;
  }
}

/** Removes the lock when the process holding it is gone; true when it did. */
function clearStaleLock(): boolean {
  let holder: number;
  try {
    holder = readHolder(BUILD_LOCK);
    // An empty file is a lock being written, unless its writer died right after creating it.
    if (Number.isNaN(holder) && Date.now() - statSync(BUILD_LOCK).mtimeMs < 10_000) return false;
  } catch {
    return false; // released meanwhile
  }
  if (!Number.isNaN(holder) && isAlive(holder)) return false;
  // Left by a build that was killed. Move it aside atomically, so that of several waiters one
  // clears it; if a live process took the lock in between, give that lock back.
  const aside = `${BUILD_LOCK}.${process.pid}`;
  try {
    renameSync(BUILD_LOCK, aside);
  } catch {
    return false;
  }
  const taken = readHolder(aside);
  const same = taken === holder || (Number.isNaN(taken) && Number.isNaN(holder));
  if (!same) {
    try {
      linkSync(aside, BUILD_LOCK);
    } catch {
      // someone else holds it now; nothing to give back
    }
  }
  rmSync(aside, { force: true });
  return same;
}

const tryLock = () => createLock() || (clearStaleLock() && createLock());

/**
 * Runs `work` holding this folder's build lock, so two `npm start` (or `npm test`) never run
 * `next build` into the same .next at once. `onWait` is called once if another process holds it.
 */
export async function withBuildLock<T>(work: () => Promise<T>, onWait: () => void = () => {}): Promise<T> {
  mkdirSync(path.dirname(BUILD_LOCK), { recursive: true });
  let waited = false;
  while (!tryLock()) {
    if (!waited) onWait();
    waited = true;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const release = () => {
    try {
      if (readHolder(BUILD_LOCK) === process.pid) rmSync(BUILD_LOCK);
    } catch {
      // already gone
    }
  };
  process.once("exit", release);
  try {
    return await work();
  } finally {
    process.removeListener("exit", release);
    release();
  }
}

/**
 * Builds the production app unless the build is current: under the build lock, checking again
 * once the lock is ours, since the process we waited for may have built these very sources.
 * `build` runs `next build` and resolves to its exit code. Returns false when the build failed.
 */
export async function ensureBuilt(build: () => Promise<number>, log: (line: string) => void): Promise<boolean> {
  if (buildIsCurrent()) return true;
  return withBuildLock(
    async () => {
      if (buildIsCurrent()) return true;
      log("Building the app (first start, or the sources changed): this takes a minute or two.");
      if ((await build()) !== 0) return false;
      markBuilt();
      return true;
    },
    () => log("Another process is building the app in this folder; waiting for it."),
  );
}
