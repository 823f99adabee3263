import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { StatusBadge } from "@/components/article/status-badge";
import { formatDateTime } from "@/components/format";
import { getSessionUser } from "@/lib/auth/guards";
import { listMyQueue, type QueueItem } from "@/lib/db/queue";
import { CLAIM_STATUSES, STATUS_LABELS, type ClaimStatus } from "@/lib/domain/workflow";

export const metadata: Metadata = { title: "My queue" };

const DONE: ReadonlySet<ClaimStatus> = new Set(["PUBLISHED", "DISMISSED"]);

/** What is assigned to me, on every desk I am on: open work by status, oldest first; done work last. */
export default async function QueuePage() {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const items = await listMyQueue(user.id);
  const groups = CLAIM_STATUSES.map((status) => ({ status, items: items.filter((i) => i.status === status) })).filter((g) => g.items.length > 0);
  const open = groups.filter((g) => !DONE.has(g.status));
  const done = groups.filter((g) => DONE.has(g.status));
  const openCount = open.reduce((n, g) => n + g.items.length, 0);

  return (
    <main className="mx-auto max-w-4xl px-4 py-10 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold tracking-tight">My queue</h1>
      <p className="mt-1 text-muted">
        {openCount === 0 ? "Nothing open is assigned to you." : `${openCount} open claim${openCount === 1 ? "" : "s"} assigned to you, oldest first.`}
      </p>
      {items.length === 0 ? (
        <div className="mt-8 rounded-lg border border-dashed border-rule bg-white p-10 text-center">
          <p className="font-medium">No assignments yet</p>
          <p className="mt-1 text-sm text-muted">When an editor assigns you a claim, it appears here with its article and status, and in your inbox.</p>
        </div>
      ) : null}
      {open.map((group) => <Group key={group.status} status={group.status} items={group.items} />)}
      {done.length > 0 ? (
        <details className="mt-10">
          <summary className="cursor-pointer text-sm font-medium text-muted">Done ({done.reduce((n, g) => n + g.items.length, 0)})</summary>
          {done.map((group) => <Group key={group.status} status={group.status} items={group.items} />)}
        </details>
      ) : null}
    </main>
  );
}

function Group({ status, items }: { status: ClaimStatus; items: QueueItem[] }) {
  const id = `queue-${status.toLowerCase()}`;
  return (
    <section aria-labelledby={id} className="mt-8">
      <h2 id={id} className="text-xs font-semibold uppercase tracking-wider text-muted">
        {STATUS_LABELS[status]} <span className="font-normal">({items.length})</span>
      </h2>
      <ul className="mt-2 divide-y divide-rule rounded-lg border border-rule bg-white">
        {items.map((item) => (
          <li key={item.claimId}>
            <Link href={`/w/${item.workspace.slug}/articles/${item.article.id}?claim=${item.claimId}`} className="block px-4 py-3 hover:bg-paper focus-visible:bg-paper">
              <span className="flex items-start gap-2">
                <StatusBadge status={item.status} />
                <span className="font-serif leading-snug">“{item.statement}”</span>
              </span>
              <span className="mt-1 block text-xs text-muted">
                {item.article.title} · {item.workspace.name} · assigned {formatDateTime(item.assignedAt)}
              </span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
