import type { Metadata } from "next";
import Link from "next/link";
import { AgreementSection, StatusSection, TimeSection, VerdictSection, WorkSection } from "@/components/dashboard/dashboard-sections";
import { PeriodPicker } from "@/components/dashboard/period-picker";
import { buttonClass } from "@/components/ui/button";
import { requirePageAction } from "@/lib/auth/guards";
import { getDashboard } from "@/lib/db/dashboard";
import { resolvePeriod } from "@/lib/domain/dashboard";
import { dashboardQueryErrors, dashboardQuerySchema } from "@/lib/validation/dashboard";

export const metadata: Metadata = { title: "Dashboard" };

type Props = {
  params: Promise<{ workspace: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? (v[0] ?? "") : (v ?? ""));

/** The desk's figures for a period (editors and admins): statuses, verdicts, time to verdict, agreement, work. */
export default async function DashboardPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const raw = await searchParams;
  const member = await requirePageAction(slug, "dashboard:read");

  const base = `/w/${slug}/dashboard`;
  const parsed = dashboardQuerySchema.safeParse(raw);
  const period = parsed.success ? resolvePeriod(parsed.data, new Date()) : null;
  const errors = parsed.success ? {} : dashboardQueryErrors(parsed.error);
  const data = period ? await getDashboard(member.workspace.id, member.workspace.ratingScale, period) : null;
  const query = new URLSearchParams(period?.kind === "custom" ? { from: period.fromDay, to: period.toDay } : { period: period?.kind ?? "30d" });
  const formValues = period?.kind === "custom" || !period ? { from: first(raw.from), to: first(raw.to) } : { from: "", to: "" };

  return (
    <main className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="font-serif text-3xl font-semibold tracking-tight">Desk dashboard</h1>
          <p className="mt-1 text-muted">
            {member.workspace.name}
            {period ? ` · ${period.label}` : ""}
          </p>
        </div>
        {data?.hasClaims ? (
          <a href={`${base}/export?${query}`} className={buttonClass("secondary")} download>
            Download CSV
          </a>
        ) : null}
      </div>

      <PeriodPicker base={base} period={period} errors={errors} values={formValues} />

      {!period || !data ? (
        <div role="alert" className="mt-6 rounded-lg border border-red-200 bg-red-50 p-4 text-sm text-red-900">
          <p className="font-medium">These dates cannot be shown.</p>
          <p className="mt-1">{Object.values(errors).join(" ")} Correct them above, or choose a preset period.</p>
        </div>
      ) : !data.hasClaims ? (
        <div className="mt-8 rounded-lg border border-dashed border-rule bg-white p-10 text-center">
          <p className="font-medium">No claims yet</p>
          <p className="mx-auto mt-1 max-w-xl text-sm text-muted">
            This dashboard fills in as the desk works: claims by status once an article is imported and its claims detected, verdicts and
            the time they took once editors publish, agreement once claims have two independent reviews, and each member&apos;s reviews,
            sources and verdicts.
          </p>
          <Link href={`/w/${slug}/articles/new`} className={`${buttonClass("primary")} mt-4`}>Import an article</Link>
        </div>
      ) : (
        <div className="mt-8 space-y-6">
          <StatusSection data={data} />
          <VerdictSection data={data} />
          <TimeSection data={data} />
          <AgreementSection data={data} />
          <WorkSection data={data} />
        </div>
      )}
    </main>
  );
}
