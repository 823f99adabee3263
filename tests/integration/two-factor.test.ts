import { beforeAll, describe, expect, it, vi } from "vitest";
import type { PersonalActionFn } from "@/lib/actions/workspace-action";
import { hashPassword } from "@/lib/auth/password";
import { totpCodeForStep, totpStep } from "@/lib/auth/two-factor";
import { exportWorkspace } from "@/lib/db/backup-export";
import { getDb } from "@/lib/db/client";
import { upsertMember } from "@/lib/db/members";
import { getTwoFactorStatus, resetTwoFactorByEmail } from "@/lib/db/two-factor";
import { createActionFixture, formOf, settleCall, type ActionFixture, type CallResult } from "@/lib/testing/action-guards";
import { callApi, tokenFor, workspaceFingerprint } from "@/lib/testing/api";
import { backupWorkspaceSchema } from "@/lib/validation/backup";
import { TWO_FACTOR_REPLAYED_CODE, TWO_FACTOR_REQUIRED, TWO_FACTOR_WRONG_CODE } from "@/lib/validation/two-factor";

// Two-factor sign-in end to end below the browser: enrolment through the server actions (the
// secret encrypted, the recovery codes shown once and kept hashed), the sign-in check through
// next-auth's own authorize function (a code, a recovery code used once, a wrong code counted by
// the throttle, a replayed code refused), turning it off and new recovery codes (password or code
// required), and a workspace that requires it: refused server actions with nothing written,
// pages that send the member to set it up, API tokens that keep working.

const session = vi.hoisted(() => ({ userId: null as string | null }));
vi.mock("next-auth", () => ({ getServerSession: async () => (session.userId ? (await import("@/lib/testing/session")).testSession(session.userId) : null) }));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  },
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));

const personal = await import("@/app/(personal)/account/two-factor/actions");
const settings = await import("@/app/w/[workspace]/settings/actions");
const article = await import("@/app/w/[workspace]/articles/[articleId]/actions");
const { getAuthOptions } = await import("@/lib/auth/options");
const { requirePageMember } = await import("@/lib/auth/guards");

const PASSWORD = "correct horse battery staple";
let passwordHash: string;

async function as(userId: string | null, work: () => Promise<CallResult>): Promise<CallResult> {
  session.userId = userId;
  try {
    return await work();
  } finally {
    session.userId = null;
  }
}

const callPersonal = (userId: string | null, action: PersonalActionFn, values: Record<string, string> = {}) => as(userId, () => settleCall(() => action(null, formOf(values))));

