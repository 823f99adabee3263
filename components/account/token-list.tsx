"use client";

import { useRef, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import type { PersonalActionFn } from "@/lib/actions/workspace-action";
import type { TokenStatus } from "@/lib/validation/api-token";

/** One token as the list shows it; dates already in words (UTC, as everywhere in Factdesk). */
export type TokenListItem = {
  id: string;
  name: string;
  prefix: string;
  scope: string;
  created: string;
  lastUsed: string;
  expires: string;
  status: TokenStatus;
  /** When it was revoked or expired, for the status line. */
  endedOn: string | null;
};

const STATUS_STYLE: Record<TokenStatus, string> = {
  active: "border-emerald-200 bg-emerald-50 text-emerald-900",
  expired: "border-rule bg-paper text-muted",
  revoked: "border-red-200 bg-red-50 text-red-900",
};

const STATUS_LABEL: Record<TokenStatus, string> = { active: "Active", expired: "Expired", revoked: "Revoked" };

/**
 * The person's tokens with a revoke button on each active one. After a revoke, the row's button
 * is gone, so focus goes to the list's heading and the outcome is announced.
 */
export function TokenList({ tokens, revoke, headingId }: { tokens: TokenListItem[]; revoke: PersonalActionFn; headingId: string }) {
  const [pending, startTransition] = useTransition();
  const [busy, setBusy] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<{ ok: boolean; message: string } | null>(null);
  const live = useRef<HTMLParagraphElement>(null);

  const onRevoke = (token: TokenListItem) => {
    if (!window.confirm(`Revoke “${token.name}”? Anything using it is refused from now on. This cannot be undone.`)) return;
    const data = new FormData();
    data.set("tokenId", token.id);
    setBusy(token.id);
    startTransition(async () => {
      const result = await revoke(null, data);
      setOutcome({ ok: result.ok, message: result.message });
      setBusy(null);
      document.getElementById(headingId)?.focus();
    });
  };

  return (
    <div>
      <p ref={live} role="status" aria-live="polite" className={`text-sm empty:hidden ${outcome?.ok === false ? "text-red-800" : "text-emerald-800"}`}>
        {outcome?.message ?? ""}
      </p>
      <ul className="mt-2 divide-y divide-rule rounded-lg border border-rule bg-white" aria-labelledby={headingId}>
        {tokens.map((token) => (
          <li key={token.id} className="flex flex-col gap-3 p-4 sm:flex-row sm:items-start sm:justify-between" data-testid="token-row">
            <div className="min-w-0">
              <p className="flex flex-wrap items-center gap-2">
                <span className={`font-medium ${token.status === "active" ? "" : "text-muted"}`}>{token.name}</span>
                <span className={`rounded-full border px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[token.status]}`}>
                  {STATUS_LABEL[token.status]}
                  {token.endedOn ? ` ${token.endedOn}` : ""}
                </span>
              </p>
              <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
                <dt className="text-muted">Token</dt>
                <dd className="font-mono text-xs leading-5">
                  {token.prefix}…<span className="sr-only"> (only the first characters are kept for display)</span>
                </dd>
                <dt className="text-muted">Access</dt>
                <dd>{token.scope}</dd>
                <dt className="text-muted">Created</dt>
                <dd>{token.created}</dd>
                <dt className="text-muted">Last used</dt>
                <dd>{token.lastUsed}</dd>
                <dt className="text-muted">Expires</dt>
                <dd>{token.expires}</dd>
              </dl>
            </div>
            {token.status === "active" ? (
              <Button type="button" variant="danger" className="self-start" disabled={pending} aria-label={`Revoke ${token.name}`} onClick={() => onRevoke(token)}>
                {busy === token.id ? "Revoking…" : "Revoke"}
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
