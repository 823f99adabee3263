import { randomBytes } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { getDb } from "@/lib/db/client";
import { createWorkspacePair, type TestWorkspace } from "@/lib/testing/factories";

// The settings screens' server actions called as a real request would call them, with the
// session of each kind of person: the wrapper, the policy and lib/db must all agree.

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? (await import("@/lib/testing/session")).testSession(session.userId) : null) }));
vi.mock("@/lib/auth/options", () => ({ getAuthOptions: () => ({}) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  },
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));

const actions = await import("@/app/w/[workspace]/settings/actions");
const invite = await import("@/app/invite/[token]/actions");

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

async function as(userId: string | null, action: (slug: string, p: ActionResult | null, f: FormData) => Promise<ActionResult>, values: Record<string, string>, slug = ws.slug) {
  session.userId = userId;
  return action(slug, null, form(values));
}

async function state() {
  const [workspace, memberships, invitations, events, workspaces] = await Promise.all([
    getDb().workspace.findFirstOrThrow({ where: { id: ws.id } }),
    getDb().membership.findMany({ where: { workspaceId: ws.id }, orderBy: { userId: "asc" } }),
    getDb().invitation.count({ where: { workspaceId: ws.id } }),
    getDb().event.count({ where: { workspaceId: ws.id } }),
    getDb().workspace.count(),
  ]);
  return { workspace, memberships, invitations, events, workspaces };
}

type Case = [string, keyof typeof actions, () => Record<string, string>];
const CASES: Case[] = [
  ["rename", "renameWorkspaceAction", () => ({ name: "Hijacked" })],
  ["publishing rules", "setPublishingRulesAction", () => ({ minSourcesToPublish: "9", minReviewsToPublish: "0" })],
  ["archive", "setArchivedAction", () => ({ archived: "true" })],
  ["new workspace", "createWorkspaceAction", () => ({ name: "Mine", slug: `mine-${randomBytes(3).toString("hex")}` })],
  ["change a role", "changeRoleAction", () => ({ userId: ws.users.admin, role: "VIEWER" })],
  ["disable a member", "setMemberDisabledAction", () => ({ userId: ws.users.admin, disabled: "true" })],
  ["remove a member", "removeMemberAction", () => ({ userId: ws.users.editor })],
  ["invite", "createInvitationAction", () => ({ role: "ADMIN" })],
  ["add a rating", "addRatingAction", () => ({ label: "Pants on fire" })],
  ["retire a rating", "retireRatingAction", () => ({ key: "true", retired: "true" })],
  ["name the publisher", "setPublisherAction", () => ({ organizationName: "Hijacked", organizationUrl: "https://hijacked.example" })],
];

describe("every settings action refuses everyone but the workspace's admins, changing nothing", () => {
  const principals = [
    ["an editor", () => ws.users.editor, "FORBIDDEN"],
    ["a reviewer", () => ws.users.reviewer, "FORBIDDEN"],
    ["a viewer", () => ws.users.viewer, "FORBIDDEN"],
    ["another workspace's admin", () => other.users.admin, "NOT_FOUND"],
    ["someone signed out", () => null, "UNAUTHENTICATED"],
  ] as const;
  for (const [who, user, code] of principals) {
    it.each(CASES)(`${who}: %s`, async (_name, key, values) => {
      const before = await state();
      const result = await as(user(), actions[key] as never, values());
      expect(result).toMatchObject({ ok: false, code });
      expect(await state()).toEqual(before);
    });
  }
});

