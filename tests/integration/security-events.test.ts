import { randomBytes } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { findTokenPrincipal } from "@/lib/db/api-tokens";
import { getDb } from "@/lib/db/client";
import { upsertMember } from "@/lib/db/members";
import { listSecurityEvents } from "@/lib/db/security-log";
import { recordSecurityEvent } from "@/lib/db/security-events";
import { securityEventPage } from "@/lib/api/v1/security-endpoints";
import { callApi, tokenFor, workspaceFingerprint } from "@/lib/testing/api";
import { createWorkspacePair, type TestWorkspace } from "@/lib/testing/factories";

// Security events recorded by the pipeline and the token actions, and the admins' Security page:
// admins only, and only what belongs to their workspace and its members.

const session = vi.hoisted(() => ({ userId: null as string | null, address: "192.0.2.7" }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? (await import("@/lib/testing/session")).testSession(session.userId) : null) }));
vi.mock("@/lib/auth/options", () => ({ getAuthOptions: () => ({}) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ "x-factdesk-client-address": session.address, "user-agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0" }) }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  },
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));

const settings = await import("@/app/w/[workspace]/settings/actions");
const tokenActions = await import("@/app/(personal)/account/tokens/actions");
const { default: SecurityPage } = await import("@/app/w/[workspace]/settings/security/page");

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
});
beforeEach(() => {
  session.userId = null;
});

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
};
const eventsOf = (userId: string, kind: string) => getDb().securityEvent.findMany({ where: { userId, kind }, orderBy: { id: "asc" } });

describe("recorded events", () => {
  it("a member refused by the policy is an action.refused event of the workspace; a stranger's 404 is not", async () => {
    session.userId = ws.users.viewer;
    expect(await settings.renameWorkspaceAction(ws.slug, null, form({ name: "Mine now" }))).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const [event] = await eventsOf(ws.users.viewer, "action.refused");
    expect(event).toMatchObject({ workspaceId: ws.id, ip: "192.0.2.7", detail: { action: "settings:manage", role: "VIEWER", through: "WEB" } });

    session.userId = other.users.admin;
    expect(await settings.renameWorkspaceAction(ws.slug, null, form({ name: "Mine now" }))).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await eventsOf(other.users.admin, "action.refused")).toHaveLength(0);

    const read = await tokenFor(ws.users.editor, "READ");
    const articles = await getDb().article.count({ where: { workspaceId: ws.id } });
    const refused = await callApi("POST", "/articles", { token: read, body: { workspace: ws.slug, title: "T", body: "Some text." }, headers: { "x-factdesk-client-address": "198.51.100.4" } });
    expect(refused.status).toBe(403);
    expect(await getDb().article.count({ where: { workspaceId: ws.id } })).toBe(articles);
    const [viaApi] = await eventsOf(ws.users.editor, "action.refused");
    expect(viaApi).toMatchObject({ workspaceId: ws.id, ip: "198.51.100.4", detail: { action: "article:import", through: "API", tokenScope: "READ" } });
  });

  it("creating and revoking a token are events; its use is one event an hour, not one a request", async () => {
    session.userId = ws.users.reviewer;
    const made = await tokenActions.createApiTokenAction(null, form({ name: "Spreadsheet", scope: "READ", expiry: "never" }));
    expect(made).toMatchObject({ ok: true });
    const token = (made as { secret: string }).secret;
    const row = await getDb().apiToken.findFirstOrThrow({ where: { userId: ws.users.reviewer, name: "Spreadsheet" } });
    expect(await eventsOf(ws.users.reviewer, "token.created")).toMatchObject([{ ip: "192.0.2.7", detail: { tokenId: row.id, name: "Spreadsheet", scope: "READ" } }]);

    const t0 = new Date("2030-01-01T10:05:00Z");
    const client = { ip: "203.0.113.9", userAgent: "curl/8.5.0" };
    for (const minutes of [0, 0, 2, 30, 54]) await findTokenPrincipal(token, new Date(t0.getTime() + minutes * 60_000), client);
    expect(await eventsOf(ws.users.reviewer, "token.used")).toHaveLength(1);
    await findTokenPrincipal(token, new Date("2030-01-01T11:00:30Z"), client);
    const used = await eventsOf(ws.users.reviewer, "token.used");
    expect(used).toHaveLength(2);
    expect(used[0]).toMatchObject({ ip: "203.0.113.9", userAgent: "curl/8.5.0", workspaceId: null, detail: { tokenId: row.id } });

    expect(await tokenActions.revokeApiTokenAction(null, form({ tokenId: row.id }))).toMatchObject({ ok: true });
    expect(await tokenActions.revokeApiTokenAction(null, form({ tokenId: row.id }))).toMatchObject({ ok: true });
    expect(await eventsOf(ws.users.reviewer, "token.revoked")).toHaveLength(1);
  });
});