/** next-auth's authorize for the credentials provider, as the sign-in route calls it. */
async function signIn(email: string, password: string, code?: string): Promise<{ ok: true } | { ok: false; error: string }> {
  const provider = getAuthOptions().providers[0] as unknown as { options: { authorize: (c: Record<string, string>, r: unknown) => Promise<unknown> } };
  try {
    const user = await provider.options.authorize({ email, password, ...(code === undefined ? {} : { code }) }, { headers: { "x-factdesk-client-address": "203.0.113.7", "user-agent": "test" } });
    return user ? { ok: true } : { ok: false, error: "null" };
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

let n = 0;
async function person(fixture?: ActionFixture): Promise<{ id: string; email: string }> {
  n += 1;
  const email = `totp-${n}-${Date.now()}@factdesk.test`;
  const workspaceId = fixture?.workspace.id ?? (await getDb().workspace.create({ data: { slug: `totp-${n}-${Date.now()}`, name: "TOTP desk", ratingScale: [] }, select: { id: true } })).id;
  const { userId } = await upsertMember({ workspaceId, email, name: `Person ${n}`, role: "REVIEWER", passwordHash, actorId: null });
  return { id: userId, email };
}

// The two-factor events only (sign-in events are the sessions tests' business).
const eventsOf = (userId: string) => getDb().securityEvent.findMany({ where: { userId, kind: { startsWith: "totp." } }, orderBy: { id: "asc" }, select: { kind: true, ip: true, detail: true } });
const failuresOf = async (email: string) => (await getDb().loginThrottle.findUnique({ where: { email } }))?.failures ?? 0;
const now = () => totpStep(Date.now());

/** Enrols through the actions with the previous step's code (one step of drift), so the current one is still unused. */
async function enrol(userId: string): Promise<{ secret: string; codes: string[] }> {
  expect(await callPersonal(userId, personal.beginTwoFactorAction)).toMatchObject({ ok: true });
  const status = await getTwoFactorStatus(userId);
  if (status.state !== "pending") throw new Error(`expected a pending enrolment, got ${status.state}`);
  const result = await callPersonal(userId, personal.confirmTwoFactorAction, { code: totpCodeForStep(status.secret, now() - 1) });
  expect(result, JSON.stringify(result)).toMatchObject({ ok: true, secret: expect.any(String) });
  return { secret: status.secret, codes: (result as { secret: string }).secret.split("\n") };
}

beforeAll(async () => {
  passwordHash = await hashPassword(PASSWORD);
});

describe("enrolment", () => {
  it("a QR secret stored encrypted, confirmed with a first code, then ten recovery codes shown once and kept hashed", async () => {
    const me = await person();
    expect(await getTwoFactorStatus(me.id)).toEqual({ state: "off" });
    await callPersonal(me.id, personal.beginTwoFactorAction);
    const pending = await getTwoFactorStatus(me.id);
    if (pending.state !== "pending") throw new Error("not pending");
    const row = await getDb().twoFactor.findUniqueOrThrow({ where: { userId: me.id } });
    expect(row.secretSealed).not.toContain(pending.secret);
    expect(row.secretSealed).toMatch(/^v1\./);
    expect(row.enabledAt).toBeNull();

    // A wrong first code: refused at the field, still not on, no codes made.
    const wrong = String((Number(totpCodeForStep(pending.secret, now())) + 1) % 1_000_000).padStart(6, "0");
    const refused = await callPersonal(me.id, personal.confirmTwoFactorAction, { code: wrong === totpCodeForStep(pending.secret, now() - 1) || wrong === totpCodeForStep(pending.secret, now() + 1) ? "000000" : wrong });
    expect(refused).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { code: [expect.stringMatching(/does not match/)] } });
    expect(await callPersonal(me.id, personal.confirmTwoFactorAction, { code: "abc" })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect((await getTwoFactorStatus(me.id)).state).toBe("pending");
    expect(await getDb().recoveryCode.count({ where: { userId: me.id } })).toBe(0);

    const result = await callPersonal(me.id, personal.confirmTwoFactorAction, { code: totpCodeForStep(pending.secret, now()) });
    expect(result).toMatchObject({ ok: true, message: "Two-factor sign-in is on." });
    const codes = (result as { secret: string }).secret.split("\n");
    expect(codes).toHaveLength(10);
    const stored = await getDb().recoveryCode.findMany({ where: { userId: me.id }, select: { codeHash: true } });
    expect(stored).toHaveLength(10);
    for (const { codeHash } of stored) {
      expect(codeHash).toMatch(/^[0-9a-f]{64}$/);
      expect(codes.map((c) => c.replace("-", ""))).not.toContain(codeHash);
    }
    expect(await getTwoFactorStatus(me.id)).toMatchObject({ state: "on", recoveryCodesLeft: 10 });
    expect((await eventsOf(me.id)).map((e) => e.kind)).toEqual(["totp.enabled"]);

    // Once on, starting again or confirming again is refused, and nothing changes.
    const before = await getDb().twoFactor.findUniqueOrThrow({ where: { userId: me.id } });
    expect(await callPersonal(me.id, personal.beginTwoFactorAction)).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await callPersonal(me.id, personal.confirmTwoFactorAction, { code: totpCodeForStep(pending.secret, now() + 1) })).toMatchObject({ ok: false, code: "CONFLICT" });
    expect(await getDb().twoFactor.findUniqueOrThrow({ where: { userId: me.id } })).toEqual(before);
  });

  it("cancelling an unconfirmed set-up removes it", async () => {
    const me = await person();
    await callPersonal(me.id, personal.beginTwoFactorAction);
    expect(await callPersonal(me.id, personal.cancelTwoFactorAction)).toMatchObject({ ok: true });
    expect(await getDb().twoFactor.count({ where: { userId: me.id } })).toBe(0);
  });

  it.each([
    ["start", personal.beginTwoFactorAction, {}],
    ["cancel", personal.cancelTwoFactorAction, {}],
    ["confirm", personal.confirmTwoFactorAction, { code: "123456" }],
    ["make new recovery codes", personal.regenerateRecoveryCodesAction, { password: PASSWORD }],
    ["turn off", personal.disableTwoFactorAction, { password: PASSWORD }],
  ] as const)("signed out, %s: UNAUTHENTICATED, nothing written", async (_name, action, values) => {
    const before = [await getDb().twoFactor.count(), await getDb().recoveryCode.count()];
    expect(await callPersonal(null, action, values)).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    expect([await getDb().twoFactor.count(), await getDb().recoveryCode.count()]).toEqual(before);
  });
});

