import { STATUS_LABELS, type ClaimStatus } from "@/lib/domain/workflow";

const STYLES: Record<ClaimStatus, string> = {
  DETECTED: "bg-yellow-50 text-yellow-900 ring-yellow-600/30",
  QUEUED: "bg-violet-50 text-violet-900 ring-violet-600/30",
  RESEARCHING: "bg-blue-50 text-blue-900 ring-blue-600/30",
  IN_REVIEW: "bg-orange-50 text-orange-900 ring-orange-600/30",
  PUBLISHED: "bg-emerald-50 text-emerald-900 ring-emerald-600/30",
  DISMISSED: "bg-gray-50 text-gray-600 ring-gray-400/30",
  REOPENED: "bg-rose-50 text-rose-900 ring-rose-600/30",
};

// Shapes as well as colours, so status never depends on colour alone.
const ICONS: Record<ClaimStatus, string> = {
  DETECTED: "○",
  QUEUED: "◔",
  RESEARCHING: "◑",
  IN_REVIEW: "◕",
  PUBLISHED: "●",
  DISMISSED: "×",
  REOPENED: "↺",
};

export function StatusBadge({ status }: { status: ClaimStatus }) {
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STYLES[status]}`}>
      <span aria-hidden="true">{ICONS[status]}</span>
      <span>{STATUS_LABELS[status]}</span>
    </span>
  );
}
