import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { SECURITY_KINDS } from "./security-text";

const fieldClass = "mt-1 block rounded-md border border-rule bg-white px-2 py-1.5 text-sm shadow-xs focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/30";

/** The security log's filters: a plain GET form, so a filtered view is a link. */
export function SecurityFilters({ basePath, people, values }: { basePath: string; people: Array<{ id: string; name: string }>; values: { person: string; kind: string } }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg border border-rule bg-white p-4" aria-label="Filter security events">
      <div>
        <label htmlFor="security-person" className="block text-sm font-medium">Who</label>
        <select id="security-person" name="person" defaultValue={values.person} className={fieldClass}>
          <option value="">Anyone</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>{p.name}</option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="security-kind" className="block text-sm font-medium">What</label>
        <select id="security-kind" name="kind" defaultValue={values.kind} className={fieldClass}>
          <option value="">Everything</option>
          {Object.entries(SECURITY_KINDS).map(([kind, { label }]) => (
            <option key={kind} value={kind}>{label}</option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass("primary")}>Filter</button>
      <Link href={basePath} className="text-sm text-accent hover:underline">Clear</Link>
    </form>
  );
}
