// @ts-check
// The production server: Next.js's documented custom-server API inside a plain Node HTTP server,
// started by `npm start` and `npm test` instead of `next start`. Plain JavaScript, so Node runs it
// without a TypeScript loader standing between Next and its own modules.
//
// It does two things `next start` cannot:
// - records the client's address: every request's CLIENT_ADDRESS_HEADER is overwritten with the
//   socket's peer address or, behind FACTDESK_TRUSTED_PROXIES=N proxies, the address N hops back
//   in X-Forwarded-For. A value the client sent under that name never reaches the app.
// - stops gracefully: on SIGTERM or SIGINT, or when the `npm start` that spawned it goes away, it
//   stops accepting connections, answers every request already received (each with
//   `Connection: close`), ends the live streams, stops the webhook worker and exits, within
//   FACTDESK_SHUTDOWN_GRACE_SECONDS (default 10).
//
// It runs one instance of the app per core (at most 8; FACTDESK_WORKERS=N for N, 1 for a single
// process) behind the one port through node:cluster: one Node process uses one core, and two
// workers raised the article page from about 145 to about 205 pages a second on a 2-core machine
// (docs/decisions/023-page-speed.md, fifth pass). Each worker is a whole instance (live updates already go between
// instances through PostgreSQL): it records addresses and drains by itself. The primary forwards
// SIGTERM to every worker, says "listening" once all listen, replaces a worker that dies unasked,
// and stops them all when `npm start` goes away. Each worker's database pool is sized so that the
// total stays near 20 connections (FACTDESK_DB_POOL_MAX, read by lib/db/client.ts).
import cluster from "node:cluster";
import http from "node:http";
import net from "node:net";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { GUARDED_HEADER, HSTS, hasSessionCookie, newNonce, pagePolicy, routeRequest, servedOverHttps } from "../lib/http/page-guard.mjs";

/** Must equal CLIENT_ADDRESS_HEADER in lib/http/client-address.ts (a unit test checks). */
export const CLIENT_ADDRESS_HEADER = "x-factdesk-client-address";

/** "::ffff:10.0.0.1" (an IPv4 peer on a dual-stack socket) reads as "10.0.0.1". */
export function normaliseAddress(address) {
  const value = String(address ?? "").trim();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  return mapped?.[1] ?? value;
}

/**
 * The client's address: the socket's peer, or with `trustedProxies` = N, the address N hops back
 * in X-Forwarded-For (the chain being X-Forwarded-For's entries followed by the peer). Entries
 * added by the client itself sit further left and are never read. A chain shorter than N + 1 gives
 * its leftmost entry; an entry that is not an IP address gives the peer's.
 * @param {string | undefined} peer
 * @param {string | string[] | undefined} forwardedFor
 * @param {number} trustedProxies
 */
export function resolveClientAddress(peer, forwardedFor, trustedProxies) {
  const socketAddress = normaliseAddress(peer) || "unknown";
  if (!(trustedProxies > 0)) return socketAddress;
  const listed = (Array.isArray(forwardedFor) ? forwardedFor.join(",") : (forwardedFor ?? ""))
    .split(",")
    .map((entry) => normaliseAddress(entry))
    .filter(Boolean);
  const chain = [...listed, socketAddress];
  const chosen = chain[Math.max(0, chain.length - 1 - trustedProxies)] ?? socketAddress;
  return net.isIP(chosen) ? chosen : socketAddress;
}

/** FACTDESK_TRUSTED_PROXIES: how many proxies in front of the app append to X-Forwarded-For (default 0). */
export function trustedProxiesFrom(value) {
  if (value === undefined || value === "") return 0;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 10) throw new Error(`FACTDESK_TRUSTED_PROXIES must be a whole number from 0 to 10, not "${value}".`);
  return n;
}

