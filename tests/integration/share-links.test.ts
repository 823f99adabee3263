import { randomBytes } from "node:crypto";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { importArticle } from "@/lib/db/articles";
import { getDb } from "@/lib/db/client";
import { setClaimAssignee } from "@/lib/db/claims";
import { createComment } from "@/lib/db/comments";
import { createInvitation } from "@/lib/db/invitations";
import { publishDecision, saveReview } from "@/lib/db/reviews";
import { createShareLink } from "@/lib/db/share-links";
import { createSource } from "@/lib/db/sources";
import { DEFAULT_RATING_SCALE } from "@/lib/domain/rating-scale";
import { workspaceFingerprint } from "@/lib/testing/api";
import { actingAs, createWorkspacePair, mayAs, type TestWorkspace } from "@/lib/testing/factories";
import { importArticleSchema } from "@/lib/validation/article";
import { saveReviewSchema } from "@/lib/validation/review";

// The public link shows the published report and nothing internal. A marker is planted in every
// internal field (reviews, comments, unpublished claims, sources of unpublished claims, notes,
// member names and emails, the workspace's own name, invitations, the audit trail); the public page
// must never contain it. Then the guards: who may create and revoke links, and 404 at once.

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

const actions = await import("@/app/w/[workspace]/articles/[articleId]/share/actions");
const page = await import("@/app/r/[token]/route");
const settingsActions = await import("@/app/w/[workspace]/settings/actions");

const MARKER = `zqleak${randomBytes(4).toString("hex")}`;
const PUBLIC = {
  title: "Jobs and poverty, checked",
  organization: "The Public Desk",
  summary: "The official rate was 3.6 percent, not 3.9.",
  source: "Labor force statistics table",
  quotation: "Unemployment rate, annual average 2023: 3.6",
};

let ws: TestWorkspace;
let other: TestWorkspace;
let articleId: string;
let publishedClaim: { id: string; quote: string; claimant: string | null };

async function open(token: string) {
  const response = await page.GET(new Request(`http://factdesk.test/r/${token}`), { params: Promise.resolve({ token }) });
  return { status: response.status, html: await response.text(), headers: response.headers };
}

const form = (values: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(values)) data.set(k, v);
  return data;
};

async function as(userId: string | null, action: (slug: string, p: ActionResult | null, f: FormData) => Promise<ActionResult>, values: Record<string, string>, slug = ws.slug) {
  session.userId = userId;
  try {
    return await action(slug, null, form(values));
  } finally {
    session.userId = null;
  }
}

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
  const db = getDb();
  // People: every member's name and email carry the marker; none of them is published authorship.
  for (const [role, userId] of Object.entries(ws.users)) {
    await db.user.update({ where: { id: userId }, data: { name: `${role} ${MARKER}`, email: `${role}-${MARKER}@factdesk.test` } });
  }
  // The workspace's internal name; the public name is its organisation's.
  await db.workspace.update({ where: { id: ws.id }, data: { name: `Desk ${MARKER}`, organizationName: PUBLIC.organization, organizationUrl: "https://public-desk.example.org" } });

  const body = [
    "Sen. Maria Lopez said unemployment fell to 3.9 percent in 2023, the lowest level in two decades.",
    `The U.S. Census Bureau reported that 41 million people lived in poverty last year in ${MARKER} County.`,
    `Gov. Alan ${MARKER} said crime rose 40 percent in 2022.`,
  ].join("\n");
  articleId = (await importArticle(actingAs(ws, "editor"), importArticleSchema.parse({ title: PUBLIC.title, outlet: "Test Wire", body }))).id;
  const claims = await db.claim.findMany({ where: { articleId }, orderBy: { start: "asc" }, select: { id: true, quote: true, claimant: true } });
  expect(claims.length).toBeGreaterThanOrEqual(2);
  const [first, ...rest] = claims;
  publishedClaim = first!;

  // Internal notes on claims: why a claim is where it is.
  await db.claim.updateMany({ where: { articleId }, data: { statusReason: `Reason ${MARKER}` } });
  // Unpublished claims: their words, statements and claimants.
  for (const c of rest) await db.claim.update({ where: { id: c.id }, data: { statement: `Statement ${MARKER}`, claimant: `Claimant ${MARKER}` } });

  // A source on the published claim (public) and one on an unpublished claim (internal).
  await createSource(actingAs(ws, "reviewer"), { claimId: first!.id, url: "https://www.bls.gov/cps/", title: PUBLIC.source, kind: "PRIMARY_DATA", stance: "REFUTES", quotation: PUBLIC.quotation });
  await createSource(actingAs(ws, "reviewer"), { claimId: rest[0]!.id, url: `https://example.org/${MARKER}`, title: `Source ${MARKER}`, publisher: `Publisher ${MARKER}`, kind: "OTHER", stance: "CONTEXT", quotation: `Quotation ${MARKER}` });

  // Assignees, reviews with rationales, comments, on both claims.
  for (const c of [first!, rest[0]!]) {
    await setClaimAssignee(actingAs(ws, "editor"), mayAs("EDITOR"), { claimId: c.id, userId: ws.users.reviewer, assign: "assign" });
    await saveReview(actingAs(ws, "reviewer"), DEFAULT_RATING_SCALE, saveReviewSchema.parse({ claimId: c.id, rating: "mostly-false", rationale: `Rationale ${MARKER}`, confidence: "2", version: "" }));
    await createComment(actingAs(ws, "reviewer"), mayAs("REVIEWER"), { claimId: c.id, body: `Comment ${MARKER}` });
  }
  const { version } = await db.claim.findFirstOrThrow({ where: { id: first!.id }, select: { version: true } });
  await publishDecision(actingAs(ws, "editor"), { claimId: first!.id, version, rating: "mostly-false", summary: PUBLIC.summary });

  // Elsewhere in the workspace: an invitation for a marked email, another article.
  await createInvitation(actingAs(ws, "admin"), mayAs("ADMIN"), { role: "REVIEWER", email: `invitee-${MARKER}@factdesk.test` });
  await importArticle(actingAs(ws, "editor"), importArticleSchema.parse({ title: `Other ${MARKER}`, body: `Unrelated ${MARKER} text said 12 percent.` }));

  // The audit trail now holds the marker many times over.
  const events = await db.event.findMany({ where: { workspaceId: ws.id }, select: { before: true, after: true } });
  expect(JSON.stringify(events)).toContain(MARKER);
});

