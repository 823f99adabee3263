import "server-only";
import { getServerSession } from "next-auth";
import { notFound as notFoundPage, redirect } from "next/navigation";
import { cache } from "react";
import { findArticleWorkspaceSlug } from "@/lib/db/articles";
import { findClaimWorkspaceSlug } from "@/lib/db/claims";
import { getActiveUserForPage, type SessionUser } from "@/lib/db/users";
import { hasTwoFactor, twoFactorRequiredMessage } from "@/lib/db/two-factor";
import { getMembership, readMembershipsForPage, type PageMemberships, type WorkspaceMembership } from "@/lib/db/workspaces";
import { AppError, FORBIDDEN_MESSAGE, archivedWorkspace } from "@/lib/errors";
import { getAuthOptions } from "./options";
import { readSessionCookie } from "./session-cookie";
import { sessionIdentity } from "./session-token";
import { can, mayAttempt, type Action, type Actor, type Resource } from "./policy";

// The one place that turns "no" into 401, 403, 404 or a redirect. Memberships and accounts are
// read from the database on every request, so a removed member loses access at once.

export type Member = WorkspaceMembership & { user: SessionUser; actor: Actor };

/**
 * The signed-in, active user and the id of their browser's session (a UserSession row, read
 * with the user in one statement, so a session ended on the server is refused at once), with
 * what pages need to know about the person (their memberships, two-factor flag and unread
 * count) from the same statement; read once per request however many components ask.
 */
const getSignedInWithMemberships = cache(async (): Promise<{ user: SessionUser; sessionId: string; page: PageMemberships } | null> => {
  // The cookie is read here once (lib/auth/session-cookie.ts); without one, next-auth answers
  // (signed out; tests stand in for getServerSession there).
  const fromCookie = await readSessionCookie();
  const { userId, sessionId } = fromCookie ?? sessionIdentity(await getServerSession(getAuthOptions()));
  if (!userId || !sessionId) return null;
  const found = await getActiveUserForPage(userId, sessionId);
  return found ? { ...found, sessionId } : null;
});

/** The signed-in, active user and the id of their browser's session; read once per request. */
export const getSignedIn = cache(async (): Promise<{ user: SessionUser; sessionId: string } | null> => {
  const signedIn = await getSignedInWithMemberships();
  return signedIn ? { user: signedIn.user, sessionId: signedIn.sessionId } : null;
});

/** The signed-in, active user; read once per request however many components ask. */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => (await getSignedIn())?.user ?? null);

// The layout and the page both need the membership, the header also the person's other
// workspaces, whether they use two-factor sign-in and their unread count: all read with the
// session, in one statement per request (for anyone else, one statement of their own).
const getPageContextOnce = cache(async (userId: string): Promise<PageMemberships> => {
  const signedIn = await getSignedInWithMemberships();
  return signedIn?.user.id === userId ? signedIn.page : readMembershipsForPage(userId);
});
const getMembershipsOnce = async (userId: string) => (await getPageContextOnce(userId)).memberships;

/** The header's unread inbox count (read with the page's membership). */
export async function pageUnreadCount(userId: string): Promise<number> {
  return (await getPageContextOnce(userId)).unread;
}

/** The header's list: the person's workspaces, archived ones left out (read with the page's membership). */
export async function pageWorkspaces(userId: string): Promise<Array<{ id: string; slug: string; name: string; role: WorkspaceMembership["role"] }>> {
  return (await getMembershipsOnce(userId)).filter((m) => !m.workspace.archivedAt).map((m) => ({ id: m.workspace.id, slug: m.workspace.slug, name: m.workspace.name, role: m.role }));
}

/** For route handlers and actions: the signed-in user or UNAUTHENTICATED. */
export async function requireUser(): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) throw new AppError("UNAUTHENTICATED", "Sign in to continue.");
  return user;
}