describe("sign-in", () => {
  it("without two-factor sign-in, the password alone is enough", async () => {
    const me = await person();
    expect(await signIn(me.email, PASSWORD)).toEqual({ ok: true });
  });

  it("asks for a code after the right password; a wrong code is refused and counted; the right one signs in once", async () => {
    const me = await person();
    const { secret } = await enrol(me.id);
    // A wrong password never reaches the code question.
    expect(await signIn(me.email, "wrong password")).toEqual({ ok: false, error: expect.stringMatching(/do not match/) });
    expect(await signIn(me.email, PASSWORD)).toEqual({ ok: false, error: TWO_FACTOR_REQUIRED });
    const failures = await failuresOf(me.email);
    expect(failures).toBeGreaterThan(0);

    const right = totpCodeForStep(secret, now());
    const wrong = right === "000000" ? "111111" : "000000";
    expect(await signIn(me.email, PASSWORD, wrong)).toEqual({ ok: false, error: TWO_FACTOR_WRONG_CODE });
    expect(await failuresOf(me.email)).toBe(failures + 1);
    expect(await signIn(me.email, PASSWORD, "not a code")).toEqual({ ok: false, error: TWO_FACTOR_WRONG_CODE });

    expect(await signIn(me.email, PASSWORD, `${right.slice(0, 3)} ${right.slice(3)}`)).toEqual({ ok: true });
    expect(await failuresOf(me.email)).toBe(0);

    // The same code again, within its window: refused as a replay.
    expect(await signIn(me.email, PASSWORD, right)).toEqual({ ok: false, error: TWO_FACTOR_REPLAYED_CODE });
    // A wrong password with a right code is still a wrong password.
    expect(await signIn(me.email, "wrong password", totpCodeForStep(secret, now() + 1))).toEqual({ ok: false, error: expect.stringMatching(/do not match/) });

    const events = await eventsOf(me.id);
    expect(events.map((e) => e.kind)).toEqual(["totp.enabled", "totp.failed", "totp.failed", "totp.failed"]);
    expect(events[1]).toMatchObject({ ip: "203.0.113.7", detail: { reason: "wrong" } });
    expect(events[3]).toMatchObject({ detail: { reason: "replayed" } });
  });

  it("enough wrong codes lock the email like wrong passwords do", async () => {
    const me = await person();
    const { secret } = await enrol(me.id);
    const right = totpCodeForStep(secret, now());
    const wrong = right === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i += 1) await signIn(me.email, PASSWORD, wrong);
    const locked = await signIn(me.email, PASSWORD, right);
    expect(locked).toEqual({ ok: false, error: expect.stringMatching(/Too many failed attempts/) });
  });

  it("a recovery code signs in once, in any case and spacing, and is used up", async () => {
    const me = await person();
    const { codes } = await enrol(me.id);
    const [code] = codes;
    if (!code) throw new Error("no code");
    expect(await signIn(me.email, PASSWORD, ` ${code.toUpperCase()} `)).toEqual({ ok: true });
    expect(await signIn(me.email, PASSWORD, code)).toEqual({ ok: false, error: TWO_FACTOR_WRONG_CODE });
    expect(await getDb().recoveryCode.count({ where: { userId: me.id, usedAt: { not: null } } })).toBe(1);
    expect(await getTwoFactorStatus(me.id)).toMatchObject({ recoveryCodesLeft: 9 });
    const kinds = (await eventsOf(me.id)).map((e) => e.kind);
    expect(kinds).toEqual(["totp.enabled", "totp.recovery_used", "totp.failed"]);
  });

  it("two sign-ins racing with one recovery code: exactly one gets in", async () => {
    const me = await person();
    const { codes } = await enrol(me.id);
    const results = await Promise.all([signIn(me.email, PASSWORD, codes[1]), signIn(me.email, PASSWORD, codes[1])]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });
});