beforeEach(() => {
  session.userId = null;
});

describe("the public page", () => {
  it("shows the published report and never anything internal", async () => {
    const { token } = await createShareLink(actingAs(ws, "editor"), mayAs("EDITOR"), { articleId });
    const { status, html, headers } = await open(token);
    expect(status).toBe(200);
    expect(headers.get("cache-control")).toBe("no-store");
    expect(html.toLowerCase()).not.toContain(MARKER);

    for (const text of [PUBLIC.title, PUBLIC.organization, PUBLIC.summary, PUBLIC.source, PUBLIC.quotation, "Mostly false", "https://www.bls.gov/cps/"]) expect(html).toContain(text);
    expect(html).toContain(publishedClaim.quote.slice(0, 40));

    // The ClaimReview markup sits in the head and describes the published claim only.
    const head = html.slice(0, html.indexOf("</head>"));
    const script = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(head);
    expect(script).not.toBeNull();
    const reviews = JSON.parse(script![1]!) as Array<Record<string, unknown>>;
    expect(reviews).toHaveLength(1);
    expect(reviews[0]).toMatchObject({
      "@type": "ClaimReview",
      url: `http://factdesk.test/r/${token}#claim-${publishedClaim.id}`,
      author: { "@type": "Organization", name: PUBLIC.organization, url: "https://public-desk.example.org" },
      reviewRating: { alternateName: "Mostly false", ratingValue: 2, bestRating: 5, worstRating: 1 },
      itemReviewed: { "@type": "Claim", appearance: { "@type": "CreativeWork", headline: PUBLIC.title } },
    });
    // No script runs on the page.
    expect(html.match(/<script/g)).toHaveLength(1);
  });

  it("answers the same plain 404 for unknown, malformed, revoked and expired links", async () => {
    const revoked = await createShareLink(actingAs(ws, "editor"), mayAs("EDITOR"), { articleId });
    await getDb().shareLink.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    const expired = await createShareLink(actingAs(ws, "editor"), mayAs("EDITOR"), { articleId, expiresInDays: 7 });
    await getDb().shareLink.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const answers = await Promise.all([randomBytes(32).toString("base64url"), "short", "../../etc/passwd", revoked.token, expired.token].map(open));
    for (const answer of answers) {
      expect(answer.status).toBe(404);
      expect(answer.html).toBe(answers[0]!.html);
      expect(answer.html).not.toContain(PUBLIC.title);
    }
  });

  it("stops working when the workspace is archived", async () => {
    const [archived] = await createWorkspacePair();
    const { id } = await importArticle(actingAs(archived, "editor"), importArticleSchema.parse({ title: "Archived desk", body: "Sen. Maria Lopez said unemployment fell to 3.9 percent." }));
    const { token } = await createShareLink(actingAs(archived, "editor"), mayAs("EDITOR"), { articleId: id });
    expect((await open(token)).status).toBe(200);
    await getDb().workspace.update({ where: { id: archived.id }, data: { archivedAt: new Date() } });
    expect((await open(token)).status).toBe(404);
  });
});

