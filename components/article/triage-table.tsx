"use client";

import Link from "next/link";
import { useState } from "react";
import type { ClaimStatus } from "@/lib/domain/workflow";
import { ActionForm } from "../ui/action-form";
import { FormErrors, TextAreaField } from "../ui/field";
import { claimHref } from "./article-text";
import type { FormAction } from "./claim-forms";
import { StatusBadge } from "./status-badge";

export type TriageRow = {
  id: string;
  position: number;
  statement: string;
  claimant: string | null;
  status: ClaimStatus;
  score: number | null;
  reasons: string[];
};

/**
 * One line per claim with a checkbox; the selection feeds two bulk forms (queue, and dismiss
 * with a reason). The server applies them only to claims still detected.
 */
export function TriageTable({ rows, articleId, base, action }: { rows: TriageRow[]; articleId: string; base: string; action: FormAction }) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const selectable = rows.filter((r) => r.status === "DETECTED");
  const allSelected = selectable.length > 0 && selectable.every((r) => selected.has(r.id));
  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const ids = [...selected].join(",");
  const count = selected.size;
  const afterSave = () => setSelected(new Set());

  return (
    <div className="mt-4 space-y-4">
      <div className="sticky top-0 z-10 flex flex-wrap items-center gap-4 rounded-lg border border-rule bg-white/95 p-3 backdrop-blur">
        <p className="text-sm" aria-live="polite">
          <span className="font-medium">{count}</span> selected
        </p>
        <BulkForm action={action} articleId={articleId} ids={ids} status="QUEUED" label={`Queue ${count || ""} for checking`.replace("  ", " ")} disabled={count === 0} onDone={afterSave} />
        <details className="relative">
          <summary className="cursor-pointer list-none rounded-md border border-red-200 bg-white px-3 py-1.5 text-sm font-medium text-red-800 hover:bg-red-50">Dismiss {count || ""}…</summary>
          <div className="absolute left-0 z-20 mt-2 w-80 max-w-[calc(100vw-2rem)] rounded-lg border border-rule bg-white p-3 shadow-lg">
            <BulkForm action={action} articleId={articleId} ids={ids} status="DISMISSED" label="Dismiss selected" disabled={count === 0} onDone={afterSave} />
          </div>
        </details>
      </div>

      <div className="overflow-x-auto rounded-lg border border-rule bg-white">
        <table className="w-full table-fixed text-left text-sm">
          <caption className="sr-only">Claims to triage; the checkbox selects a claim for the bulk actions above.</caption>
          <thead className="border-b border-rule bg-paper text-xs uppercase tracking-wider text-muted">
            <tr>
              <th scope="col" className="w-10 px-3 py-2">
                <input
                  type="checkbox"
                  aria-label="Select every detected claim"
                  checked={allSelected}
                  disabled={selectable.length === 0}
                  onChange={() => setSelected(allSelected ? new Set() : new Set(selectable.map((r) => r.id)))}
                />
              </th>
              <th scope="col" className="w-12 px-2 py-2">#</th>
              <th scope="col" className="w-16 px-2 py-2">Score</th>
              <th scope="col" className="px-2 py-2">Claim</th>
              <th scope="col" className="hidden w-[30%] px-2 py-2 md:table-cell">Flagged because</th>
              <th scope="col" className="hidden w-36 px-2 py-2 sm:table-cell">Claimant</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-rule">
            {rows.map((row) => (
              <tr key={row.id} className={selected.has(row.id) ? "bg-accent/5" : undefined}>
                <td className="px-3 py-2 align-top">
                  <input type="checkbox" aria-label={`Select claim ${row.position}`} checked={selected.has(row.id)} disabled={row.status !== "DETECTED"} onChange={() => toggle(row.id)} />
                </td>
                <td className="px-2 py-2 align-top tabular-nums text-muted">{row.position}</td>
                <td className="px-2 py-2 align-top tabular-nums">{row.score === null ? "–" : `${Math.round(row.score * 100)}%`}</td>
                <td className="px-2 py-2 align-top">
                  <div className="flex min-w-0 items-center gap-2">
                    {row.status !== "DETECTED" ? <StatusBadge status={row.status} /> : null}
                    <Link href={claimHref(base, row.id, null)} className="block truncate font-serif text-[0.95rem] hover:underline" title={row.statement}>
                      {row.statement}
                    </Link>
                  </div>
                  {row.reasons.length > 0 ? <p className="mt-0.5 line-clamp-2 text-xs leading-5 text-muted md:hidden">Flagged because: {row.reasons.join("; ")}</p> : null}
                </td>
                <td className="hidden px-2 py-2 align-top text-xs leading-5 text-muted md:table-cell">
                  <span className="line-clamp-2">{row.reasons.length > 0 ? row.reasons.join("; ") : "—"}</span>
                </td>
                <td className="hidden px-2 py-2 align-top sm:table-cell">{row.claimant ?? <span className="text-muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function BulkForm({ action, articleId, ids, status, label, disabled, onDone }: { action: FormAction; articleId: string; ids: string; status: "QUEUED" | "DISMISSED"; label: string; disabled: boolean; onDone: () => void }) {
  const wrapped: FormAction = async (previous, data) => {
    const result = await action(previous, data);
    if (result.ok) onDone();
    return result;
  };
  return (
    <ActionForm action={wrapped} submitLabel={label} pendingLabel="Saving…" variant={status === "DISMISSED" ? "danger" : "primary"} className={status === "DISMISSED" ? "space-y-2" : "flex flex-wrap items-center gap-2"} disabled={disabled}>
      <input type="hidden" name="articleId" value={articleId} />
      <input type="hidden" name="status" value={status} />
      <input type="hidden" name="claimIds" value={ids} />
      <FormErrors names={["articleId", "status", "claimIds"]} />
      {status === "DISMISSED" ? <TextAreaField name="reason" label="Reason" required rows={2} hint="Why these are not worth checking; each claim keeps it." /> : null}
    </ActionForm>
  );
}