describe("turning it off and new recovery codes", () => {
  it("need the password or a current code; a wrong one changes nothing", async () => {
    const me = await person();
    const { secret, codes } = await enrol(me.id);
    const before = [await getDb().twoFactor.findUniqueOrThrow({ where: { userId: me.id } }), await getDb().recoveryCode.findMany({ where: { userId: me.id }, orderBy: { id: "asc" } })];

    expect(await callPersonal(me.id, personal.disableTwoFactorAction, {})).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect(await callPersonal(me.id, personal.disableTwoFactorAction, { password: "wrong password" })).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors: { password: ["That password is not right."] } });
    expect(await callPersonal(me.id, personal.regenerateRecoveryCodesAction, { code: "000000" === totpCodeForStep(secret, now()) ? "111111" : "000000" })).toMatchObject({ ok: false, code: "INVALID_INPUT" });
    expect([await getDb().twoFactor.findUniqueOrThrow({ where: { userId: me.id } }), await getDb().recoveryCode.findMany({ where: { userId: me.id }, orderBy: { id: "asc" } })]).toEqual(before);

    // New codes with a current app code: the old ones stop working.
    const fresh = await callPersonal(me.id, personal.regenerateRecoveryCodesAction, { code: totpCodeForStep(secret, now()) });
    expect(fresh).toMatchObject({ ok: true, secret: expect.any(String) });
    const newCodes = (fresh as { secret: string }).secret.split("\n");
    expect(newCodes).toHaveLength(10);
    expect(newCodes).not.toContain(codes[0]);
    expect(await signIn(me.email, PASSWORD, codes[0])).toEqual({ ok: false, error: TWO_FACTOR_WRONG_CODE });

    // Off with the password: the secret and codes are gone, the password alone signs in.
    expect(await callPersonal(me.id, personal.disableTwoFactorAction, { password: PASSWORD })).toMatchObject({ ok: true });
    expect(await getDb().twoFactor.count({ where: { userId: me.id } })).toBe(0);
    expect(await getDb().recoveryCode.count({ where: { userId: me.id } })).toBe(0);
    expect(await signIn(me.email, PASSWORD)).toEqual({ ok: true });
    expect((await eventsOf(me.id)).map((e) => e.kind)).toEqual(expect.arrayContaining(["totp.recovery_regenerated", "totp.disabled"]));
  });
});

describe("the operator's reset (user:reset-two-factor)", () => {
  it("turns it off for a person who lost phone and codes; says when there was nothing to do", async () => {
    const me = await person();
    await enrol(me.id);
    expect(await resetTwoFactorByEmail(me.email.toUpperCase())).toBe(true);
    expect(await getTwoFactorStatus(me.id)).toEqual({ state: "off" });
    expect(await getDb().recoveryCode.count({ where: { userId: me.id } })).toBe(0);
    expect(await signIn(me.email, PASSWORD)).toEqual({ ok: true });
    expect(await resetTwoFactorByEmail(me.email)).toBe(false);
    expect(await resetTwoFactorByEmail("nobody-here@factdesk.test")).toBeNull();
    expect(await getDb().securityEvent.findFirst({ where: { userId: me.id, kind: "totp.disabled" } })).toMatchObject({ detail: { by: "command line" } });
  });
});

