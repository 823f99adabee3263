import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordEvent } from "@/lib/db/audit";
import { updateClaim } from "@/lib/db/claims";
import { getDb } from "@/lib/db/client";
import { removeMember } from "@/lib/db/members";
import { saveReview } from "@/lib/db/reviews";
import { createSource } from "@/lib/db/sources";
import { DEFAULT_RATING_SCALE } from "@/lib/domain/rating-scale";
import { CHANGE_CHANNEL, decodeNotice, type LiveChange } from "@/lib/realtime/change";
import { getHub, resolveCursor, type Subscriber } from "@/lib/realtime/hub";
import { actingAs, createTestArticle, createTestWorkspace, type TestWorkspace } from "@/lib/testing/factories";
import { saveReviewSchema } from "@/lib/validation/review";
import { createSourceSchema } from "@/lib/validation/source";

// The change feed end to end inside one process: the writers' NOTIFY, the hub's LISTEN
// connection, catch-up from a cursor, authorization per batch and the independent-review rule.

let ws: TestWorkspace;
const url = process.env.DATABASE_URL ?? "";

beforeAll(async () => {
  ws = await createTestWorkspace();
});

type Received = { frames: string[]; changes: LiveChange[]; closed: boolean };

function fakeStream(userId: string, cursor: bigint): Subscriber & Received {
  const received: Received = { frames: [], changes: [], closed: false };
  return Object.assign(received, {
    viewer: { userId, workspaceId: ws.id },
    tabId: `test-${Math.random().toString(36).slice(2, 12)}`,
    cursor,
    send(frame: string) {
      received.frames.push(frame);
      const match = /^id: \d+\nevent: change\ndata: (.*)\n\n$/s.exec(frame);
      if (match?.[1]) received.changes.push(JSON.parse(match[1]) as LiveChange);
    },
    close() {
      received.closed = true;
    },
  });
}

