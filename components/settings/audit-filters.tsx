import Link from "next/link";
import { buttonClass } from "@/components/ui/button";

const KIND_LABELS: Record<string, string> = {
  article: "Articles",
  claim: "Claims",
  source: "Sources",
  review: "Reviews",
  decision: "Verdicts",
  comment: "Comments",
  member: "Members",
  invitation: "Invitations",
  share_link: "Public links",
  workspace: "Workspace settings",
  user: "Accounts",
};

const fieldClass = "mt-1 block rounded-md border border-rule bg-white px-2 py-1.5 text-sm shadow-xs focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/30";

/** The audit log's filters: a plain GET form, so a filtered view is a link people can share. */
export function AuditFilters({ basePath, actors, kinds, values }: {
  basePath: string;
  actors: Array<{ id: string; name: string }>;
  kinds: readonly string[];
  values: { actor: string; kind: string; from: string; to: string };
}) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-rule bg-white p-4" aria-label="Filter events">
      <div>
        <label htmlFor="audit-actor" className="block text-sm font-medium">Who</label>
        <select id="audit-actor" name="actor" defaultValue={values.actor} className={fieldClass}>
          <option value="">Anyone</option>
          {actors.map((a) => (
            <option key={a.id} value={a.id}>{a.name}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-kind" className="block text-sm font-medium">What</label>
        <select id="audit-kind" name="kind" defaultValue={values.kind} className={fieldClass}>
          <option value="">Everything</option>
          {kinds.map((k) => (
            <option key={k} value={k}>{KIND_LABELS[k] ?? k}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="audit-from" className="block text-sm font-medium">From</label>
        <input id="audit-from" name="from" type="date" defaultValue={values.from} className={fieldClass} />
      </div>
      <div>
        <label htmlFor="audit-to" className="block text-sm font-medium">To</label>
        <input id="audit-to" name="to" type="date" defaultValue={values.to} className={fieldClass} />
      </div>
      <button type="submit" className={buttonClass("primary")}>Filter</button>
      <Link href={basePath} className="text-sm text-accent hover:underline">Clear</Link>
    </form>
  );
}
