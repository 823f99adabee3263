import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { getDb } from "@/lib/db/client";
import { createActionFixture, formOf, settleCall, type ActionFixture, type CallResult } from "@/lib/testing/action-guards";
import { callApi, tokenFor, workspaceFingerprint } from "@/lib/testing/api";

// Every place a URL is accepted stores it parsed and normalised (`https:evil.example` is kept
// as `https://evil.example/`), and anything without a real host or not on the web is refused
// with nothing written.

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? (await import("@/lib/testing/session")).testSession(session.userId) : null) }));
vi.mock("@/lib/auth/options", () => ({ getAuthOptions: () => ({}) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ host: "factdesk.test" }) }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  },
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));

const article = await import("@/app/w/[workspace]/articles/[articleId]/actions");
const importing = await import("@/app/w/[workspace]/articles/new/actions");
const settings = await import("@/app/w/[workspace]/settings/actions");
const webhooks = await import("@/app/w/[workspace]/settings/webhooks/actions");

let f: ActionFixture;
beforeAll(async () => {
  f = await createActionFixture();
});

async function as(userId: string, work: () => Promise<ActionResult>): Promise<CallResult> {
  session.userId = userId;
  try {
    return await settleCall(work);
  } finally {
    session.userId = null;
  }
}

const sourceFields = { title: "Census", kind: "PRIMARY_DATA", stance: "SUPPORTS" };

describe("stored normalised", () => {
  it("a source added on the page", async () => {
    const result = await as(f.users.reviewer, () => article.createSourceAction(f.workspace.slug, null, formOf({ claimId: f.claim.id, url: "https:census.example/table 1", ...sourceFields })));
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    const stored = await getDb().source.findFirstOrThrow({ where: { claimId: f.claim.id, title: "Census" }, orderBy: { createdAt: "desc" } });
    expect(stored.url).toBe("https://census.example/table%201");
  });

  it("a source added through the API, and changed", async () => {
    const token = await tokenFor(f.users.reviewer);
    const created = await callApi("POST", `/claims/${f.claim.id}/sources`, { token, body: { url: "HTTPS:API.example", ...sourceFields } });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = (created.body as { id: string }).id;
    expect((await getDb().source.findUniqueOrThrow({ where: { id } })).url).toBe("https://api.example/");
    const changed = await callApi("PATCH", `/sources/${id}`, { token, body: { version: 1, url: "https:/changed.example//x" } });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect((await getDb().source.findUniqueOrThrow({ where: { id } })).url).toBe("https://changed.example//x");
  });

  it("an article's URL", async () => {
    const result = await as(f.users.editor, () => importing.importArticleAction(f.workspace.slug, null, formOf({ title: "Normalised", url: "https:news.example/story?id=1", body: "Some text." })));
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    const stored = await getDb().article.findFirstOrThrow({ where: { workspaceId: f.workspace.id, title: "Normalised" } });
    expect(stored.url).toBe("https://news.example/story?id=1");
  });

  it("the publisher's website", async () => {
    const result = await as(f.users.admin, () => settings.setPublisherAction(f.workspace.slug, null, formOf({ organizationName: "Desk", organizationUrl: "https:desk.example" })));
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    expect((await getDb().workspace.findUniqueOrThrow({ where: { id: f.workspace.id } })).organizationUrl).toBe("https://desk.example/");
  });

  it("a webhook", async () => {
    process.env.FACTDESK_WEBHOOK_ALLOW_PRIVATE = "0";
    const result = await as(f.users.admin, () => webhooks.createWebhookAction(f.workspace.slug, null, formOf({ url: "https:93.184.215.14/hook", "event:claim.published": "on" })));
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    const stored = await getDb().webhook.findFirstOrThrow({ where: { workspaceId: f.workspace.id }, orderBy: { createdAt: "desc" } });
    expect(stored.url).toBe("https://93.184.215.14/hook");
  });
});

describe("refused, nothing written", () => {
  it.each(["javascript:alert(1)", "data:text/html,x", "https://intranet", "https://", "//evil.example", "evil.example", "ftp://evil.example/"])("a source at %s", async (url) => {
    const before = await workspaceFingerprint(f.workspace.id);
    const result = await as(f.users.reviewer, () => article.createSourceAction(f.workspace.slug, null, formOf({ claimId: f.claim.id, url, ...sourceFields })));
    expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { url: [expect.stringMatching(/full web address/)] } });
    expect(await workspaceFingerprint(f.workspace.id)).toEqual(before);
  });

  it("the publisher's website without a real host", async () => {
    const before = await workspaceFingerprint(f.workspace.id);
    const result = await as(f.users.admin, () => settings.setPublisherAction(f.workspace.slug, null, formOf({ organizationName: "Desk", organizationUrl: "javascript:alert(1)" })));
    expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await workspaceFingerprint(f.workspace.id)).toEqual(before);
  });
});
