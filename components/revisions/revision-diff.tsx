import { wordChanges } from "@/lib/domain/diff-groups";
import { DEL_CLASS, DiffMarks, INS_CLASS } from "./diff-marks";

/**
 * The differences between two texts, word by word. Inserted words are underlined, deleted ones
 * struck through, each with a label a screen reader announces, so colour never carries the
 * meaning alone. A rewritten phrase reads as the old words, then the new ones (groupChanges),
 * not as alternating single words.
 */
export function RevisionDiff({ before, after, fromLabel, toLabel }: { before: string; after: string; fromLabel: string; toLabel: string }) {
  const changes = wordChanges(before, after);
  if (!changes) return <p className="text-sm text-muted">These revisions differ too much to show word by word. Open each one to read it.</p>;
  const inserted = changes.filter((c) => c.kind === "added").length;
  const deleted = changes.filter((c) => c.kind === "removed").length;
  return (
    <figure>
      <figcaption className="text-sm text-muted">
        From {fromLabel} to {toLabel}: {inserted === 0 && deleted === 0 ? "no differences." : `${inserted} ${inserted === 1 ? "insertion" : "insertions"}, ${deleted} ${deleted === 1 ? "deletion" : "deletions"}.`}{" "}
        <span aria-hidden="true">
          <ins className={INS_CLASS}>inserted</ins> · <del className={DEL_CLASS}>deleted</del>
        </span>
      </figcaption>
      <div className="mt-3 whitespace-pre-wrap rounded-lg border border-rule bg-white p-4 font-serif text-base leading-relaxed">
        <DiffMarks changes={changes} labels={{ added: "inserted", removed: "deleted" }} />
      </div>
    </figure>
  );
}
