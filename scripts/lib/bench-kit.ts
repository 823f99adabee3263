// Shared by the benchmarks: a scratch PostgreSQL with migrated databases, and signing in over
// HTTP as a browser would.
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import path from "node:path";
import { ensureDatabase } from "./database";
import { makeScratchDir, startEmbeddedPostgres } from "./embedded-postgres";
import { applyMigrations } from "./schema-engine";

/**
 * The PostgreSQL server for one benchmark run: DATABASE_URL's when set, else an embedded one in
 * a scratch folder. `migratedDatabase` makes a fresh database on it with every migration applied.
 * `cleanups` run in order on `close` (unshift what must stop before the server).
 */
export async function benchDatabaseServer(label: string) {
  const scratch = makeScratchDir(`factdesk-bench-${label}-`);
  const cleanups: Array<() => Promise<void>> = [];
  const close = async () => {
    for (const cleanup of cleanups) await cleanup().catch((e: unknown) => console.error(e));
    rmSync(scratch, { recursive: true, force: true });
  };
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    try {
      const pg = await startEmbeddedPostgres({ dir: path.join(scratch, "pg"), password: randomBytes(12).toString("hex"), persistent: false });
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
    async migratedDatabase(name: string): Promise<string> {
      const dbName = `factdesk_bench_${name}_${randomBytes(3).toString("hex")}`;
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
