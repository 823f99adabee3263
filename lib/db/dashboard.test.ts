import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { resolvePeriod, type DashboardData } from "@/lib/domain/dashboard";
import { DEFAULT_RATING_SCALE, type Rating } from "@/lib/domain/rating-scale";
import { createTestArticle, createTestWorkspace, type TestWorkspace } from "@/lib/testing/factories";
import { getDb } from "./client";
import { getDashboard } from "./dashboard";

// The route handler reads the session through next-auth; here each request is "signed in" as
// whoever the test says, and everything after that (membership, policy, queries) is real.
const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", async (importOriginal) => ({
  ...(await importOriginal<Record<string, unknown>>()),
  getServerSession: async () => (session.userId ? (await import("@/lib/testing/session")).testSession(session.userId) : null),
}));

const SCALE: Rating[] = [...DEFAULT_RATING_SCALE, { key: "old-rating", label: "Pants on fire", retired: true }];
const at = (iso: string) => new Date(`${iso}Z`);
const HOUR = 3600;

let ws: TestWorkspace;
let other: TestWorkspace;
let articleId: string;

async function claim(workspace: TestWorkspace, article: string, createdAt: string, status: "DETECTED" | "IN_REVIEW" | "PUBLISHED" | "DISMISSED") {
  const row = await getDb().claim.create({
    data: { workspaceId: workspace.id, articleId: article, quote: "q", prefix: "", suffix: "", start: 0, end: 1, statement: `Claim ${createdAt}`, status, createdAt: at(createdAt) },
    select: { id: true },
  });
  return row.id;
}
const decide = (workspace: TestWorkspace, claimId: string, rating: string, createdAt: string, by: keyof TestWorkspace["users"]) =>
  getDb().decision.create({ data: { workspaceId: workspace.id, claimId, rating, summary: "Summary.", approvedById: workspace.users[by], createdAt: at(createdAt) } });
const review = (workspace: TestWorkspace, claimId: string, rating: string, createdAt: string, by: keyof TestWorkspace["users"]) =>
  getDb().review.create({ data: { workspaceId: workspace.id, claimId, reviewerId: workspace.users[by], rating, rationale: "Because.", createdAt: at(createdAt) } });
const source = (workspace: TestWorkspace, claimId: string, createdAt: string, by: keyof TestWorkspace["users"]) =>
  getDb().source.create({ data: { workspaceId: workspace.id, claimId, url: `https://example.org/${createdAt}`, title: "A source", addedById: workspace.users[by], createdAt: at(createdAt) } });

// January 10 to 20, 2026, both days included.
const JANUARY = resolvePeriod({ from: "2026-01-10", to: "2026-01-20" }, new Date());
const ALL = resolvePeriod({ period: "all" }, new Date());

/**
 * The desk's January, with every figure worked out by hand:
 *   c1 created Jan 10 00:00 (the period's first instant), published: "false" Jan 10 06:00 by the
 *      editor, corrected to "mostly-false" Jan 12 by the editor. Reviews: reviewer "false" and
 *      editor "false" on Jan 10. Sources: reviewer, Jan 10 and Jan 14.
 *   c2 created Jan 11, published "false" Jan 13 by the editor. Reviews: reviewer "false",
 *      admin "half-true" on Jan 11. A source by the editor on Jan 25 (after the period).
 *   c3 created Jan 5 (before), published with the retired "old-rating" Jan 15 by the admin.
 *      Reviews: reviewer and editor "false" on Jan 6 and 7 (before the period).
 *   c4 created Jan 15, in review. Reviews: reviewer, editor and admin all "mostly-true", Jan 15.
 *   c5 created Jan 25 (after), detected.
 *   c6 created Jan 1, published "true" Jan 5 by the admin (before), corrected to "half-true"
 *      Jan 18 by the admin. One review, by the reviewer, Jan 18.
 *   c7 created Jan 19, dismissed.
 */
