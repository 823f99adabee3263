import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { importArticle } from "@/lib/db/articles";
import { changeClaimStatus, setClaimAssignee } from "@/lib/db/claims";
import { getDb } from "@/lib/db/client";
import { createComment } from "@/lib/db/comments";
import { publishDecision, saveReview } from "@/lib/db/reviews";
import { createSource } from "@/lib/db/sources";
import { DEFAULT_RATING_SCALE } from "@/lib/domain/rating-scale";
import { callApi, tokenFor, workspaceFingerprint } from "@/lib/testing/api";
import { actingAs, createWorkspacePair, mayAs, type TestWorkspace } from "@/lib/testing/factories";
import { importArticleSchema } from "@/lib/validation/article";
import { saveReviewSchema } from "@/lib/validation/review";
import { DEMO_ARTICLE_TITLE } from "@/prisma/seed";

// The demo article's report in every format for both audiences, after one claim is published,
// through GET /api/v1/articles/{id}/report. A marker planted in every internal field (review
// rationales, comments, status notes, unpublished claims' sources, assignees) must never reach a
// reader's format. The PDF is rendered to a PNG in test-results/ for a person to look at.

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? (await import("@/lib/testing/session")).testSession(session.userId) : null) }));
vi.mock("@/lib/auth/options", () => ({ getAuthOptions: () => ({}) }));

const MARKER = "ZZ-INTERNAL-7f3a";
const SUMMARY = "Vanessa Cárdenas did call it “whiplash” — the statement is on the record; ‘concessions’ is CNN’s word.";
const ARTIFACTS = path.join(process.cwd(), "test-results", "reports");

let ws: TestWorkspace;
let other: TestWorkspace;
let articleId: string;
let publishedQuote: string;
let unpublishedQuote: string;
const tokens = {} as Record<"reviewer" | "reviewerRead" | "viewer" | "outsider" | "secondReviewer", string>;

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
  await getDb().workspace.update({ where: { id: ws.id }, data: { organizationName: "Demo Fact Desk", organizationUrl: "https://desk.example" } });
  const body = readFileSync(path.join(process.cwd(), "prisma", "seed", "articles", "border-concessions.txt"), "utf8");
  articleId = (await importArticle(actingAs(ws, "editor"), importArticleSchema.parse({ title: DEMO_ARTICLE_TITLE, outlet: "CNN", body }))).id;
  const claims = await getDb().claim.findMany({ where: { articleId }, orderBy: { start: "asc" }, select: { id: true, quote: true, version: true } });
  expect(claims.length).toBeGreaterThan(3);
  const [published, researching, assigned] = claims as [(typeof claims)[0], (typeof claims)[0], (typeof claims)[0]];
  publishedQuote = published.quote;
  unpublishedQuote = researching.quote;

  const reviewer = actingAs(ws, "reviewer");
  await createSource(reviewer, { claimId: published.id, url: "https://americasvoice.org/press/whiplash", title: "America’s Voice statement", kind: "OFFICIAL_RECORD", stance: "SUPPORTS", quotation: "“whiplash”" });
  await saveReview(reviewer, DEFAULT_RATING_SCALE, saveReviewSchema.parse({ claimId: published.id, rating: "true", rationale: `${MARKER} rationale`, confidence: "3", version: "" }));
  await createComment(reviewer, mayAs("REVIEWER"), { claimId: published.id, body: `${MARKER} comment` });
  await setClaimAssignee(actingAs(ws, "editor"), mayAs("EDITOR"), { claimId: published.id, userId: ws.users.reviewer, assign: "assign" });
  const version = (await getDb().claim.findUniqueOrThrow({ where: { id: published.id } })).version;
  await publishDecision(actingAs(ws, "editor"), { claimId: published.id, version, rating: "true", summary: SUMMARY });

  await changeClaimStatus(actingAs(ws, "editor"), mayAs("EDITOR"), { claimId: researching.id, status: "QUEUED", version: researching.version, reason: `${MARKER} status note` });
  await createSource(reviewer, { claimId: researching.id, url: "https://example.org/internal", title: `${MARKER} unpublished source`, kind: "OTHER", stance: "CONTEXT" });
  // The note stays on the claim (adding a source moved it on and cleared the queueing note).
  await getDb().claim.update({ where: { id: researching.id }, data: { statusReason: `${MARKER} status note` } });
  await saveReview(reviewer, DEFAULT_RATING_SCALE, saveReviewSchema.parse({ claimId: assigned.id, rating: "false", rationale: `${MARKER} rationale on an unpublished claim`, confidence: "1", version: "" }));

  tokens.reviewer = await tokenFor(ws.users.reviewer);
  tokens.reviewerRead = await tokenFor(ws.users.reviewer, "READ");
  tokens.viewer = await tokenFor(ws.users.viewer, "READ");
  tokens.outsider = await tokenFor(other.users.admin);
  const { upsertMember } = await import("@/lib/db/members");
  const { userId } = await upsertMember({ workspaceId: ws.id, email: `second-${ws.slug}@factdesk.test`, name: "Second Reviewer", role: "REVIEWER", passwordHash: "x", actorId: null });
  tokens.secondReviewer = await tokenFor(userId);
  mkdirSync(ARTIFACTS, { recursive: true });
});

