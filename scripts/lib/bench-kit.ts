// Shared by the benchmarks: a scratch PostgreSQL with migrated databases, and signing in over
// HTTP as a browser would.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureDatabase } from "./database";
import { makeScratchDir, startEmbeddedPostgres } from "./embedded-postgres";
import { applyMigrations } from "./schema-engine";

/**
 * The PostgreSQL server for one benchmark run: DATABASE_URL's when set, else an embedded one in
 * a scratch folder. `migratedDatabase` makes a fresh database on it with every migration applied.
 * `cleanups` run in order on `close` (unshift what must stop before the server).
 *
 * With `keepDir`, the embedded cluster lives in that folder and survives the run (stopped, not
 * deleted), so a benchmark can reuse what it generated; `namedDatabase` then finds it again.
 */
export async function benchDatabaseServer(label: string, options: { keepDir?: string } = {}) {
  const keepDir = options.keepDir ? path.resolve(options.keepDir) : null;
  if (keepDir) {
    mkdirSync(keepDir, { recursive: true, mode: 0o711 });
  }
  const scratch = keepDir ?? makeScratchDir(`factdesk-bench-${label}-`);
  const cleanups: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const cleanup of cleanups) await cleanup().catch((e: unknown) => console.error(e));
    if (!keepDir) rmSync(scratch, { recursive: true, force: true });
  };
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    try {
      // A kept cluster keeps the password it was made with.
      const passwordFile = path.join(scratch, "bench-password");
      const password = keepDir && existsSync(passwordFile) ? readFileSync(passwordFile, "utf8").trim() : randomBytes(12).toString("hex");
      if (keepDir) writeFileSync(passwordFile, password, { mode: 0o600 });
      const pg = await startEmbeddedPostgres({ dir: path.join(scratch, "pg"), password, persistent: Boolean(keepDir) });
      cleanups.push(pg.stop);
      serverUrl = pg.urlFor("postgres");
    } catch (error) {
      await close();
      throw error;
    }
  }
  const server = serverUrl;
  return {
    cleanups,
    close,
    /** A migrated database: a new one, or with `reuse` the one of that exact name (created when missing). */
    async migratedDatabase(name: string, reuse = false): Promise<string> {
      const dbName = reuse ? `factdesk_bench_${name}` : `factdesk_bench_${name}_${randomBytes(3).toString("hex")}`;
      await ensureDatabase(server, dbName);
      const url = new URL(server);
      url.pathname = `/${dbName}`;
      await applyMigrations(url.toString());
      return url.toString();
    },
  };
}

/** Signs in through next-auth's credentials flow and returns the session cookie header. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const cookies = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
  });
  const session = response.headers.getSetCookie().find((c) => c.includes("session-token="));
  if (!session) throw new Error("Sign-in failed");
  return `${cookies}; ${session.split(";")[0]}`;
}