describe("a workspace that requires two-factor sign-in", () => {
  let f: ActionFixture;
  beforeAll(async () => {
    f = await createActionFixture();
    const result = await as(f.users.admin, () => settleCall(() => settings.setTwoFactorRequiredAction(f.workspace.slug, null, formOf({ required: "true" }))));
    expect(result, JSON.stringify(result)).toMatchObject({ ok: true });
  });

  it("records the change in the audit trail and as a security event", async () => {
    const workspace = await getDb().workspace.findUniqueOrThrow({ where: { id: f.workspace.id } });
    expect(workspace.requireTwoFactor).toBe(true);
    const event = await getDb().event.findFirst({ where: { workspaceId: f.workspace.id, action: "workspace.updated" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ before: { requireTwoFactor: false }, after: { requireTwoFactor: true } });
    expect(await getDb().securityEvent.count({ where: { workspaceId: f.workspace.id, kind: "totp.requirement_changed" } })).toBe(1);
  });

  it("travels in the workspace's backup; a backup made before the setting existed still reads", async () => {
    const backup = await exportWorkspace(f.workspace.id);
    expect(backup.workspace.requireTwoFactor).toBe(true);
    const { requireTwoFactor: _dropped, ...older } = backup.workspace;
    expect(backupWorkspaceSchema.safeParse(older).success).toBe(true);
  });

  it("refuses a member without it who calls a server action directly, with a clear message, and writes nothing", async () => {
    const before = await workspaceFingerprint(f.workspace.id);
    const result = await as(f.users.reviewer, () =>
      settleCall(() => article.createSourceAction(f.workspace.slug, null, formOf({ claimId: f.claim.id, url: "https://example.org/x", title: "X", kind: "OTHER", stance: "CONTEXT" }))),
    );
    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN", message: expect.stringMatching(/requires two-factor sign-in\. Set it up/) });
    expect(await workspaceFingerprint(f.workspace.id)).toEqual(before);
    // The admin, without it too, cannot turn it back off by session either.
    const off = await as(f.users.admin, () => settleCall(() => settings.setTwoFactorRequiredAction(f.workspace.slug, null, formOf({ required: "false" }))));
    expect(off).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await workspaceFingerprint(f.workspace.id)).toEqual(before);
  });

  it("refuses the API by session cookie, but not the member's own API token", async () => {
    session.userId = f.users.reviewer;
    try {
      expect((await callApi("GET", `/articles?workspace=${f.workspace.slug}`)).status).toBe(403);
    } finally {
      session.userId = null;
    }
    const token = await tokenFor(f.users.reviewer, "READ");
    expect((await callApi("GET", `/articles?workspace=${f.workspace.slug}`, { token })).status).toBe(200);
  });

  it("sends the member to set it up before a page of the workspace opens", async () => {
    session.userId = f.users.viewer;
    try {
      await expect(requirePageMember(f.workspace.slug)).rejects.toMatchObject({ to: `/account/two-factor?workspace=${encodeURIComponent(f.workspace.slug)}` });
    } finally {
      session.userId = null;
    }
  });

  it("keeps the workspace's claims and mentions out of the member's queue and inbox until they have set it up", async () => {
    const { listMyQueue } = await import("@/lib/db/queue");
    const { listInbox } = await import("@/lib/db/inbox");
    const { createComment } = await import("@/lib/db/comments");
    const { mentionToken } = await import("@/lib/domain/comment-text");
    const { actingAs, mayAs } = await import("@/lib/testing/factories");
    await getDb().claimAssignee.create({ data: { claimId: f.claim.id, userId: f.users.second } });
    await createComment(actingAs(f.workspace, "reviewer"), mayAs("REVIEWER"), { claimId: f.claim.id, body: `Look ${mentionToken({ id: f.users.second, name: "Second" })}` });
    expect(await listMyQueue(f.users.second)).toEqual([]);
    expect(await listInbox(f.users.second)).toEqual([]);
    await enrol(f.users.second);
    expect((await listMyQueue(f.users.second)).map((q) => q.claimId)).toEqual([f.claim.id]);
    expect(await listInbox(f.users.second)).toHaveLength(1);
  });

  it("lets the member in once they have set it up", async () => {
    await enrol(f.users.editor);
    session.userId = f.users.editor;
    try {
      await expect(requirePageMember(f.workspace.slug)).resolves.toMatchObject({ role: "EDITOR" });
    } finally {
      session.userId = null;
    }
    const before = await workspaceFingerprint(f.workspace.id);
    const result = await as(f.users.editor, () => settleCall(() => settings.setTwoFactorRequiredAction(f.workspace.slug, null, formOf({ required: "true" }))));
    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" }); // an editor is no admin
    const allowed = await as(f.users.editor, () => settleCall(() => article.setHighlightThresholdAction(f.workspace.slug, null, formOf({ threshold: "41" }))));
    expect(allowed, JSON.stringify(allowed)).toMatchObject({ ok: true });
    expect(await workspaceFingerprint(f.workspace.id)).not.toEqual(before);
  });
});
