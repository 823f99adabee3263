import { beforeAll, describe, expect, it } from "vitest";
import { createTestArticle, createTestWorkspace, createWorkspacePair, SAMPLE_BODY, type TestWorkspace } from "@/lib/testing/factories";
import { dismissal, mayAs, reviewedByReviewer } from "@/lib/testing/factories";
import { importArticleSchema } from "@/lib/validation/article";
import { publishDecisionSchema } from "@/lib/validation/review";
import { findArticleWorkspaceSlug, getArticle, getArticleForPage, importArticle, listArticles, listArticlesIn } from "./articles";
import { latestArticleEventId } from "./change-feed";
import { changeClaimStatus } from "./claims";
import { getDb } from "./client";
import { publishDecision } from "./reviews";
import { getMembership } from "./workspaces";

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
});

const claimsOf = (articleId: string) =>
  getDb().claim.findMany({ where: { articleId }, orderBy: { start: "asc" }, select: { id: true, version: true, quote: true, prefix: true, suffix: true, start: true, end: true, status: true, origin: true, workspaceId: true, claimant: true } });

describe("importArticle", () => {
  it("stores the article with its detected claims anchored to the exact words of the body", async () => {
    const input = importArticleSchema.parse({ title: "Jobs report", outlet: "Daily Wire", author: "A. Writer", url: "https://example.com/jobs", publishedAt: "2024-03-01", body: SAMPLE_BODY });
    const result = await importArticle({ workspaceId: ws.id, userId: ws.users.editor, origin: "WEB" as const }, input);

    const stored = await getDb().article.findFirstOrThrow({ where: { id: result.id } });
    expect(stored).toMatchObject({ workspaceId: ws.id, title: "Jobs report", outlet: "Daily Wire", author: "A. Writer", url: "https://example.com/jobs", body: SAMPLE_BODY, createdById: ws.users.editor });
    expect(stored.publishedAt?.toISOString()).toBe("2024-03-01T00:00:00.000Z");

    const claims = await claimsOf(result.id);
    expect(result.claimCount).toBe(2);
    expect(claims).toHaveLength(2);
    for (const claim of claims) {
      expect(SAMPLE_BODY.slice(claim.start, claim.end)).toBe(claim.quote);
      expect(SAMPLE_BODY.slice(claim.start - claim.prefix.length, claim.start)).toBe(claim.prefix);
      expect(SAMPLE_BODY.slice(claim.end, claim.end + claim.suffix.length)).toBe(claim.suffix);
      expect(claim).toMatchObject({ workspaceId: ws.id, status: "DETECTED", origin: "DETECTED" });
    }
    expect(claims[0]?.quote).toMatch(/^Sen\. Maria Lopez said unemployment fell/);
    expect(claims[0]?.claimant).toBe("Maria Lopez");
    // The opinion sentence is not check-worthy.
    expect(claims.some((c) => c.quote.includes("I think we can do better"))).toBe(false);
  });

  it("records an article.imported event in the same workspace", async () => {
    const { id, claimCount } = await createTestArticle(ws.id, ws.users.editor);
    const events = await getDb().event.findMany({ where: { entityId: id } });
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      workspaceId: ws.id,
      actorId: ws.users.editor,
      action: "article.imported",
      entityType: "article",
      after: { bodyLength: SAMPLE_BODY.length, claimsDetected: claimCount },
    });
  });

  it("stores script tags in the body verbatim, as text", async () => {
    const body = "<script>alert('x')</script>\nThe city spent $4.2 million on 12 new buses in 2022, officials said.";
    const { id } = await createTestArticle(ws.id, ws.users.editor, body);
    const article = await getArticle(ws.id, id);
    expect(article?.body).toBe(body);
    const claims = await claimsOf(id);
    expect(claims.map((c) => c.quote)).toEqual(["The city spent $4.2 million on 12 new buses in 2022, officials said."]);
    for (const claim of claims) expect(body.slice(claim.start, claim.end)).toBe(claim.quote);
  });

  it("accepts a system import with no user, recording a null actor", async () => {
    const { id } = await createTestArticle(ws.id, null);
    const stored = await getDb().article.findFirstOrThrow({ where: { id }, select: { createdById: true } });
    const event = await getDb().event.findFirstOrThrow({ where: { entityId: id } });
    expect(stored.createdById).toBeNull();
    expect(event.actorId).toBeNull();
    expect(event.action).toBe("article.imported");
  });
});

