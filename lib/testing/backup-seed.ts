import { randomBytes } from "node:crypto";
import { getDb } from "@/lib/db/client";
import { DEFAULT_RATING_SCALE } from "@/lib/domain/rating-scale";
import type { TestWorkspace } from "./factories";

// A workspace with every kind of row a backup carries, each column filled where it can be, for
// the round-trip test and the backup benchmark (`claims` scales it up).

const hex = () => randomBytes(6).toString("hex");
const at = (minutes: number) => new Date(Date.UTC(2026, 0, 5, 9, 0, 0) + minutes * 60_000 + 123);

export async function seedBackupWorkspace(ws: TestWorkspace, options: { articles?: number; claimsPerArticle?: number } = {}) {
  const db = getDb();
  const articlesWanted = options.articles ?? 2;
  const perArticle = options.claimsPerArticle ?? 4;
  const { admin, editor, reviewer, viewer } = ws.users;
  const tag = hex();

  await db.workspace.update({
    where: { id: ws.id },
    data: {
      ratingScale: [...DEFAULT_RATING_SCALE, { key: "pants-on-fire", label: "Pants on fire", retired: true }],
      minSourcesToPublish: 2,
      minReviewsToPublish: 1,
      fourEyes: false,
      highlightThreshold: 0.65,
      organizationName: "Cárdenas Fact Desk",
      organizationUrl: "https://desk.example.org",
    },
  });
  // Someone who left: not a member any more, but their source stays.
  const outsider = await db.user.create({ data: { email: `former-${tag}@factdesk.test`, name: "Former “Reporter”", passwordHash: "secret-hash-never-exported", disabledAt: at(1) } });
  await db.membership.update({ where: { workspaceId_userId: { workspaceId: ws.id, userId: viewer } }, data: { disabledAt: at(2) } });

  const body = (i: number) =>
    Array.from({ length: perArticle }, (_, k) => `Claim ${i}.${k}: unemployment fell to ${k}.9 percent in 2023 — “the lowest” in two decades.`).join("\n");
  const articles = Array.from({ length: articlesWanted }, (_, i) => ({
    id: `art-${tag}-${i}`,
    workspaceId: ws.id,
    title: `Article ${i} — Cárdenas`,
    outlet: i % 2 ? null : "Test Wire",
    author: "A. Writer",
    url: i % 2 ? null : `https://news.example.org/${i}`,
    publishedAt: i % 2 ? null : at(3),
    body: body(i),
    createdById: i === 0 ? editor : null,
    version: 1 + (i % 3),
    createdAt: at(10 + i),
    updatedAt: at(20 + i),
  }));
  await db.article.createMany({ data: articles });
  // The first article was revised once: its first text and the current one are both revisions.
  await db.articleRevision.createMany({
    data: [
      { id: `rev-${tag}-1`, workspaceId: ws.id, articleId: articles[0]!.id, number: 1, body: `${articles[0]!.body} (first text)`, note: null, createdById: editor, createdAt: at(11) },
      { id: `rev-${tag}-2`, workspaceId: ws.id, articleId: articles[0]!.id, number: 2, body: articles[0]!.body, note: "Corrected the figures", createdById: null, createdAt: at(12) },
    ],
  });

  const statuses = ["DETECTED", "QUEUED", "RESEARCHING", "IN_REVIEW", "PUBLISHED", "DISMISSED", "REOPENED"] as const;
  const claims = articles.flatMap((a, i) => {
    let offset = 0;
    return a.body.split("\n").map((line, k) => {
      const start = offset;
      offset += line.length + 1;
      return {
        id: `clm-${tag}-${i}-${k}`,
        workspaceId: ws.id,
        articleId: a.id,
        quote: line,
        prefix: "",
        suffix: "",
        start,
        end: start + line.length,
        statement: line,
        claimant: k % 2 ? null : "Sen. Maria Lopez",
        score: k % 3 ? 0.91 : null,
        status: statuses[(i * perArticle + k) % statuses.length]!,
        statusReason: k % 5 === 0 ? "Opinion, not checkable." : null,
        origin: k % 4 ? ("DETECTED" as const) : ("MANUAL" as const),
        version: 1 + (k % 4),
        rev: BigInt(0),
        createdById: k % 2 ? reviewer : null,
        createdAt: at(100 + k),
        updatedAt: at(200 + k),
      };
    });
  });
  for (let i = 0; i < claims.length; i += 2_000) await db.claim.createMany({ data: claims.slice(i, i + 2_000) });
  // A duplicate mark whose original comes later in id order: the restore must link it afterwards.
  if (claims.length > 1) await db.claim.update({ where: { id: claims[0]!.id }, data: { duplicateOfId: claims[claims.length - 1]!.id } });

  await db.claimAssignee.createMany({ data: claims.map((c, n) => ({ claimId: c.id, userId: n % 2 ? reviewer : editor, assignedById: admin, createdAt: at(300) })) });
  await db.source.createMany({
    data: claims.map((c, n) => ({
      id: `src-${c.id}`,
      workspaceId: ws.id,
      claimId: c.id,
      url: `https://data.example.org/${n}`,
      title: "BLS table — “A-1”",
      publisher: n % 2 ? null : "BLS",
      kind: n % 2 ? ("OFFICIAL_RECORD" as const) : ("PRIMARY_DATA" as const),
      stance: n % 3 ? ("SUPPORTS" as const) : ("REFUTES" as const),
      quotation: n % 2 ? "3.9 percent" : null,
      publishedAt: n % 2 ? at(5) : null,
      accessedAt: at(6),
      addedById: n === 0 ? outsider.id : reviewer,
      version: 2,
      createdAt: at(400),
      updatedAt: at(401),
    })),
  });
  await db.review.createMany({
    data: claims.map((c, n) => ({
      id: `rev-${c.id}`,
      workspaceId: ws.id,
      claimId: c.id,
      reviewerId: reviewer,
      rating: n === 0 ? "pants-on-fire" : "mostly-true",
      rationale: "Checked against the primary data.",
      confidence: n % 2 ? null : 2,
      version: 1,
      createdAt: at(500),
      updatedAt: at(501),
    })),
  });
  const published = claims.filter((c) => c.status === "PUBLISHED");
  await db.decision.createMany({
    data: published.flatMap((c) => [
      { id: `dec-${c.id}-1`, workspaceId: ws.id, claimId: c.id, rating: "half-true", summary: "First verdict.", approvedById: editor, createdAt: at(600) },
      { id: `dec-${c.id}-2`, workspaceId: ws.id, claimId: c.id, rating: "mostly-true", summary: "Corrected verdict.", approvedById: null, createdAt: at(601) },
    ]),
  });
  // A reused verdict whose original decision comes later in id order: the restore must link it afterwards.
  if (published.length > 0) {
    await db.decision.update({ where: { id: `dec-${published[0]!.id}-1` }, data: { reusedFromDecisionId: `dec-${published[published.length - 1]!.id}-2` } });
  }
  const first = claims[0]!;
  await db.comment.createMany({
    data: claims.flatMap((c) => [
      { id: `cmt-${c.id}-a`, workspaceId: ws.id, claimId: c.id, authorId: editor, parentId: null, body: "@reviewer can you check?", mentionIds: [reviewer], version: 2, editedAt: at(701), createdAt: at(700), updatedAt: at(701) },
      { id: `cmt-${c.id}-b`, workspaceId: ws.id, claimId: c.id, authorId: reviewer, parentId: `cmt-${c.id}-a`, body: "Done.", mentionIds: [], version: 1, editedAt: null, createdAt: at(702), updatedAt: at(702) },
    ]),
  });
  await db.invitation.createMany({
    data: [
      { id: `inv-${tag}-1`, workspaceId: ws.id, tokenHash: `hash-${tag}-1`, role: "REVIEWER", email: "new@example.org", createdById: admin, expiresAt: at(10_000), createdAt: at(800) },
      { id: `inv-${tag}-2`, workspaceId: ws.id, tokenHash: `hash-${tag}-2`, role: "VIEWER", email: null, createdById: admin, expiresAt: at(10_000), acceptedAt: at(801), acceptedById: viewer, createdAt: at(800) },
    ],
  });
  await db.notification.createMany({
    data: [
      { id: `ntf-${tag}-1`, workspaceId: ws.id, userId: reviewer, kind: "MENTION", claimId: first.id, commentId: `cmt-${first.id}-a`, actorId: editor, detail: undefined, readAt: null, createdAt: at(900) },
      { id: `ntf-${tag}-2`, workspaceId: ws.id, userId: editor, kind: "STATUS", claimId: first.id, actorId: admin, detail: { from: "QUEUED", to: "RESEARCHING" }, readAt: at(901), createdAt: at(900) },
    ],
  });
  await db.webhook.create({
    data: { id: `whk-${tag}`, workspaceId: ws.id, url: "https://hooks.example.org/factdesk", secret: `whsec-${tag}`, events: ["claim.published", "decision.corrected"], description: "Newsroom CMS", createdById: admin, createdAt: at(950), updatedAt: at(951) },
  });
  const events = claims.map((c, n) => ({
    workspaceId: ws.id,
    actorId: n % 3 === 0 ? null : n % 3 === 1 ? editor : outsider.id,
    action: "claim.status_changed",
    entityType: "claim",
    entityId: c.id,
    articleId: c.articleId,
    claimId: c.id,
    origin: (["WEB", "API", "SYSTEM"] as const)[n % 3]!,
    before: { status: "QUEUED" },
    after: n % 2 ? { status: c.status, reason: "“quoted”" } : undefined,
    createdAt: at(1_000 + n),
  }));
  for (let i = 0; i < events.length; i += 2_000) await db.event.createMany({ data: events.slice(i, i + 2_000) });
  // Each claim's revision is the last event that touched it, as recordEvent keeps it.
  await db.$executeRaw`UPDATE "Claim" c SET "rev" = e."id" FROM (SELECT "claimId", max("id") AS "id" FROM "Event" WHERE "workspaceId" = ${ws.id} GROUP BY "claimId") e WHERE e."claimId" = c."id"`;
  return { outsider: outsider.id, claims: claims.length };
}