/** Replaces whatever the client sent under CLIENT_ADDRESS_HEADER, in the parsed and the raw headers. */
export function recordClientAddress(req, trustedProxies) {
  const address = resolveClientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedProxies);
  req.headers[CLIENT_ADDRESS_HEADER] = address;
  const raw = req.rawHeaders;
  for (let i = raw.length - 2; i >= 0; i -= 2) if (raw[i]?.toLowerCase() === CLIENT_ADDRESS_HEADER) raw.splice(i, 2);
  raw.push(CLIENT_ADDRESS_HEADER, address);
}

/**
 * An HTTP server that records client addresses and hands every request to `handle`, with
 * `drain(graceMs)`: stop accepting, answer what was received, close the connections. Resolves to
 * true when everything finished within the grace period.
 * @param {{ handle: (req: http.IncomingMessage, res: http.ServerResponse) => Promise<unknown> | unknown, trustedProxies?: number, onDrainStart?: () => void }} options
 */
export function createFactdeskServer({ handle, trustedProxies = 0, onDrainStart = () => {} }) {
  let draining = false;
  /** @type {Set<http.ServerResponse>} */
  const inFlight = new Set();
  /** @type {() => void} */
  let settled = () => {};

  const server = http.createServer((req, res) => {
    recordClientAddress(req, trustedProxies);
    inFlight.add(res);
    res.once("close", () => {
      inFlight.delete(res);
      if (draining && inFlight.size === 0) settled();
    });
    // While draining, every answer ends its connection: the client opens its next one elsewhere.
    if (draining) res.setHeader("Connection", "close");
    Promise.resolve()
      .then(() => handle(req, res))
      .catch((error) => {
        console.error("Request failed", error);
        if (!res.headersSent) {
          res.statusCode = 500;
          res.end("Internal Server Error");
        } else res.destroy();
      });
  });

  /** @param {number} graceMs */
  async function drain(graceMs) {
    if (draining) return false;
    draining = true;
    // Stop accepting new connections, but keep the open ones (http.Server#close would also drop
    // idle keep-alive connections at once, racing a client that is sending on one right now).
    net.Server.prototype.close.call(server);
    for (const res of inFlight) if (!res.headersSent) res.setHeader("Connection", "close");
    try {
      onDrainStart();
    } catch (error) {
      console.error(error);
    }
    const deadline = Date.now() + graceMs;
    const allAnswered = new Promise((resolve) => {
      settled = () => resolve(true);
      if (inFlight.size === 0) resolve(true);
    });
    // A keep-alive connection idle right now may carry a request already on its way: give it a
    // moment to arrive (it is then answered with `Connection: close`), then close the idle ones.
    await new Promise((resolve) => setTimeout(resolve, Math.min(500, graceMs)));
    server.closeIdleConnections();
    const finished = await Promise.race([allAnswered, new Promise((resolve) => setTimeout(() => resolve(false), Math.max(0, deadline - Date.now())))]);
    if (finished) server.closeIdleConnections();
    else server.closeAllConnections();
    return /** @type {boolean} */ (finished);
  }

  return { server, drain, inFlight: () => inFlight.size, isDraining: () => draining };
}

