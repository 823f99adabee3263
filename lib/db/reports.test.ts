import { beforeAll, describe, expect, it } from "vitest";
import { reportDocument } from "@/lib/reports/document";
import { renderMarkdown } from "@/lib/reports/markdown";
import { createTestArticle, createTestWorkspace, createWorkspacePair, type TestWorkspace } from "@/lib/testing/factories";
import { dismissal, mayAs, reviewedByReviewer } from "@/lib/testing/factories";
import { importArticleSchema } from "@/lib/validation/article";
import { publishDecisionSchema } from "@/lib/validation/review";
import { createSourceSchema } from "@/lib/validation/source";
import { importArticle } from "./articles";
import { changeClaimStatus, createManualClaim } from "./claims";
import { getDb } from "./client";
import { getArticleReport } from "./reports";
import { publishDecision } from "./reviews";
import { createSource } from "./sources";
import { getMembership } from "./workspaces";

let ws: TestWorkspace;
let other: TestWorkspace;
let articleId: string;
let publishedClaimId: string;
let dismissedClaimId: string;
let manualClaimId: string;

// One article worked through the whole desk: a published claim with two sources, a dismissed
// claim, and a manual claim with no verdict yet.
beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
  const input = importArticleSchema.parse({
    title: "Lopez on jobs",
    outlet: "Test Wire",
    author: "R. Porter",
    url: "https://example.com/lopez",
    publishedAt: "2024-03-01",
    body: "Sen. Maria Lopez said unemployment fell to 3.9 percent in 2023, the lowest level in two decades.\nThe U.S. Census Bureau reported that 41 million people lived in poverty last year.\nShe also said 12 factories reopened.",
  });
  articleId = (await importArticle({ workspaceId: ws.id, userId: ws.users.editor, origin: "WEB" as const }, input)).id;
  const ctx = { workspaceId: ws.id, userId: ws.users.editor, origin: "WEB" as const };
  const claims = await getDb().claim.findMany({ where: { articleId }, orderBy: { start: "asc" }, select: { id: true, version: true } });
  // The detector's picks may change; the first is worked through, every other one dismissed.
  const [first, second, ...others] = claims;
  if (!first || !second) throw new Error("expected at least two detected claims");
  publishedClaimId = first.id;
  dismissedClaimId = second.id;

  const source = (title: string, stance: string) =>
    createSourceSchema.parse({ claimId: first.id, url: "https://www.bls.gov/cps/", title, kind: "PRIMARY_DATA", stance, publisher: "BLS", publishedAt: "2024-01-05" });
  await createSource(ctx, source("CPS annual averages", "SUPPORTS"));
  await createSource(ctx, source("CPS monthly table", "CONTEXT"));
  const membership = await getMembership(ws.slug, ws.users.editor);
  if (!membership) throw new Error("editor is a member");
  const ready = await reviewedByReviewer(ws, first.id);
  await publishDecision(ctx, publishDecisionSchema.parse({ claimId: first.id, version: ready, rating: "true", summary: "First take." }));
  await changeClaimStatus(ctx, mayAs("EDITOR"), { claimId: first.id, status: "REOPENED", version: ready + 1, reason: "The low was 3.7 percent." });
  await publishDecision(ctx, publishDecisionSchema.parse({ claimId: first.id, version: ready + 2, rating: "mostly-true", summary: "Corrected: 3.7 percent was the low." }));

  await changeClaimStatus(ctx, mayAs("EDITOR"), dismissal(second));
  for (const extra of others) await changeClaimStatus(ctx, mayAs("EDITOR"), dismissal(extra));
  const start = input.body.indexOf("12 factories");
  manualClaimId = (await createManualClaim(ctx, { articleId, start, end: start + "12 factories reopened".length })).id;
});

