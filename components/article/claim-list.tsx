import Link from "next/link";
import type { ClaimListItem } from "@/lib/db/claims";
import { ratingLabel, type Rating } from "@/lib/domain/rating-scale";
import { CLAIM_STATUSES, STATUS_LABELS, type ClaimStatus } from "@/lib/domain/workflow";
import { StatusBadge } from "./status-badge";

export function ClaimList({ claims, allClaims, filter, hrefFor, filterHref, scale }: {
  claims: ClaimListItem[];
  allClaims: ClaimListItem[];
  filter: ClaimStatus | null;
  hrefFor: Record<string, string>;
  filterHref: (status: ClaimStatus | null) => string;
  scale: readonly Rating[];
}) {
  const counts = new Map<ClaimStatus, number>();
  for (const c of allClaims) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  const chip = (active: boolean) =>
    `rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset ${active ? "bg-ink text-white ring-ink" : "bg-white text-ink ring-rule hover:bg-paper"}`;

  return (
    <section aria-labelledby="claims-heading" className="rounded-lg border border-rule bg-white p-4 shadow-xs">
      <h2 id="claims-heading" className="font-semibold">Claims <span className="font-normal text-muted">({allClaims.length})</span></h2>
      <nav aria-label="Filter claims by status" className="mt-3 flex flex-wrap gap-1.5">
        <Link href={filterHref(null)} scroll={false} className={chip(filter === null)} aria-current={filter === null ? "page" : undefined}>All {allClaims.length}</Link>
        {CLAIM_STATUSES.filter((s) => counts.has(s)).map((s) => (
          <Link key={s} href={filterHref(s)} scroll={false} className={chip(filter === s)} aria-current={filter === s ? "page" : undefined}>
            {STATUS_LABELS[s]} {counts.get(s)}
          </Link>
        ))}
      </nav>
      {claims.length === 0 ? (
        <p className="mt-4 text-sm text-muted">{allClaims.length === 0 ? "No claims were detected. Select words in the article and choose “Add claim” to create one." : "No claims with this status."}</p>
      ) : (
        <ol className="mt-3 divide-y divide-rule">
          {claims.map((c) => (
            <li key={c.id}>
              <Link href={hrefFor[c.id] ?? "#"} scroll={false} className="block rounded px-1 py-2.5 hover:bg-paper">
                <span className="flex items-center gap-2">
                  <StatusBadge status={c.status} />
                  {c.publishedRating ? <span className="text-xs font-semibold">{ratingLabel(scale, c.publishedRating)}</span> : null}
                  <span className="ml-auto text-xs text-muted">{c.sourceCount} source{c.sourceCount === 1 ? "" : "s"}</span>
                </span>
                <span className="mt-1 line-clamp-2 block font-serif text-[0.95rem] leading-snug">{c.statement}</span>
                {c.claimant ? <span className="mt-0.5 block text-xs text-muted">{c.claimant}</span> : null}
              </Link>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
