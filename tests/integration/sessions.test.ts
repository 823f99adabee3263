import { randomBytes } from "node:crypto";
import type * as NextAuthModule from "next-auth";
import { decode, encode, type JWT } from "next-auth/jwt";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { verifyPassword } from "@/lib/auth/password";
import { getDb } from "@/lib/db/client";
import { ensureWorkspace, resetAccountPassword, upsertMember } from "@/lib/db/members";
import { hashPassword } from "@/lib/auth/password";
import { formOf, settleCall, type CallResult } from "@/lib/testing/action-guards";
import { callApi, tokenFor } from "@/lib/testing/api";

// Sessions that end on the server. Nothing about the session is mocked here: people sign in
// through the real next-auth options (authorize, then the jwt callback), their cookie is the
// real encrypted JWT, and each request reads it back through next-auth's getServerSession.
// Only where the request comes from is stood in for (next-auth reads the cookie from the
// request; the test hands it the cookie of the "browser" making the call).

const request = vi.hoisted(() => {
  process.env.NEXTAUTH_SECRET ??= "integration-test-secret-not-for-production";
  return { cookie: null as string | null, issued: null as string | null, address: "203.0.113.10", userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0" };
});
vi.mock("next-auth", async (importOriginal) => {
  const actual = await importOriginal<typeof NextAuthModule>();
  const res = { getHeader: () => undefined, setCookie: () => undefined, setHeader: () => undefined };
  return {
    ...actual,
    // The App Router form reads the request through next/headers; this is the same call with the
    // request's headers and cookies handed over (the form API routes use).
    getServerSession: async (options: object) =>
      actual.getServerSession({ headers: { host: "factdesk.test" }, cookies: request.cookie ? { "next-auth.session-token": request.cookie } : {} } as never, res as never, options as never),
  };
});
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "x-factdesk-client-address": request.address, "user-agent": request.userAgent }),
  // The cookie jar a server action answers with: what it sets is the browser's next cookie.
  cookies: async () => ({
    getAll: () => (request.cookie ? [{ name: "next-auth.session-token", value: request.cookie }] : []),
    set: (name: string, value: string) => {
      if (name === "next-auth.session-token") request.issued = value;
    },
  }),
}));
vi.mock("next/cache", () => ({ revalidatePath: () => undefined }));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw Object.assign(new Error("NEXT_REDIRECT"), { to });
  },
  notFound: () => {
    throw new Error("NEXT_NOT_FOUND");
  },
}));

const { getAuthOptions } = await import("@/lib/auth/options");
const { getSessionUser, requirePageMember, requireUser } = await import("@/lib/auth/guards");
const security = await import("@/app/(personal)/account/security/actions");

const PASSWORD = "violet tram under the bridge";
const secret = process.env.NEXTAUTH_SECRET!;
let workspace: { id: string; slug: string };

beforeAll(async () => {
  const slug = `sessions-${randomBytes(4).toString("hex")}`;
  workspace = { ...(await ensureWorkspace(slug, "Sessions desk")), slug };
});

async function person(): Promise<{ id: string; email: string }> {
  const email = `sessions-${randomBytes(5).toString("hex")}@factdesk.test`;
  const { userId } = await upsertMember({ workspaceId: workspace.id, email, name: "Session Person", role: "REVIEWER", passwordHash: await hashPassword(PASSWORD), actorId: null });
  return { id: userId, email };
}

type Browser = { cookie: string; token: JWT; address: string };

/** Signs in as a browser would: next-auth's authorize, its jwt callback, its encrypted cookie. */
async function signIn(email: string, password = PASSWORD, address = `198.51.100.${randomBytes(1)[0]}`): Promise<Browser> {
  const options = getAuthOptions();
  const provider = options.providers[0] as unknown as { options: { authorize: (c: Record<string, string>, r: { headers: Record<string, string> }) => Promise<{ id: string; email: string; name: string }> } };
  const user = await provider.options.authorize({ email, password }, { headers: { "x-factdesk-client-address": address, "user-agent": request.userAgent } });
  const token = await options.callbacks!.jwt!({ token: { name: user.name, email: user.email, sub: user.id }, user, account: null } as never);
  return { cookie: await encode({ token, secret }), token, address };
}