async function until(condition: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function newClaim() {
  const article = await createTestArticle(ws.id, ws.users.editor);
  const claim = await getDb().claim.findFirstOrThrow({ where: { articleId: article.id }, orderBy: { start: "asc" }, select: { id: true, version: true } });
  return { articleId: article.id, claimId: claim.id, version: claim.version };
}

const source = (claimId: string, title: string) => createSourceSchema.parse({ claimId, url: "https://www.bls.gov/cps/", title, kind: "PRIMARY_DATA", stance: "SUPPORTS" });
const review = (claimId: string, rating: string) => saveReviewSchema.parse({ claimId, rating, rationale: "The official series says otherwise.", confidence: "3" });

describe("recordEvent", () => {
  let listener: pg.Client;
  const notices: string[] = [];
  beforeAll(async () => {
    listener = new pg.Client({ connectionString: url });
    await listener.connect();
    listener.on("notification", (n) => notices.push(n.payload ?? ""));
    await listener.query(`LISTEN ${CHANGE_CHANNEL}`);
  });
  afterAll(() => listener.end());

  it("notifies if and only if the change commits", async () => {
    const { articleId, claimId } = await newClaim();
    const imported = await getDb().event.findFirstOrThrow({ where: { articleId }, orderBy: { id: "desc" }, select: { id: true } });
    notices.length = 0;
    const later = () => notices.map(decodeNotice).filter((n) => n && n.eventId > imported.id);
    await expect(
      getDb().$transaction(async (tx) => {
        await recordEvent(tx, actingAs(ws, "editor"), { action: "claim.updated", entityType: "claim", entityId: claimId, articleId, claimId });
        throw new Error("the change fails after its event was written");
      }),
    ).rejects.toThrow("the change fails");
    await new Promise((r) => setTimeout(r, 300));
    expect(later()).toEqual([]); // (the import's own notice may still be arriving)

    const { id } = await createSource(actingAs(ws, "reviewer"), source(claimId, "Committed"));
    await until(() => later().length >= 1, "the notification");
    const event = await getDb().event.findFirstOrThrow({ where: { entityId: id } });
    expect(notices.map((n) => decodeNotice(n))).toContainEqual({ workspaceId: ws.id, articleId, eventId: event.id });
    expect(event).toMatchObject({ articleId, claimId, origin: "WEB", actorId: ws.users.reviewer, action: "source.added" });
    // The claim's revision is the last event that touched it.
    const claim = await getDb().claim.findFirstOrThrow({ where: { id: claimId }, select: { rev: true } });
    expect(claim.rev).toBe((await getDb().event.findFirstOrThrow({ where: { claimId }, orderBy: { id: "desc" } })).id);
  });
});

describe("the hub", () => {
  it("delivers each committed change once, in order, to every stream on the article", async () => {
    const { articleId, claimId, version } = await newClaim();
    const { cursor } = await resolveCursor(ws.id, articleId, null);
    const editor = fakeStream(ws.users.editor, cursor);
    const viewer = fakeStream(ws.users.viewer, cursor);
    const stopEditor = getHub().subscribe(articleId, editor);
    const stopViewer = getHub().subscribe(articleId, viewer);
    try {
      await createSource(actingAs(ws, "reviewer"), source(claimId, "Census table"));
      await updateClaim(actingAs(ws, "editor"), { claimId, version: version + 1, statement: "Unemployment fell to 3.9 percent in 2023.", claimant: "Sen. Maria Lopez" });
      const events = await getDb().event.findMany({ where: { articleId, id: { gt: cursor } }, orderBy: { id: "asc" } });
      expect(events.map((e) => e.action)).toEqual(["source.added", "claim.status_changed", "claim.updated"]);
      for (const stream of [editor, viewer]) {
        await until(() => stream.changes.length >= 3, "three changes");
        await new Promise((r) => setTimeout(r, 100));
        expect(stream.changes.map((c) => c.id)).toEqual(events.map((e) => e.id.toString()));
      }
      const last = editor.changes[2];
      expect(last).toMatchObject({ kind: "claim.updated", claimId, actor: { id: ws.users.editor }, claim: { id: claimId, statement: "Unemployment fell to 3.9 percent in 2023.", status: "RESEARCHING", sourceCount: 1 } });
    } finally {
      stopEditor();
      stopViewer();
    }
  });

  it("catches a reconnecting stream up from its last event, exactly once, then continues live", async () => {
    const { articleId, claimId } = await newClaim();
    const start = (await resolveCursor(ws.id, articleId, null)).cursor;
    await createSource(actingAs(ws, "reviewer"), source(claimId, "First"));
    const seen = await getDb().event.findFirstOrThrow({ where: { articleId, action: "source.added" }, select: { id: true } });
    // Missed while away: the status change that came with the first source, and a second source.
    await createSource(actingAs(ws, "reviewer"), source(claimId, "Second"));
    const stream = fakeStream(ws.users.reviewer, (await resolveCursor(ws.id, articleId, seen.id)).cursor);
    const stop = getHub().subscribe(articleId, stream);
    try {
      await createSource(actingAs(ws, "editor"), source(claimId, "Third, live"));
      const expected = await getDb().event.findMany({ where: { articleId, id: { gt: seen.id } }, orderBy: { id: "asc" }, select: { id: true } });
      await until(() => stream.changes.length >= expected.length, "the missed and the live changes");
      await new Promise((r) => setTimeout(r, 200));
      expect(stream.changes.map((c) => c.id)).toEqual(expected.map((e) => e.id.toString()));
      expect(start < seen.id).toBe(true);
    } finally {
      stop();
    }
  });

  it("never sends a reviewer who has not reviewed another reviewer's rating", async () => {
    const { articleId, claimId } = await newClaim();
    const { cursor } = await resolveCursor(ws.id, articleId, null);
    const secondReviewer = await createTestWorkspaceMember("REVIEWER");
    const blind = fakeStream(secondReviewer, cursor);
    const editor = fakeStream(ws.users.editor, cursor);
    const stops = [getHub().subscribe(articleId, blind), getHub().subscribe(articleId, editor)];
    try {
      await saveReview(actingAs(ws, "reviewer"), DEFAULT_RATING_SCALE, review(claimId, "misleading"));
      await until(() => blind.changes.some((c) => c.kind === "review.submitted") && editor.changes.some((c) => c.kind === "review.submitted"), "the review event");
      expect(blind.frames.join("")).not.toContain("misleading");
      expect(blind.frames.join("")).not.toContain("\"rating\"");
      expect(blind.changes.find((c) => c.kind === "review.submitted")).toMatchObject({ before: null, after: null });
      expect(editor.changes.find((c) => c.kind === "review.submitted")?.after).toMatchObject({ rating: "misleading" });
    } finally {
      for (const stop of stops) stop();
    }
  });

  it("closes the stream of a member removed mid-session before sending them anything more", async () => {
    const { articleId, claimId } = await newClaim();
    const leaver = await createTestWorkspaceMember("REVIEWER");
    const stream = fakeStream(leaver, (await resolveCursor(ws.id, articleId, null)).cursor);
    const stop = getHub().subscribe(articleId, stream);
    try {
      await removeMember(ws.id, leaver, ws.users.admin);
      await createSource(actingAs(ws, "editor"), source(claimId, "After the removal"));
      await until(() => stream.closed, "the stream to close");
      expect(stream.frames.join("")).toContain("event: revoked");
      expect(stream.changes).toEqual([]);
    } finally {
      stop();
    }
  });

  it("resumes by itself when its database connection is cut, without skipping what committed meanwhile", async () => {
    const { articleId, claimId } = await newClaim();
    const initial = (await resolveCursor(ws.id, articleId, null)).cursor;
    const stream = fakeStream(ws.users.editor, initial);
    const stop = getHub().subscribe(articleId, stream);
    try {
      await until(() => getHub().listening, "the hub to listen");
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND query LIKE 'LISTEN%'`);
      await admin.end();
      await until(() => !getHub().listening, "the hub to notice");
      // Committed while the hub has no connection: delivered once it is back.
      await createSource(actingAs(ws, "reviewer"), source(claimId, "During the outage"));
      await until(() => getHub().listening, "the hub to reconnect", 10_000);
      await createSource(actingAs(ws, "reviewer"), source(claimId, "After the outage"));
      const wanted = await getDb().event.findMany({ where: { articleId, id: { gt: initial } }, orderBy: { id: "asc" }, select: { id: true } });
      expect(wanted).toHaveLength(3); // two sources and the status change the first one caused
      await until(() => stream.changes.length >= wanted.length, "every change", 10_000);
      expect(stream.changes.map((c) => c.id)).toEqual(wanted.map((e) => e.id.toString()));
    } finally {
      stop();
    }
  });

  it("does not trust a cursor beyond the article's newest event", async () => {
    const { articleId } = await newClaim();
    const latest = (await resolveCursor(ws.id, articleId, null)).cursor;
    expect(await resolveCursor(ws.id, articleId, latest + 1_000_000n)).toEqual({ cursor: latest, reset: true });
    expect(await resolveCursor(ws.id, articleId, 0n)).toEqual({ cursor: 0n, reset: false });
  });
});

async function createTestWorkspaceMember(role: "REVIEWER" | "VIEWER"): Promise<string> {
  const { upsertMember } = await import("@/lib/db/members");
  const suffix = Math.random().toString(36).slice(2, 10);
  const { userId } = await upsertMember({ workspaceId: ws.id, email: `extra-${suffix}@factdesk.test`, name: `Extra ${suffix}`, role, passwordHash: "not-a-real-hash", actorId: null });
  return userId;
}
