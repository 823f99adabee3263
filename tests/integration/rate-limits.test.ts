import { randomBytes } from "node:crypto";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { getDb } from "@/lib/db/client";
import { hitRateLimits } from "@/lib/db/rate-limit";
import { callApi, tokenFor, workspaceFingerprint } from "@/lib/testing/api";
import { createTestArticle, createWorkspacePair, type TestWorkspace } from "@/lib/testing/factories";

// Rate limits on server actions and the API, per person (and token) and per network address:
// past a limit the request is refused with the time to wait and changes nothing, and other
// people and other addresses go on as before. Limits are lowered through their env variables.

const session = vi.hoisted(() => ({ userId: null as string | null, address: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? (await import("@/lib/testing/session")).testSession(session.userId) : null) }));
vi.mock("@/lib/auth/options", () => ({ getAuthOptions: () => ({}) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(session.address ? { "x-factdesk-client-address": session.address, "user-agent": "Mozilla/5.0 (Macintosh) Firefox/140.0" } : {}) }));

const settings = await import("@/app/w/[workspace]/settings/actions");

let ws: TestWorkspace;
let other: TestWorkspace;
let claimId: string;
const saved = { ...process.env };

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
  const { id: article } = await createTestArticle(ws.id, ws.users.editor);
  claimId = (await getDb().claim.findFirstOrThrow({ where: { articleId: article }, select: { id: true } })).id;
});
beforeEach(() => {
  session.userId = null;
  session.address = null;
});
afterEach(() => {
  for (const name of Object.keys(process.env)) if (name.startsWith("FACTDESK_") && !(name in saved)) delete process.env[name];
  Object.assign(process.env, saved);
});

