"use client";

import Link from "next/link";
import { memo, useMemo } from "react";
import { ratingLabel, type Rating } from "@/lib/domain/rating-scale";
import { CLAIM_STATUSES, STATUS_LABELS, type ClaimStatus } from "@/lib/domain/workflow";
import type { LiveClaim } from "@/lib/realtime/change";
import { groupPresence, type PersonHere } from "@/lib/realtime/presence";
import { LinkPending } from "../keyboard/pending";
import { claimHref, useDrawnInFull } from "./article-text";
import { useLiveArticle } from "./live-article";
import { PeopleHere } from "./presence";
import { StatusBadge } from "./status-badge";

const filterHref = (base: string, status: ClaimStatus | null) => (status ? `${base}?status=${status}` : base);

/** One row; re-renders only when its claim (a new revision) or the people on it change. */
const ClaimRow = memo(function ClaimRow({ claim, href, scale, people }: { claim: LiveClaim; href: string; scale: readonly Rating[]; people: PersonHere[] }) {
  return (
    <li>
      <Link href={href} prefetch={false} scroll={false} className="block rounded px-1 py-2.5 hover:bg-paper" data-claim-id={claim.id}>
        <span className="flex items-center gap-2">
          <StatusBadge status={claim.status} />
          {claim.publishedRating ? <span className="text-xs font-semibold">{ratingLabel(scale, claim.publishedRating)}</span> : null}
          <span className="ml-auto flex items-center gap-2 text-xs text-muted">
            <PeopleHere people={people} size="sm" />
            {claim.sourceCount} source{claim.sourceCount === 1 ? "" : "s"}
          </span>
        </span>
        <span className="mt-1 line-clamp-2 block font-serif text-[0.95rem] leading-snug">{claim.statement}</span>
        {claim.claimant ? <span className="mt-0.5 block text-xs text-muted">{claim.claimant}</span> : null}
        <LinkPending />
      </Link>
    </li>
  );
});

const NOBODY: PersonHere[] = [];
/** Rows drawn with the page's first render; the rest follow right after (see useDrawnInFull). */
const FIRST_RENDER_ROWS = 40;

export function ClaimList({ base, filter, scale }: { base: string; filter: ClaimStatus | null; scale: readonly Rating[] }) {
  const { claims: allClaims, presence, viewerId } = useLiveArticle();
  const claims = filter ? allClaims.filter((c) => c.status === filter) : allClaims;
  const full = useDrawnInFull();
  const rows = full ? claims : claims.slice(0, FIRST_RENDER_ROWS);
  const counts = new Map<ClaimStatus, number>();
  for (const c of allClaims) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  // People by claim, with a stable empty list so rows without anyone do not re-render.
  const peopleOn = useMemo(() => {
    const map = new Map<string, PersonHere[]>();
    for (const person of groupPresence(presence, viewerId)) for (const id of person.claimIds) map.set(id, [...(map.get(id) ?? []), person]);
    return map;
  }, [presence, viewerId]);
  const chip = (active: boolean) =>
    `rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset ${active ? "bg-ink text-white ring-ink" : "bg-white text-ink ring-rule hover:bg-paper"}`;

  return (
    <section aria-labelledby="claims-heading" className="rounded-lg border border-rule bg-white p-4 shadow-xs">
      <h2 id="claims-heading" tabIndex={-1} className="font-semibold focus:outline-none">Claims <span className="font-normal text-muted">({allClaims.length})</span></h2>
      <nav aria-label="Filter claims by status" className="mt-3 flex flex-wrap gap-1.5">
        <Link href={filterHref(base, null)} prefetch={false} scroll={false} className={chip(filter === null)} aria-current={filter === null ? "page" : undefined}>All {allClaims.length}</Link>
        {CLAIM_STATUSES.filter((s) => counts.has(s)).map((s) => (
          <Link key={s} href={filterHref(base, s)} prefetch={false} scroll={false} className={chip(filter === s)} aria-current={filter === s ? "page" : undefined}>
            {STATUS_LABELS[s]} {counts.get(s)}
          </Link>
        ))}
      </nav>
      {claims.length === 0 ? (
        <p className="mt-4 text-sm text-muted">{allClaims.length === 0 ? "No claims were detected. Select words in the article and choose “Add claim” to create one." : "No claims with this status."}</p>
      ) : (
        <ol className="mt-3 divide-y divide-rule">
          {rows.map((c) => (
            <ClaimRow key={c.id} claim={c} href={claimHref(base, c.id, filter)} scale={scale} people={peopleOn.get(c.id) ?? NOBODY} />
          ))}
        </ol>
      )}
    </section>
  );
}