describe("getArticle", () => {
  it("returns the article with its body and the importer's name", async () => {
    const { id } = await createTestArticle(ws.id, ws.users.editor);
    const article = await getArticle(ws.id, id);
    expect(article).toMatchObject({ id, outlet: "Test Wire", body: SAMPLE_BODY, createdBy: { name: expect.stringMatching(/^editor /) } });
  });

  it("returns null for another workspace's article and for an unknown id", async () => {
    const { id } = await createTestArticle(other.id, other.users.editor);
    expect(await getArticle(ws.id, id)).toBeNull();
    expect(await getArticle(ws.id, "no-such-article")).toBeNull();
    expect(await getArticle(other.id, id)).not.toBeNull();
  });
});

describe("listArticles", () => {
  it("lists only this workspace's articles, newest first, counting live and published claims", async () => {
    const listed = await createTestWorkspace();
    const older = await createTestArticle(listed.id, listed.users.editor);
    const newer = await createTestArticle(listed.id, listed.users.editor);
    await createTestArticle(other.id, other.users.editor);

    const [first, second] = await claimsOf(newer.id);
    if (!first || !second) throw new Error("expected two detected claims");
    const ctx = { workspaceId: listed.id, userId: listed.users.editor, origin: "WEB" as const };
    await changeClaimStatus(ctx, mayAs("EDITOR"), dismissal(first));
    const membership = await getMembership(listed.slug, listed.users.editor);
    if (!membership) throw new Error("editor is a member");
    const version = await reviewedByReviewer(listed, second.id);
    await publishDecision(ctx, publishDecisionSchema.parse({ claimId: second.id, version, rating: "true", summary: "Checks out." }));

    const articles = await listArticles(listed.id);
    expect(articles.map((a) => a.id)).toEqual([newer.id, older.id]);
    expect(articles[0]).toMatchObject({ claimCount: 1, publishedCount: 1, byStatus: { DISMISSED: 1, PUBLISHED: 1 } });
    expect(articles[1]).toMatchObject({ claimCount: 2, publishedCount: 0 });
  });

  it("lists across several workspaces, tagging each article with its workspace", async () => {
    const mine = await createTestArticle(ws.id, ws.users.editor);
    const theirs = await createTestArticle(other.id, other.users.editor);
    const third = await createTestWorkspace();
    const hidden = await createTestArticle(third.id, third.users.editor);

    const articles = await listArticlesIn([ws.id, other.id]);
    const byId = new Map(articles.map((a) => [a.id, a.workspaceId]));
    expect(byId.get(mine.id)).toBe(ws.id);
    expect(byId.get(theirs.id)).toBe(other.id);
    expect(byId.has(hidden.id)).toBe(false);
    expect(await listArticlesIn([])).toEqual([]);
  });
});

describe("findArticleWorkspaceSlug", () => {
  it("returns the workspace slug for a member and null for anyone else", async () => {
    const { id } = await createTestArticle(ws.id, ws.users.editor);
    expect(await findArticleWorkspaceSlug(id, ws.users.viewer)).toBe(ws.slug);
    expect(await findArticleWorkspaceSlug(id, other.users.admin)).toBeNull();
    expect(await findArticleWorkspaceSlug("no-such-article", ws.users.viewer)).toBeNull();
  });
});

describe("getArticleForPage", () => {
  it("reads the article with its latest event id in one statement, and nothing for another workspace", async () => {
    const article = await createTestArticle(ws.id, ws.users.editor);
    const { article: shown, since } = await getArticleForPage(ws.id, article.id);
    expect(shown).toMatchObject({ id: article.id, body: SAMPLE_BODY });
    expect(Object.keys(shown ?? {}).sort()).toEqual(["author", "body", "id", "outlet", "publishedAt", "title", "url"]);
    expect(since).toBe(await latestArticleEventId(ws.id, article.id));
    expect(since > 0n).toBe(true);
    expect(await getArticleForPage(other.id, article.id)).toEqual({ article: null, since: 0n });
  });
});