const address = () => `10.${randomBytes(1)[0]}.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
};
const rename = (userId: string, slug: string, from: string | null, name = `Desk ${randomBytes(2).toString("hex")}`): Promise<ActionResult> => {
  session.userId = userId;
  session.address = from;
  return settings.renameWorkspaceAction(slug, null, form({ name }));
};

/** Calls until the first refusal; the limit allows `limit`, a window boundary may allow a few more. */
async function untilRefused<T>(call: () => Promise<T>, refused: (r: T) => boolean, limit: number): Promise<T> {
  for (let i = 0; i < limit * 2 + 2; i++) {
    const result = await call();
    if (refused(result)) {
      expect(i).toBeGreaterThanOrEqual(limit);
      return result;
    }
  }
  throw new Error("never refused");
}

const isRefused = (r: ActionResult) => !r.ok && r.code === "RATE_LIMITED";

describe("server actions", () => {
  it("refuse a person past their limit with the time to wait, change nothing, and leave others alone", async () => {
    process.env.FACTDESK_ACTION_RATE_LIMIT = "3";
    const from = address();
    const refusal = await untilRefused(() => rename(ws.users.admin, ws.slug, from), isRefused, 3);
    expect(refusal).toMatchObject({ ok: false, code: "RATE_LIMITED", message: expect.stringMatching(/^Too many requests; try again in \d+ seconds/) });
    const before = await workspaceFingerprint(ws.id);
    const name = (await getDb().workspace.findUniqueOrThrow({ where: { id: ws.id } })).name;
    expect(isRefused(await rename(ws.users.admin, ws.slug, from, "Should not stick"))).toBe(true);
    expect(await workspaceFingerprint(ws.id)).toEqual(before);
    expect((await getDb().workspace.findUniqueOrThrow({ where: { id: ws.id } })).name).toBe(name);
    // Another person, from the same address, is not affected.
    expect(await rename(other.users.admin, other.slug, from)).toMatchObject({ ok: true });
    // The first refusal in the window is a security event; the flood after it is not.
    const events = await getDb().securityEvent.findMany({ where: { kind: "rate.limited", userId: ws.users.admin } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ ip: from, detail: { channel: "action", per: "person", limit: 3 } });
  });

  it("refuse an address past its limit, whoever acts from it, and leave other addresses alone", async () => {
    process.env.FACTDESK_ACTION_RATE_LIMIT_PER_ADDRESS = "4";
    const from = address();
    let turn = 0;
    const refusal = await untilRefused(() => (turn++ % 2 === 0 ? rename(ws.users.admin, ws.slug, from) : rename(other.users.admin, other.slug, from)), isRefused, 4);
    expect(refusal.message).toMatch(/from each network address/);
    const before = await workspaceFingerprint(other.id);
    expect(isRefused(await rename(other.users.admin, other.slug, from))).toBe(true);
    expect(await workspaceFingerprint(other.id)).toEqual(before);
    expect(await rename(other.users.admin, other.slug, address())).toMatchObject({ ok: true });
  });
});

describe("the API", () => {
  const comment = (token: string, from?: string) =>
    callApi("POST", `/claims/${claimId}/comments`, { token, body: { body: "Checking." }, headers: from ? { "x-factdesk-client-address": from } : {} });

  it("answers 429 with Retry-After past a person's limit across all their tokens, changing nothing", async () => {
    process.env.FACTDESK_API_RATE_LIMIT_PER_PERSON = "3";
    const [a, b] = [await tokenFor(ws.users.reviewer), await tokenFor(ws.users.reviewer)];
    let turn = 0;
    const refusal = await untilRefused(() => comment(turn++ % 2 === 0 ? a : b), (r) => r.status === 429, 3);
    expect(Number(refusal.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refusal.headers.get("cache-control")).toBe("no-store");
    expect(refusal.body).toMatchObject({ error: { code: "RATE_LIMITED", message: expect.stringMatching(/for each person/) } });
    const before = await workspaceFingerprint(ws.id);
    expect((await comment(a)).status).toBe(429);
    expect(await workspaceFingerprint(ws.id)).toEqual(before);
    expect((await comment(await tokenFor(ws.users.editor))).status).toBe(201);
  });

  it("answers 429 past an address's limit, and another address is unaffected", async () => {
    process.env.FACTDESK_API_RATE_LIMIT_PER_ADDRESS = "3";
    const from = address();
    const [editor, admin] = [await tokenFor(ws.users.editor), await tokenFor(ws.users.admin)];
    let turn = 0;
    const refusal = await untilRefused(() => comment(turn++ % 2 === 0 ? editor : admin, from), (r) => r.status === 429, 3);
    expect(refusal.body).toMatchObject({ error: { message: expect.stringMatching(/from each network address/) } });
    const before = await workspaceFingerprint(ws.id);
    expect((await comment(editor, from)).status).toBe(429);
    expect(await workspaceFingerprint(ws.id)).toEqual(before);
    expect((await comment(editor, address())).status).toBe(201);
  });

  it("marks every authenticated answer no-store, successes included", async () => {
    const ok = await callApi("GET", "/workspaces", { token: await tokenFor(ws.users.viewer, "READ") });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("cache-control")).toBe("no-store");
    expect(ok.headers.get("x-ratelimit-limit")).toBeTruthy();
  });
});

describe("the counter", () => {
  it("counts several keys in one statement, and its cost is small", async () => {
    const key = `bench:${randomBytes(4).toString("hex")}`;
    const hits = await hitRateLimits([{ key: `${key}:a`, limit: 2 }, { key: `${key}:b`, limit: 1 }], 60_000);
    expect(hits.map((h) => [h.count, h.allowed])).toEqual([[1, true], [1, true]]);
    const started = performance.now();
    const rounds = 200;
    for (let i = 0; i < rounds; i++) await hitRateLimits([{ key: `${key}:a`, limit: 1e6 }, { key: `${key}:b`, limit: 1e6 }], 60_000);
    const perCall = (performance.now() - started) / rounds;
    console.log(`rate limit check (two keys, one statement): ${perCall.toFixed(2)} ms a request`);
    expect(perCall).toBeLessThan(50);
  });
});
