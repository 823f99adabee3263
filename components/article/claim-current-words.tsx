import { statementChanges } from "@/lib/domain/diff-groups";
import { DEL_CLASS, DiffMarks, INS_CLASS } from "../revisions/diff-marks";
import { ActionForm } from "../ui/action-form";
import type { FormAction } from "./claim-forms";

/** Same words, white space aside: a statement equal to its quote needs no second line. */
export const sameWords = (a: string, b: string) => a.replace(/\s+/g, " ").trim() === b.replace(/\s+/g, " ").trim();

/**
 * The claim's words as the article says them now, when they differ from the statement (a
 * revision changed "$4.2 million" to "$4.6 million", or the statement was reworded). Those who
 * may edit the claim can take the words as the statement with one button, through the claim's
 * ordinary edit action (its policy, version check and history). The words that differ are
 * marked, the statement's struck through and the text's underlined, as in the revision diff.
 */
export function ClaimCurrentWords({ claim, action }: { claim: { id: string; version: number; statement: string; claimant: string | null; quote: string; orphaned: boolean; status: string }; action: FormAction | null }) {
  if (claim.orphaned || !claim.quote.trim() || sameWords(claim.quote, claim.statement)) return null;
  const changes = statementChanges(claim.statement, claim.quote);
  return (
    <div className="rounded-md border border-rule bg-paper px-3 py-2 text-sm" data-testid="current-words">
      <p>
        <span className="font-medium">In the text now: </span>
        <span className="font-serif">“{changes ? <DiffMarks changes={changes} labels={{ removed: "statement", added: "text now" }} /> : claim.quote}”</span>
      </p>
      {changes ? (
        <p aria-hidden="true" className="mt-1 text-xs text-muted">
          <del className={DEL_CLASS}>struck through</del>: the statement’s words · <ins className={INS_CLASS}>underlined</ins>: the text’s
        </p>
      ) : null}
      {action && claim.status !== "PUBLISHED" ? (
        <ActionForm action={action} submitLabel="Use these words as the statement" pendingLabel="Updating…" variant="secondary" className="mt-2 flex flex-wrap items-center gap-2">
          <input type="hidden" name="claimId" value={claim.id} />
          <input type="hidden" name="version" value={claim.version} />
          <input type="hidden" name="statement" value={claim.quote} />
          <input type="hidden" name="claimant" value={claim.claimant ?? ""} />
        </ActionForm>
      ) : null}
    </div>
  );
}
