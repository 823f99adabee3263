// Runs the Next.js CLI as a child process with the environment the app needs.
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import net from "node:net";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const nextBin = require.resolve("next/dist/bin/next");

export function runNext(args: string[], env: Record<string, string>, stdio: "inherit" | "pipe" = "inherit", nodeArgs: string[] = []): ChildProcess {
  // A self-hosted newsroom tool sends nothing home.
  return spawn(process.execPath, [...nodeArgs, nextBin, ...args], { env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env, ...env }, stdio });
}

const serverScript = fileURLToPath(new URL("../serve.mjs", import.meta.url));

/**
 * The server's young generation: V8's default semi-space (16 MB) fills several times per page
 * under load, and with 25 requests in flight per worker much of what a scavenge finds is still
 * alive, so it is copied and promoted, and the old generation's collections follow. With 64 MB
 * the article page served 15–30 % more pages a second at 50 connections in five paired runs
 * (docs/decisions/023-page-speed.md, fifth pass), for about 80–140 MB more memory per worker (772–837 MB resident
 * under load, against 688–694 MB).
 */
export const SERVER_NODE_FLAGS = ["--max-semi-space-size=64"];

/**
 * The production server (scripts/serve.mjs) as a child process with an IPC channel: it says when
 * it listens, and it stops by itself when this process dies, however it dies. `nodeArgs`: Node
 * flags after SERVER_NODE_FLAGS (a later flag wins), which its cluster workers inherit.
 */
export function runServer(env: Record<string, string>, stdio: "inherit" | "pipe" = "inherit", nodeArgs: string[] = []): ChildProcess {
  return spawn(process.execPath, [...SERVER_NODE_FLAGS, ...nodeArgs, serverScript], {
    env: { NEXT_TELEMETRY_DISABLED: "1", ...process.env, ...env, NODE_ENV: "production" },
    stdio: [stdio === "pipe" ? "ignore" : "inherit", stdio, stdio, "ipc"],
  });
}

/** Resolves once the server spawned by runServer listens; rejects when it exits first. */
export function waitForListening(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: unknown) => {
      if ((message as { type?: string } | null)?.type !== "listening") return;
      child.off("exit", onExit);
      resolve();
    };
    const onExit = (code: number | null) => {
      child.off("message", onMessage);
      reject(new Error(`The server exited with code ${code} before listening`));
    };
    child.on("message", onMessage);
    child.once("exit", onExit);
  });
}

export function waitForExit(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    if (child.signalCode !== null) return resolve(1);
    child.once("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

/** Resolves once `${url}/api/health` answers 200; rejects on timeout or when `child` exits first. */
export async function waitForHealth(url: string, timeoutMs: number, child?: ChildProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && (child.exitCode !== null || child.signalCode !== null)) throw new Error(`The app for ${url} exited before it was healthy`);
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`The app did not become healthy at ${url} within ${timeoutMs / 1000} s`);
}

export async function stopProcess(child: ChildProcess): Promise<number> {
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  return waitForExit(child);
}

/**
 * `count` distinct free ports, chosen by the system and held together until all are known. Bound
 * on every interface, as `next start` binds: a port free on 127.0.0.1 alone may be taken on `::`.
 */
export async function findFreePorts(count: number): Promise<number[]> {
  const listen = () =>
    new Promise<net.Server>((resolve, reject) => {
      const server = net.createServer().once("error", reject);
      server.listen(0, () => resolve(server));
    });
  const servers = await Promise.all(Array.from({ length: count }, listen));
  const ports = servers.map((server) => (server.address() as net.AddressInfo).port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}
