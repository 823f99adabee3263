import type { Metadata } from "next";
import Link from "next/link";
import { formatDateTime } from "@/components/format";
import { auditFields, describeAuditEvent } from "@/components/settings/audit-text";
import { AuditFilters } from "@/components/settings/audit-filters";
import { SettingsShell } from "@/components/settings/settings-shell";
import { requirePageAction } from "@/lib/auth/guards";
import { AUDIT_ENTITY_TYPES, listAuditActors, listAuditEvents } from "@/lib/db/audit-log";
import { auditFilterSchema } from "@/lib/validation/member";

export const metadata: Metadata = { title: "Audit log" };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const MAX_EVENT_ID = 9223372036854775807n;
const day = (value: string | undefined) => (value ? new Date(`${value}T00:00:00Z`) : undefined);
const validDay = (value: string | undefined) => (value && !Number.isNaN(day(value)?.getTime()) ? value : undefined);

/** The audit log (admins): every change in the workspace, newest first, filtered by who, what and when. */
export default async function AuditLogPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const member = await requirePageAction(slug, "audit:read");
  const raw = Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  const query = auditFilterSchema.parse(raw);
  const kind = (AUDIT_ENTITY_TYPES as readonly string[]).includes(query.kind ?? "") ? query.kind : undefined;
  const from = validDay(query.from);
  const to = validDay(query.to);
  const [actors, page] = await Promise.all([
    listAuditActors(member.workspace.id),
    listAuditEvents(member.workspace.id, {
      actorId: query.actor,
      entityType: kind,
      from: day(from),
      to: day(to),
      before: query.before && BigInt(query.before) <= MAX_EVENT_ID ? BigInt(query.before) : undefined,
    }),
  ]);
  const filters = { actor: query.actor ?? "", kind: kind ?? "", from: from ?? "", to: to ?? "" };
  const filtered = Object.values(filters).some(Boolean);
  const older = page.nextCursor ? `/w/${slug}/settings/audit?${new URLSearchParams({ ...Object.fromEntries(Object.entries(filters).filter(([, v]) => v)), before: page.nextCursor })}` : null;

  return (
    <SettingsShell
      workspace={member.workspace}
      current="audit"
      title="Audit log"
      wide
      intro="Every change in this workspace, who made it and when, with the values before and after. The database keeps this trail append-only: nothing in it can be edited or deleted."
    >
      <AuditFilters basePath={`/w/${slug}/settings/audit`} actors={actors} kinds={AUDIT_ENTITY_TYPES} values={filters} />

      {page.rows.length === 0 ? (
        <p className="rounded-lg border border-dashed border-rule bg-white p-6 text-sm text-muted">
          {filtered ? "No events match these filters. Widen the dates or clear the filters." : "Nothing has happened in this workspace yet. Changes appear here as soon as they are made."}
        </p>
      ) : (
        <ol className="divide-y divide-rule rounded-lg border border-rule bg-white" aria-label="Events, newest first">
          {page.rows.map((event) => {
            const before = auditFields(event.before);
            const after = auditFields(event.after);
            return (
              <li key={event.id} className="grid gap-2 px-4 py-3 text-sm sm:grid-cols-[13rem_1fr]">
                <p className="text-muted">
                  <time dateTime={event.createdAt.toISOString()}>{formatDateTime(event.createdAt)}</time>
                  {event.origin !== "WEB" ? <span className="block text-xs">{event.origin === "API" ? "through the API" : "from the command line or setup"}</span> : null}
                </p>
                <div>
                  <p className="font-medium">{describeAuditEvent(event)}</p>
                  {before.length || after.length ? (
                    <div className="mt-1 grid gap-3 text-xs sm:grid-cols-2">
                      {before.length ? <ValueList title="Before" rows={before} /> : null}
                      {after.length ? <ValueList title="After" rows={after} /> : null}
                    </div>
                  ) : null}
                </div>
              </li>
            );
          })}
        </ol>
      )}
      {older || query.before ? (
        <nav aria-label="Pages" className="flex gap-4 text-sm">
          {query.before ? <Link href={`/w/${slug}/settings/audit?${new URLSearchParams(Object.fromEntries(Object.entries(filters).filter(([, v]) => v)))}`} className="text-accent hover:underline">Newest events</Link> : null}
          {older ? <Link href={older} className="text-accent hover:underline">Older events</Link> : null}
        </nav>
      ) : null}
    </SettingsShell>
  );
}

function ValueList({ title, rows }: { title: string; rows: Array<{ label: string; value: string }> }) {
  return (
    <div>
      <p className="font-semibold uppercase tracking-wide text-muted">{title}</p>
      <dl className="mt-0.5 space-y-0.5">
        {rows.map((row) => (
          <div key={row.label} className="flex gap-1">
            <dt className="shrink-0 text-muted">{row.label}:</dt>
            <dd className="break-words">{row.value.length > 300 ? `${row.value.slice(0, 300)}…` : row.value}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
