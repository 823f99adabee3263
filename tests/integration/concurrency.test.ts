import { beforeAll, describe, expect, it } from "vitest";
import { createManualClaim, updateClaim } from "@/lib/db/claims";
import { getDb } from "@/lib/db/client";
import { removeMember, upsertMember } from "@/lib/db/members";
import { createSource, deleteSource, updateSource } from "@/lib/db/sources";
import { AppError } from "@/lib/errors";
import { actingAs, createTestArticle, createTestWorkspace, SAMPLE_BODY, type TestWorkspace } from "@/lib/testing/factories";
import { createSourceSchema, updateSourceSchema } from "@/lib/validation/source";

// Many people at once on the same rows: every accepted write is stored and audited, every
// refused one is told why, nothing vanishes, and no check can be passed twice.

let ws: TestWorkspace;

beforeAll(async () => {
  ws = await createTestWorkspace();
});

const codeOf = (result: PromiseSettledResult<unknown>) =>
  result.status === "fulfilled" ? "OK" : result.reason instanceof AppError ? result.reason.code : `UNEXPECTED: ${String(result.reason)}`;

async function claimsOf(articleId: string) {
  return getDb().claim.findMany({ where: { articleId }, orderBy: { start: "asc" }, select: { id: true, version: true } });
}

describe("at the same moment", () => {
  it("twenty identical “Add claim” requests create exactly one claim", async () => {
    const article = await createTestArticle(ws.id, ws.users.editor, "Officials said the city hired 240 new teachers in 2023. Nothing else.");
    const start = 0;
    const end = "Officials said the city hired 240 new teachers".length;
    const before = (await claimsOf(article.id)).length;
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => createManualClaim(actingAs(ws, "reviewer"), { articleId: article.id, start, end })));
    const codes = results.map(codeOf);
    expect(codes.filter((c) => c === "OK")).toHaveLength(1);
    expect(codes.filter((c) => c === "CONFLICT")).toHaveLength(19);
    expect(await claimsOf(article.id)).toHaveLength(before + 1);
    expect(await getDb().event.count({ where: { articleId: article.id, action: "claim.created" } })).toBe(1);
  });

  it("simultaneous removals of one source remove it once; the others are told it is gone", async () => {
    const article = await createTestArticle(ws.id, ws.users.editor);
    const [claim] = await claimsOf(article.id);
    const input = createSourceSchema.parse({ claimId: claim!.id, url: "https://example.org/x", title: "Doomed", kind: "OTHER", stance: "CONTEXT" });
    const { id } = await createSource(actingAs(ws, "editor"), input);
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => deleteSource(actingAs(ws, "editor"), id)));
    const codes = results.map(codeOf);
    expect(codes.filter((c) => c === "OK")).toHaveLength(1);
    expect(codes.filter((c) => c === "NOT_FOUND")).toHaveLength(7);
    expect(await getDb().event.count({ where: { entityId: id, action: "source.removed" } })).toBe(1);
  });

  it("simultaneous removals of one member remove them once, with one audit event", async () => {
    const { userId } = await upsertMember({ workspaceId: ws.id, email: `leaving-${ws.slug}@factdesk.test`, name: "Leaving", role: "REVIEWER", passwordHash: "x", actorId: null });
    const results = await Promise.allSettled(Array.from({ length: 6 }, () => removeMember(ws.id, userId, ws.users.admin)));
    expect(results.map(codeOf)).toEqual(Array(6).fill("OK"));
    expect(await getDb().membership.count({ where: { workspaceId: ws.id, userId } })).toBe(0);
    expect(await getDb().event.count({ where: { workspaceId: ws.id, entityId: userId, action: "member.removed" } })).toBe(1);
  });

  it("many people saving the same claims: accepted writes are stored and audited, the rest get a conflict", async () => {
    const article = await createTestArticle(ws.id, ws.users.editor, SAMPLE_BODY);
    const claims = await claimsOf(article.id);
    expect(claims.length).toBeGreaterThanOrEqual(2);
    // Each of 40 clients reads a claim's version, then saves its own statement on top of it.
    const attempts = Array.from({ length: 40 }, (_, i) => ({ claim: claims[i % claims.length]!, statement: `Statement from client ${i}` }));
    const results = await Promise.allSettled(
      attempts.map(async ({ claim, statement }) => {
        const { version } = await getDb().claim.findFirstOrThrow({ where: { id: claim.id }, select: { version: true } });
        return updateClaim(actingAs(ws, "reviewer"), { claimId: claim.id, version, statement, claimant: undefined });
      }),
    );
    const codes = results.map(codeOf);
    expect(codes.every((c) => c === "OK" || c === "CONFLICT"), codes.join(",")).toBe(true);
    for (const claim of claims) {
      const mine = attempts.map((a, i) => ({ ...a, code: codes[i] })).filter((a) => a.claim.id === claim.id);
      const accepted = mine.filter((a) => a.code === "OK");
      expect(accepted.length).toBeGreaterThanOrEqual(1);
      const stored = await getDb().claim.findFirstOrThrow({ where: { id: claim.id }, select: { version: true, statement: true } });
      const events = await getDb().event.findMany({ where: { claimId: claim.id, action: "claim.updated" }, orderBy: { id: "asc" } });
      // One version and one audit event per accepted write; none lost, none invented.
      expect(stored.version).toBe(claim.version + accepted.length);
      expect(events).toHaveLength(accepted.length);
      expect(new Set(events.map((e) => (e.after as { statement: string }).statement))).toEqual(new Set(accepted.map((a) => a.statement)));
      expect(stored.statement).toBe((events.at(-1)?.after as { statement: string }).statement);
    }
  });

  it("twenty sources added to one claim at once are all kept, each with its event", async () => {
    const article = await createTestArticle(ws.id, ws.users.editor);
    const [claim] = await claimsOf(article.id);
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        createSource(actingAs(ws, i % 2 ? "reviewer" : "editor"), createSourceSchema.parse({ claimId: claim!.id, url: `https://example.org/${i}`, title: `Source ${i}`, kind: "OTHER", stance: "CONTEXT" })),
      ),
    );
    expect(results.map(codeOf).every((c) => c === "OK")).toBe(true);
    expect(await getDb().source.count({ where: { claimId: claim!.id } })).toBe(20);
    expect(await getDb().event.count({ where: { claimId: claim!.id, action: "source.added" } })).toBe(20);
  });

  it("two edits of one source from the same version: one is saved, the other is refused with the current values", async () => {
    const article = await createTestArticle(ws.id, ws.users.editor);
    const [claim] = await claimsOf(article.id);
    const { id } = await createSource(actingAs(ws, "editor"), createSourceSchema.parse({ claimId: claim!.id, url: "https://example.org/s", title: "Original", kind: "OTHER", stance: "CONTEXT" }));
    const edit = (title: string) => updateSourceSchema.parse({ sourceId: id, version: 1, url: "https://example.org/s", title, kind: "OTHER", stance: "CONTEXT" });
    const results = await Promise.allSettled([updateSource(actingAs(ws, "editor"), edit("Edit A")), updateSource(actingAs(ws, "editor"), edit("Edit B"))]);
    expect(results.map(codeOf).sort()).toEqual(["CONFLICT", "OK"]);
    const stored = await getDb().source.findFirstOrThrow({ where: { id } });
    const refused = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect((refused.reason as AppError).current).toEqual(expect.objectContaining({ version: 2, fields: expect.objectContaining({ title: stored.title }) }));
  });
});
