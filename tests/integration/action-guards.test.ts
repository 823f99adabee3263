import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { WorkspaceActionFn } from "@/lib/actions/workspace-action";
import type { Role } from "@/lib/auth/policy";
import { getDb } from "@/lib/db/client";
import { createActionFixture, formOf, settleCall, type ActionFixture, type ActionPerson, type CallResult } from "@/lib/testing/action-guards";
import { workspaceFingerprint } from "@/lib/testing/api";
import { changeClaimStatus } from "@/lib/db/claims";
import { publishDecision, reuseOriginalDecision } from "@/lib/db/reviews";
import { markDuplicate } from "@/lib/db/similar-claims";
import { SAMPLE_BODY, actingAs, mayAs, reviewedByReviewer } from "@/lib/testing/factories";

// Every workspace server action called directly, as a form post would call it, by each person
// who must be refused: signed out, every role below the action's minimum, a member of another
// workspace (with this workspace's address, and with their own address and this workspace's
// ids), someone who does not own the thing, and anyone in an archived workspace. Each refusal
// is the documented one, and neither workspace's rows change. One allowed call per action, on a
// fresh copy of the same data, shows the refusal is the guard's and not a broken test setup.

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

const article = await import("@/app/w/[workspace]/articles/[articleId]/actions");
const comments = await import("@/app/w/[workspace]/articles/[articleId]/comment-actions");
const duplicates = await import("@/app/w/[workspace]/articles/[articleId]/duplicate-actions");
const importing = await import("@/app/w/[workspace]/articles/new/actions");
const settings = await import("@/app/w/[workspace]/settings/actions");
const revisions = await import("@/app/w/[workspace]/articles/[articleId]/revision-actions");
const detection = await import("@/app/w/[workspace]/settings/detection-actions");

type Case = {
  name: string;
  action: WorkspaceActionFn;
  /** The lowest role the action is for: every role below it is refused. */
  min: Role;
  input: (f: ActionFixture) => Record<string, string>;
  /** The input names things in the workspace: a member of another one must not reach them from their own. */
  ids?: true;
  /** Members of the right role who are refused because the thing is not theirs. */
  notOwners?: ActionPerson[];
  /** Who makes the allowed call (default: someone with the minimum role). */
  allowed?: ActionPerson;
  /** What the allowed call needs first, on its fresh fixture (the refusals above never get that far). */
  prepare?: (f: ActionFixture) => Promise<void>;
  /** What the action writes outside the workspace's own rows. */
  outside?: (input: Record<string, string>) => Promise<unknown>;
};

const sourceFields = { url: "https://example.org/planted", title: "Planted", kind: "OTHER", stance: "CONTEXT" };
const manualSpan = () => {
  const start = SAMPLE_BODY.indexOf("41 million people");
  return { start: String(start), end: String(start + "41 million people".length) };
};

const detectedSpan = () => {
  const start = SAMPLE_BODY.indexOf("41 million people lived");
  return { start: String(start), end: String(start + "41 million people lived in poverty".length) };
};

