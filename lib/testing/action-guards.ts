import { createInvitation } from "@/lib/db/invitations";
import { createComment } from "@/lib/db/comments";
import { getDb } from "@/lib/db/client";
import { upsertMember } from "@/lib/db/members";
import { createSource } from "@/lib/db/sources";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { actingAs, createTestArticle, createTestWorkspace, mayAs, reviewedByReviewer, type TestWorkspace } from "./factories";

// For tests that call server actions directly: a workspace with one of everything an action can
// name (an article, a claim in review with a reviewer's source, review and comment, a claim still
// detected, a pending invitation, a second reviewer), and the call itself with a form.

export type ActionPerson = "admin" | "editor" | "reviewer" | "viewer" | "second";

export type ActionFixture = {
  workspace: TestWorkspace;
  users: Record<ActionPerson, string>;
  article: string;
  /** In review: the reviewer added its source and reviewed it; an editor who did not may publish. */
  claim: { id: string; version: number };
  /** Still detected, for triage. */
  detected: { id: string; version: number };
  source: string;
  comment: string;
  invitation: string;
};

export async function createActionFixture(workspace?: TestWorkspace): Promise<ActionFixture> {
  const w = workspace ?? (await createTestWorkspace());
  const { id: article } = await createTestArticle(w.id, w.users.editor);
  const claims = await getDb().claim.findMany({ where: { articleId: article }, orderBy: { start: "asc" }, select: { id: true } });
  const [first, second] = claims;
  if (!first || !second) throw new Error("The sample article should have two detected claims.");
  const source = (await createSource(actingAs(w, "reviewer"), { claimId: first.id, url: "https://example.org/data", title: "Data", kind: "PRIMARY_DATA", stance: "SUPPORTS" })).id;
  const version = await reviewedByReviewer(w, first.id);
  const comment = (await createComment(actingAs(w, "reviewer"), mayAs("REVIEWER"), { claimId: first.id, body: "Mine." })).id;
  const invitation = (await createInvitation(actingAs(w, "admin"), mayAs("ADMIN"), { role: "VIEWER" })).id;
  const { userId: secondReviewer } = await upsertMember({ workspaceId: w.id, email: `second-${w.slug}@factdesk.test`, name: `Second ${w.slug}`, role: "REVIEWER", passwordHash: "x", actorId: null });
  const detected = await getDb().claim.findFirstOrThrow({ where: { id: second.id }, select: { id: true, version: true, status: true } });
  if (detected.status !== "DETECTED") throw new Error("The second claim should still be detected.");
  return {
    workspace: w,
    users: { ...w.users, second: secondReviewer },
    article,
    claim: { id: first.id, version },
    detected: { id: detected.id, version: detected.version },
    source,
    comment,
    invitation,
  };
}

export const formOf = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
};

/** A redirect (as the tests' next/navigation mock throws it) is how some actions succeed. */
export type CallResult = ActionResult | { ok: true; redirectTo: string };

export async function settleCall(work: () => Promise<ActionResult>): Promise<CallResult> {
  try {
    return await work();
  } catch (error) {
    if (typeof error === "object" && error !== null && "to" in error) return { ok: true, redirectTo: String((error as { to: unknown }).to) };
    throw error;
  }
}
