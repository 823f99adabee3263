import type { ReactNode } from "react";
import { Disclosure } from "@/components/ui/disclosure";
import { formatDuration, formatPercent, type DashboardData } from "@/lib/domain/dashboard";
import { BarChart } from "./bar-chart";
import { DataTable } from "./data-table";

function Section({ id, title, explains, children }: { id: string; title: string; explains: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg border border-rule bg-white p-5" data-section={id}>
      <h2 id={`${id}-heading`} className="font-serif text-xl font-semibold">{title}</h2>
      <p className="mt-1 max-w-3xl text-sm text-muted">{explains}</p>
      <div className="mt-4 space-y-4">{children}</div>
    </section>
  );
}

const Nothing = ({ children }: { children: ReactNode }) => <p className="rounded-md border border-dashed border-rule px-4 py-6 text-center text-sm text-muted">{children}</p>;
const hours = (seconds: number | null) => (seconds === null ? "–" : formatDuration(seconds));

export function StatusSection({ data }: { data: DashboardData }) {
  return (
    <Section id="statuses" title="Claims by status" explains={<>The claims detected or added in this period ({data.claimsInPeriod}), counted by the status they have today.</>}>
      {data.claimsInPeriod === 0 ? (
        <Nothing>No claims were detected or added in this period.</Nothing>
      ) : (
        <BarChart id="chart-statuses" title="Claims by status" rows={data.statuses.map((s) => ({ label: s.label, values: [s.count] }))} series={[{ name: "Claims", unit: ["claim", "claims"] }]} />
      )}
      <Disclosure summary="Show the table">
        <DataTable caption="Claims by status" columns={["Status", "Claims"]} rows={data.statuses.map((s) => [s.label, s.count])} footer={["Total", data.claimsInPeriod]} />
      </Disclosure>
    </Section>
  );
}

export function VerdictSection({ data }: { data: DashboardData }) {
  const label = (v: DashboardData["verdicts"][number]) => (v.retired ? `${v.label} (retired)` : v.label);
  return (
    <Section id="verdicts" title="Published verdicts by rating" explains={<>Each claim whose verdict was published in this period, counted once by its latest verdict in the period ({data.verdictsInPeriod} claims). Corrections replace the verdict they correct.</>}>
      {data.verdictsInPeriod === 0 ? (
        <Nothing>No verdicts were published in this period. Verdicts appear here once an editor publishes them from a claim in review.</Nothing>
      ) : (
        <BarChart id="chart-verdicts" title="Published verdicts by rating" rows={data.verdicts.map((v) => ({ label: label(v), values: [v.count] }))} series={[{ name: "Claims", unit: ["claim", "claims"] }]} />
      )}
      <Disclosure summary="Show the table">
        <DataTable caption="Published verdicts by rating" columns={["Rating", "Claims"]} rows={data.verdicts.map((v) => [label(v), v.count])} footer={["Total", data.verdictsInPeriod]} />
      </Disclosure>
    </Section>
  );
}

export function TimeSection({ data }: { data: DashboardData }) {
  const t = data.timeToVerdict;
  const inHours = (s: number | null) => (s === null ? 0 : Math.round((s / 3600) * 10) / 10);
  return (
    <Section id="time" title="Time to verdict" explains={<>From a claim&apos;s detection to its first published verdict, over the {t.claims} claim{t.claims === 1 ? "" : "s"} whose first verdict was published in this period. Half took less than the median; nine in ten took at most the 90th percentile.</>}>
      {t.claims === 0 ? (
        <Nothing>No first verdicts in this period yet.</Nothing>
      ) : (
        <>
          <dl className="grid max-w-xl grid-cols-2 gap-4">
            <div>
              <dt className="text-sm text-muted">Median</dt>
              <dd className="font-serif text-2xl font-semibold">{hours(t.medianSeconds)}</dd>
            </div>
            <div>
              <dt className="text-sm text-muted">90th percentile</dt>
              <dd className="font-serif text-2xl font-semibold">{hours(t.p90Seconds)}</dd>
            </div>
          </dl>
          <BarChart
            id="chart-time"
            title="Time from detection to first verdict"
            rows={[
              { label: "Median", values: [inHours(t.medianSeconds)], valueText: hours(t.medianSeconds) },
              { label: "90th percentile", values: [inHours(t.p90Seconds)], valueText: hours(t.p90Seconds) },
            ]}
          />
        </>
      )}
      <Disclosure summary="Show the table">
        <DataTable caption="Time to verdict" columns={["Measure", "Hours", "Readable"]} rows={[["Claims measured", t.claims, ""], ["Median", inHours(t.medianSeconds), hours(t.medianSeconds)], ["90th percentile", inHours(t.p90Seconds), hours(t.p90Seconds)]]} />
      </Disclosure>
    </Section>
  );
}