beforeAll(async () => {
  [ws, other] = [await createTestWorkspace(), await createTestWorkspace()];
  await getDb().workspace.update({ where: { id: ws.id }, data: { ratingScale: SCALE } });
  articleId = (await createTestArticle(ws.id, ws.users.editor)).id;
  // The article's detected claims are dated now, outside January 2026, and have no reviews.
  const c1 = await claim(ws, articleId, "2026-01-10T00:00:00", "PUBLISHED");
  const c2 = await claim(ws, articleId, "2026-01-11T00:00:00", "PUBLISHED");
  const c3 = await claim(ws, articleId, "2026-01-05T00:00:00", "PUBLISHED");
  const c4 = await claim(ws, articleId, "2026-01-15T00:00:00", "IN_REVIEW");
  await claim(ws, articleId, "2026-01-25T00:00:00", "DETECTED");
  const c6 = await claim(ws, articleId, "2026-01-01T00:00:00", "PUBLISHED");
  await claim(ws, articleId, "2026-01-19T00:00:00", "DISMISSED");

  await decide(ws, c1, "false", "2026-01-10T06:00:00", "editor");
  await decide(ws, c1, "mostly-false", "2026-01-12T00:00:00", "editor");
  await decide(ws, c2, "false", "2026-01-13T00:00:00", "editor");
  await decide(ws, c3, "old-rating", "2026-01-15T00:00:00", "admin");
  await decide(ws, c6, "true", "2026-01-05T00:00:00", "admin");
  await decide(ws, c6, "half-true", "2026-01-18T00:00:00", "admin");

  await review(ws, c1, "false", "2026-01-10T01:00:00", "reviewer");
  await review(ws, c1, "false", "2026-01-10T02:00:00", "editor");
  await review(ws, c2, "false", "2026-01-11T01:00:00", "reviewer");
  await review(ws, c2, "half-true", "2026-01-11T02:00:00", "admin");
  await review(ws, c3, "false", "2026-01-06T00:00:00", "reviewer");
  await review(ws, c3, "false", "2026-01-07T00:00:00", "editor");
  for (const who of ["reviewer", "editor", "admin"] as const) await review(ws, c4, "mostly-true", "2026-01-15T00:00:00", who);
  await review(ws, c6, "half-true", "2026-01-18T00:00:00", "reviewer");

  await source(ws, c1, "2026-01-10T03:00:00", "reviewer");
  await source(ws, c1, "2026-01-14T00:00:00", "reviewer");
  await source(ws, c2, "2026-01-25T00:00:00", "editor");

  // The other desk's January: rows of every kind inside the period, none of which may count above.
  const otherArticle = (await createTestArticle(other.id, other.users.editor)).id;
  const o1 = await claim(other, otherArticle, "2026-01-12T00:00:00", "PUBLISHED");
  const o2 = await claim(other, otherArticle, "2026-01-12T00:00:00", "IN_REVIEW");
  await decide(other, o1, "true", "2026-01-12T01:00:00", "editor");
  for (const c of [o1, o2]) {
    await review(other, c, "true", "2026-01-12T00:30:00", "reviewer");
    await review(other, c, "false", "2026-01-12T00:40:00", "admin");
  }
  await source(other, o1, "2026-01-12T00:10:00", "reviewer");
});

const counts = (data: DashboardData) => Object.fromEntries(data.statuses.map((s) => [s.status, s.count]));
const verdicts = (data: DashboardData) => Object.fromEntries(data.verdicts.map((v) => [v.retired ? `${v.label} (retired)` : v.label, v.count]));
const work = (data: DashboardData, workspace: TestWorkspace) =>
  data.work.map((w) => [Object.entries(workspace.users).find(([, id]) => id === w.userId)?.[0], w.reviews, w.sources, w.verdicts]);