/**
 * What proxy.ts does under `next dev`, done here for every request before Next sees it (the same
 * rules, lib/http/page-guard.mjs): a page gets a fresh nonce in its request's and its answer's
 * Content-Security-Policy (Next reads the nonce from the request's) and HSTS over https; a NUL in
 * a page's or the JSON API's address is 404; a signed-in area without a session cookie or token
 * goes to the sign-in page. Every request is marked with GUARDED_HEADER (replacing whatever the
 * client sent under it, or under the nonce's headers), so the proxy's matcher skips it.
 * Returns true when it has answered the request itself.
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 */
export function guardRequest(req, res) {
  let url = req.url ?? "/";
  if (!url.startsWith("/")) {
    // An absolute-form target ("GET http://host/path"), which Next also accepts: guard (and
    // hand on) its path, so it cannot reach a page around the guard. Anything else is refused.
    let parsed = null;
    try {
      parsed = /^https?:\/\//i.test(url) ? new URL(url) : null;
    } catch {
      parsed = null;
    }
    if (!parsed) {
      res.statusCode = 400;
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      res.end("Bad request.");
      return true;
    }
    url = `${parsed.pathname}${parsed.search}`;
    req.url = url;
  }
  const q = url.indexOf("?");
  const pathname = q < 0 ? url : url.slice(0, q);
  const search = q < 0 ? "" : url.slice(q);
  delete req.headers["x-nonce"];
  delete req.headers["content-security-policy"];
  delete req.headers["content-security-policy-report-only"];
  req.headers[GUARDED_HEADER] = "1";
  const authorization = req.headers.authorization;
  const route = routeRequest(pathname, search, { sessionCookie: hasSessionCookie(req.headers.cookie), authorization });
  if (route.kind === "pass") return false;
  if (route.kind === "not-found") {
    res.statusCode = 404;
    res.setHeader("Cache-Control", "no-store");
    if (route.api) {
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ error: { code: "NOT_FOUND", message: "Not found." } }));
    } else {
      res.setHeader("Content-Type", "text/plain; charset=utf-8");
      res.end("Not found.");
    }
    return true;
  }
  if (route.kind === "sign-in") {
    res.statusCode = 307;
    res.setHeader("Location", route.location);
    res.end();
    return true;
  }
  const nonce = newNonce();
  const policy = pagePolicy(nonce);
  req.headers["x-nonce"] = nonce;
  req.headers["content-security-policy"] = policy;
  res.setHeader("Content-Security-Policy", policy);
  const forwardedProto = req.headers["x-forwarded-proto"];
  if (servedOverHttps(Array.isArray(forwardedProto) ? forwardedProto[0] : forwardedProto)) res.setHeader("Strict-Transport-Security", HSTS);
  return false;
}

/** FACTDESK_WORKERS: how many app instances to run (default "cores": the cores available, 1 to 8). */
export function workerCountFrom(value, cores = typeof os.availableParallelism === "function" ? os.availableParallelism() : os.cpus().length) {
  if (value === undefined || value === "" || value === "cores") return Math.max(1, Math.min(8, cores || 1));
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 32) throw new Error(`FACTDESK_WORKERS must be a whole number from 1 to 32, not "${value}".`);
  return n;
}

/** Each worker's database pool: about 20 connections in all, at least 4 per worker. */
export function poolSizeFor(workers) {
  return Math.max(4, Math.floor(20 / workers));
}

/** Ends what keeps the app busy after its last request: the live streams and the webhook worker. */
function stopBackgroundWork() {
  const app = /** @type {{ factdeskHub?: { closeAll?: () => void }, factdeskWebhookWorker?: { stop: () => void } }} */ (/** @type {unknown} */ (globalThis));
  app.factdeskWebhookWorker?.stop();
  app.factdeskHub?.closeAll?.();
}

/**
 * The cluster's primary: serves nothing itself. Forks the workers, says "listening" to `npm start`
 * once every worker listens, forwards SIGTERM/SIGINT, and exits when they all have.
 * @param {number} count
 */
