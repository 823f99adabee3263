import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/format";
import { SecurityFilters } from "@/components/settings/security-filters";
import { SECURITY_KINDS, describeSecurityEvent, summariseUserAgent } from "@/components/settings/security-text";
import { SettingsShell } from "@/components/settings/settings-shell";
import { requirePageAction } from "@/lib/auth/guards";
import { UNKNOWN_ADDRESS } from "@/lib/http/client-address";
import { listSecurityEvents, listSecurityPeople } from "@/lib/db/security-log";
import { securityFilterSchema } from "@/lib/validation/security";

export const metadata: Metadata = { title: "Security" };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** Security events (admins): sign-ins, refusals, tokens and limits in this workspace and of its members, newest first. */
export default async function SecurityPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const member = await requirePageAction(slug, "security:read");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const query = securityFilterSchema.parse(raw);
  const kind = query.kind && query.kind in SECURITY_KINDS ? query.kind : undefined;
  const [people, page] = await Promise.all([
    listSecurityPeople(member.workspace.id),
    listSecurityEvents(member.workspace.id, { kind, userId: query.person, before: query.before ? BigInt(query.before) : undefined }),
  ]);
  const filters = { person: query.person ?? "", kind: kind ?? "" };
  const kept = Object.fromEntries(Object.entries(filters).filter(([, v]) => v));
  const base = `/w/${slug}/settings/security`;
  const older = page.nextCursor ? `${base}?${new URLSearchParams({ ...kept, before: page.nextCursor })}` : null;

  return (
    <SettingsShell
      workspace={member.workspace}
      current="security"
      title="Security"
      wide
      intro="Sign-ins, refused actions, API tokens and rate limits: what happened in this workspace and to its members' accounts, newest first. Events from other workspaces stay there."
    >
      <SecurityFilters basePath={base} people={people} values={filters} />

      {page.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-rule bg-white p-6 text-sm text-muted">
          {kind || query.person ? "No events match these filters. Clear them to see everything." : "No security events yet. Sign-ins, refused actions and token use appear here as they happen."}
        </p>
      ) : (
        <ol className="divide-y divide-rule rounded-lg border border-rule bg-white" aria-label="Security events, newest first">
          {page.rows.map((event) => {
            const agent = summariseUserAgent(event.userAgent);
            return (
              <li key={event.id} className="grid gap-1 px-4 py-3 text-sm sm:grid-cols-[13rem_1fr] sm:gap-4">
                <p className="text-muted">
                  <time dateTime={event.createdAt.toISOString()}>{formatDateTime(event.createdAt)}</time>
                </p>
                <div>
                  <p className="font-medium">{describeSecurityEvent(event)}</p>
                  <p className="mt-0.5 text-xs text-muted">
                    {[event.person ? event.person.email : null, event.ip && event.ip !== UNKNOWN_ADDRESS ? `from ${event.ip}` : null, agent].filter(Boolean).join(" · ") || "No address recorded"}
                  </p>
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {older || query.before ? (
        <nav aria-label="Pages" className="flex gap-4 text-sm">
          {query.before ? <Link href={`${base}?${new URLSearchParams(kept)}`} className="text-accent hover:underline">Newest events</Link> : null}
          {older ? <Link href={older} className="text-accent hover:underline">Older events</Link> : null}
        </nav>
      ) : null}
    </SettingsShell>
  );
}