describe("getDashboard for a period", () => {
  let data: DashboardData;
  beforeAll(async () => {
    data = await getDashboard(ws.id, SCALE, JANUARY);
  });

  it("counts the claims created in the period by their current status", () => {
    expect(counts(data)).toEqual({ DETECTED: 0, QUEUED: 0, RESEARCHING: 0, IN_REVIEW: 1, PUBLISHED: 2, DISMISSED: 1, REOPENED: 0 });
    expect(data.claimsInPeriod).toBe(4);
    expect(data.hasClaims).toBe(true);
  });

  it("counts each claim's latest verdict in the period by rating, retired ratings with their label", () => {
    expect(verdicts(data)).toEqual({ True: 0, "Mostly true": 0, "Half true": 1, "Mostly false": 1, False: 1, Misleading: 0, Unproven: 0, "Pants on fire (retired)": 1 });
    expect(data.verdictsInPeriod).toBe(4);
  });

  it("measures detection to first verdict over the claims first published in the period", () => {
    // c1 6 h, c2 48 h, c3 240 h (c6's first verdict is before the period): median 48 h, p90 rank 3 = 240 h.
    expect(data.timeToVerdict).toEqual({ claims: 3, medianSeconds: 48 * HOUR, p90Seconds: 240 * HOUR });
  });

  it("measures agreement on the claims whose latest review is in the period", () => {
    // c1 {false, false}, c2 {false, half-true}, c4 {mostly-true x3}: 2 of 3 unanimous.
    // Kappa over the two 2-review claims: P-bar = (1 + 0)/2 = 1/2; p_false = 3/4, p_half = 1/4,
    // P_e = 10/16; kappa = (1/2 - 5/8) / (3/8) = -1/3.
    expect(data.agreement).toMatchObject({ claims: 3, unanimous: 2, kappa: { raters: 2, claims: 2 } });
    expect(data.agreement.percentAgreement).toBeCloseTo(2 / 3, 12);
    expect(data.agreement.kappa?.value).toBeCloseTo(-1 / 3, 12);
  });

  it("counts each member's reviews, sources and verdicts in the period, most active first, viewers left out", () => {
    expect(work(data, ws)).toEqual([
      ["reviewer", 4, 2, 0],
      ["editor", 2, 0, 3],
      ["admin", 2, 0, 2],
    ]);
  });
});

describe("getDashboard over all time", () => {
  it("counts every claim, verdict and review of the workspace and nothing of another", async () => {
    const data = await getDashboard(ws.id, SCALE, ALL);
    const detectedNow = await getDb().claim.count({ where: { workspaceId: ws.id, articleId, createdAt: { gt: at("2026-02-01T00:00:00") } } });
    expect(counts(data)).toEqual({ DETECTED: 1 + detectedNow, QUEUED: 0, RESEARCHING: 0, IN_REVIEW: 1, PUBLISHED: 4, DISMISSED: 1, REOPENED: 0 });
    expect(data.verdictsInPeriod).toBe(4);
    // 6, 48, 96 (c6) and 240 hours: median 72 h, p90 rank 4 = 240 h.
    expect(data.timeToVerdict).toEqual({ claims: 4, medianSeconds: 72 * HOUR, p90Seconds: 240 * HOUR });
    // c3 joins: {false, false}; kappa over c1, c2, c3.
    expect(data.agreement).toMatchObject({ claims: 4, unanimous: 3, kappa: { raters: 2, claims: 3 } });
    // Editor and reviewer tie at 7 and are ordered by name.
    expect(work(data, ws)).toEqual([
      ["editor", 3, 1, 3],
      ["reviewer", 5, 2, 0],
      ["admin", 2, 0, 3],
    ]);
  });

  it("gives the other workspace only its own figures", async () => {
    const data = await getDashboard(other.id, DEFAULT_RATING_SCALE, JANUARY);
    expect(data.claimsInPeriod).toBe(2);
    expect(data.verdictsInPeriod).toBe(1);
    expect(data.agreement).toMatchObject({ claims: 2, unanimous: 0, percentAgreement: 0 });
    expect(work(data, other)).toEqual([
      ["reviewer", 2, 1, 0],
      ["admin", 2, 0, 0],
      ["editor", 0, 0, 1],
    ]);
  });

  it("is empty for a new workspace", async () => {
    const fresh = await createTestWorkspace();
    const data = await getDashboard(fresh.id, DEFAULT_RATING_SCALE, ALL);
    expect(data.hasClaims).toBe(false);
    expect(data.claimsInPeriod).toBe(0);
    expect(data.verdictsInPeriod).toBe(0);
    expect(data.timeToVerdict).toEqual({ claims: 0, medianSeconds: null, p90Seconds: null });
    expect(data.agreement).toEqual({ claims: 0, unanimous: 0, percentAgreement: null, kappa: null });
    expect(data.work.every((w) => w.reviews + w.sources + w.verdicts === 0)).toBe(true);
  });
});

