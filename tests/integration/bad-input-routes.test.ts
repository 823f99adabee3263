import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { getDb } from "@/lib/db/client";
import { createShareLink } from "@/lib/db/share-links";
import { createActionFixture, formOf, settleCall, type ActionFixture } from "@/lib/testing/action-guards";
import { tokenFor, workspaceFingerprint } from "@/lib/testing/api";
import { actingAs, mayAs } from "@/lib/testing/factories";

// NUL (%00) in addresses: the proxy answers 404 before any page, file or API handler runs, and
// each handler that takes an id from the address answers "not found" itself as well (a request
// that reaches it some other way). Signing in with a NUL gets the usual invalid-credentials answer.

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", async (original) => ({ ...(await original<object>()), getServerSession: async () => (session.userId ? (await import("@/lib/testing/session")).testSession(session.userId) : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  },
  notFound: () => {
    throw Object.assign(new Error("NEXT_NOT_FOUND"), { notFound: true });
  },
}));

const NUL = "\u0000";
let f: ActionFixture;
let token: string;

beforeAll(async () => {
  f = await createActionFixture();
  token = await tokenFor(f.users.admin);
});

describe("the proxy: any address holding %00 is 404, for pages, files and the API", () => {
  const proxy = async (path: string) => (await import("@/proxy")).default(new NextRequest(`http://factdesk.test${path}`) as never, {} as never);

  it.each([
    "/w/demo%00/articles/abc",
    "/w/demo/articles/abc%00",
    "/w/demo/articles/abc?claim=x%00",
    "/w/demo/dashboard/export?period=30d%00",
    "/w/demo/settings/backup/export?gzip=1%00",
    "/r/token%00",
    "/invite/token%00",
    "/inbox/open/abc%00",
  ])("%s", async (path) => {
    const response = await proxy(path);
    expect(response?.status).toBe(404);
  });

  it("the API's answer is its JSON error", async () => {
    const response = await proxy("/api/v1/claims/abc%00/sources");
    expect(response?.status).toBe(404);
    expect(await response?.json()).toEqual({ error: { code: "NOT_FOUND", message: "Not found." } });
    expect((await proxy("/api/v1/articles?workspace=demo%00"))?.status).toBe(404);
  });

  it("other addresses go on as before: signed-out pages to sign-in, the rest to their handler", async () => {
    const page = await proxy("/w/demo/articles/abc");
    expect(page?.status).toBe(307);
    expect(page?.headers.get("location")).toMatch(/\/login\?callbackUrl=/);
    const api = await proxy("/api/v1/articles?workspace=demo");
    expect(api?.headers.get("x-middleware-next")).toBe("1");
    // %2500 is an encoded "%", not a NUL.
    expect((await proxy("/r/abc%2500"))?.headers.get("x-middleware-next")).toBe("1");
  });
});

describe("handlers that take an id from the address: not found, nothing written", () => {
  it("the dashboard's CSV and the backup download", async () => {
    const dashboard = await import("@/app/w/[workspace]/dashboard/export/route");
    const backup = await import("@/app/w/[workspace]/settings/backup/export/route");
    for (const [handler, path] of [
      [dashboard.GET, "dashboard/export"],
      [backup.GET, "settings/backup/export"],
    ] as const) {
      const before = await workspaceFingerprint(f.workspace.id);
      const bad = await handler(new Request(`http://factdesk.test/w/x/${path}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ workspace: `${f.workspace.slug}${NUL}` }) });
      expect(bad.status, path).toBe(404);
      const badQuery = await handler(new Request(`http://factdesk.test/w/x/${path}?period=${encodeURIComponent(`30d${NUL}`)}&gzip=${encodeURIComponent(`1${NUL}`)}`, { headers: { authorization: `Bearer ${token}` } }), {
        params: Promise.resolve({ workspace: f.workspace.slug }),
      });
      expect(badQuery.status, path).toBeLessThan(500);
      expect(await workspaceFingerprint(f.workspace.id)).toEqual(before);
    }
  });

  it("a public report link", async () => {
    const { token: shareToken } = await createShareLink(actingAs(f.workspace, "editor"), mayAs("EDITOR"), { articleId: f.article });
    const route = await import("@/app/r/[token]/route");
    const ok = await route.GET(new Request(`http://factdesk.test/r/${shareToken}`), { params: Promise.resolve({ token: shareToken }) });
    expect(ok.status).toBe(200);
    for (const bad of [`${shareToken}${NUL}`, `${shareToken.slice(0, 10)}${NUL}${shareToken.slice(11)}`, NUL]) {
      const response = await route.GET(new Request("http://factdesk.test/r/x"), { params: Promise.resolve({ token: bad }) });
      expect(response.status).toBe(404);
    }
  });

  it("opening an inbox line: back to the inbox", async () => {
    const route = await import("@/app/(personal)/inbox/open/[id]/route");
    session.userId = f.users.viewer;
    try {
      await expect(route.GET(new Request("http://factdesk.test/inbox/open/x"), { params: Promise.resolve({ id: `abc${NUL}` }) })).rejects.toMatchObject({ to: "/inbox?gone=1" });
    } finally {
      session.userId = null;
    }
  });

  it("pages: the workspace guard shows the not-found page", async () => {
    const { requirePageMember } = await import("@/lib/auth/guards");
    session.userId = f.users.admin;
    try {
      await expect(requirePageMember(`${f.workspace.slug}${NUL}`)).rejects.toMatchObject({ notFound: true });
      await expect(requirePageMember(f.workspace.slug)).resolves.toMatchObject({ workspace: { id: f.workspace.id } });
    } finally {
      session.userId = null;
    }
  });

  it("an invitation link: refused as no longer valid, nobody joins", async () => {
    const invite = await import("@/app/invite/[token]/actions");
    const members = await getDb().membership.count({ where: { workspaceId: f.workspace.id } });
    session.userId = f.users.viewer;
    try {
      const result = await settleCall(() => invite.joinAsUserAction(null, formOf({ token: `${"A".repeat(42)}${NUL}` })));
      expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    } finally {
      session.userId = null;
    }
    expect(await getDb().membership.count({ where: { workspaceId: f.workspace.id } })).toBe(members);
  });
});

describe("signing in with a NUL: the usual invalid-credentials answer, never an error page", () => {
  it.each([
    ["in the email", `admin${NUL}@example.org`, "a password"],
    ["in the password", "admin@example.org", `pass${NUL}word`],
    ["as the whole email", NUL, NUL],
  ])("%s", async (_where, email, password) => {
    const { getAuthOptions, INVALID_CREDENTIALS } = await import("@/lib/auth/options");
    const provider = getAuthOptions().providers[0] as unknown as { options: { authorize: (c: Record<string, string>) => Promise<unknown> } };
    await expect(provider.options.authorize({ email, password })).rejects.toThrow(INVALID_CREDENTIALS);
  });
});