const CASES: Case[] = [
  // The article page.
  { name: "import an article", action: importing.importArticleAction, min: "EDITOR", input: () => ({ title: "Planted", outlet: "", body: "The mayor said crime fell 12 percent last year." }) },
  { name: "add a claim", action: article.createClaimAction, min: "REVIEWER", ids: true, input: (f) => ({ articleId: f.article, ...manualSpan() }) },
  { name: "move a claim", action: article.changeClaimStatusAction, min: "REVIEWER", ids: true, input: (f) => ({ claimId: f.claim.id, status: "RESEARCHING", version: String(f.claim.version), reason: "" }) },
  { name: "triage claims in bulk", action: article.bulkTriageAction, min: "EDITOR", ids: true, input: (f) => ({ articleId: f.article, status: "QUEUED", claimIds: f.detected.id, reason: "" }) },
  { name: "assign a claim", action: article.assignClaimAction, min: "EDITOR", ids: true, input: (f) => ({ claimId: f.claim.id, userId: f.users.second, assign: "assign" }) },
  { name: "change a claim's words", action: article.adjustClaimSpanAction, min: "EDITOR", ids: true, input: (f) => ({ claimId: f.detected.id, version: String(f.detected.version), ...detectedSpan() }) },
  { name: "split a claim", action: article.splitClaimAction, min: "EDITOR", ids: true, input: (f) => ({ claimId: f.detected.id, version: String(f.detected.version), at: String(SAMPLE_BODY.indexOf("lived in poverty")) }) },
  { name: "merge two claims", action: article.mergeClaimsAction, min: "EDITOR", ids: true, input: (f) => ({ claimId: f.claim.id, version: String(f.claim.version), nextId: f.detected.id, nextVersion: String(f.detected.version) }) },
  { name: "reword a claim", action: article.updateClaimAction, min: "REVIEWER", ids: true, input: (f) => ({ claimId: f.claim.id, version: String(f.claim.version), statement: "Planted", claimant: "" }) },
  { name: "add a source", action: article.createSourceAction, min: "REVIEWER", ids: true, input: (f) => ({ claimId: f.claim.id, ...sourceFields }) },
  { name: "change a source", action: article.updateSourceAction, min: "REVIEWER", ids: true, notOwners: ["second"], input: (f) => ({ sourceId: f.source, version: "1", ...sourceFields }) },
  { name: "remove a source", action: article.deleteSourceAction, min: "REVIEWER", ids: true, notOwners: ["second"], input: (f) => ({ sourceId: f.source }) },
  { name: "review a claim", action: article.saveReviewAction, min: "REVIEWER", ids: true, allowed: "second", input: (f) => ({ claimId: f.claim.id, rating: "false", rationale: "Planted", confidence: "2", version: "" }) },
  { name: "publish a verdict", action: article.publishDecisionAction, min: "EDITOR", ids: true, input: (f) => ({ claimId: f.claim.id, version: String(f.claim.version), rating: "true", summary: "Planted" }) },
  {
    name: "reuse the original's verdict",
    action: duplicates.reuseDecisionAction,
    min: "EDITOR",
    ids: true,
    input: (f) => ({ claimId: f.claim.id, version: String(f.claim.version) }),
    // The detected claim becomes a published original, and the claim in review its duplicate.
    prepare: async (f) => {
      const version = await reviewedByReviewer(f.workspace, f.detected.id, "false");
      await publishDecision(actingAs(f.workspace, "editor"), { claimId: f.detected.id, version, rating: "false", summary: "Wrong." });
      f.claim.version = (await markDuplicate(actingAs(f.workspace, "editor"), mayAs("EDITOR"), { claimId: f.claim.id, duplicateOfId: f.detected.id, version: f.claim.version })).version;
    },
  },
  {
    name: "reuse a verdict on out-of-date duplicates",
    action: duplicates.reuseOnDuplicatesAction,
    min: "EDITOR",
    ids: true,
    input: (f) => ({ claimId: f.detected.id, reason: "The original was corrected." }),
    // The detected claim becomes a published original, corrected after the claim in review reused its first verdict.
    prepare: async (f) => {
      const editor = actingAs(f.workspace, "editor");
      const version = await reviewedByReviewer(f.workspace, f.detected.id, "false");
      await publishDecision(editor, { claimId: f.detected.id, version, rating: "false", summary: "Wrong." });
      f.claim.version = (await markDuplicate(editor, mayAs("EDITOR"), { claimId: f.claim.id, duplicateOfId: f.detected.id, version: f.claim.version })).version;
      await reuseOriginalDecision(editor, { claimId: f.claim.id, version: f.claim.version });
      const claimVersion = async (id: string) => (await getDb().claim.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;
      await changeClaimStatus(actingAs(f.workspace, "admin"), mayAs("ADMIN"), { claimId: f.detected.id, status: "REOPENED", version: await claimVersion(f.detected.id), reason: "New data." });
      await publishDecision(actingAs(f.workspace, "admin"), { claimId: f.detected.id, version: await claimVersion(f.detected.id), rating: "mostly-false", summary: "Revised." });
    },
  },
  { name: "mark a claim as a duplicate", action: duplicates.markDuplicateAction, min: "EDITOR", ids: true, input: (f) => ({ claimId: f.detected.id, duplicateOfId: f.claim.id, version: String(f.detected.version) }) },
  { name: "set the highlight threshold", action: article.setHighlightThresholdAction, min: "EDITOR", input: () => ({ threshold: "37" }) },
  { name: "replace an article's text", action: revisions.replaceArticleTextAction, min: "EDITOR", ids: true, input: (f) => ({ articleId: f.article, version: "1", body: `${SAMPLE_BODY}\nPlanted sentence.`, note: "" }) },
  { name: "re-attach a claim", action: revisions.reattachClaimAction, min: "EDITOR", ids: true, input: (f) => ({ claimId: f.claim.id, version: String(f.claim.version), ...manualSpan() }) },
  // Discussion.
  { name: "comment on a claim", action: comments.createCommentAction, min: "REVIEWER", ids: true, input: (f) => ({ claimId: f.claim.id, body: "Planted" }) },
  { name: "edit a comment", action: comments.editCommentAction, min: "REVIEWER", ids: true, notOwners: ["second", "editor", "admin"], input: (f) => ({ commentId: f.comment, version: "1", body: "Planted" }) },
  // Settings.
  { name: "rename the workspace", action: settings.renameWorkspaceAction, min: "ADMIN", input: () => ({ name: "Planted" }) },
  { name: "set the publishing rules", action: settings.setPublishingRulesAction, min: "ADMIN", input: () => ({ minSourcesToPublish: "3", minReviewsToPublish: "2" }) },
  { name: "archive the workspace", action: settings.setArchivedAction, min: "ADMIN", input: () => ({ archived: "true" }) },
  {
    name: "create a workspace",
    action: settings.createWorkspaceAction,
    min: "ADMIN",
    input: () => ({ name: "Planted", slug: `planted-${randomBytes(4).toString("hex")}` }),
    outside: (input) => getDb().workspace.count({ where: { slug: input.slug } }),
  },
  { name: "change a member's role", action: settings.changeRoleAction, min: "ADMIN", ids: true, input: (f) => ({ userId: f.users.reviewer, role: "EDITOR" }) },
  { name: "disable a member", action: settings.setMemberDisabledAction, min: "ADMIN", ids: true, input: (f) => ({ userId: f.users.reviewer, disabled: "true" }) },
  { name: "remove a member", action: settings.removeMemberAction, min: "ADMIN", ids: true, input: (f) => ({ userId: f.users.reviewer }) },
  { name: "require two-factor sign-in", action: settings.setTwoFactorRequiredAction, min: "ADMIN", input: () => ({ required: "true" }) },
  { name: "create an invitation", action: settings.createInvitationAction, min: "ADMIN", input: () => ({ role: "ADMIN", email: "" }) },
  { name: "revoke an invitation", action: settings.revokeInvitationAction, min: "ADMIN", ids: true, input: (f) => ({ invitationId: f.invitation }) },
  { name: "add a rating", action: settings.addRatingAction, min: "ADMIN", input: () => ({ label: "Pants on fire" }) },
  { name: "rename a rating", action: settings.renameRatingAction, min: "ADMIN", input: () => ({ key: "true", label: "Accurate" }) },
  { name: "move a rating", action: settings.moveRatingAction, min: "ADMIN", input: () => ({ key: "false", direction: "up" }) },
  { name: "retire a rating", action: settings.retireRatingAction, min: "ADMIN", input: () => ({ key: "true", retired: "true" }) },
  {
    name: "re-score the workspace's claims",
    action: detection.rescoreClaimsAction,
    min: "ADMIN",
    input: () => ({ all: "on" }),
    // A score from an older detector, so the allowed call has something to change.
    prepare: async (f) => {
      await getDb().claim.update({ where: { id: f.detected.id }, data: { score: 0.01 } });
    },
  },
];

const RANK: Role[] = ["VIEWER", "REVIEWER", "EDITOR", "ADMIN"];
const rolesBelow = (min: Role): Role[] => RANK.slice(0, RANK.indexOf(min));
const personOf = (role: Role) => role.toLowerCase() as Lowercase<Role>;

let f: ActionFixture;
let outsider: ActionFixture;

beforeAll(async () => {
  f = await createActionFixture();
  outsider = await createActionFixture();
});

async function call(userId: string | null, c: Case, slug: string, input: Record<string, string>): Promise<CallResult> {
  session.userId = userId;
  try {
    return await settleCall(() => c.action(slug, null, formOf(input)));
  } finally {
    session.userId = null;
  }
}

async function state(c: Case, input: Record<string, string>, fixtures: ActionFixture[]) {
  return {
    workspaces: await Promise.all(fixtures.map((x) => workspaceFingerprint(x.workspace.id))),
    outside: await c.outside?.(input),
  };
}

/** Calls as `userId` and expects the refusal `code` with every workspace's rows as they were. */
async function expectRefused(c: Case, userId: string | null, code: string, options: { slug?: string; input?: Record<string, string> } = {}): Promise<CallResult> {
  const input = options.input ?? c.input(f);
  const before = await state(c, input, [f, outsider]);
  const result = await call(userId, c, options.slug ?? f.workspace.slug, input);
  expect(result, JSON.stringify(result)).toMatchObject({ ok: false, code });
  expect(await state(c, input, [f, outsider])).toEqual(before);
  return result;
}

// it.each rows named by the case, so a failure says which action and which person.
const rows = (cases: Case[]) => cases.map((c) => [c.name, c] as const);

describe("signed out: UNAUTHENTICATED, nothing written", () => {
  it.each(rows(CASES))("%s", async (_name, c) => {
    await expectRefused(c, null, "UNAUTHENTICATED");
  });
});

describe("every role below the action's minimum: FORBIDDEN, nothing written", () => {
  const table = CASES.flatMap((c) => rolesBelow(c.min).map((role) => [`${c.name}, as a ${role.toLowerCase()} (needs ${c.min.toLowerCase()})`, c, role] as const));
  it.each(table)("%s", async (_name, c, role) => {
    await expectRefused(c, f.users[personOf(role)], "FORBIDDEN");
  });
});

describe("a member of another workspace: NOT_FOUND with no hint, nothing written in either workspace", () => {
  it.each(rows(CASES))("%s, at this workspace's address", async (_name, c) => {
    const real = await expectRefused(c, outsider.users.admin, "NOT_FOUND");
    // The same answer as for an address that does not exist: nothing tells them it does.
    const made = await call(outsider.users.admin, c, `no-such-${randomBytes(4).toString("hex")}`, c.input(f));
    expect(made).toEqual({ ...real, at: (made as { at: number }).at });
  });

  // Their admin, and someone there with just the action's own role (a reviewer is refused
  // somebody else's source: they must not learn that way that the source exists).
  const crossTable = CASES.filter((c) => c.ids).flatMap((c) => {
    const people = [...new Set<ActionPerson>(["admin", c.allowed ?? personOf(c.min)])];
    return people.map((who) => [`${c.name}, as their ${who === "second" ? "reviewer" : who}`, c, who] as const);
  });
  it.each(crossTable)("%s, from their own workspace with this workspace's ids", async (_name, c, who) => {
    const real = await expectRefused(c, outsider.users[who], "NOT_FOUND", { slug: outsider.workspace.slug });
    // The same answer as for ids that do not exist anywhere.
    const ours = new Set([f.article, f.claim.id, f.detected.id, f.source, f.comment, f.invitation, ...Object.values(f.users)]);
    const madeUp = Object.fromEntries(Object.entries(c.input(f)).map(([k, v]) => [k, ours.has(v) ? `c${randomBytes(12).toString("hex")}` : v]));
    const made = await call(outsider.users[who], c, outsider.workspace.slug, madeUp);
    expect(made).toEqual({ ...real, at: (made as { at: number }).at });
  });
});

describe("not the owner: FORBIDDEN, nothing written", () => {
  const table = CASES.flatMap((c) => (c.notOwners ?? []).map((who) => [`${c.name}, as ${who === "second" ? "another reviewer" : `an ${who}`}`, c, who] as const));
  it.each(table)("%s", async (_name, c, who) => {
    await expectRefused(c, f.users[who], "FORBIDDEN");
  });
});

describe("an archived workspace: FORBIDDEN to the people who could otherwise, nothing written", () => {
  let archived: ActionFixture;
  beforeAll(async () => {
    archived = await createActionFixture();
    await getDb().workspace.update({ where: { id: archived.workspace.id }, data: { archivedAt: new Date() } });
  });

  // Archiving again is the one change that is no change; restoring is allowed (tested in settings-actions).
  it.each(rows(CASES.filter((c) => c.action !== settings.setArchivedAction)))("%s", async (_name, c) => {
    const input = c.input(archived);
    const before = await state(c, input, [archived]);
    const result = await call(archived.users[c.allowed ?? personOf(c.min)], c, archived.workspace.slug, input);
    expect(result, JSON.stringify(result)).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringMatching(/archived/) });
    expect(await state(c, input, [archived])).toEqual(before);
  });
});

describe("the allowed call succeeds on the same data, so each refusal above is the guard's", () => {
  it.each(rows(CASES))("%s", async (_name, c) => {
    const fresh = await createActionFixture();
    await c.prepare?.(fresh);
    const input = c.input(fresh);
    const before = await state(c, input, [fresh]);
    const result = await call(fresh.users[c.allowed ?? personOf(c.min)], c, fresh.workspace.slug, input);
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    expect(await state(c, input, [fresh])).not.toEqual(before);
  });
});
