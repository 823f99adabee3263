import type http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER as APP_HEADER } from "../lib/http/client-address";
import { config as proxyConfig } from "../proxy";
import { GUARDED_HEADER, PAGE_PATH_SOURCE } from "../lib/http/page-guard.mjs";
import { CLIENT_ADDRESS_HEADER, createFactdeskServer, guardRequest, poolSizeFor, resolveClientAddress, trustedProxiesFrom, workerCountFrom } from "./serve.mjs";

// The production server's own part (scripts/serve.mjs), with a stand-in for Next's handler.

describe("the client address", () => {
  it("is the header the app reads", () => expect(CLIENT_ADDRESS_HEADER).toBe(APP_HEADER));

  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For says", () => {
    expect(resolveClientAddress("203.0.113.7", "198.51.100.1", 0)).toBe("203.0.113.7");
    expect(resolveClientAddress("::ffff:203.0.113.7", undefined, 0)).toBe("203.0.113.7");
    expect(resolveClientAddress("2001:db8::1", "1.1.1.1", 0)).toBe("2001:db8::1");
  });

  it("is the address N hops back behind N trusted proxies; what the client wrote further left is ignored", () => {
    // client → proxy A (appends the client) → proxy B (appends A) → app; the client forged 6.6.6.6.
    expect(resolveClientAddress("10.0.0.2", "6.6.6.6, 203.0.113.7, 10.0.0.1", 2)).toBe("203.0.113.7");
    expect(resolveClientAddress("10.0.0.1", "6.6.6.6, 203.0.113.7", 1)).toBe("203.0.113.7");
    expect(resolveClientAddress("10.0.0.1", ["6.6.6.6", "203.0.113.7"], 1)).toBe("203.0.113.7");
    // Fewer hops than configured: the leftmost, which a trusted proxy wrote.
    expect(resolveClientAddress("10.0.0.1", "203.0.113.7", 3)).toBe("203.0.113.7");
    // No header at all: the peer.
    expect(resolveClientAddress("10.0.0.1", undefined, 1)).toBe("10.0.0.1");
    // Not an address: the peer's, never the text.
    expect(resolveClientAddress("10.0.0.1", "<script>", 1)).toBe("10.0.0.1");
  });

  it("reads FACTDESK_TRUSTED_PROXIES as a small whole number", () => {
    expect(trustedProxiesFrom(undefined)).toBe(0);
    expect(trustedProxiesFrom("2")).toBe(2);
    expect(() => trustedProxiesFrom("yes")).toThrow(/FACTDESK_TRUSTED_PROXIES/);
    expect(() => trustedProxiesFrom("-1")).toThrow(/FACTDESK_TRUSTED_PROXIES/);
  });
});

describe("the workers", () => {
  it("are one per core (1 to 8) by default and with \"cores\", or FACTDESK_WORKERS", () => {
    expect(workerCountFrom(undefined, 2)).toBe(2);
    expect(workerCountFrom("", 4)).toBe(4);
    expect(workerCountFrom(undefined, 1)).toBe(1);
    expect(workerCountFrom("cores", 2)).toBe(2);
    expect(workerCountFrom("cores", 0)).toBe(1);
    expect(workerCountFrom("cores", 64)).toBe(8);
    expect(workerCountFrom("1", 2)).toBe(1);
    expect(() => workerCountFrom("0", 2)).toThrow(/FACTDESK_WORKERS/);
    expect(() => workerCountFrom("two", 2)).toThrow(/FACTDESK_WORKERS/);
  });

  it("share about 20 database connections, at least 4 each", () => {
    expect(poolSizeFor(1)).toBe(20);
    expect(poolSizeFor(2)).toBe(10);
    expect(poolSizeFor(8)).toBe(4);
  });
});

type Running = { url: string; factdesk: ReturnType<typeof createFactdeskServer> };
const running: Running[] = [];
afterEach(async () => {
  for (const { factdesk } of running.splice(0)) await factdesk.drain(100);
});

async function serve(handle: (req: http.IncomingMessage, res: http.ServerResponse) => unknown, trustedProxies = 0): Promise<Running> {
  const factdesk = createFactdeskServer({ handle, trustedProxies });
  await new Promise<void>((resolve) => factdesk.server.listen(0, "127.0.0.1", resolve));
  const entry = { url: `http://127.0.0.1:${(factdesk.server.address() as AddressInfo).port}`, factdesk };
  running.push(entry);
  return entry;
}

/** Echoes what the app would see under the header, in the parsed and the raw headers. */
const echo = (req: http.IncomingMessage, res: http.ServerResponse) => {
  const raw: string[] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i]?.toLowerCase() === CLIENT_ADDRESS_HEADER) raw.push(req.rawHeaders[i + 1] ?? "");
  res.setHeader("Content-Type", "application/json");
  res.end(JSON.stringify({ parsed: req.headers[CLIENT_ADDRESS_HEADER], raw }));
};

