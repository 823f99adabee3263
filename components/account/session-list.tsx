"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { PersonalActionFn } from "@/lib/actions/workspace-action";

/** One live session as the list shows it; times already in words (UTC, as everywhere). */
export type SessionListItem = {
  id: string;
  device: string;
  /** Null when the server could not tell. */
  address: string | null;
  signedIn: string;
  lastSeen: string;
  current: boolean;
};

/**
 * The person's live sessions, this browser first, with "End session" on each of the others.
 * After one ends its row (and button) is gone, so focus goes to the list's heading and the
 * outcome is announced.
 */
export function SessionList({ sessions, end, headingId }: { sessions: SessionListItem[]; end: PersonalActionFn; headingId: string }) {
  const [pending, startTransition] = useTransition();
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);

  const onEnd = (session: SessionListItem) => {
    const data = new FormData();
    data.set("sessionId", session.id);
    setBusy(session.id);
    startTransition(async () => {
      const result = await end(null, data);
      setOutcome({ ok: result.ok, message: result.message });
      setBusy(null);
      document.getElementById(headingId)?.focus();
    });
  };

  return (
    <div>
      <p role="status" aria-live="polite" className={`text-sm empty:hidden ${outcome?.ok === false ? "text-red-800" : "text-emerald-800"}`}>
        {outcome?.message ?? ""}
      </p>
      <ul className="mt-2 divide-y divide-rule rounded-lg border border-rule bg-white" aria-labelledby={headingId}>
        {sessions.map((session) => (
          <li key={session.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start sm:justify-between" data-testid="session-row">
            <div className="min-w-0">
              <p className="flex flex-wrap items-center gap-2">
                <span className="font-medium">{session.device}</span>
                {session.current ? <span className="rounded-full border border-emerald-200 bg-emerald-50 px-2 py-0.5 text-xs font-medium text-emerald-900">This browser</span> : null}
              </p>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
                <dt className="text-muted">Address</dt>
                <dd className={session.address ? "font-mono text-xs leading-5" : "text-muted"}>{session.address ?? "Unknown"}</dd>
                <dt className="text-muted">Signed in</dt>
                <dd>{session.signedIn}</dd>
                <dt className="text-muted">Last active</dt>
                <dd>{session.current ? "Now" : session.lastSeen}</dd>
              </dl>
            </div>
            {session.current ? null : (
              <Button type="button" variant="danger" className="self-start" disabled={pending} aria-label={`End session: ${session.device}${session.address ? ` at ${session.address}` : ""}, last active ${session.lastSeen}`} onClick={() => onEnd(session)}>
                {busy === session.id ? "Ending…" : "End session"}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
