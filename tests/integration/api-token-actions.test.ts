import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { MAX_ACTIVE_TOKENS } from "@/lib/db/api-tokens";
import { getDb } from "@/lib/db/client";
import { callApi, workspaceFingerprint } from "@/lib/testing/api";
import { createWorkspacePair, type TestWorkspace } from "@/lib/testing/factories";

// The API tokens screen's server actions, called as the form calls them, with each kind of
// caller; then the tokens they make, used against /api/v1 as a program would use them.

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? (await import("@/lib/testing/session")).testSession(session.userId) : null) }));
vi.mock("@/lib/auth/options", () => ({ getAuthOptions: () => ({}) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  },
}));

const { createApiTokenAction, revokeApiTokenAction } = await import("@/app/(personal)/account/tokens/actions");

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

async function as(userId: string | null, action: (p: ActionResult | null, f: FormData) => Promise<ActionResult>, values: Record<string, string>) {
  session.userId = userId;
  return action(null, form(values));
}

/** Every token row in the database, as it stands. */
const allTokens = () => getDb().apiToken.findMany({ orderBy: { id: "asc" } });

async function create(userId: string, values: Partial<Record<"name" | "scope" | "expiry", string>> = {}) {
  const result = await as(userId, createApiTokenAction, { name: "Script", scope: "WRITE", expiry: "never", ...values });
  if (!result.ok || !result.secret) throw new Error(`Expected a token, got ${JSON.stringify(result)}`);
  const row = await getDb().apiToken.findFirstOrThrow({ where: { userId, prefix: result.secret.slice(0, 9) }, orderBy: { createdAt: "desc" } });
  return { token: result.secret, row };
}

describe("refusals change nothing", () => {
  it("someone signed out can neither create nor revoke", async () => {
    const { row } = await create(ws.users.editor);
    const before = await allTokens();
    expect(await as(null, createApiTokenAction, { name: "Mine", scope: "WRITE", expiry: "30" })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await as(null, revokeApiTokenAction, { tokenId: row.id })).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect(await allTokens()).toEqual(before);
  });

  it.each([
    ["an empty name", { name: "   " }, "name"],
    ["an oversized name", { name: "x".repeat(81) }, "name"],
    ["an unknown scope", { scope: "ADMIN" }, "scope"],
    ["no scope", { scope: "" }, "scope"],
    ["an unknown expiry", { expiry: "7" }, "expiry"],
  ] as const)("%s is refused at its field", async (_case, values, field) => {
    const before = await allTokens();
    const result = await as(ws.users.reviewer, createApiTokenAction, { name: "Script", scope: "READ", expiry: "90", ...values });
    expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { [field]: [expect.any(String)] } });
    expect(await allTokens()).toEqual(before);
  });

  it("a person cannot revoke another person's token, whatever their role", async () => {
    const { token, row } = await create(ws.users.viewer);
    const before = await allTokens();
    for (const intruder of [ws.users.admin, other.users.admin, ws.users.editor]) {
      expect(await as(intruder, revokeApiTokenAction, { tokenId: row.id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    }
    expect(await as(ws.users.admin, revokeApiTokenAction, { tokenId: "" })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await allTokens()).toEqual(before);
    expect((await callApi("GET", "/workspaces", { token })).status).toBe(200);
  });

  it(`a ${MAX_ACTIVE_TOKENS + 1}th active token is refused; revoking one makes room`, async () => {
    const [desk] = await createWorkspacePair();
    const user = desk.users.reviewer;
    const made = [];
    for (let i = 0; i < MAX_ACTIVE_TOKENS; i += 1) made.push(await create(user, { name: `Token ${i}` }));
    const before = await allTokens();
    const refused = await as(user, createApiTokenAction, { name: "One too many", scope: "READ", expiry: "30" });
    expect(refused).toMatchObject({ ok: false, code: "CONFLICT", message: expect.stringMatching(/25 active tokens/) });
    expect(await allTokens()).toEqual(before);
    expect(await as(user, revokeApiTokenAction, { tokenId: made[0]!.row.id })).toMatchObject({ ok: true });
    expect(await as(user, createApiTokenAction, { name: "Now it fits", scope: "READ", expiry: "30" })).toMatchObject({ ok: true });
  });
});

describe("the tokens made here work against the API", () => {
  it("is shown once, stored only as a hash, with the chosen scope and expiry", async () => {
    const started = Date.now();
    const { token, row } = await create(ws.users.editor, { name: "  CMS sync ", scope: "READ", expiry: "30" });
    expect(token).toMatch(/^fd_[A-Za-z0-9_-]{43}$/);
    expect(row).toMatchObject({ name: "CMS sync", scope: "READ", prefix: token.slice(0, 9), revokedAt: null, lastUsedAt: null });
    expect(JSON.stringify(row)).not.toContain(token.slice(9));
    const days = (row.expiresAt!.getTime() - started) / 86_400_000;
    expect(days).toBeGreaterThan(29.99);
    expect(days).toBeLessThan(30.01);
  });

  it("a read-write token lists workspaces and writes; revoked, it gets 401", async () => {
    const { token, row } = await create(ws.users.editor, { scope: "WRITE" });
    const list = await callApi("GET", "/workspaces", { token });
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ items: expect.arrayContaining([expect.objectContaining({ slug: ws.slug, role: "EDITOR" })]) });
    const imported = await callApi("POST", "/articles", { token, body: { workspace: ws.slug, title: "Through a token", body: "The mayor said the budget grew by 12 percent in 2024." } });
    expect(imported.status).toBe(201);
    expect((await getDb().apiToken.findUniqueOrThrow({ where: { id: row.id } })).lastUsedAt).not.toBeNull();

    expect(await as(ws.users.editor, revokeApiTokenAction, { tokenId: row.id })).toMatchObject({ ok: true });
    const refused = await callApi("GET", "/workspaces", { token });
    expect(refused.status).toBe(401);
    expect(refused.body).toEqual({ error: { code: "UNAUTHENTICATED", message: expect.any(String) } });
  });

  it("an expired token gets 401", async () => {
    const { token, row } = await create(ws.users.editor, { expiry: "30" });
    await getDb().apiToken.update({ where: { id: row.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await callApi("GET", "/workspaces", { token })).status).toBe(401);
  });

  it("a read-only token reads, and gets 403 on a write with nothing written", async () => {
    const { token } = await create(ws.users.editor, { scope: "READ", expiry: "365" });
    expect((await callApi("GET", `/articles?workspace=${ws.slug}`, { token })).status).toBe(200);
    const before = await workspaceFingerprint(ws.id);
    const write = await callApi("POST", "/articles", { token, body: { workspace: ws.slug, title: "Planted", body: "Planted text." } });
    expect(write.status).toBe(403);
    expect(write.body).toMatchObject({ error: { code: "FORBIDDEN" } });
    expect(await workspaceFingerprint(ws.id)).toEqual(before);
  });
});
