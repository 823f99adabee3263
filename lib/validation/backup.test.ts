import { describe, expect, it } from "vitest";
import { BackupFileError, checkBackupReferences, parseBackup, type Backup } from "./backup";

// The file's own checks, before any database: the envelope, the shape, the references.

const at = "2026-01-05T09:00:00.000Z";
function minimal(): Backup {
  return {
    format: "factdesk-backup",
    version: 1,
    exportedAt: at,
    workspace: {
      id: "w1",
      slug: "desk",
      name: "Desk",
      ratingScale: [{ key: "true", label: "True" }],
      minSourcesToPublish: 0,
      minReviewsToPublish: 1,
      fourEyes: true,
      highlightThreshold: 0.8,
      organizationName: null,
      organizationUrl: null,
      archivedAt: null,
      createdAt: at,
      updatedAt: at,
    },
    users: [{ id: "u1", email: "a@example.org", name: "A", disabledAt: null, createdAt: at, updatedAt: at }],
    memberships: [{ id: "m1", userId: "u1", role: "ADMIN", disabledAt: null, createdAt: at, updatedAt: at }],
    articles: [{ id: "a1", title: "T", outlet: null, author: null, url: null, publishedAt: null, body: "Hello world", createdById: "u1", version: 1, createdAt: at, updatedAt: at }],
    articleRevisions: [],
    claims: [
      { id: "c1", articleId: "a1", quote: "Hello", prefix: "", suffix: " world", start: 0, end: 5, statement: "Hello", claimant: null, score: null, status: "PUBLISHED", statusReason: null, origin: "MANUAL", version: 1, rev: "0", createdById: null, createdAt: at, updatedAt: at },
    ],
    claimAssignees: [],
    sources: [],
    reviews: [{ id: "r1", claimId: "c1", reviewerId: "u1", rating: "true", rationale: "ok", confidence: null, version: 1, createdAt: at, updatedAt: at }],
    decisions: [{ id: "d1", claimId: "c1", rating: "true", summary: "ok", approvedById: "u1", createdAt: at }],
    comments: [{ id: "k1", claimId: "c1", authorId: "u1", parentId: null, body: "hi", mentionIds: [], version: 1, editedAt: null, createdAt: at, updatedAt: at }],
    invitations: [],
    notifications: [],
    events: [{ id: "1", actorId: "u1", action: "claim.created", entityType: "claim", entityId: "c1", articleId: "a1", claimId: "c1", origin: "WEB", before: null, after: { status: "DETECTED" }, createdAt: at }],
    webhooks: [],
  };
}

const message = (raw: unknown) => {
  try {
    parseBackup(raw);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(BackupFileError);
    return (error as Error).message;
  }
};

describe("parseBackup", () => {
  it("accepts a well-formed file", () => {
    expect(parseBackup(minimal()).claims).toHaveLength(1);
  });
  it("names another kind of file and an unknown version", () => {
    expect(message([])).toMatch(/not a Factdesk backup/);
    expect(message({ ...minimal(), version: "1" })).toMatch(/version "1"; this Factdesk reads version 1 only/);
  });
  it("names the first field of a wrong shape, and refuses unknown fields", () => {
    expect(message({ ...minimal(), workspace: { ...minimal().workspace, highlightThreshold: 2 } })).toMatch(/malformed at workspace\.highlightThreshold/);
    expect(message({ ...minimal(), users: [{ ...minimal().users[0], passwordHash: "x" }] })).toMatch(/malformed at users\.0/);
  });
  it("refuses a NUL in any text or id (the database cannot store one)", () => {
    expect(message({ ...minimal(), articles: [{ ...minimal().articles[0], body: "Hello\u0000 world" }] })).toMatch(/malformed at articles\.0\.body: This text contains a character that cannot be stored \(NUL\)/);
    expect(message({ ...minimal(), users: [{ ...minimal().users[0], id: "u1\u0000" }] })).toMatch(/malformed at users\.0\.id/);
  });
});

describe("checkBackupReferences", () => {
  const broken = (change: (b: Backup) => void) => {
    const b = minimal();
    change(b);
    return checkBackupReferences(b);
  };
  it("is satisfied by a file that holds together", () => {
    expect(checkBackupReferences(minimal())).toBeNull();
  });
  it("finds references that leave the file", () => {
    expect(broken((b) => void (b.claims[0]!.articleId = "x"))).toMatch(/claim article x/);
    expect(broken((b) => void (b.reviews[0]!.claimId = "x"))).toMatch(/review claim x/);
    expect(broken((b) => void (b.comments[0]!.parentId = "x"))).toMatch(/comment parent x/);
    expect(broken((b) => void (b.memberships[0]!.userId = "x"))).toMatch(/membership user x/);
    expect(broken((b) => void (b.decisions[0]!.rating = "x"))).toMatch(/decision rating x/);
  });
  it("finds duplicates and claims outside their article", () => {
    expect(broken((b) => void b.claims.push({ ...b.claims[0]! }))).toMatch(/claim id c1 appears twice/);
    expect(broken((b) => void b.users.push({ ...b.users[0]!, id: "u2", email: "A@example.org" }))).toMatch(/user email a@example.org appears twice/);
    expect(broken((b) => void (b.claims[0]!.end = 99))).toMatch(/claim c1 lies outside its article's text/);
  });
});