/**
 * The caller's membership in a workspace. Not being a member is NOT_FOUND, not FORBIDDEN:
 * outsiders must not learn that a workspace or its articles exist.
 */
export async function requireMember(user: SessionUser, workspaceSlug: string): Promise<Member> {
  // A NUL names no workspace (and PostgreSQL could not even look for it).
  const membership = workspaceSlug.includes("\u0000") ? null : await getMembership(workspaceSlug, user.id);
  if (!membership) throw new AppError("NOT_FOUND", "That workspace was not found.");
  return { ...membership, user, actor: { userId: user.id, role: membership.role } };
}

/** The caller's membership in the workspace that holds an article; NOT_FOUND for anyone else. */
export async function requireArticleMember(user: SessionUser, articleId: string): Promise<Member> {
  const slug = await findArticleWorkspaceSlug(articleId, user.id);
  if (!slug) throw new AppError("NOT_FOUND", "That article was not found.");
  return requireMember(user, slug);
}

/** The caller's membership in the workspace that holds a claim; NOT_FOUND for anyone else. */
export async function requireClaimMember(user: SessionUser, claimId: string): Promise<Member> {
  const slug = await findClaimWorkspaceSlug(claimId, user.id);
  if (!slug) throw new AppError("NOT_FOUND", "That claim was not found.");
  return requireMember(user, slug);
}


// An archived workspace stays readable by its members; everything else is refused, except the
// admin's way back (restoring it).
const ALLOWED_WHEN_ARCHIVED: ReadonlySet<Action> = new Set(["workspace:read", "report:export", "dashboard:read", "audit:read", "security:read", "workspace:archive"]);

function refuseIfArchived(member: Member, action: Action): void {
  if (member.workspace.archivedAt && !ALLOWED_WHEN_ARCHIVED.has(action)) throw archivedWorkspace();
}

/** The full decision, resource included (ownership rules). */
export function authorize(member: Member, action: Action, resource?: Resource): void {
  if (!can(member.actor, action, resource)) throw new AppError("FORBIDDEN", FORBIDDEN_MESSAGE);
  refuseIfArchived(member, action);
}

/** The role check made before the resource is loaded; `authorize` follows where ownership matters. */
export function authorizeRole(member: Member, action: Action): void {
  if (!mayAttempt(member.actor, action)) throw new AppError("FORBIDDEN", FORBIDDEN_MESSAGE);
  refuseIfArchived(member, action);
}

/** For pages only some roles open (settings, triage, dashboard): the not-found page for anyone else. */
export async function requirePageAction(workspaceSlug: string, action: Action): Promise<Member> {
  const member = await requirePageMember(workspaceSlug);
  if (!can(member.actor, action)) notFoundPage();
  return member;
}

/** For pages: redirect to sign-in, or show the not-found page for a workspace the caller is not in. */
export async function requirePageMember(workspaceSlug: string): Promise<Member> {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const membership = workspaceSlug.includes("\u0000") ? null : (await getMembershipsOnce(user.id)).find((m) => m.workspace.slug === workspaceSlug);
  if (!membership) notFoundPage();
  if (membership.workspace.requireTwoFactor && !(await getPageContextOnce(user.id)).hasTwoFactor) redirect(`/account/two-factor?workspace=${encodeURIComponent(workspaceSlug)}`);
  return { ...membership, user, actor: { userId: user.id, role: membership.role } };
}

const hasTwoFactorOnce = cache(hasTwoFactor);

/**
 * A workspace that requires two-factor sign-in refuses its members' browser sessions until they
 * have set it up (pages send them to set it up instead). API tokens are not refused: their owner
 * made them while signed in, and a token is already a second secret of its own.
 */
export async function refuseWithoutTwoFactor(member: Member): Promise<void> {
  if (member.workspace.requireTwoFactor && !(await hasTwoFactorOnce(member.user.id))) {
    throw new AppError("FORBIDDEN", twoFactorRequiredMessage(member.workspace.name));
  }
}
