import type { Metadata } from "next";
import Link from "next/link";
import { JoinAsNewUserForm, JoinAsUserForm } from "@/components/settings/join-form";
import { getSessionUser } from "@/lib/auth/guards";
import { ROLE_LABELS } from "@/lib/auth/policy";
import { findInvitation } from "@/lib/db/invitations";
import { getMembership } from "@/lib/db/workspaces";
import { invitationToken } from "@/lib/validation/member";
import { joinAsNewUserAction, joinAsUserAction } from "./actions";

// The link's token is in the address: never send it on to another site.
export const metadata: Metadata = { title: "Invitation", referrer: "no-referrer", robots: { index: false } };

const ROLE_WORDS = {
  ADMIN: "manage its members and settings, and do everything editors do",
  EDITOR: "import articles, triage, assign and publish verdicts",
  REVIEWER: "research claims, add sources, review and comment",
  VIEWER: "read everything in it",
} as const;

/** Public: where an invitation link leads. Shows the workspace and role, then joins. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const valid = invitationToken.safeParse(token).success;
  const invitation = valid ? await findInvitation(token) : null;
  if (!invitation) {
    return (
      <Shell>
        <h1 className="mt-8 text-xl font-semibold">This invitation link is no longer valid</h1>
        <p className="mt-2 text-muted">It may have been used already, revoked, or it has expired. Ask an admin of the workspace for a new one.</p>
        <Link href="/" className="mt-6 inline-block text-accent hover:underline">Go to Factdesk</Link>
      </Shell>
    );
  }
  const user = await getSessionUser();
  const membership = user ? await getMembership(invitation.workspaceSlug, user.id) : null;
  const role = ROLE_LABELS[invitation.role].toLowerCase();

  return (
    <Shell>
      <h1 className="mt-8 text-xl font-semibold">Join {invitation.workspaceName}</h1>
      <p className="mt-2 text-muted">
        You are invited to join <span className="font-medium text-ink">{invitation.workspaceName}</span> as {role === "admin" ? "an" : "a"}{" "}
        <span className="font-medium text-ink">{role}</span>: you will be able to {ROLE_WORDS[invitation.role]}.
      </p>
      {membership ? (
        <div className="mt-6 rounded-md border border-rule bg-white p-4 text-sm">
          <p>You are already a member of {invitation.workspaceName}, signed in as {user?.email}.</p>
          <Link href={`/w/${invitation.workspaceSlug}`} className="mt-2 inline-block text-accent hover:underline">Open {invitation.workspaceName}</Link>
        </div>
      ) : user ? (
        <JoinAsUserForm action={joinAsUserAction} token={token} who={`${user.name} (${user.email})`} />
      ) : (
        <>
          <JoinAsNewUserForm action={joinAsNewUserAction} token={token} />
          <p className="mt-6 text-sm text-muted">
            Already have a Factdesk account?{" "}
            <Link href={`/login?callbackUrl=${encodeURIComponent(`/invite/${token}`)}`} className="text-accent underline">Sign in first</Link>, then join with it.
          </p>
        </>
      )}
    </Shell>
  );
}

function Shell({ children }: { children: React.ReactNode }) {
  return (
    <main className="flex min-h-screen items-start justify-center px-6 py-16 sm:items-center">
      <div className="w-full max-w-md">
        <p className="font-serif text-2xl font-semibold tracking-tight">Factdesk</p>
        {children}
      </div>
    </main>
  );
}
