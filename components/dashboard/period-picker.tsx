import Link from "next/link";
import { PERIOD_PRESETS, PRESET_LABELS, type Period } from "@/lib/domain/dashboard";

const inputClass =
  "mt-1 block rounded-md border border-rule bg-white px-3 py-1.5 text-sm shadow-xs focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/30 aria-[invalid=true]:border-red-500";

/**
 * The period: preset links, and a plain GET form for custom days, so it works without script and
 * every period has an address to share. `errors` are the messages of a refused query, by field.
 */
export function PeriodPicker({ base, period, errors, values }: { base: string; period: Period | null; errors: Record<string, string>; values: { from: string; to: string } }) {
  const field = (name: "from" | "to", label: string) => (
    <div>
      <label htmlFor={`period-${name}`} className="block text-sm font-medium">{label}</label>
      <input
        id={`period-${name}`}
        name={name}
        type="date"
        defaultValue={values[name]}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `period-${name}-error` : undefined}
        className={inputClass}
      />
      {errors[name] ? <p id={`period-${name}-error`} className="mt-1 text-sm text-red-800">{errors[name]}</p> : null}
    </div>
  );
  return (
    <section aria-labelledby="period-heading" className="mt-6 rounded-lg border border-rule bg-white p-4">
      <h2 id="period-heading" className="text-sm font-semibold">Period</h2>
      <nav aria-label="Preset periods" className="mt-2 flex flex-wrap gap-1 text-sm">
        {PERIOD_PRESETS.map((preset) => {
          const current = period?.kind === preset;
          return (
            <Link key={preset} href={`${base}?period=${preset}`} aria-current={current ? "page" : undefined} className={`rounded-md px-3 py-1.5 ${current ? "bg-ink text-white" : "border border-rule bg-white hover:bg-paper"}`}>
              {PRESET_LABELS[preset]}
            </Link>
          );
        })}
      </nav>
      <form method="get" action={base} className="mt-4 flex flex-wrap items-end gap-3">
        {field("from", "From")}
        {field("to", "To (included)")}
        <button type="submit" className="inline-flex items-center rounded-md border border-rule bg-white px-3 py-1.5 text-sm font-medium hover:bg-paper">Show these days</button>
      </form>
      <p className="mt-2 text-xs text-muted">Days are in UTC. Leave one end empty for a period open at that end.</p>
    </section>
  );
}