function runPrimary(count) {
  const port = Number(process.env.PORT || 3000);
  const graceSeconds = Number(process.env.FACTDESK_SHUTDOWN_GRACE_SECONDS || 10);
  const graceMs = (Number.isFinite(graceSeconds) && graceSeconds >= 0 ? graceSeconds : 10) * 1000;
  const env = { FACTDESK_DB_POOL_MAX: process.env.FACTDESK_DB_POOL_MAX || String(poolSizeFor(count)) };
  /** @type {Set<number>} */
  const listening = new Set();
  let ready = false;
  let stopping = false;
  /** @type {number[]} */
  const deaths = [];

  const fork = () => {
    const worker = cluster.fork(env);
    worker.on("message", (message) => {
      if (message?.type !== "listening") return;
      listening.add(worker.id);
      if (!ready && listening.size === count) {
        ready = true;
        process.send?.({ type: "listening", port });
      }
    });
    return worker;
  };

  const stop = (/** @type {string} */ why, code = 0) => {
    if (stopping) return;
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    if (workers.length === 0) process.exit(code);
    if (why) console.log(`[factdesk] ${why}: stopping ${workers.length} worker${workers.length === 1 ? "" : "s"}…`);
    for (const worker of workers) worker.process.kill("SIGTERM");
    // Each worker cuts its own requests at the grace period; this is only a backstop.
    setTimeout(() => {
      for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGKILL");
      process.exit(code);
    }, graceMs + 5_000).unref();
    cluster.on("exit", () => {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(code);
    });
  };

  cluster.on("exit", (worker, exitCode, signal) => {
    listening.delete(worker.id);
    if (stopping) return;
    if (!ready) {
      // A worker that cannot start (the port is taken, the build is missing): the others cannot either.
      stop("", exitCode || 1);
      return;
    }
    const now = Date.now();
    deaths.push(now);
    while (deaths.length && (deaths[0] ?? now) < now - 60_000) deaths.shift();
    console.error(`[factdesk] A worker (pid ${worker.process.pid}) stopped unexpectedly (${signal ?? `exit code ${exitCode}`}).`);
    if (deaths.length > 5) {
      console.error("[factdesk] More than 5 workers died within a minute: stopping.");
      stop("", 1);
      return;
    }
    fork();
  });

  // Ctrl-C reaches the workers too (same process group); they drain by themselves.
  process.on("SIGINT", () => void stop(""));
  process.on("SIGTERM", () => void stop("SIGTERM received"));
  if (process.send) process.on("disconnect", () => void stop("npm start went away"));
  for (let i = 0; i < count; i++) fork();
}

async function main() {
  const workers = cluster.isPrimary ? workerCountFrom(process.env.FACTDESK_WORKERS) : 1;
  if (cluster.isPrimary && workers > 1) {
    runPrimary(workers);
    return;
  }
  await runInstance();
}

async function runInstance() {
  const port = Number(process.env.PORT || 3000);
  const graceSeconds = Number(process.env.FACTDESK_SHUTDOWN_GRACE_SECONDS || 10);
  const graceMs = (Number.isFinite(graceSeconds) && graceSeconds >= 0 ? graceSeconds : 10) * 1000;
  const trustedProxies = trustedProxiesFrom(process.env.FACTDESK_TRUSTED_PROXIES);
  const { default: next } = await import("next");
  /** @type {(req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>} */
  let handler = async () => {};
  const factdesk = createFactdeskServer({ handle: (req, res) => handler(req, res), trustedProxies, onDrainStart: stopBackgroundWork });
  const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port, httpServer: factdesk.server });
  await app.prepare();
  const nextHandler = app.getRequestHandler();
  handler = (req, res) => (guardRequest(req, res) ? undefined : nextHandler(req, res));

  let stopping = false;
  const stop = async (/** @type {string} */ why) => {
    if (stopping) return;
    stopping = true;
    console.log(`[factdesk] ${why}: finishing requests in progress (up to ${graceMs / 1000} s)…`);
    const clean = await factdesk.drain(graceMs);
    if (!clean) console.log("[factdesk] Grace period over; closing the remaining connections.");
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM received"));
  process.on("SIGINT", () => void stop("Stopping"));
  // Spawned by `npm start` with an IPC channel: the channel closes when that process dies, even by
  // kill -9, and the server must not live on holding the port.
  if (process.send) process.on("disconnect", () => void stop("npm start went away"));

  factdesk.server.on("error", (error) => {
    console.error(`[factdesk] The server could not listen on port ${port}: ${error.message}`);
    process.exit(1);
  });
  factdesk.server.listen(port, () => {
    process.send?.({ type: "listening", port });
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
