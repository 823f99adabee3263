import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PasswordForm, SignOutEverywhereForm } from "@/components/account/security-forms";
import { SessionList, type SessionListItem } from "@/components/account/session-list";
import { formatDateTime } from "@/components/format";
import { getSignedIn } from "@/lib/auth/guards";
import { describeUserAgent } from "@/lib/domain/user-agent";
import { listActiveSessions, type SessionRow } from "@/lib/db/sessions";
import { getSessionLimits } from "@/lib/env";
import { UNKNOWN_ADDRESS } from "@/lib/http/client-address";
import { changePasswordAction, endAllSessionsAction, endSessionAction } from "./actions";

export const metadata: Metadata = { title: "Sign-in and security" };

function listItem(row: SessionRow, currentId: string): SessionListItem {
  return {
    id: row.id,
    device: describeUserAgent(row.userAgent),
    address: row.ip && row.ip !== UNKNOWN_ADDRESS ? row.ip : null,
    signedIn: formatDateTime(row.createdAt),
    lastSeen: formatDateTime(row.lastSeenAt),
    current: row.id === currentId,
  };
}

function duration(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours < 1) return `${Math.round(ms / 60_000)} minutes`;
  if (hours < 48) return `${Math.round(hours)} hour${Math.round(hours) === 1 ? "" : "s"}`;
  return `${Math.round(hours / 24)} days`;
}

/** A person's password and the browsers signed in as them: change it, end any of them, or all. */
export default async function AccountSecurityPage() {
  const signedIn = await getSignedIn();
  if (!signedIn) redirect("/login");
  const { user, sessionId } = signedIn;
  const sessions = (await listActiveSessions(user.id)).map((row) => listItem(row, sessionId)).sort((a, b) => Number(b.current) - Number(a.current));
  const { idleMs, maxMs } = getSessionLimits();

  return (
    <main className="mx-auto max-w-4xl px-4 py-8 sm:px-6">
      <p className="text-sm text-muted">Your account · {user.email}</p>
      <h1 className="mt-2 font-serif text-3xl font-semibold tracking-tight">Sign-in and security</h1>
      <p className="mt-2 max-w-2xl text-muted">Your password, and every browser signed in as you. If something here looks unfamiliar, change your password: that signs out everywhere else.</p>

      <div className="mt-8 space-y-8">
        <section aria-labelledby="password-heading" className="rounded-lg border border-rule bg-white p-5">
          <h2 id="password-heading" className="text-base font-semibold">Password</h2>
          <p className="mt-1 text-sm text-muted">Changing it keeps you signed in here and signs you out of every other browser.</p>
          <div className="mt-4">
            <PasswordForm action={changePasswordAction} email={user.email} />
          </div>
        </section>

        {/* Two-factor sign-in has its own page, /account/two-factor; its link goes here. */}

        <section aria-labelledby="sessions-heading">
          <h2 id="sessions-heading" tabIndex={-1} className="text-base font-semibold focus:outline-none">
            Where you are signed in <span className="font-normal text-muted">({sessions.length})</span>
          </h2>
          <p className="mt-1 max-w-2xl text-sm text-muted">
            A session ends when you sign out, after {duration(idleMs)} without use, or {duration(maxMs)} after signing in. Programs using your API tokens are not affected.
          </p>
          <div className="mt-3">
            <SessionList sessions={sessions} end={endSessionAction} headingId="sessions-heading" />
          </div>
        </section>

        <section aria-labelledby="everywhere-heading" className="rounded-lg border border-rule bg-white p-5">
          <h2 id="everywhere-heading" className="text-base font-semibold">Sign out everywhere</h2>
          <p className="mt-1 mb-4 max-w-2xl text-sm text-muted">Ends every session listed above, this one included, for example after using a shared computer or losing a laptop.</p>
          <SignOutEverywhereForm action={endAllSessionsAction} />
        </section>
      </div>
    </main>
  );
}
