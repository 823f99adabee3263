import type { Metadata } from "next";
import Link from "next/link";
import { StatusBadge } from "@/components/article/status-badge";
import { formatDate, toDateInput } from "@/components/format";
import { Snippet } from "@/components/search/snippet";
import { buttonClass } from "@/components/ui/button";
import { authorizeRole, requirePageMember } from "@/lib/auth/guards";
import { searchWorkspace, type SearchResult } from "@/lib/db/search";
import { listAssignableMembers } from "@/lib/db/workspaces";
import { activeRatings, ratingLabel } from "@/lib/domain/rating-scale";
import { SEARCH_KINDS, SEARCH_KIND_LABELS, queryWords, resultHref } from "@/lib/domain/search";
import { CLAIM_STATUSES, STATUS_LABELS } from "@/lib/domain/workflow";
import { searchSchema, type SearchInput } from "@/lib/validation/search";

export const metadata: Metadata = { title: "Search" };

type Props = { params: Promise<{ workspace: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const field = "mt-1 block w-full rounded-md border border-rule bg-white px-3 py-2 text-sm shadow-xs focus:border-accent focus:outline-none focus:ring-2 focus:ring-accent/30";
const label = "block text-sm font-medium";

// Repeated parameters (?q=a&q=b) count once: the first.
const firstValues = (raw: Record<string, string | string[] | undefined>) => Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));

export default async function SearchPage({ params, searchParams }: Props) {
  const { workspace: slug } = await params;
  const member = await requirePageMember(slug);
  authorizeRole(member, "workspace:read");
  const parsed = searchSchema.safeParse(firstValues(await searchParams));
  const input: SearchInput = parsed.success ? parsed.data : { q: "" };
  const problem = parsed.success ? null : (parsed.error.issues[0]?.message ?? "Check the filters.");
  const [results, members] = await Promise.all([searchWorkspace(member.workspace.id, input), listAssignableMembers(member.workspace.id)]);
  const scale = member.workspace.ratingScale;
  const searched = queryWords(input.q).length > 0 || Boolean(input.status || input.rating || input.assignee || input.claimant || input.from || input.to);

  return (
    <main className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold tracking-tight">Search</h1>
      <p className="mt-1 text-muted">Articles, claims, sources and comments in {member.workspace.name}. Every word must match; the last one may be the start of a word.</p>

      <form role="search" method="get" action={`/w/${slug}/search`} className="mt-6 space-y-4 rounded-lg border border-rule bg-white p-4">
        <div className="flex gap-2">
          <label htmlFor="search-q" className="sr-only">Search words</label>
          <input id="search-q" name="q" type="search" defaultValue={input.q} maxLength={500} autoFocus placeholder="e.g. unemployment ohio" className={`${field} mt-0`} />
          <button type="submit" className={buttonClass("primary")}>Search</button>
        </div>
        <fieldset>
          <legend className="text-sm font-medium text-muted">Filters</legend>
          <div className="mt-2 grid gap-3 sm:grid-cols-2 lg:grid-cols-4">
            <div>
              <label htmlFor="search-type" className={label}>Kind</label>
              <select id="search-type" name="type" defaultValue={input.type ?? ""} className={field}>
                <option value="">Everything</option>
                {SEARCH_KINDS.map((k) => <option key={k} value={k}>{SEARCH_KIND_LABELS[k]}s</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="search-status" className={label}>Status</label>
              <select id="search-status" name="status" defaultValue={input.status ?? ""} className={field}>
                <option value="">Any status</option>
                {CLAIM_STATUSES.map((s) => <option key={s} value={s}>{STATUS_LABELS[s]}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="search-rating" className={label}>Published rating</label>
              <select id="search-rating" name="rating" defaultValue={input.rating ?? ""} className={field}>
                <option value="">Any rating</option>
                {activeRatings(scale).map((r) => <option key={r.key} value={r.key}>{r.label}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="search-assignee" className={label}>Assignee</label>
              <select id="search-assignee" name="assignee" defaultValue={input.assignee ?? ""} className={field}>
                <option value="">Anyone</option>
                {members.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
              </select>
            </div>
            <div>
              <label htmlFor="search-claimant" className={label}>Claimant</label>
              <input id="search-claimant" name="claimant" defaultValue={input.claimant ?? ""} maxLength={200} className={field} />
            </div>
            <div>
              <label htmlFor="search-from" className={label}>From</label>
              <input id="search-from" name="from" type="date" defaultValue={toDateInput(input.from)} className={field} />
            </div>
            <div>
              <label htmlFor="search-to" className={label}>To</label>
              <input id="search-to" name="to" type="date" defaultValue={toDateInput(input.to)} className={field} />
            </div>
            <div className="flex items-end">
              <Link href={`/w/${slug}/search`} className={buttonClass("ghost")}>Clear</Link>
            </div>
          </div>
        </fieldset>
      </form>

      <section aria-labelledby="results-heading" className="mt-8">
        <h2 id="results-heading" className="sr-only">Results</h2>
        <p role="status" aria-live="polite" className="text-sm text-muted">
          {problem ? problem : !searched ? "Type a few words, or choose filters." : results.length === 0 ? "Nothing matches." : `${results.length}${results.length === (input.limit ?? 20) ? "+" : ""} result${results.length === 1 ? "" : "s"}, best match first.`}
        </p>
        <ol className="mt-3 divide-y divide-rule rounded-lg border border-rule bg-white">
          {results.map((r) => <ResultItem key={`${r.kind}-${r.id}`} result={r} slug={slug} rating={ratingLabel(scale, r.publishedRating)} />)}
        </ol>
      </section>
    </main>
  );
}

function ResultItem({ result: r, slug, rating }: { result: SearchResult; slug: string; rating: string | null }) {
  return (
    <li className="p-4">
      <div className="flex flex-wrap items-center gap-2 text-xs text-muted">
        <span className="rounded bg-paper px-1.5 py-0.5 font-medium uppercase tracking-wide text-ink/80">{SEARCH_KIND_LABELS[r.kind]}</span>
        {r.status ? <StatusBadge status={r.status} /> : null}
        {rating ? <span className="rounded-full bg-emerald-50 px-2 py-0.5 font-medium text-emerald-900 ring-1 ring-inset ring-emerald-600/30">Rated: {rating}</span> : null}
        {r.claimant ? <span>Claimant: {r.claimant}</span> : null}
        <span>{formatDate(r.createdAt)}</span>
      </div>
      <h3 className="mt-2 font-medium">
        <Link href={resultHref(slug, r)} className="text-accent hover:underline">{r.kind === "claim" ? <Snippet value={r.snippet} /> : r.heading}</Link>
      </h3>
      {r.kind !== "claim" ? <p className="mt-1 text-sm leading-relaxed"><Snippet value={r.snippet} /></p> : null}
      {r.kind !== "article" ? <p className="mt-1 text-xs text-muted">In “{r.articleTitle}”</p> : null}
    </li>
  );
}
