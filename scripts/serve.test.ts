import type http from "node:http";
import net, { type AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER as APP_HEADER } from "../lib/http/client-address";
import { CLIENT_ADDRESS_HEADER, createFactdeskServer, poolSizeFor, resolveClientAddress, trustedProxiesFrom, workerCountFrom } from "./serve.mjs";

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
  it("are one by default, one per core (1 to 8) with \"cores\", or FACTDESK_WORKERS", () => {
    expect(workerCountFrom(undefined, 2)).toBe(1);
    expect(workerCountFrom("", 4)).toBe(1);
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