async function download(format: string, audience: string, token = tokens.reviewer) {
  const { endpoint, params } = (await import("@/lib/testing/api")).endpointFor("GET", `/articles/${articleId}/report`);
  const { handlerFor } = await import("@/lib/api/v1/endpoint");
  const response = await handlerFor(endpoint)(new Request(`http://factdesk.test/api/v1/articles/${articleId}/report?format=${format}&audience=${audience}`, { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve(params) });
  expect(response.status, await response.clone().text()).toBe(200);
  return { bytes: Buffer.from(await response.arrayBuffer()), headers: response.headers };
}

const pdfText = (file: string) => execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });

describe("the demo article's report, one claim published", () => {
  it.each(["md", "json", "csv", "html"])("reader %s: the published claim, its verdict and source, nothing internal", async (format) => {
    const { bytes, headers } = await download(format, "reader");
    const text = bytes.toString("utf8");
    writeFileSync(path.join(ARTIFACTS, `demo-reader.${format}`), bytes);
    expect(headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="fact-check-biden-s-border-concessions-put-him-at-odds-with-key-allies\\.${format}"$`));
    expect(text).not.toContain(MARKER);
    expect(text).not.toContain(unpublishedQuote.slice(0, 40));
    expect(text).not.toContain("Second Reviewer");
    expect(text).toContain("Cárdenas");
    expect(text).toContain("https://americasvoice.org/press/whiplash");
    if (format !== "csv") expect(text).toContain("Demo Fact Desk");
  });

  it.each(["md", "json", "csv", "html"])("desk %s: every claim with status, reviews with their rationales, and sources", async (format) => {
    const { bytes } = await download(format, "desk");
    const text = bytes.toString("utf8");
    writeFileSync(path.join(ARTIFACTS, `demo-desk.${format}`), bytes);
    expect(text).toContain(`${MARKER} rationale`);
    expect(text).toContain(`${MARKER} status note`);
    expect(text).toContain(`${MARKER} unpublished source`);
    expect(text).not.toContain(`${MARKER} comment`);
  });

  it("reader claimreview: schema.org ClaimReview for the published claim, the desk as author, the report page as url", async () => {
    const { bytes, headers } = await download("claimreview", "reader");
    writeFileSync(path.join(ARTIFACTS, "demo-reader.jsonld"), bytes);
    expect(headers.get("content-type")).toBe("application/ld+json; charset=utf-8");
    const text = bytes.toString("utf8");
    expect(text).not.toContain(MARKER);
    const reviews = JSON.parse(text) as Array<Record<string, unknown> & { reviewRating: Record<string, unknown>; author: Record<string, unknown>; itemReviewed: Record<string, unknown> & { appearance: Record<string, unknown> } }>;
    expect(reviews).toHaveLength(1);
    const [review] = reviews;
    expect(review).toMatchObject({ "@context": "https://schema.org", "@type": "ClaimReview", reviewBody: SUMMARY });
    expect(review!.url).toBe(`http://factdesk.test/w/${ws.slug}/articles/${articleId}/report#claim-${encodeURIComponent(String((await getDb().claim.findFirstOrThrow({ where: { articleId, quote: publishedQuote } })).id))}`);
    expect(review!.author).toEqual({ "@type": "Organization", name: "Demo Fact Desk", url: "https://desk.example" });
    expect(review!.reviewRating).toEqual({ "@type": "Rating", alternateName: "True", ratingValue: 5, bestRating: 5, worstRating: 1 });
    expect(review!.itemReviewed["@type"]).toBe("Claim");
    expect(review!.itemReviewed.appearance).toMatchObject({ "@type": "CreativeWork", headline: DEMO_ARTICLE_TITLE });
    expect(Date.parse(String(review!.datePublished))).not.toBeNaN();
    // Only for readers: the desk's report has no ClaimReview form.
    const { endpoint, params } = (await import("@/lib/testing/api")).endpointFor("GET", `/articles/${articleId}/report`);
    const { handlerFor } = await import("@/lib/api/v1/endpoint");
    const desk = await handlerFor(endpoint)(new Request(`http://factdesk.test/api/v1/articles/${articleId}/report?format=claimreview&audience=desk`, { headers: { authorization: `Bearer ${tokens.reviewer}` } }), { params: Promise.resolve(params) });
    expect(desk.status).toBe(400);
  });

  it("the JSON's claims match across audiences: the reader's are the desk's published ones", async () => {
    const reader = JSON.parse((await download("json", "reader")).bytes.toString("utf8")) as { schemaVersion: number; claims: Array<{ id: string; quote: string; verdict: { label: string } }> };
    const desk = JSON.parse((await download("json", "desk")).bytes.toString("utf8")) as { claims: Array<{ id: string; verdict: { label: string } | null }> };
    expect(reader.schemaVersion).toBe(1);
    expect(reader.claims.map((c) => c.quote)).toEqual([publishedQuote]);
    expect(desk.claims.filter((c) => c.verdict).map((c) => [c.id, c.verdict?.label])).toEqual(reader.claims.map((c) => [c.id, c.verdict.label]));
  });

  it.each(["reader", "desk"])("the %s's PDF embeds a Unicode font, numbers its pages and names the desk, and page 1 is a PNG in the artifacts", async (audience) => {
    const { bytes, headers } = await download("pdf", audience);
    expect(headers.get("content-type")).toBe("application/pdf");
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const file = path.join(ARTIFACTS, `demo-${audience}.pdf`);
    writeFileSync(file, bytes);
    execFileSync("pdftoppm", ["-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", file, path.join(ARTIFACTS, `demo-${audience}-page1`)]);
    expect(readFileSync(path.join(ARTIFACTS, `demo-${audience}-page1.png`)).subarray(1, 4).toString("latin1")).toBe("PNG");
    const text = pdfText(file);
    expect(text).toContain("Cárdenas");
    expect(text).toContain("“whiplash”");
    expect(text).toContain("’");
    expect(text).toContain("—");
    const pages = Number(/Page 1 of (\d+)/.exec(text)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(text.match(/Demo Fact Desk · /g)?.length).toBe(pages);
    for (let p = 1; p <= pages; p++) expect(text).toContain(`Page ${p} of ${pages}`);
    expect(execFileSync("pdffonts", [file], { encoding: "utf8" })).toMatch(/Inter.*TrueType.*yes/);
    if (audience === "reader") expect(text).not.toContain(MARKER);
    else expect(text).toContain(`${MARKER} rationale`);
  });
});

describe("who may download it", () => {
  const path_ = () => `/articles/${articleId}/report?format=csv&audience=desk`;

  it("refuses the signed-out (401) and another workspace (404), and changes nothing", async () => {
    const before = await workspaceFingerprint(ws.id);
    expect((await callApi("GET", path_())).status).toBe(401);
    const outsider = await callApi("GET", path_(), { token: tokens.outsider });
    expect(outsider.status).toBe(404);
    expect(outsider.body).toMatchObject({ error: { code: "NOT_FOUND" } });
    session.userId = other.users.admin;
    expect((await callApi("GET", path_())).status).toBe(404);
    session.userId = null;
    expect(await workspaceFingerprint(ws.id)).toEqual(before);
  });

  it("lets a read-only token and a viewer read both audiences", async () => {
    for (const token of [tokens.reviewerRead, tokens.viewer]) {
      for (const audience of ["reader", "desk"]) expect((await callApi("GET", `/articles/${articleId}/report?format=md&audience=${audience}`, { token })).status).toBe(200);
    }
    session.userId = ws.users.viewer;
    expect((await callApi("GET", `/articles/${articleId}/report?format=json&audience=desk`)).status).toBe(200);
    session.userId = null;
  });

  it("keeps others' ratings hidden in the desk's report from a reviewer who has not rated the claim", async () => {
    const { body } = await callApi("GET", `/articles/${articleId}/report?format=json&audience=desk`, { token: tokens.secondReviewer });
    const text = JSON.stringify(body);
    expect(text).not.toContain(MARKER + " rationale");
    expect(text).toContain('"hidden":true');
  });

  it("answers an unknown format or audience with 400 and a clear message, changing nothing", async () => {
    const before = await workspaceFingerprint(ws.id);
    const format = await callApi("GET", `/articles/${articleId}/report?format=docx`, { token: tokens.reviewer });
    expect(format.status).toBe(400);
    expect(format.body).toMatchObject({ error: { code: "INVALID_INPUT", message: "format: format must be one of md, json, csv, html, pdf, claimreview." } });
    const audience = await callApi("GET", `/articles/${articleId}/report?audience=public`, { token: tokens.reviewer });
    expect(audience.status).toBe(400);
    expect(audience.body).toMatchObject({ error: { message: "audience: audience must be reader or desk." } });
    expect(await workspaceFingerprint(ws.id)).toEqual(before);
  });
});