/** A GET written by hand, so one header name can be sent twice and in any case. */
function get(url: string, headers: Array<[string, string]>): Promise<{ parsed: string; raw: string[] }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(`GET / HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join("")}\r\n`);
    });
    let reply = "";
    socket.on("data", (chunk: Buffer) => (reply += chunk.toString()));
    socket.on("error", reject);
    socket.on("end", () => resolve(JSON.parse(reply.slice(reply.indexOf("\r\n\r\n") + 4)) as { parsed: string; raw: string[] }));
  });
}

describe("the production server", () => {
  it("discards the address a client sends and records the socket's", async () => {
    const { url } = await serve(echo);
    const seen = await get(url, [
      ["X-Factdesk-Client-Address", "6.6.6.6"],
      ["x-factdesk-client-address", "7.7.7.7"],
      ["X-Forwarded-For", "8.8.8.8"],
    ]);
    expect(seen).toEqual({ parsed: "127.0.0.1", raw: ["127.0.0.1"] });
  });

  it("behind a trusted proxy, records the proxy's client and still discards a forged header", async () => {
    const { url } = await serve(echo, 1);
    const seen = await get(url, [
      ["X-Factdesk-Client-Address", "6.6.6.6"],
      ["X-Forwarded-For", "9.9.9.9, 203.0.113.7"],
    ]);
    expect(seen).toEqual({ parsed: "203.0.113.7", raw: ["203.0.113.7"] });
  });

  it("on drain, stops accepting, answers what it received with Connection: close, then resolves", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { url, factdesk } = await serve(async (_req, res) => {
      await gate;
      res.end("done");
    });
    const pending = fetch(`${url}/slow`);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(factdesk.inFlight()).toBe(1);
    const drained = factdesk.drain(5_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(fetch(`${url}/new`)).rejects.toThrow(); // refused: the listener is closed
    release();
    const response = await pending;
    expect(response.status).toBe(200);
    expect(response.headers.get("connection")).toBe("close");
    expect(await response.text()).toBe("done");
    expect(await drained).toBe(true);
  });

  it("gives up on a request that outlives the grace period", async () => {
    const { url, factdesk } = await serve(() => new Promise(() => {}));
    const pending = fetch(url).catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await factdesk.drain(300)).toBe(false);
    expect(await pending).toBeInstanceOf(Error);
  });
});