describe("as an admin", () => {
  it("out-of-range rules are refused at the field", async () => {
    const before = await state();
    const result = await as(ws.users.admin, actions.setPublishingRulesAction, { minSourcesToPublish: "11", minReviewsToPublish: "-1", fourEyes: "on" });
    expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { minSourcesToPublish: ["Independent sources must be between 0 and 10."], minReviewsToPublish: ["Independent reviews must be between 0 and 5."] } });
    expect(await state()).toEqual(before);
  });

  it("a taken address is refused at the field", async () => {
    const result = await as(ws.users.admin, actions.createWorkspaceAction, { name: "Copy", slug: other.slug });
    expect(result).toMatchObject({ ok: false, fieldErrors: { slug: ["That address is already taken; choose another."] } });
  });

  it("an invitation's link comes back once, as a path with its token", async () => {
    const result = await as(ws.users.admin, actions.createInvitationAction, { role: "REVIEWER", email: "" });
    expect(result).toMatchObject({ ok: true, secret: expect.stringMatching(/^\/invite\/[A-Za-z0-9_-]{43}$/) });
  });

  it("an archived workspace refuses every change but its restoring, with a clear message", async () => {
    const [desk] = await createWorkspacePair();
    expect(await as(desk.users.admin, actions.setArchivedAction, { archived: "true" }, desk.slug)).toMatchObject({ ok: true });
    const events = await getDb().event.count({ where: { workspaceId: desk.id } });
    for (const [action, values] of [
      [actions.addRatingAction, { label: "Late addition" }],
      [actions.renameWorkspaceAction, { name: "Renamed" }],
      [actions.createInvitationAction, { role: "VIEWER" }],
    ] as const) {
      const result = await as(desk.users.admin, action as never, values, desk.slug);
      expect(result).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringMatching(/archived/) });
    }
    expect(await getDb().event.count({ where: { workspaceId: desk.id } })).toBe(events);
    expect(await as(desk.users.admin, actions.setArchivedAction, { archived: "false" }, desk.slug)).toMatchObject({ ok: true });
    expect(await as(desk.users.admin, actions.addRatingAction, { label: "Late addition" }, desk.slug)).toMatchObject({ ok: true });
  });
});

describe("joining through an invitation link", () => {
  async function link(role = "REVIEWER") {
    const result = await as(ws.users.admin, actions.createInvitationAction, { role });
    if (!result.ok || !result.secret) throw new Error("no link");
    return result.secret.replace("/invite/", "");
  }

  it("a new person creates an account and joins; the link then refuses everyone", async () => {
    const token = await link("EDITOR");
    session.userId = null;
    const email = `joiner-${randomBytes(3).toString("hex")}@factdesk.test`;
    const result = await invite.joinAsNewUserAction(null, form({ token, name: "Joiner", email, password: "a long enough password" }));
    expect(result).toMatchObject({ ok: true, secret: `/w/${ws.slug}` });
    const user = await getDb().user.findFirstOrThrow({ where: { email } });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await getDb().membership.findFirst({ where: { workspaceId: ws.id, userId: user.id } })).toMatchObject({ role: "EDITOR" });
    const again = await invite.joinAsNewUserAction(null, form({ token, name: "Second", email: `second-${email}`, password: "a long enough password" }));
    expect(again).toMatchObject({ ok: false, message: "This invitation link is no longer valid — ask an admin for a new one." });
    expect(await getDb().user.count({ where: { email: `second-${email}` } })).toBe(0);
  });

  it("a short password or a script in the name is refused at the field, and the link still works", async () => {
    const token = await link();
    session.userId = null;
    const result = await invite.joinAsNewUserAction(null, form({ token, name: "<script>x</script>", email: "x@factdesk.test", password: "short" }));
    expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { name: ["Name cannot contain < or >."], password: ["Password must be at least 12 characters."] } });
    expect(await getDb().invitation.count({ where: { workspaceId: ws.id, acceptedAt: null, revokedAt: null } })).toBeGreaterThan(0);
  });

  it("a signed-in person joins with one click and is sent to the workspace", async () => {
    const token = await link("VIEWER");
    session.userId = other.users.editor;
    await expect(invite.joinAsUserAction(null, form({ token }))).rejects.toMatchObject({ to: `/w/${ws.slug}` });
    expect(await getDb().membership.findFirst({ where: { workspaceId: ws.id, userId: other.users.editor } })).toMatchObject({ role: "VIEWER" });
  });

  it("joining with one click needs a session", async () => {
    const token = await link();
    session.userId = null;
    expect(await invite.joinAsUserAction(null, form({ token }))).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
  });
});