export function AgreementSection({ data }: { data: DashboardData }) {
  const a = data.agreement;
  const kappa = a.kappa;
  return (
    <Section
      id="agreement"
      title="Agreement between reviewers"
      explains={<>Over the claims with two or more independent reviews whose latest review was submitted in this period. Only counts of ratings are used here; nobody&apos;s individual rating is shown.</>}
    >
      {a.percentAgreement === null ? (
        <Nothing>Not enough reviews yet: agreement needs at least two claims with two or more reviews each ({a.claims === 1 ? "one claim qualifies so far" : "none qualifies so far"}).</Nothing>
      ) : (
        <>
          <dl className="grid max-w-3xl gap-4 sm:grid-cols-2">
            <div>
              <dt className="text-sm text-muted">Percent agreement</dt>
              <dd className="font-serif text-2xl font-semibold">{formatPercent(a.percentAgreement)}</dd>
              <dd className="text-sm text-muted">All reviews gave the same rating on {a.unanimous} of {a.claims} claims.</dd>
            </div>
            <div>
              <dt className="text-sm text-muted">Fleiss&apos; kappa</dt>
              <dd className="font-serif text-2xl font-semibold">{kappa ? (kappa.value === null ? "not defined" : kappa.value.toFixed(2)) : "not enough reviews yet"}</dd>
              <dd className="text-sm text-muted">
                {kappa
                  ? `Over the ${kappa.claims} claims with exactly ${kappa.raters} reviews (the most common number). ${kappa.value === null ? "Every review gave the same rating, so chance agreement is total and kappa has no value." : "1 is perfect agreement, 0 no better than chance."}`
                  : "Kappa needs two claims with the same number of reviews."}
              </dd>
            </div>
          </dl>
          <BarChart id="chart-agreement" title="Claims on which reviewers agree" rows={[{ label: "All reviews agree", values: [a.unanimous] }, { label: "Reviews differ", values: [a.claims - a.unanimous] }]} series={[{ name: "Claims", unit: ["claim", "claims"] }]} />
        </>
      )}
      <Disclosure summary="Show the table">
        <DataTable
          caption="Agreement between reviewers"
          columns={["Measure", "Value", "Claims covered"]}
          rows={[
            ["Claims with two or more reviews", a.claims, a.claims],
            ["Claims on which all reviews agree", a.unanimous, a.claims],
            ["Percent agreement", a.percentAgreement === null ? "not enough reviews yet" : formatPercent(a.percentAgreement), a.claims],
            [kappa ? `Fleiss' kappa (exactly ${kappa.raters} reviews)` : "Fleiss' kappa", kappa ? (kappa.value === null ? "not defined" : kappa.value.toFixed(3)) : "not enough reviews yet", kappa?.claims ?? 0],
          ]}
        />
      </Disclosure>
    </Section>
  );
}

export function WorkSection({ data }: { data: DashboardData }) {
  const active = data.work.filter((w) => w.reviews + w.sources + w.verdicts > 0);
  return (
    <Section id="work" title="Work per member" explains={<>Reviews submitted, sources added and verdicts published (corrections included) in this period, by each member who can do them.</>}>
      {active.length === 0 ? (
        <Nothing>Nobody has reviewed, added a source or published a verdict in this period.</Nothing>
      ) : (
        <BarChart
          id="chart-work"
          title="Work per member"
          rows={active.map((w) => ({ label: w.name, values: [w.reviews, w.sources, w.verdicts] }))}
          series={[
            { name: "Reviews", unit: ["review", "reviews"] },
            { name: "Sources", unit: ["source", "sources"] },
            { name: "Verdicts", unit: ["verdict", "verdicts"] },
          ]}
        />
      )}
      <Disclosure summary="Show the table">
        <DataTable caption="Work per member" columns={["Member", "Reviews submitted", "Sources added", "Verdicts published"]} rows={data.work.map((w) => [w.name, w.reviews, w.sources, w.verdicts])} />
      </Disclosure>
    </Section>
  );
}
