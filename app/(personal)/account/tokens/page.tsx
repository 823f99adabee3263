import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { TokenForm } from "@/components/account/token-form";
import { TokenList, type TokenListItem } from "@/components/account/token-list";
import { formatDate, formatDateTime } from "@/components/format";
import { getSessionUser } from "@/lib/auth/guards";
import { listApiTokens, MAX_ACTIVE_TOKENS, type ApiTokenRow } from "@/lib/db/api-tokens";
import { TOKEN_SCOPE_TEXT, tokenStatus } from "@/lib/validation/api-token";
import { createApiTokenAction, revokeApiTokenAction } from "./actions";

export const metadata: Metadata = { title: "API tokens" };

function listItem(row: ApiTokenRow, now: Date): TokenListItem {
  const status = tokenStatus(row, now);
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scope: TOKEN_SCOPE_TEXT[row.scope].label,
    created: formatDate(row.createdAt),
    lastUsed: row.lastUsedAt ? formatDateTime(row.lastUsedAt) : "Never",
    expires: row.expiresAt ? formatDate(row.expiresAt) : "Never",
    status,
    endedOn: status === "revoked" && row.revokedAt ? formatDate(row.revokedAt) : status === "expired" && row.expiresAt ? formatDate(row.expiresAt) : null,
  };
}

/** A person's API tokens: make one (shown once), see what each is for and when it was used, revoke. */
export default async function ApiTokensPage() {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const now = new Date();
  const tokens = (await listApiTokens(user.id)).map((row) => listItem(row, now));
  const active = tokens.filter((t) => t.status === "active").length;

  return (
    <main className="mx-auto max-w-4xl px-4 py-8 sm:px-6">
      <p className="text-sm text-muted">Your account · {user.email}</p>
      <h1 className="mt-2 font-serif text-3xl font-semibold tracking-tight">API tokens</h1>
      <div className="mt-2 max-w-2xl space-y-2 text-muted">
        <p>
          A token lets another program, such as your CMS, a script or a spreadsheet, use the Factdesk API on your behalf. It acts as you: it reaches the workspaces you belong to, with
          your role in each, and never more.
        </p>
        <p>
          Send it as <code className="rounded bg-white px-1 font-mono text-sm text-ink">Authorization: Bearer fd_…</code>. Every endpoint is described in the{" "}
          <Link href="/docs/api" className="text-accent underline underline-offset-2">API reference</Link>.
        </p>
      </div>

      <div className="mt-8 space-y-8">
        <section aria-labelledby="new-token-heading" className="rounded-lg border border-rule bg-white p-5">
          <h2 id="new-token-heading" className="text-base font-semibold">Create a token</h2>
          <p className="mt-1 text-sm text-muted">
            Give each program its own token, with the least access it needs, so you can revoke one without stopping the others. You can have up to {MAX_ACTIVE_TOKENS} active tokens.
          </p>
          <div className="mt-4">
            <TokenForm action={createApiTokenAction} activePrefixes={tokens.filter((t) => t.status === "active").map((t) => t.prefix)} />
          </div>
        </section>

        <section aria-labelledby="tokens-heading">
          <h2 id="tokens-heading" tabIndex={-1} className="text-base font-semibold focus:outline-none">
            Your tokens <span className="font-normal text-muted">({active} active)</span>
          </h2>
          {tokens.length === 0 ? (
            <div className="mt-3 rounded-lg border border-dashed border-rule bg-white p-10 text-center">
              <p className="font-medium">No tokens yet</p>
              <p className="mt-1 text-sm text-muted">Tokens you create appear here, with when each was last used. Nothing can use the API as you until you make one.</p>
            </div>
          ) : (
            <TokenList tokens={tokens} revoke={revokeApiTokenAction} headingId="tokens-heading" />
          )}
        </section>
      </div>
    </main>
  );
}
