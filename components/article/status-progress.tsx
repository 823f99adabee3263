import { CLAIM_STATUSES, STATUS_LABELS, type ClaimStatus } from "@/lib/domain/workflow";

// Bar colours follow the status badges; the words below the bar carry the same numbers, so
// nothing depends on colour.
const BAR: Record<ClaimStatus, string> = {
  DETECTED: "bg-yellow-300",
  QUEUED: "bg-violet-400",
  RESEARCHING: "bg-blue-500",
  IN_REVIEW: "bg-orange-400",
  PUBLISHED: "bg-emerald-600",
  DISMISSED: "bg-gray-300",
  REOPENED: "bg-rose-500",
};

/** An article's claims by status: a thin stacked bar and the counts in words. */
export function StatusProgress({ byStatus }: { byStatus: Partial<Record<ClaimStatus, number>> }) {
  const parts = CLAIM_STATUSES.map((status) => ({ status, count: byStatus[status] ?? 0 })).filter((p) => p.count > 0);
  const total = parts.reduce((n, p) => n + p.count, 0);
  if (total === 0) return <p className="mt-2 text-sm text-muted">No claims yet.</p>;
  return (
    <div className="mt-3">
      <div className="flex h-1.5 w-full max-w-md overflow-hidden rounded-full bg-rule" aria-hidden="true">
        {parts.map((p) => (
          <span key={p.status} className={BAR[p.status]} style={{ width: `${(p.count / total) * 100}%` }} />
        ))}
      </div>
      <p className="mt-1.5 text-sm text-muted">
        {parts.map((p, i) => (
          <span key={p.status}>
            {i > 0 ? " · " : ""}
            <span className="font-medium text-ink">{p.count}</span> {STATUS_LABELS[p.status].toLowerCase()}
          </span>
        ))}
      </p>
    </div>
  );
}
