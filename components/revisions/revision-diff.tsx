import { diffWordsWithSpace } from "diff";
import { groupChanges } from "@/lib/domain/diff-groups";

/**
 * The differences between two texts, word by word. Inserted words are underlined, deleted ones
 * struck through, each with a label a screen reader announces, so colour never carries the
 * meaning alone. A rewritten phrase reads as the old words, then the new ones (groupChanges),
 * not as alternating single words.
 */
export function RevisionDiff({ before, after, fromLabel, toLabel }: { before: string; after: string; fromLabel: string; toLabel: string }) {
  const parts = diffWordsWithSpace(before, after, { timeout: 2000 });
  if (!parts) return <p className="text-sm text-muted">These revisions differ too much to show word by word. Open each one to read it.</p>;
  const changes = groupChanges(parts);
  const inserted = changes.filter((c) => c.kind === "added").length;
  const deleted = changes.filter((c) => c.kind === "removed").length;
  return (
    <figure>
      <figcaption className="text-sm text-muted">
        From {fromLabel} to {toLabel}: {inserted === 0 && deleted === 0 ? "no differences." : `${inserted} ${inserted === 1 ? "insertion" : "insertions"}, ${deleted} ${deleted === 1 ? "deletion" : "deletions"}.`}{" "}
        <span aria-hidden="true">
          <ins className="bg-emerald-50 text-emerald-900 underline decoration-2">inserted</ins> · <del className="bg-rose-50 text-rose-900 line-through decoration-2">deleted</del>
        </span>
      </figcaption>
      <div className="mt-3 whitespace-pre-wrap rounded-lg border border-rule bg-white p-4 font-serif text-base leading-relaxed">
        {changes.map((change, i) =>
          change.kind === "added" ? (
            <ins key={i} className="bg-emerald-50 text-emerald-900 underline decoration-2">
              <span className="sr-only">[inserted: </span>
              {change.value}
              <span className="sr-only">]</span>
            </ins>
          ) : change.kind === "removed" ? (
            <del key={i} className={`bg-rose-50 text-rose-900 line-through decoration-2${changes[i + 1]?.kind === "added" ? " mr-1" : ""}`}>
              <span className="sr-only">[deleted: </span>
              {change.value}
              <span className="sr-only">]</span>
            </del>
          ) : (
            <span key={i}>{change.value}</span>
          ),
        )}
      </div>
    </figure>
  );
}