describe("creating and revoking links through the server actions", () => {
  it("an editor creates a link, shown once, that works; revoking it answers 404 at once", async () => {
    const created = await as(ws.users.editor, actions.createShareLinkAction, { articleId, expiresInDays: "30" });
    expect(created).toMatchObject({ ok: true, secret: expect.stringMatching(/^\/r\/[A-Za-z0-9_-]{43}$/) });
    const token = (created as { secret: string }).secret.slice(3);
    expect((await open(token)).status).toBe(200);
    // Only the hash is stored.
    const link = await getDb().shareLink.findFirstOrThrow({ where: { workspaceId: ws.id, createdById: ws.users.editor }, orderBy: { createdAt: "desc" } });
    expect(link.tokenHash).not.toContain(token);
    expect(link.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 29 * 24 * 3600 * 1000);
    expect(await getDb().event.count({ where: { workspaceId: ws.id, action: "share_link.created", entityId: link.id } })).toBe(1);

    expect(await as(ws.users.editor, actions.revokeShareLinkAction, { shareLinkId: link.id })).toMatchObject({ ok: true });
    expect((await open(token)).status).toBe(404);
    expect(await getDb().event.count({ where: { workspaceId: ws.id, action: "share_link.revoked", entityId: link.id } })).toBe(1);
    // Twice is refused, and changes nothing.
    const before = await workspaceFingerprint(ws.id);
    expect(await as(ws.users.editor, actions.revokeShareLinkAction, { shareLinkId: link.id })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await workspaceFingerprint(ws.id)).toEqual(before);
  });

  it("bad input gets a clear message and changes nothing", async () => {
    const before = await workspaceFingerprint(ws.id);
    expect(await as(ws.users.editor, actions.createShareLinkAction, { articleId, expiresInDays: "3" })).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { expiresInDays: [expect.any(String)] } });
    expect(await as(ws.users.editor, actions.createShareLinkAction, { articleId: "no-such-article" })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await workspaceFingerprint(ws.id)).toEqual(before);
  });

  const refusals: Array<[string, () => string | null, string]> = [
    ["signed out", () => null, "UNAUTHENTICATED"],
    ["a viewer", () => ws.users.viewer, "FORBIDDEN"],
    ["a reviewer", () => ws.users.reviewer, "FORBIDDEN"],
  ];

  it.each(refusals)("%s may not create or revoke a link, and nothing changes", async (_who, user, code) => {
    const { id, token } = await createShareLink(actingAs(ws, "editor"), mayAs("EDITOR"), { articleId });
    const before = await workspaceFingerprint(ws.id);
    expect(await as(user(), actions.createShareLinkAction, { articleId })).toMatchObject({ ok: false, code });
    expect(await as(user(), actions.revokeShareLinkAction, { shareLinkId: id })).toMatchObject({ ok: false, code });
    expect(await workspaceFingerprint(ws.id)).toEqual(before);
    expect((await open(token)).status).toBe(200);
  });

  it("an editor of another workspace can neither revoke this workspace's link nor link to its article", async () => {
    const { id, token } = await createShareLink(actingAs(ws, "editor"), mayAs("EDITOR"), { articleId });
    const before = await workspaceFingerprint(ws.id);
    const beforeOther = await workspaceFingerprint(other.id);
    // Through their own workspace: the link and the article are not found there.
    expect(await as(other.users.editor, actions.revokeShareLinkAction, { shareLinkId: id }, other.slug)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await as(other.users.editor, actions.createShareLinkAction, { articleId }, other.slug)).toMatchObject({ ok: false, code: "NOT_FOUND" });
    // Through this workspace, where they are not a member.
    expect(await as(other.users.editor, actions.revokeShareLinkAction, { shareLinkId: id })).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect(await workspaceFingerprint(ws.id)).toEqual(before);
    expect(await workspaceFingerprint(other.id)).toEqual(beforeOther);
    expect((await open(token)).status).toBe(200);
  });
});

describe("the publisher named on public pages", () => {
  it("an admin names it; a bad website is refused and changes nothing; the page and markup use it", async () => {
    const [desk] = await createWorkspacePair();
    const { id } = await importArticle(actingAs(desk, "editor"), importArticleSchema.parse({ title: "Named desk", body: "Sen. Maria Lopez said unemployment fell to 3.9 percent." }));
    const before = await workspaceFingerprint(desk.id);
    expect(await as(desk.users.admin, settingsActions.setPublisherAction, { organizationName: "Named", organizationUrl: "javascript:alert(1)" }, desk.slug)).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { organizationUrl: [expect.any(String)] } });
    expect(await workspaceFingerprint(desk.id)).toEqual(before);
    expect(await as(desk.users.admin, settingsActions.setPublisherAction, { organizationName: "Named Fact Check", organizationUrl: "https://named.example" }, desk.slug)).toMatchObject({ ok: true });
    const { token } = await createShareLink(actingAs(desk, "editor"), mayAs("EDITOR"), { articleId: id });
    const { html } = await open(token);
    expect(html).toContain('<a href="https://named.example/" rel="noopener">Named Fact Check</a>');
  });
});
