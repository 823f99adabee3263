import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { StatusBadge } from "@/components/article/status-badge";
import { formatDateTime } from "@/components/format";
import { getSessionUser } from "@/lib/auth/guards";
import { listMyQueue, listOutdatedReuses, type OutdatedReuseItem, type QueueItem } from "@/lib/db/queue";
import { CLAIM_STATUSES, STATUS_LABELS, type ClaimStatus } from "@/lib/domain/workflow";
import { queueQuerySchema } from "@/lib/validation/queue";

export const metadata: Metadata = { title: "My queue" };

const DONE: ReadonlySet<ClaimStatus> = new Set(["PUBLISHED", "DISMISSED"]);

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * What is assigned to me, on every desk I am on: open work by status, oldest first; done work
 * last. The "Reused verdict out of date" filter lists instead every claim on those desks whose
 * reused verdict the original no longer stands by.
 */
export default async function QueuePage({ searchParams }: Props) {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const raw = await searchParams;
  const { show } = queueQuerySchema.parse({ show: typeof raw.show === "string" ? raw.show : undefined });
  if (show === "reused-outdated") return <OutdatedReuses userId={user.id} />;
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
      <QueueFilter show="assigned" />
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

/** The queue's filters, as the inbox shows its own: links, so each view has its address. */
function QueueFilter({ show }: { show: "assigned" | "reused-outdated" }) {
  return (
    <nav aria-label="Filter" className="mt-6 flex gap-1 border-b border-rule text-sm">
      {(["assigned", "reused-outdated"] as const).map((value) => (
        <Link
          key={value}
          href={value === "assigned" ? "/queue" : "/queue?show=reused-outdated"}
          aria-current={show === value ? "page" : undefined}
          className="-mb-px border-b-2 border-transparent px-3 py-2 text-muted hover:text-ink aria-[current=page]:border-ink aria-[current=page]:font-semibold aria-[current=page]:text-ink"
        >
          {value === "assigned" ? "Assigned to me" : "Reused verdict out of date"}
        </Link>
      ))}
    </nav>
  );
}

const claimHref = (slug: string, articleId: string, claimId: string) => `/w/${slug}/articles/${articleId}?claim=${claimId}`;

/** Every claim on my desks whose reused verdict is out of date, whoever it is assigned to. */
async function OutdatedReuses({ userId }: { userId: string }) {
  const items = await listOutdatedReuses(userId);
  const workspaces = [...new Map(items.map((i) => [i.workspace.slug, i.workspace])).values()];
  return (
    <main className="mx-auto max-w-4xl px-4 py-10 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold tracking-tight">My queue</h1>
      <p className="mt-1 text-muted">
        {items.length === 0
          ? "No reused verdict is out of date."
          : `${items.length} claim${items.length === 1 ? "" : "s"} show${items.length === 1 ? "s" : ""} a verdict reused from an original that was reopened or corrected since, oldest reuse first.`}
      </p>
      <QueueFilter show="reused-outdated" />
      {items.length === 0 ? (
        <div className="mt-8 rounded-lg border border-dashed border-rule bg-white p-10 text-center">
          <p className="font-medium">Every reused verdict is current</p>
          <p className="mt-1 text-sm text-muted">When an original claim is reopened or corrected, the duplicates that reused its verdict are listed here until they follow it.</p>
        </div>
      ) : null}
      {workspaces.map((workspace) => {
        const id = `reused-${workspace.slug}`;
        const mine = items.filter((i) => i.workspace.slug === workspace.slug);
        return (
          <section key={workspace.slug} aria-labelledby={id} className="mt-8">
            <h2 id={id} className="text-xs font-semibold uppercase tracking-wider text-muted">
              {workspace.name} <span className="font-normal">({mine.length})</span>
            </h2>
            <ul className="mt-2 divide-y divide-rule rounded-lg border border-rule bg-white" data-testid="reused-outdated-list">
              {mine.map((item) => <OutdatedReuse key={item.claimId} item={item} userId={userId} />)}
            </ul>
          </section>
        );
      })}
    </main>
  );
}

function OutdatedReuse({ item, userId }: { item: OutdatedReuseItem; userId: string }) {
  const change = item.change.latest
    ? `The original was corrected to ${item.change.latest.ratingLabel} on ${formatDateTime(item.change.latest.at)}${item.change.reopened ? " and is reopened again" : ""}.`
    : "The original was reopened for a correction.";
  const who =
    item.assignees.length === 0 ? "Unassigned" : `Assigned to ${item.assignees.map((a) => (a.id === userId ? "you" : a.name)).join(", ")}`;
  return (
    <li className="px-4 py-3">
      <Link href={claimHref(item.workspace.slug, item.article.id, item.claimId)} className="block rounded hover:bg-paper focus-visible:bg-paper">
        <span className="flex items-start gap-2">
          <StatusBadge status={item.status} />
          <span className="font-serif leading-snug">“{item.statement}”</span>
        </span>
        <span className="mt-1 block text-xs text-muted">
          {item.article.title} · reused verdict: <strong className="font-medium text-ink">{item.reused.ratingLabel}</strong> ({formatDateTime(item.reused.at)}) · {who}
        </span>
      </Link>
      <p className="mt-1 text-sm">
        <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-900 ring-1 ring-inset ring-amber-600/30">Out of date</span> {change}{" "}
        <Link href={claimHref(item.workspace.slug, item.original.articleId, item.original.id)} className="text-accent hover:underline">
          See the original
        </Link>
      </p>
    </li>
  );
}
