import type { DiffGroup } from "@/lib/domain/diff-groups";

export const INS_CLASS = "bg-emerald-50 text-emerald-900 underline decoration-2";
export const DEL_CLASS = "bg-rose-50 text-rose-900 line-through decoration-2";

/**
 * Grouped word changes drawn inline: inserted words underlined, deleted ones struck through,
 * each with words a screen reader announces (`labels`), so colour never carries the meaning alone.
 */
export function DiffMarks({ changes, labels }: { changes: DiffGroup[]; labels: { added: string; removed: string } }) {
  return changes.map((change, i) =>
    change.kind === "added" ? (
      <ins key={i} className={INS_CLASS}>
        <span className="sr-only">[{labels.added}: </span>
        {change.value}
        <span className="sr-only">]</span>
      </ins>
    ) : change.kind === "removed" ? (
      <del key={i} className={`${DEL_CLASS}${changes[i + 1]?.kind === "added" ? " mr-1" : ""}`}>
        <span className="sr-only">[{labels.removed}: </span>
        {change.value}
        <span className="sr-only">]</span>
      </del>
    ) : (
      <span key={i}>{change.value}</span>
    ),
  );
}
