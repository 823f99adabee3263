import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RATING_SCALE } from "@/lib/domain/rating-scale";
import { createTestWorkspace, createWorkspacePair, type TestWorkspace } from "@/lib/testing/factories";
import { getDb } from "./client";
import { ensureWorkspace, upsertMember } from "./members";
import { getMembership, listWorkspacesForUser, readMembershipsForPage } from "./workspaces";

const pageMemberships = async (userId: string) => (await readMembershipsForPage(userId)).memberships;

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
});

describe("getMembership", () => {
  it("returns the caller's role and the workspace's settings", async () => {
    const membership = await getMembership(ws.slug, ws.users.reviewer);
    expect(membership).toEqual({
      role: "REVIEWER",
      workspace: { id: ws.id, slug: ws.slug, name: expect.stringMatching(/^Workspace /), ratingScale: [...DEFAULT_RATING_SCALE], minSourcesToPublish: 0, minReviewsToPublish: 1, fourEyes: true, highlightThreshold: 0.8, archivedAt: null, requireTwoFactor: false },
    });
  });

  it("is null for a member an admin disabled, from their next request on", async () => {
    const desk = await createTestWorkspace();
    await getDb().membership.updateMany({ where: { workspaceId: desk.id, userId: desk.users.reviewer }, data: { disabledAt: new Date() } });
    expect(await getMembership(desk.slug, desk.users.reviewer)).toBeNull();
    expect(await getMembership(desk.slug, desk.users.editor)).not.toBeNull();
  });

  it("returns null for someone who is not a member, and for an unknown slug", async () => {
    expect(await getMembership(ws.slug, other.users.admin)).toBeNull();
    expect(await getMembership("no-such-desk", ws.users.admin)).toBeNull();
    expect(await getMembership(ws.slug, "no-such-user")).toBeNull();
  });

  it("reads settings fresh on every call", async () => {
    const desk = await createTestWorkspace();
    const scale = [{ key: "accurate", label: "Accurate" }, { key: "wrong", label: "Wrong" }];
    await getDb().workspace.update({ where: { id: desk.id }, data: { ratingScale: scale, minSourcesToPublish: 3 } });
    expect((await getMembership(desk.slug, desk.users.editor))?.workspace).toMatchObject({ ratingScale: scale, minSourcesToPublish: 3 });
  });

  it("falls back to the default scale when the stored one is malformed", async () => {
    const desk = await createTestWorkspace();
    await getDb().workspace.update({ where: { id: desk.id }, data: { ratingScale: { not: "a list" } } });
    expect((await getMembership(desk.slug, desk.users.editor))?.workspace.ratingScale).toEqual([...DEFAULT_RATING_SCALE]);
    await getDb().workspace.update({ where: { id: desk.id }, data: { ratingScale: [{ key: 1 }, "junk", { key: "ok", label: "OK" }] } });
    expect((await getMembership(desk.slug, desk.users.editor))?.workspace.ratingScale).toEqual([{ key: "ok", label: "OK" }]);
  });
});

describe("listWorkspacesForUser", () => {
  it("lists every workspace the user belongs to, by name, with their role in each", async () => {
    const suffix = randomBytes(4).toString("hex");
    const zulu = await ensureWorkspace(`zulu-${suffix}`, `Zulu ${suffix}`);
    const alpha = await ensureWorkspace(`alpha-${suffix}`, `Alpha ${suffix}`);
    const email = `lister-${suffix}@factdesk.test`;
    const { userId } = await upsertMember({ workspaceId: zulu.id, email, name: "Lister", role: "ADMIN", passwordHash: "hash", actorId: null });
    await upsertMember({ workspaceId: alpha.id, email, name: "Lister", role: "VIEWER", actorId: null });

    expect(await listWorkspacesForUser(userId)).toEqual([
      { id: alpha.id, slug: `alpha-${suffix}`, name: `Alpha ${suffix}`, role: "VIEWER" },
      { id: zulu.id, slug: `zulu-${suffix}`, name: `Zulu ${suffix}`, role: "ADMIN" },
    ]);
    expect(await listWorkspacesForUser("no-such-user")).toEqual([]);
  });

  it("does not list a workspace the user is not in", async () => {
    const list = await listWorkspacesForUser(ws.users.viewer);
    expect(list.map((w) => w.id)).toEqual([ws.id]);
    expect(list.map((w) => w.id)).not.toContain(other.id);
  });
});

describe("a page's memberships (readMembershipsForPage, and the same columns with the session in getActiveUserForPage)", () => {
  it("gives every active membership exactly as getMembership does, archived workspaces included, disabled ones not", async () => {
    const desk = await createTestWorkspace();
    const memberships = await pageMemberships(ws.users.reviewer);
    expect(memberships.find((m) => m.workspace.slug === ws.slug)).toEqual(await getMembership(ws.slug, ws.users.reviewer));
    expect(memberships.some((m) => m.workspace.slug === other.slug)).toBe(false);
    await getDb().workspace.update({ where: { id: desk.id }, data: { archivedAt: new Date() } });
    const archived = (await pageMemberships(desk.users.editor)).find((m) => m.workspace.slug === desk.slug);
    expect(archived).toEqual(await getMembership(desk.slug, desk.users.editor));
    expect(archived?.workspace.archivedAt).toBeInstanceOf(Date);
    await getDb().membership.updateMany({ where: { workspaceId: desk.id, userId: desk.users.reviewer }, data: { disabledAt: new Date() } });
    expect((await pageMemberships(desk.users.reviewer)).some((m) => m.workspace.slug === desk.slug)).toBe(false);
  });
});