describe("who sees which events", () => {
  it("an admin sees the workspace's events and its members' own, never another workspace's or its members'", async () => {
    const tag = randomBytes(3).toString("hex");
    // Someone in both workspaces, someone only in the other one.
    const { userId: both } = await upsertMember({ workspaceId: other.id, email: `both-${tag}@factdesk.test`, name: `Both ${tag}`, role: "EDITOR", passwordHash: "x", actorId: null });
    await upsertMember({ workspaceId: ws.id, email: `both-${tag}@factdesk.test`, name: `Both ${tag}`, role: "VIEWER", passwordHash: "x", actorId: null });
    await recordSecurityEvent({ kind: "password.changed", userId: both, detail: { tag } });
    await recordSecurityEvent({ kind: "action.refused", userId: both, workspaceId: other.id, detail: { tag, action: "member:manage" } });
    await recordSecurityEvent({ kind: "signin.failed", userId: other.users.viewer, detail: { tag } });
    await recordSecurityEvent({ kind: "rate.limited", userId: other.users.viewer, workspaceId: other.id, detail: { tag } });

    const mine = (await listSecurityEvents(ws.id, {}, 500)).rows.filter((r) => (r.detail as { tag?: string } | null)?.tag === tag);
    expect(mine.map((r) => r.kind)).toEqual(["password.changed"]);
    const theirs = (await listSecurityEvents(other.id, {}, 500)).rows.filter((r) => (r.detail as { tag?: string } | null)?.tag === tag);
    expect(theirs.map((r) => r.kind).sort()).toEqual(["action.refused", "password.changed", "rate.limited", "signin.failed"]);
  });

  it("pages newest first with a cursor, and filters by kind and person", async () => {
    for (let i = 0; i < 5; i++) await recordSecurityEvent({ kind: "signin.succeeded", userId: ws.users.editor, detail: { i } });
    const first = await listSecurityEvents(ws.id, { kind: "signin.succeeded", userId: ws.users.editor }, 2);
    expect(first.rows.map((r) => (r.detail as { i: number }).i)).toEqual([4, 3]);
    const second = await listSecurityEvents(ws.id, { kind: "signin.succeeded", userId: ws.users.editor, before: BigInt(first.nextCursor!) }, 2);
    expect(second.rows.map((r) => (r.detail as { i: number }).i)).toEqual([2, 1]);
    expect((await listSecurityEvents(ws.id, { kind: "signin.succeeded", userId: ws.users.admin })).rows).toHaveLength(0);
  });

  it("the Security page opens for the workspace's admins only", async () => {
    const open = (slug: string) => SecurityPage({ params: Promise.resolve({ workspace: slug }), searchParams: Promise.resolve({}) });
    const before = await workspaceFingerprint(ws.id);
    for (const userId of [ws.users.editor, ws.users.reviewer, ws.users.viewer, other.users.admin]) {
      session.userId = userId;
      await expect(open(ws.slug)).rejects.toThrow("NEXT_NOT_FOUND");
    }
    session.userId = null;
    await expect(open(ws.slug)).rejects.toThrow("NEXT_REDIRECT");
    session.userId = ws.users.admin;
    expect(await open(ws.slug)).toBeTruthy();
    expect(await workspaceFingerprint(ws.id)).toEqual(before);
  });

  it("the API lists them for admins, with any token scope, and refuses everyone else", async () => {
    await recordSecurityEvent({ kind: "token.created", userId: ws.users.admin, detail: { name: "Nightly export", prefix: "fd_abcdef", scope: "READ" } });
    const admin = await callApi("GET", `/security-events?workspace=${ws.slug}&kind=token.created&limit=1`, { token: await tokenFor(ws.users.admin, "READ") });
    expect(admin.status).toBe(200);
    const body = securityEventPage.parse(admin.body);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ kind: "token.created", description: expect.stringMatching(/created an API token “Nightly export”/) });
    expect(admin.headers.get("cache-control")).toBe("no-store");
    const before = await workspaceFingerprint(ws.id);
    for (const [userId, status] of [[ws.users.editor, 403], [ws.users.viewer, 403], [other.users.admin, 404]] as const) {
      expect((await callApi("GET", `/security-events?workspace=${ws.slug}`, { token: await tokenFor(userId) })).status).toBe(status);
    }
    session.userId = null;
    expect((await callApi("GET", `/security-events?workspace=${ws.slug}`)).status).toBe(401);
    expect(await workspaceFingerprint(ws.id)).toEqual(before);
    expect((await callApi("GET", `/security-events?workspace=${ws.slug}&kind=nonsense`, { token: await tokenFor(ws.users.admin) })).status).toBe(400);
  });
});