describe("GET /w/{workspace}/dashboard/export", () => {
  const call = async (slug: string, query = "from=2026-01-10&to=2026-01-20") => {
    const { GET } = await import("@/app/w/[workspace]/dashboard/export/route");
    return GET(new Request(`http://localhost/w/${slug}/dashboard/export?${query}`), { params: Promise.resolve({ workspace: slug }) });
  };
  beforeEach(() => {
    session.userId = null;
  });

  it("gives an editor every figure as a CSV download", async () => {
    session.userId = ws.users.editor;
    const response = await call(ws.slug);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(new RegExp(`^attachment; filename="dashboard-${ws.slug}-\\d{4}-\\d{2}-\\d{2}\\.csv"$`));
    expect(response.headers.get("cache-control")).toBe("no-store");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split("\r\n");
    for (const line of ["Published,2", "In review,1", "Total,4", "Pants on fire (retired),1", "3,48,240", "Percent agreement,67%,3", "Fleiss' kappa (claims with exactly 2 reviews),-0.333,2"]) expect(lines).toContain(line);
    expect(lines).toContain(`reviewer ${ws.slug.slice(3)},4,2,0`);
  });

  it("refuses a reviewer and a viewer (403), an outsider (404), the signed-out (401), and a bad date (400)", async () => {
    for (const role of ["reviewer", "viewer"] as const) {
      session.userId = ws.users[role];
      const response = await call(ws.slug);
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain("Published");
    }
    session.userId = other.users.editor;
    expect((await call(ws.slug)).status).toBe(404);
    session.userId = null;
    expect((await call(ws.slug)).status).toBe(401);
    session.userId = ws.users.editor;
    const bad = await call(ws.slug, "from=2026-02-30");
    expect(bad.status).toBe(400);
    const { error } = (await bad.json()) as { error: { code: string; message: string; fields: Record<string, string[]> } };
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.fields).toEqual({ from: ["The start date is not a day of the calendar."] });
  });
});

describe("speed", () => {
  // Its speed is measured by `npm run bench` (dashboard row), not asserted here.
  it("counts a 1,000-claim workspace right", async () => {
    const big = await createTestWorkspace();
    const article = (await createTestArticle(big.id, big.users.editor)).id;
    const db = getDb();
    const base = at("2026-03-01T00:00:00").getTime();
    const statuses = ["DETECTED", "QUEUED", "RESEARCHING", "IN_REVIEW", "PUBLISHED"] as const;
    const claims = Array.from({ length: 1000 }, (_, i) => ({
      id: `bench-${big.id}-${i}`,
      workspaceId: big.id,
      articleId: article,
      quote: "q",
      prefix: "",
      suffix: "",
      start: i,
      end: i + 1,
      statement: `Claim ${i}`,
      status: statuses[i % statuses.length] ?? "DETECTED",
      createdAt: new Date(base + i * 60_000),
    }));
    await db.claim.createMany({ data: claims });
    const published = claims.filter((c) => c.status === "PUBLISHED");
    await db.decision.createMany({ data: published.map((c, i) => ({ workspaceId: big.id, claimId: c.id, rating: i % 2 ? "false" : "true", summary: "S.", approvedById: big.users.editor, createdAt: new Date(c.createdAt.getTime() + (i + 1) * 3_600_000) })) });
    await db.review.createMany({
      data: claims.filter((c) => c.status === "PUBLISHED" || c.status === "IN_REVIEW").flatMap((c, i) => [
        { workspaceId: big.id, claimId: c.id, reviewerId: big.users.reviewer, rating: "false", rationale: "R.", createdAt: c.createdAt },
        { workspaceId: big.id, claimId: c.id, reviewerId: big.users.admin, rating: i % 3 ? "false" : "true", rationale: "R.", createdAt: c.createdAt },
      ]),
    });
    await db.source.createMany({ data: claims.slice(0, 500).map((c) => ({ workspaceId: big.id, claimId: c.id, url: "https://example.org/", title: "S", addedById: big.users.reviewer, createdAt: c.createdAt })) });

    const data = await getDashboard(big.id, DEFAULT_RATING_SCALE, ALL);
    expect(data.claimsInPeriod).toBeGreaterThanOrEqual(1000);
    expect(data.verdictsInPeriod).toBe(200);
    expect(data.agreement.claims).toBe(400);
  });
});
