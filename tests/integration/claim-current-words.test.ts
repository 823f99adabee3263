import { beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { getDb } from "@/lib/db/client";
import { replaceArticleText } from "@/lib/db/revisions";
import { createActionFixture, formOf, settleCall, type ActionFixture, type CallResult } from "@/lib/testing/action-guards";
import { workspaceFingerprint } from "@/lib/testing/api";
import { actingAs, SAMPLE_BODY } from "@/lib/testing/factories";

// After a revision a claim's words in the text ("43 million") can differ from its statement (as
// imported: "41 million"). The claim panel offers to take the current words as the statement,
// through the claim's ordinary edit action: only for those who may edit the claim, only on the
// version they saw, and a refusal changes nothing.

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

let f: ActionFixture;
let revised: { id: string; version: number; quote: string; statement: string; claimant: string | null };

beforeEach(async () => {
  f = await createActionFixture();
  const before = await getDb().claim.findUniqueOrThrow({ where: { id: f.detected.id } });
  expect(before.quote).toContain("41 million");
  const current = await getDb().article.findUniqueOrThrow({ where: { id: f.article }, select: { version: true } });
  await replaceArticleText(actingAs(f.workspace, "editor"), { articleId: f.article, version: current.version, body: SAMPLE_BODY.replace("41 million", "43 million"), note: "Corrected the figure" });
  revised = await getDb().claim.findUniqueOrThrow({ where: { id: f.detected.id }, select: { id: true, version: true, quote: true, statement: true, claimant: true } });
});

async function as(userId: string | null, work: () => Promise<ActionResult>): Promise<CallResult> {
  session.userId = userId;
  try {
    return await settleCall(work);
  } finally {
    session.userId = null;
  }
}

/** What the panel's "Use these words as the statement" button sends. */
const useCurrentWords = (who: string | null, version = revised.version, slug = f.workspace.slug) =>
  as(who, () => article.updateClaimAction(slug, null, formOf({ claimId: revised.id, version: String(version), statement: revised.quote, claimant: revised.claimant ?? "" })));

describe("taking a claim's current words as its statement", () => {
  it("after a revision, the claim's words in the text differ from its statement", () => {
    expect(revised.quote).toContain("43 million");
    expect(revised.statement).toContain("41 million");
  });

  it("an editor updates the statement to the current words, recorded in the claim's history", async () => {
    const result = await useCurrentWords(f.users.editor);
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
    const after = await getDb().claim.findUniqueOrThrow({ where: { id: revised.id } });
    expect(after).toMatchObject({ statement: revised.quote, claimant: revised.claimant, quote: revised.quote, version: revised.version + 1 });
    const event = await getDb().event.findFirstOrThrow({ where: { workspaceId: f.workspace.id, action: "claim.updated", claimId: revised.id }, orderBy: { createdAt: "desc" } });
    expect(event.before).toMatchObject({ statement: revised.statement });
    expect(event.after).toMatchObject({ statement: revised.quote });
  });

  it("a stale version is refused and changes nothing", async () => {
    // Someone else saved the claim after this page showed it.
    const elsewhere = await as(f.users.reviewer, () => article.updateClaimAction(f.workspace.slug, null, formOf({ claimId: revised.id, version: String(revised.version), statement: "Reworded elsewhere", claimant: "" })));
    expect(elsewhere).toMatchObject({ ok: true });
    const before = await workspaceFingerprint(f.workspace.id);
    const result = await useCurrentWords(f.users.editor, revised.version);
    expect(result).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await workspaceFingerprint(f.workspace.id)).toEqual(before);
  });

  it("a viewer, a signed-out person and another workspace's editor are refused and change nothing", async () => {
    const other = await createActionFixture();
    const before = await workspaceFingerprint(f.workspace.id);
    expect(await useCurrentWords(f.users.viewer)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const signedOut = await useCurrentWords(null);
    expect(signedOut.ok).toBe(false);
    // Another workspace's editor, through their own workspace: the claim is not found there.
    expect(await useCurrentWords(other.users.editor, revised.version, other.workspace.slug)).toMatchObject({ ok: false });
    // ... and through this workspace's address: not a member.
    expect((await useCurrentWords(other.users.editor)).ok).toBe(false);
    expect(await workspaceFingerprint(f.workspace.id)).toEqual(before);
    expect((await getDb().claim.findUniqueOrThrow({ where: { id: revised.id } })).statement).toBe(revised.statement);
  });
});
