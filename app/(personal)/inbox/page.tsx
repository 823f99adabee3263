import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { formatDateTime } from "@/components/format";
import { ActionForm } from "@/components/ui/action-form";
import { getSessionUser } from "@/lib/auth/guards";
import { countUnread, listInbox, type InboxLine } from "@/lib/db/inbox";
import { toDisplayText } from "@/lib/domain/comment-text";
import { STATUS_LABELS, type ClaimStatus } from "@/lib/domain/workflow";
import { inboxQuerySchema } from "@/lib/validation/inbox";
import { markAllNotificationsReadAction, markNotificationReadAction } from "./actions";

export const metadata: Metadata = { title: "Inbox" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const truncate = (text: string, max: number) => {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), max - 20)).trimEnd()}…`;
};

const statusName = (status: ClaimStatus | null) => (status ? STATUS_LABELS[status].toLowerCase() : "another step");

/** Who did what, in words. */
function sentence(line: InboxLine): string {
  const who = line.actorName ?? "Someone";
  switch (line.kind) {
    case "MENTION":
      return `${who} mentioned you in a comment`;
    case "ASSIGNMENT":
      return `${who} assigned you a claim`;
    case "STATUS":
      return `${who} moved a claim you are assigned from ${statusName(line.status?.from ?? null)} to ${statusName(line.status?.to ?? null)}`;
    case "REUSED_VERDICT_OUTDATED": {
      const on = line.claim ? `“${truncate(line.claim.statement, 80)}”` : "a claim";
      const what = line.reuse?.change === "corrected" ? `corrected to ${line.reuse.ratingLabel ?? "a new verdict"}` : "reopened";
      return `The verdict reused on ${on} is out of date: the original was ${what}${line.actorName ? ` by ${line.actorName}` : ""}`;
    }
  }
}

/** Mentions, assignments, status changes and out-of-date reused verdicts from every workspace the person is an active member of. */
export default async function InboxPage({ searchParams }: Props) {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const raw = await searchParams;
  const { show } = inboxQuerySchema.parse({ show: typeof raw.show === "string" ? raw.show : undefined });
  const [lines, unread] = await Promise.all([listInbox(user.id, { unreadOnly: show === "unread" }), countUnread(user.id)]);

  return (
    <main className="mx-auto max-w-4xl px-4 py-10 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="font-serif text-3xl font-semibold tracking-tight">Inbox</h1>
          <p className="mt-1 text-muted" data-testid="inbox-unread">
            {unread === 0 ? "Nothing unread." : `${unread} unread`}
          </p>
        </div>
        {unread > 0 ? (
          <ActionForm action={markAllNotificationsReadAction} submitLabel="Mark all read" pendingLabel="Marking…" variant="secondary" className="flex flex-wrap items-center gap-2">
            {null}
          </ActionForm>
        ) : null}
      </div>

      {raw.gone ? (
        <p role="status" className="mt-6 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm">
          That line leads nowhere now: its claim was removed, or you are no longer a member of its workspace.
        </p>
      ) : null}

      <nav aria-label="Filter" className="mt-6 flex gap-1 border-b border-rule text-sm">
        {(["all", "unread"] as const).map((value) => (
          <Link
            key={value}
            href={value === "all" ? "/inbox" : "/inbox?show=unread"}
            aria-current={show === value ? "page" : undefined}
            className="-mb-px border-b-2 border-transparent px-3 py-2 text-muted hover:text-ink aria-[current=page]:border-ink aria-[current=page]:font-semibold aria-[current=page]:text-ink"
          >
            {value === "all" ? "All" : `Unread (${unread})`}
          </Link>
        ))}
      </nav>

      {lines.length === 0 ? (
        <div className="mt-8 rounded-lg border border-dashed border-rule bg-white p-10 text-center">
          {show === "unread" ? (
            <>
              <p className="font-medium">You are all caught up</p>
              <p className="mt-1 text-sm text-muted">
                Nothing unread. <Link href="/inbox" className="text-accent underline underline-offset-2">See everything</Link>
              </p>
            </>
          ) : (
            <>
              <p className="font-medium">Nothing here yet</p>
              <p className="mt-1 text-sm text-muted">When someone mentions you in a comment, assigns you a claim, moves a claim you are assigned or changes a verdict your claim reused, it shows up here.</p>
            </>
          )}
        </div>
      ) : (
        <ol className="mt-4 divide-y divide-rule rounded-lg border border-rule bg-white" aria-label={show === "unread" ? "Unread lines" : "All lines"}>
          {lines.map((line) => (
            <InboxItem key={line.id} line={line} />
          ))}
        </ol>
      )}
    </main>
  );
}

function InboxItem({ line }: { line: InboxLine }) {
  const text = sentence(line);
  const body = (
    <>
      <span className={`block ${line.read ? "" : "font-semibold"}`}>
        {line.read ? null : <span className="sr-only">Unread: </span>}
        {text}
      </span>
      {line.reuse ? (
        // The line already quotes the duplicate: here, the original it follows.
        <span className="mt-0.5 block text-sm text-muted">
          {line.reuse.original ? <span className="block">Original: <span className="font-serif text-ink">“{truncate(line.reuse.original.statement, 140)}”</span></span> : null}
          <span className="block">{line.reuse.change === "corrected" ? "Open the claim to reuse the new verdict." : "Its correction is under way: nothing new to reuse yet."}</span>
        </span>
      ) : line.claim ? (
        <span className="mt-0.5 block font-serif leading-snug">“{truncate(line.claim.statement, 160)}”</span>
      ) : (
        <span className="mt-0.5 block text-muted">The claim has since been removed.</span>
      )}
      {line.commentBody ? <span className="mt-1 block border-l-2 border-rule pl-2 text-sm text-muted">{truncate(toDisplayText(line.commentBody), 200)}</span> : null}
      <span className="mt-1 block text-xs text-muted">
        {[line.claim?.articleTitle, line.workspace.name].filter(Boolean).join(" · ")} · <time dateTime={line.createdAt.toISOString()}>{formatDateTime(line.createdAt)}</time>
      </span>
    </>
  );
  return (
    <li className={`flex items-start gap-3 px-4 py-3 ${line.read ? "" : "border-l-4 border-l-accent bg-accent/5"}`} data-read={line.read ? "true" : "false"}>
      <span aria-hidden="true" className={`mt-1.5 size-2 shrink-0 rounded-full ${line.read ? "bg-transparent" : "bg-accent"}`} />
      <div className="min-w-0 flex-1">
        {line.claim ? (
          // A plain anchor: the route marks the line read, and must not be prefetched.
          <a href={`/inbox/open/${line.id}`} className="block rounded hover:bg-paper focus-visible:bg-paper">
            {body}
          </a>
        ) : (
          body
        )}
      </div>
      {line.read ? null : (
        <ActionForm action={markNotificationReadAction} submitLabel="Mark read" pendingLabel="Marking…" variant="ghost" className="flex shrink-0 flex-col items-end" ariaLabel={`Mark read: ${text}`}>
          <input type="hidden" name="notificationId" value={line.id} />
        </ActionForm>
      )}
    </li>
  );
}
