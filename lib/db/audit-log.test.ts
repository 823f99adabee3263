import { beforeAll, describe, expect, it } from "vitest";
import { auditFields, describeAuditEvent } from "@/components/settings/audit-text";
import { actingAs, createTestArticle, createWorkspacePair, mayAs, type TestWorkspace } from "@/lib/testing/factories";
import { listAuditActors, listAuditEvents } from "./audit-log";
import { getDb } from "./client";
import { changeMemberRole, removeMember } from "./members";
import { renameWorkspace, setPublishingRules } from "./settings";

let ws: TestWorkspace;
let other: TestWorkspace;

beforeAll(async () => {
  [ws, other] = await createWorkspacePair();
  await createTestArticle(ws.id, ws.users.editor);
  await renameWorkspace(actingAs(ws, "admin"), mayAs("ADMIN"), "Audited Desk");
  await setPublishingRules(actingAs(ws, "admin"), mayAs("ADMIN"), { minSourcesToPublish: 2, minReviewsToPublish: 1, fourEyes: false });
  await changeMemberRole(actingAs(ws, "admin"), mayAs("ADMIN"), { userId: ws.users.viewer, role: "REVIEWER" });
  await removeMember(ws.id, ws.users.viewer, ws.users.admin);
  await renameWorkspace(actingAs(other, "admin"), mayAs("ADMIN"), "Somewhere else");
});

describe("listAuditEvents", () => {
  it("lists this workspace's events newest first, and none from another workspace", async () => {
    const { rows, nextCursor } = await listAuditEvents(ws.id, {});
    const all = await getDb().event.findMany({ where: { workspaceId: ws.id }, orderBy: { id: "desc" }, select: { id: true } });
    expect(rows.map((r) => r.id)).toEqual(all.slice(0, 50).map((e) => e.id.toString()));
    expect(nextCursor === null).toBe(all.length <= 50);
    expect(rows.some((r) => JSON.stringify(r.after)?.includes("Somewhere else"))).toBe(false);
  });

  it("pages by cursor without gaps or repeats", async () => {
    const total = await getDb().event.count({ where: { workspaceId: ws.id } });
    const seen: string[] = [];
    let before: bigint | undefined;
    for (;;) {
      const page = await listAuditEvents(ws.id, { before }, 3);
      seen.push(...page.rows.map((r) => r.id));
      if (!page.nextCursor) break;
      before = BigInt(page.nextCursor);
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
    expect([...seen].sort((a, b) => Number(BigInt(b) - BigInt(a)))).toEqual(seen);
  });

  it("filters by who, by what and by day", async () => {
    const byAdmin = await listAuditEvents(ws.id, { actorId: ws.users.admin });
    expect(byAdmin.rows.length).toBeGreaterThanOrEqual(4);
    expect(byAdmin.rows.every((r) => r.actor?.id === ws.users.admin)).toBe(true);

    const members = await listAuditEvents(ws.id, { entityType: "member" });
    expect(members.rows.map((r) => r.action).slice(0, 2)).toEqual(["member.removed", "member.updated"]);
    expect(members.rows[0]?.subject).toMatch(/^viewer /);

    const today = new Date(new Date().toISOString().slice(0, 10));
    expect((await listAuditEvents(ws.id, { from: today, to: today })).rows.length).toBeGreaterThan(0);
    const yesterday = new Date(today.getTime() - 86_400_000);
    expect((await listAuditEvents(ws.id, { to: yesterday })).rows).toEqual([]);
    expect((await listAuditEvents(ws.id, { actorId: other.users.admin })).rows).toEqual([]);
  });

  it("lists who can be filtered on: members and people who acted here", async () => {
    const actors = await listAuditActors(ws.id);
    const ids = actors.map((a) => a.id);
    // The removed viewer never acted, so only current members and actors appear.
    expect(ids).toEqual(expect.arrayContaining([ws.users.admin, ws.users.editor, ws.users.reviewer]));
    expect(ids).not.toContain(ws.users.viewer);
    expect(ids).not.toContain(other.users.admin);
  });
});

describe("the log in words", () => {
  it("describes each event in a sentence and shows before and after as labelled values, never JSON", async () => {
    const { rows } = await listAuditEvents(ws.id, {});
    const find = (action: string) => rows.find((r) => r.action === action)!;
    expect(describeAuditEvent(find("member.removed"))).toMatch(/^admin \w+ removed viewer \w+ from the workspace$/);
    expect(describeAuditEvent(find("member.updated"))).toMatch(/changed viewer \w+'s role$/);
    expect(auditFields(find("member.updated").before)).toEqual([{ label: "Role", value: "Viewer" }]);
    expect(auditFields(find("member.updated").after)).toEqual([{ label: "Role", value: "Reviewer" }]);
    const rules = rows.find((r) => r.action === "workspace.updated" && auditFields(r.after).some((f) => f.label === "Four eyes"))!;
    expect(auditFields(rules.after)).toEqual([
      { label: "Independent sources to publish", value: "2" },
      { label: "Independent reviews to publish", value: "1" },
      { label: "Four eyes", value: "off" },
    ]);
    expect(describeAuditEvent(find("article.imported"))).toMatch(/imported an article$/);
    expect(describeAuditEvent({ action: "member.disabled", entityType: "user", actor: null, subject: "Ana", origin: "SYSTEM" })).toBe("The server disabled Ana");
    expect(auditFields({ ratingScale: [{ key: "true", label: "True" }, { key: "x", label: "Gone", retired: true }] })).toEqual([{ label: "Rating scale", value: "True, Gone (retired)" }]);
    const labelled = auditFields({ rating: "mostly-true", confidence: 2, kind: "PRIMARY_DATA", stance: "REFUTES" }).map((f) => f.value);
    expect(labelled).toHaveLength(4);
    expect(labelled).toEqual(expect.arrayContaining(["Mostly true", "Medium", "Primary data", "Refutes"]));
    const comment = auditFields({ body: "Check this, @[Ana Ruiz](cmx0abc123) please" });
    expect(comment).toHaveLength(1);
    expect(comment[0]?.value).toContain("@Ana Ruiz");
    expect(comment[0]?.value).not.toContain("cmx0abc123");
    for (const row of rows) for (const field of [...auditFields(row.before), ...auditFields(row.after)]) expect(field.value).not.toMatch(/[{}"]/);
  });
});