describe("getArticleReport", () => {
  it("describes the article and the desk", async () => {
    const report = await getArticleReport(ws.id, articleId);
    const name = (await getDb().workspace.findFirstOrThrow({ where: { id: ws.id } })).name;
    expect(report?.workspace).toBe(name);
    expect(report?.article).toEqual({ id: articleId, title: "Lopez on jobs", outlet: "Test Wire", author: "R. Porter", url: "https://example.com/lopez", publishedAt: new Date("2024-03-01T00:00:00Z") });
    expect(report?.generatedAt).toBeInstanceOf(Date);
  });

  it("lists every claim that is not dismissed, in reading order", async () => {
    const report = await getArticleReport(ws.id, articleId);
    expect(report?.claims.map((c) => c.id)).toEqual([publishedClaimId, manualClaimId]);
    expect(report?.claims.map((c) => c.id)).not.toContain(dismissedClaimId);
  });

  it("shows the latest published verdict with its label, approver and sources", async () => {
    const report = await getArticleReport(ws.id, articleId);
    const claim = report?.claims[0];
    expect(claim?.status).toBe("PUBLISHED");
    expect(claim?.verdict).toMatchObject({ rating: "mostly-true", ratingLabel: "Mostly true", summary: "Corrected: 3.7 percent was the low.", approvedBy: expect.stringMatching(/^editor /) });
    expect(claim?.verdict?.publishedAt).toBeInstanceOf(Date);
    expect(claim?.sources).toEqual([
      { url: "https://www.bls.gov/cps/", title: "CPS annual averages", publisher: "BLS", kind: "PRIMARY_DATA", stance: "SUPPORTS", quotation: null, publishedAt: new Date("2024-01-05T00:00:00Z"), accessedAt: null },
      { url: "https://www.bls.gov/cps/", title: "CPS monthly table", publisher: "BLS", kind: "PRIMARY_DATA", stance: "CONTEXT", quotation: null, publishedAt: new Date("2024-01-05T00:00:00Z"), accessedAt: null },
    ]);
  });

  it("shows a claim without a verdict as not yet published", async () => {
    const report = await getArticleReport(ws.id, articleId);
    expect(report?.claims[1]).toMatchObject({ id: manualClaimId, quote: "12 factories reopened", status: "QUEUED", verdict: null, sources: [] });
  });

  it("returns null for another workspace's article and for an unknown id", async () => {
    expect(await getArticleReport(other.id, articleId)).toBeNull();
    expect(await getArticleReport(ws.id, "no-such-article")).toBeNull();
  });

  it("feeds both audiences with the same verdicts", async () => {
    const report = await getArticleReport(ws.id, articleId);
    if (!report) throw new Error("expected a report");
    const desk = renderMarkdown(reportDocument(report, "desk"));
    expect(desk).toContain("# Fact-check desk report: Lopez on jobs");
    expect(desk).toContain("- Claims: 2, of which 1 with a published verdict");
    expect(desk).toContain("- Verdict: **Mostly true**");
    expect(desk).not.toContain("First take.");
    const reader = reportDocument(report, "reader");
    expect(reader.claims.map((c) => c.verdict.label)).toEqual(["Mostly true"]);
    expect(reportDocument(report, "desk").claims.map((c) => c.verdict?.label ?? null)).toEqual(["Mostly true", null]);
  });

  it("labels an unknown rating with its key when the desk's scale no longer has it", async () => {
    const desk = await createTestWorkspace();
    const { id } = await createTestArticle(desk.id, desk.users.editor);
    const claim = await getDb().claim.findFirstOrThrow({ where: { articleId: id }, orderBy: { start: "asc" } });
    const membership = await getMembership(desk.slug, desk.users.editor);
    if (!membership) throw new Error("editor is a member");
    const version = await reviewedByReviewer(desk, claim.id);
    await publishDecision({ workspaceId: desk.id, userId: desk.users.editor, origin: "WEB" as const }, publishDecisionSchema.parse({ claimId: claim.id, version, rating: "half-true", summary: "Partly." }));
    await getDb().workspace.update({ where: { id: desk.id }, data: { ratingScale: [{ key: "accurate", label: "Accurate" }] } });

    const report = await getArticleReport(desk.id, id);
    expect(report?.claims[0]?.verdict).toMatchObject({ rating: "half-true", ratingLabel: "half-true" });
  });
});
