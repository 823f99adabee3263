import type { NextConfig } from "next";
import { NextRequest } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import proxy, { config } from "@/proxy";

// proxy.ts: a fresh nonce and policy per page, a script-free policy for the API, HSTS only over
// https, and the sign-in redirect for the signed-in areas only.

const saved = { NEXTAUTH_URL: process.env.NEXTAUTH_URL, FACTDESK_TRUSTED_PROXIES: process.env.FACTDESK_TRUSTED_PROXIES };
afterEach(() => {
  for (const name of ["NEXTAUTH_URL", "FACTDESK_TRUSTED_PROXIES"] as const) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

const run = async (path: string, headers: Record<string, string> = {}) => {
  process.env.NEXTAUTH_SECRET ??= "a-test-secret-of-enough-length";
  const response = await proxy(new NextRequest(`http://factdesk.test${path}`, { headers }), { waitUntil: () => undefined } as never);
  return response!;
};
const scriptSrc = (policy: string | null) => (policy ?? "").split(";").map((d) => d.trim()).find((d) => d.startsWith("script-src")) ?? "";

describe("proxy", () => {
  it("gives each page its own nonce, passed on to the page in the request's policy", async () => {
    const [a, b] = [await run("/login"), await run("/login")];
    const policy = a.headers.get("content-security-policy");
    expect(scriptSrc(policy)).toMatch(/^script-src 'self' 'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'$/);
    expect(policy).toContain("object-src 'none'");
    expect(b.headers.get("content-security-policy")).not.toBe(policy);
    // Next reads the request's copy when it renders the page's scripts.
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(policy);
    expect(a.headers.get("strict-transport-security")).toBeNull();
  });

  it("leaves the API to next.config.js's fixed policy, under which nothing runs", async () => {
    // @ts-expect-error next.config.js is plain JavaScript, typed by its JSDoc only.
    const { default: nextConfig } = (await import("@/next.config.js")) as { default: NextConfig };
    const rules = await nextConfig.headers!();
    const api = rules.find((r) => r.source === "/api/v1/:path*");
    expect(api?.headers).toContainEqual({ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" });
    // No other rule sets a policy: a page's comes from the proxy alone, or two would both apply.
    expect(rules.filter((r) => r.headers.some((h) => h.key === "Content-Security-Policy"))).toHaveLength(1);
  });

  it("sends HSTS when the public address is https, or a trusted proxy says the request was", async () => {
    process.env.NEXTAUTH_URL = "https://desk.example.org";
    expect((await run("/login")).headers.get("strict-transport-security")).toBe("max-age=31536000");
    process.env.NEXTAUTH_URL = "http://localhost:3000";
    expect((await run("/login", { "x-forwarded-proto": "https" })).headers.get("strict-transport-security")).toBeNull();
    process.env.FACTDESK_TRUSTED_PROXIES = "1";
    expect((await run("/login", { "x-forwarded-proto": "https" })).headers.get("strict-transport-security")).toBe("max-age=31536000");
    expect((await run("/login", { "x-forwarded-proto": "http" })).headers.get("strict-transport-security")).toBeNull();
  });

  it("redirects signed-out visitors of the signed-in areas only", async () => {
    const protectedPage = await run("/w/demo/articles/x?claim=y");
    expect(protectedPage.status).toBe(307);
    expect(new URL(protectedPage.headers.get("location")!).searchParams.get("callbackUrl")).toBe("/w/demo/articles/x?claim=y");
    for (const path of ["/queue", "/inbox", "/account/tokens"]) expect((await run(path)).status).toBe(307);
    // A bearer token goes on to the handler, which checks it.
    expect((await run("/w/demo/backup/export", { authorization: "Bearer fd_x" })).headers.get("location")).toBeNull();
    for (const path of ["/login", "/r/some-token", "/docs/api", "/", "/wrong"]) expect((await run(path)).headers.get("location")).toBeNull();
  });

  it("leaves build assets, fonts and the API alone", async () => {
    // The pages' matcher is "/(…)": the part in brackets is a regular expression for the rest of the path.
    const pages = config.matcher.map((entry) => entry.source).find((source) => source.startsWith("/(("));
    expect(pages).toBeDefined();
    const pattern = new RegExp(`^/${pages!.slice(2, -1)}$`);
    for (const path of ["/_next/static/chunks/a.js", "/api/health", "/api/v1/workspaces", "/r/serif.woff2", "/favicon.ico"]) expect(pattern.test(path), path).toBe(false);
    for (const path of ["/login", "/w/demo", "/r/abc", "/docs/api", "/"]) expect(pattern.test(path), path).toBe(true);
    // The JSON API passes through only for the NUL check: no nonce, no page policy, no redirect.
    expect(config.matcher.map((entry) => entry.source)).toContain("/api/v1/:path*");
    const api = await run("/api/v1/workspaces");
    expect(api.headers.get("content-security-policy")).toBeNull();
    expect(api.headers.get("location")).toBeNull();
  });

  it("costs little: the time it adds to a page request", async () => {
    const time = async (path: string, headers: Record<string, string> = {}) => {
      for (let i = 0; i < 200; i++) await run(path, headers);
      const started = performance.now();
      const rounds = 2000;
      for (let i = 0; i < rounds; i++) await run(path, headers);
      return ((performance.now() - started) / rounds) * 1000;
    };
    const page = await time("/r/some-token");
    const redirect = await time("/w/demo/articles/x");
    console.log(`proxy: ${page.toFixed(0)} µs for a page (nonce and headers), ${redirect.toFixed(0)} µs for a signed-out redirect`);
    expect(page).toBeLessThan(2000);
  });
});