/** Whatever `work` does, done by the browser holding `browser`'s cookie (or none). */
async function as<T>(browser: Browser | null, work: () => Promise<T>): Promise<T> {
  request.cookie = browser?.cookie ?? null;
  request.address = browser?.address ?? "203.0.113.10";
  try {
    return await work();
  } finally {
    request.cookie = null;
  }
}

const act = (browser: Browser | null, work: () => Promise<ActionResult>): Promise<CallResult> => as(browser, () => settleCall(work));

/** Signs out through next-auth's own event, as POST /api/auth/signout does with the cookie. */
async function signOut(browser: Browser) {
  await as(browser, async () => getAuthOptions().events!.signOut!({ token: (await decode({ token: browser.cookie, secret }))! } as never));
}

const userOf = (browser: Browser) => as(browser, () => getSessionUser());
const sessionsOf = (userId: string) => getDb().userSession.findMany({ where: { userId }, orderBy: { id: "asc" } });
const eventsOf = (userId: string, kind: string) => getDb().securityEvent.findMany({ where: { userId, kind }, orderBy: { id: "asc" } });
const passwordHashOf = async (userId: string) => (await getDb().user.findUniqueOrThrow({ where: { id: userId } })).passwordHash;

describe("a copied session cookie", () => {
  it("is refused everywhere once its browser signed out", async () => {
    const me = await person();
    const browser = await signIn(me.email);
    const copy = { ...browser, address: "192.0.2.66" }; // the same cookie, taken elsewhere
    expect(await userOf(copy)).toMatchObject({ id: me.id });
    expect((await as(copy, () => callApi("GET", "/workspaces"))).status).toBe(200);

    await signOut(browser);

    expect(await userOf(copy)).toBeNull();
    await expect(as(copy, () => requireUser())).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(as(copy, () => requirePageMember(workspace.slug))).rejects.toMatchObject({ to: "/login" });
    const api = await as(copy, () => callApi("GET", "/workspaces"));
    expect(api.status).toBe(401);
    expect(await act(copy, () => security.endAllSessionsAction(null, formOf({})))).toMatchObject({ ok: false, code: "UNAUTHENTICATED" });
    const [ended] = await sessionsOf(me.id);
    expect(ended).toMatchObject({ endedBy: "signed-out" });
    expect(ended?.revokedAt).not.toBeNull();
    expect(await eventsOf(me.id, "session.ended")).toHaveLength(1);
  });

  it("is refused once its owner changed their password, from another browser or from the very browser it was copied from", async () => {
    const me = await person();
    const [laptop, phone] = [await signIn(me.email), await signIn(me.email)];
    const copyOfLaptop = { ...laptop, address: "192.0.2.66" };
    request.issued = null;
    const result = await act(laptop, () => security.changePasswordAction(null, formOf({ currentPassword: PASSWORD, newPassword: "a new tram across the river", confirmPassword: "a new tram across the river" })));
    expect(result).toMatchObject({ ok: true, message: "Password changed. 1 other session was signed out." });
    expect(await userOf(phone)).toBeNull();
    expect((await as(phone, () => callApi("GET", "/workspaces"))).status).toBe(401);
    expect(await userOf(copyOfLaptop)).toBeNull();
    expect((await as(copyOfLaptop, () => callApi("GET", "/workspaces"))).status).toBe(401);
    // The laptop carries on with the new cookie the change answered with, in a new session.
    expect(request.issued).toEqual(expect.any(String));
    const renewed = { ...laptop, cookie: request.issued! };
    expect(await userOf(renewed)).toMatchObject({ id: me.id });
    expect((await decode({ token: renewed.cookie, secret }))?.sid).not.toBe(laptop.token.sid);
    // The new password signs in; the old one does not.
    expect(await userOf(await signIn(me.email, "a new tram across the river"))).toMatchObject({ id: me.id });
    await expect(signIn(me.email, PASSWORD)).rejects.toThrow("That email and password do not match an account.");
    const [event] = await eventsOf(me.id, "password.changed");
    expect(event).toMatchObject({ email: me.email, ip: laptop.address, userAgent: request.userAgent, detail: { endedSessions: 2, renewed: true } });
  });

  it("is refused once the password was reset from the command line (every session ends)", async () => {
    const me = await person();
    const [one, two] = [await signIn(me.email), await signIn(me.email)];
    expect(await resetAccountPassword(me.email, await hashPassword("reset by the operator 42"))).toBe(true);
    expect(await userOf(one)).toBeNull();
    expect(await userOf(two)).toBeNull();
    expect(await eventsOf(me.id, "password.reset")).toMatchObject([{ detail: { endedSessions: 2 } }]);
    // user:add with --password on an existing account does the same.
    const three = await signIn(me.email, "reset by the operator 42");
    await upsertMember({ workspaceId: workspace.id, email: me.email, name: "Session Person", role: "REVIEWER", passwordHash: await hashPassword("and again by the operator"), actorId: null });
    expect(await userOf(three)).toBeNull();
  });

  it("a cookie without a session (made before sessions were kept, or forged without one) is refused", async () => {
    const me = await person();
    const old = await encode({ token: { sub: me.id, email: me.email }, secret });
    expect(await userOf({ cookie: old, token: {}, address: "203.0.113.1" })).toBeNull();
    const other = await person();
    const mine = await signIn(me.email);
    // Someone else's session id under my user id (or the reverse) is no session at all.
    const mixed = await encode({ token: { sub: other.id, sid: mine.token.sid }, secret });
    expect(await userOf({ cookie: mixed, token: {}, address: "203.0.113.1" })).toBeNull();
  });

  it("pages read the cookie themselves (lib/auth/session-cookie.ts): an expired, altered or foreign cookie is refused, a live one read again is still checked", async () => {
    const me = await person();
    const browser = await signIn(me.email);
    // Read twice: the second read takes the decrypted ids from memory, the session row still decides.
    expect(await userOf(browser)).toMatchObject({ id: me.id });
    expect(await userOf(browser)).toMatchObject({ id: me.id });
    const expired = await encode({ token: browser.token, secret, maxAge: -3600 });
    expect(await userOf({ ...browser, cookie: expired })).toBeNull();
    const altered = `${browser.cookie.slice(0, -4)}${browser.cookie.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    expect(await userOf({ ...browser, cookie: altered })).toBeNull();
    const foreign = await encode({ token: browser.token, secret: "another-deployment-secret" });
    expect(await userOf({ ...browser, cookie: foreign })).toBeNull();
    await act(browser, () => security.endAllSessionsAction(null, formOf({})));
    expect(await userOf(browser)).toBeNull();
  });
});

describe("idle timeout and absolute lifetime", () => {
  const ago = (ms: number) => new Date(Date.now() - ms);
  const HOUR = 3_600_000;

  it("ends a session left unused longer than the idle timeout (12 hours by default)", async () => {
    const me = await person();
    const browser = await signIn(me.email);
    await getDb().userSession.update({ where: { id: String(browser.token.sid) }, data: { lastSeenAt: ago(11 * HOUR) } });
    expect(await userOf(browser)).toMatchObject({ id: me.id });
    await getDb().userSession.update({ where: { id: String(browser.token.sid) }, data: { lastSeenAt: ago(12 * HOUR + 60_000) } });
    expect(await userOf(browser)).toBeNull();
  });

  it("ends a session older than its maximum age (7 days by default), however active", async () => {
    const me = await person();
    const browser = await signIn(me.email);
    await getDb().userSession.update({ where: { id: String(browser.token.sid) }, data: { createdAt: ago(6 * 24 * HOUR) } });
    expect(await userOf(browser)).toMatchObject({ id: me.id });
    await getDb().userSession.update({ where: { id: String(browser.token.sid) }, data: { createdAt: ago(7 * 24 * HOUR + 60_000), lastSeenAt: new Date() } });
    expect(await userOf(browser)).toBeNull();
  });

  it("moves lastSeenAt on at most about once a minute, in the same statement that reads the user", async () => {
    const me = await person();
    const browser = await signIn(me.email);
    const id = String(browser.token.sid);
    const recent = ago(30_000);
    await getDb().userSession.update({ where: { id }, data: { lastSeenAt: recent } });
    await userOf(browser);
    expect((await getDb().userSession.findUniqueOrThrow({ where: { id } })).lastSeenAt).toEqual(recent);
    await getDb().userSession.update({ where: { id }, data: { lastSeenAt: ago(11 * HOUR) } });
    await userOf(browser);
    expect(Date.now() - (await getDb().userSession.findUniqueOrThrow({ where: { id } })).lastSeenAt.getTime()).toBeLessThan(10_000);
  });
});

describe("the person's own sessions", () => {
  it("ends one other session from the list; the browser that did it stays signed in", async () => {
    const me = await person();
    const [here, there] = [await signIn(me.email), await signIn(me.email)];
    expect(await act(here, () => security.endSessionAction(null, formOf({ sessionId: String(there.token.sid) })))).toMatchObject({ ok: true, message: "Session ended: that browser is signed out." });
    expect(await userOf(there)).toBeNull();
    expect(await userOf(here)).toMatchObject({ id: me.id });
    expect(await eventsOf(me.id, "session.ended")).toMatchObject([{ detail: { endedBy: "ended", current: false } }]);
  });

  it("ending this browser's own session from the list signs it out", async () => {
    const me = await person();
    const here = await signIn(me.email);
    expect(await act(here, () => security.endSessionAction(null, formOf({ sessionId: String(here.token.sid) })))).toEqual({ ok: true, redirectTo: "/login" });
    expect(await userOf(here)).toBeNull();
  });

  it("signs out everywhere, this browser included; API tokens keep working", async () => {
    const me = await person();
    const browsers = [await signIn(me.email), await signIn(me.email), await signIn(me.email)];
    const token = await tokenFor(me.id, "READ");
    expect(await act(browsers[0]!, () => security.endAllSessionsAction(null, formOf({})))).toEqual({ ok: true, redirectTo: "/login" });
    for (const browser of browsers) expect(await userOf(browser)).toBeNull();
    expect(await sessionsOf(me.id)).toSatisfy((rows: Array<{ revokedAt: Date | null; endedBy: string | null }>) => rows.every((r) => r.revokedAt && r.endedBy === "everywhere"));
    expect(await eventsOf(me.id, "sessions.revoked")).toMatchObject([{ detail: { endedSessions: 3 } }]);
    expect((await callApi("GET", "/workspaces", { token })).status).toBe(200);
  });

  it("lists only live sessions, with where and when", async () => {
    const { listActiveSessions } = await import("@/lib/db/sessions");
    const me = await person();
    const [a, b] = [await signIn(me.email, PASSWORD, "203.0.113.20"), await signIn(me.email, PASSWORD, "203.0.113.21")];
    await signOut(b);
    const live = await listActiveSessions(me.id);
    expect(live.map((s) => s.id)).toEqual([a.token.sid]);
    expect(live[0]).toMatchObject({ ip: "203.0.113.20", userAgent: request.userAgent });
  });
});

describe("changing a password: refusals change nothing", () => {
  const attempts: Array<[string, Record<string, string>, Record<string, string[]>]> = [
    ["a wrong current password", { currentPassword: "not my password at all", newPassword: "a new tram across the river", confirmPassword: "a new tram across the river" }, { currentPassword: ["That is not your current password."] }],
    ["a short new password", { currentPassword: PASSWORD, newPassword: "short one", confirmPassword: "short one" }, { newPassword: ["Use at least 12 characters."] }],
    ["a common new password", { currentPassword: PASSWORD, newPassword: "Password123456", confirmPassword: "Password123456" }, { newPassword: [expect.stringContaining("commonly used passwords")] as unknown as string[] }],
    ["new passwords that differ", { currentPassword: PASSWORD, newPassword: "a new tram across the river", confirmPassword: "a new tram across the rivet" }, { confirmPassword: ["The two new passwords do not match."] }],
    ["the current password again", { currentPassword: PASSWORD, newPassword: PASSWORD, confirmPassword: PASSWORD }, { newPassword: ["That is your current password. Choose a new one."] }],
    ["the person's own email", { currentPassword: PASSWORD, newPassword: "EMAIL", confirmPassword: "EMAIL" }, { newPassword: ["Do not use your email address as your password."] }],
  ];

  it.each(attempts)("%s: refused with the reason beside the field; password and sessions unchanged", async (_name, fields, fieldErrors) => {
    const me = await person();
    const [here, there] = [await signIn(me.email), await signIn(me.email)];
    const form = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, v === "EMAIL" ? me.email : v]));
    const before = { hash: await passwordHashOf(me.id), sessions: await sessionsOf(me.id) };
    const result = await act(here, () => security.changePasswordAction(null, formOf(form)));
    expect(result).toMatchObject({ ok: false, code: "INVALID_INPUT", fieldErrors });
    expect(await passwordHashOf(me.id)).toBe(before.hash);
    expect((await sessionsOf(me.id)).map((s) => ({ ...s, lastSeenAt: null }))).toEqual(before.sessions.map((s) => ({ ...s, lastSeenAt: null })));
    expect(await userOf(there)).toMatchObject({ id: me.id });
    expect(await verifyPassword(await passwordHashOf(me.id), PASSWORD)).toBe(true);
  });

  it("stops guessing the current password from a stolen session after ten tries", async () => {
    const me = await person();
    const here = await signIn(me.email);
    const wrong = formOf({ currentPassword: "a guess", newPassword: "a new tram across the river", confirmPassword: "a new tram across the river" });
    for (let i = 0; i < 10; i++) expect(await act(here, () => security.changePasswordAction(null, wrong))).toMatchObject({ code: "INVALID_INPUT" });
    const before = await passwordHashOf(me.id);
    const right = formOf({ currentPassword: PASSWORD, newPassword: "a new tram across the river", confirmPassword: "a new tram across the river" });
    expect(await act(here, () => security.changePasswordAction(null, right))).toMatchObject({ ok: false, code: "RATE_LIMITED" });
    expect(await passwordHashOf(me.id)).toBe(before);
    expect(await eventsOf(me.id, "rate.limited")).toHaveLength(1);
  });
});

describe("signing in: throttled per address and per email, every outcome recorded", () => {
  it("records failures (with the account when there is one), and success, with address and browser", async () => {
    const me = await person();
    const address = "203.0.113.30";
    await expect(signIn(me.email, "wrong password here", address)).rejects.toThrow("That email and password do not match an account.");
    const stranger = `nobody-${randomBytes(4).toString("hex")}@factdesk.test`;
    await expect(signIn(stranger, "wrong password here", address)).rejects.toThrow("That email and password do not match an account.");
    await signIn(me.email, PASSWORD, address);
    expect(await eventsOf(me.id, "signin.failed")).toMatchObject([{ email: me.email, ip: address, userAgent: request.userAgent, detail: { reason: "wrong-password" } }]);
    expect(await getDb().securityEvent.findMany({ where: { email: stranger } })).toMatchObject([{ kind: "signin.failed", userId: null, ip: address, detail: { reason: "unknown-email" } }]);
    expect(await eventsOf(me.id, "signin.succeeded")).toMatchObject([{ email: me.email, ip: address }]);
  });

  it("an email under attack from many addresses lets its owner in after a short delay", async () => {
    const me = await person();
    for (let i = 0; i < 5; i++) await expect(signIn(me.email, `guess number ${i} here`, `192.0.2.${100 + i}`)).rejects.toThrow("do not match");
    // The owner, right password, from home: asked to wait seconds, not refused for 15 minutes.
    await expect(signIn(me.email, PASSWORD, "203.0.113.40")).rejects.toThrow(/^Too many failed attempts for this email\. Try again in \d+ seconds\.$/);
    expect(await eventsOf(me.id, "signin.throttled")).toHaveLength(0); // recorded by email: no account named
    expect(await getDb().securityEvent.count({ where: { kind: "signin.throttled", email: me.email } })).toBe(1);
    // The wait passes (here: the last failure is moved a minute into the past) and they are in.
    await getDb().loginThrottle.update({ where: { email: me.email }, data: { lastFailure: new Date(Date.now() - 61_000) } });
    expect(await userOf(await signIn(me.email, PASSWORD, "203.0.113.40"))).toMatchObject({ id: me.id });
    expect(await getDb().loginThrottle.count({ where: { email: me.email } })).toBe(0);
  });

  it("an address trying many emails is stopped, even with a right password, while others sign in", async () => {
    const me = await person();
    const attacker = `192.0.2.${randomBytes(1)[0]}-${randomBytes(3).toString("hex")}`;
    for (let i = 0; i < 20; i++) await expect(signIn(`target-${i}-${randomBytes(3).toString("hex")}@factdesk.test`, "Password123", attacker)).rejects.toThrow("do not match");
    await expect(signIn(me.email, PASSWORD, attacker)).rejects.toThrow(/^Too many failed sign-ins from your network\. Try again in \d+ seconds\.$/);
    expect(await getDb().securityEvent.findFirst({ where: { kind: "signin.throttled", ip: attacker } })).toMatchObject({ detail: { limitedBy: "address" } });
    expect(await userOf(await signIn(me.email, PASSWORD, "203.0.113.50"))).toMatchObject({ id: me.id });
  });
});
