import { beforeAll, describe, expect, it } from "vitest";
import { createTestArticle, createWorkspacePair, type TestWorkspace } from "@/lib/testing/factories";
import { PRESENCE_WINDOW_SECONDS } from "@/lib/realtime/presence";
import { getDb } from "./client";
import { listPresence, removePresence, touchPresence } from "./presence";

let ws: TestWorkspace;
let other: TestWorkspace;
let articleId: string;
let claimId: string;

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
  articleId = (await createTestArticle(ws.id, ws.users.editor)).id;
  claimId = (await getDb().claim.findFirstOrThrow({ where: { articleId }, select: { id: true } })).id;
});

const tab = () => `tab-${Math.random().toString(36).slice(2, 12)}`;
const here = (userId: string, tabId: string, claim: string | null = null, activity: "review" | "source" | "claim" | null = null) =>
  touchPresence({ workspaceId: ws.id, articleId, userId, tabId, claimId: claim, activity });

describe("presence", () => {
  it("lists who has the article open, on which claim, doing what", async () => {
    const tabId = tab();
    await here(ws.users.reviewer, tabId, claimId, "review");
    expect(await listPresence(ws.id, articleId)).toContainEqual({ tabId, userId: ws.users.reviewer, name: `reviewer ${ws.slug.slice(3)}`, claimId, activity: "review" });
  });

  it("drops a tab not heard from within the window, and a closed one at once", async () => {
    const [stale, closed] = [tab(), tab()];
    await here(ws.users.editor, stale);
    await here(ws.users.viewer, closed);
    await getDb().presence.update({ where: { tabId: stale }, data: { seenAt: new Date(Date.now() - (PRESENCE_WINDOW_SECONDS + 1) * 1000) } });
    await removePresence(ws.users.viewer, closed);
    const tabs = (await listPresence(ws.id, articleId)).map((p) => p.tabId);
    expect(tabs).not.toContain(stale);
    expect(tabs).not.toContain(closed);
  });

  it("never moves someone else's tab, and stores a claim from elsewhere as none", async () => {
    const tabId = tab();
    await here(ws.users.reviewer, tabId, claimId);
    await here(ws.users.editor, tabId, null, "source"); // someone else's tab id: ignored
    await removePresence(ws.users.editor, tabId); // and cannot be closed by them
    const otherArticle = await createTestArticle(other.id, other.users.editor);
    const foreignClaim = (await getDb().claim.findFirstOrThrow({ where: { articleId: otherArticle.id }, select: { id: true } })).id;
    const mine = tab();
    await here(ws.users.admin, mine, foreignClaim);
    const rows = await listPresence(ws.id, articleId);
    expect(rows.find((p) => p.tabId === tabId)).toMatchObject({ userId: ws.users.reviewer, claimId, activity: null });
    expect(rows.find((p) => p.tabId === mine)).toMatchObject({ userId: ws.users.admin, claimId: null });
    expect(await listPresence(other.id, otherArticle.id)).toEqual([]);
  });
});