describe("the page guard (what proxy.ts does under next dev)", () => {
  const saved = { NEXTAUTH_URL: process.env.NEXTAUTH_URL, FACTDESK_TRUSTED_PROXIES: process.env.FACTDESK_TRUSTED_PROXIES };
  afterEach(() => {
    for (const name of ["NEXTAUTH_URL", "FACTDESK_TRUSTED_PROXIES"] as const) {
      if (saved[name] === undefined) delete process.env[name];
      else process.env[name] = saved[name];
    }
  });

  /** The guard, then a stand-in for Next that reports the request headers it was given. */
  const guarded = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (guardRequest(req, res)) return;
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify({ reached: true, policy: req.headers["content-security-policy"] ?? null, nonce: req.headers["x-nonce"] ?? null, marker: req.headers[GUARDED_HEADER] ?? null }));
  };
  type Seen = { reached: boolean; policy: string | null; nonce: string | null; marker: string | null };
  const request = async (path: string, headers: Record<string, string> = {}) => {
    const { url } = await serve(guarded);
    const response = await fetch(`${url}${path}`, { headers, redirect: "manual" });
    const text = await response.text();
    return { response, text, seen: (response.headers.get("content-type") === "application/json" && text.startsWith('{"reached"') ? JSON.parse(text) : null) as Seen | null };
  };

  it("gives each page a fresh nonce, in the policy Next reads from the request and in the answer's", async () => {
    const a = await request("/login");
    const b = await request("/w/demo/articles/x", { cookie: "theme=dark; next-auth.session-token=abc" });
    for (const { response, seen } of [a, b]) {
      expect(seen?.reached).toBe(true);
      expect(seen?.policy).toBe(response.headers.get("content-security-policy"));
      expect(seen?.policy).toContain(`'nonce-${seen?.nonce}' 'strict-dynamic'`);
      expect(seen?.policy).toContain("object-src 'none'");
      expect(seen?.nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
      expect(response.headers.get("strict-transport-security")).toBeNull();
    }
    expect(a.seen?.nonce).not.toBe(b.seen?.nonce);
  });

  it("replaces a policy, nonce or mark the client sent", async () => {
    const forged = { "content-security-policy": "script-src 'nonce-forged'", "x-nonce": "forged", [GUARDED_HEADER]: "forged" };
    const page = await request("/login", forged);
    expect(page.seen?.nonce).not.toBe("forged");
    expect(page.seen?.policy).not.toContain("forged");
    expect(page.seen?.marker).toBe("1");
    // Not a page: the client's policy and nonce are dropped, not passed on.
    const health = await request("/api/health", forged);
    expect(health.seen).toEqual({ reached: true, policy: null, nonce: null, marker: "1" });
  });

  it("leaves the API, build assets and files alone (no page policy, no redirect)", async () => {
    for (const path of ["/api/health", "/api/v1/workspaces", "/_next/static/chunks/a.js", "/r/serif.woff2", "/favicon.ico", "/w/demo/backup/export.txt"]) {
      const { response, seen } = await request(path);
      expect(seen?.reached, path).toBe(true);
      expect(response.headers.get("content-security-policy"), path).toBeNull();
    }
  });

  it("sends signed-out visitors of the signed-in areas to sign in, coming back after; a token goes on to its handler", async () => {
    const { response, seen } = await request("/w/demo/articles/x?claim=y");
    expect(seen).toBeNull();
    expect(response.status).toBe(307);
    expect(new URL(response.headers.get("location")!, "http://x").pathname).toBe("/login");
    expect(new URL(response.headers.get("location")!, "http://x").searchParams.get("callbackUrl")).toBe("/w/demo/articles/x?claim=y");
    for (const path of ["/queue", "/inbox", "/account/tokens", "/w/demo"]) expect((await request(path)).response.status, path).toBe(307);
    // An empty cookie is no cookie; a split one (.0, .1) is one.
    expect((await request("/inbox", { cookie: "next-auth.session-token=" })).response.status).toBe(307);
    expect((await request("/inbox", { cookie: "__Secure-next-auth.session-token.0=abc" })).seen?.reached).toBe(true);
    expect((await request("/w/demo/backup/export", { authorization: "Bearer fd_x" })).seen?.reached).toBe(true);
    for (const path of ["/login", "/r/some-token", "/docs/api", "/", "/wrong", "/queued"]) expect((await request(path)).seen?.reached, path).toBe(true);
  });

  it("answers 404 to an address holding NUL: text for pages, JSON for the API", async () => {
    for (const path of ["/w/demo%00", "/login?next=%00", "/r/abc%00"]) {
      const { response, text } = await request(path);
      expect(response.status, path).toBe(404);
      expect(text).toBe("Not found.");
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
    const api = await request("/api/v1/claims/abc%00/sources");
    expect(api.response.status).toBe(404);
    expect(JSON.parse(api.text)).toEqual({ error: { code: "NOT_FOUND", message: "Not found." } });
    // %2500 is an escaped "%00", not a NUL.
    expect((await request("/r/abc%2500")).seen?.reached).toBe(true);
  });

  it("guards a request written with an absolute address as its path, and refuses a target that is neither", async () => {
    const { url } = await serve(guarded);
    const { hostname, port } = new URL(url);
    const raw = (target: string, headers = "") =>
      new Promise<string>((resolve, reject) => {
        const socket = net.connect(Number(port), hostname, () => socket.write(`GET ${target} HTTP/1.1\r\nHost: ${hostname}\r\nConnection: close\r\n${headers}\r\n`));
        let reply = "";
        socket.on("data", (chunk: Buffer) => (reply += chunk.toString()));
        socket.on("error", reject);
        socket.on("end", () => resolve(reply));
      });
    // Signed out, a signed-in area by its absolute address goes to sign in, as by its path.
    const signedOut = await raw(`http://${hostname}:${port}/w/demo/articles/x?claim=y`);
    expect(signedOut).toMatch(/^HTTP\/1\.1 307/);
    expect(signedOut).toMatch(/location: \/login\?callbackUrl=%2Fw%2Fdemo%2Farticles%2Fx%3Fclaim%3Dy/i);
    // A page by its absolute address gets its nonce and policy, and Next sees the path.
    const page = await raw(`http://${hostname}:${port}/login`);
    expect(page).toMatch(/^HTTP\/1\.1 200/);
    expect(page).toMatch(/content-security-policy: .*'nonce-/i);
    expect(await raw(`http://${hostname}:${port}/r/abc%00`)).toMatch(/^HTTP\/1\.1 404/);
    expect(await raw("nonsense")).toMatch(/^HTTP\/1\.1 400/);
  });

  it("sends HSTS when the public address is https, or a trusted proxy says the request was", async () => {
    process.env.NEXTAUTH_URL = "https://desk.example.org";
    expect((await request("/login")).response.headers.get("strict-transport-security")).toBe("max-age=31536000");
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    expect((await request("/login", { "x-forwarded-proto": "https" })).response.headers.get("strict-transport-security")).toBeNull();
    process.env.FACTDESK_TRUSTED_PROXIES = "1";
    expect((await request("/login", { "x-forwarded-proto": "https" })).response.headers.get("strict-transport-security")).toBe("max-age=31536000");
  });

  it("covers the paths proxy.ts covers, and marks requests so that the proxy skips them", () => {
    const sources = proxyConfig.matcher.map((entry) => entry.source);
    expect(sources).toEqual(["/api/v1/:path*", `/${PAGE_PATH_SOURCE}`]);
    for (const entry of proxyConfig.matcher) expect(entry.missing).toEqual([{ type: "header", key: GUARDED_HEADER }]);
  });
});
