import type { Metadata } from "next";
import { SettingsPanel, SettingsShell } from "@/components/settings/settings-shell";
import { ActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/field";
import type { WorkspaceActionFn } from "@/lib/actions/workspace-action";
import { requirePageAction } from "@/lib/auth/guards";
import { activeRatings } from "@/lib/domain/rating-scale";
import { MAX_RATING_LABEL } from "@/lib/validation/settings";
import { addRatingAction, moveRatingAction, renameRatingAction, retireRatingAction } from "../actions";

export const metadata: Metadata = { title: "Rating scale" };

/** The rating scale (admins): add, rename, reorder, retire and restore ratings; nothing is deleted. */
export default async function RatingScalePage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const member = await requirePageAction(slug, "settings:manage");
  const scale = member.workspace.ratingScale;
  const lastActive = activeRatings(scale).length === 1;
  const bound = (action: WorkspaceActionFn) => action.bind(null, slug);

  return (
    <SettingsShell
      workspace={member.workspace}
      current="ratings"
      title="Rating scale"
      intro="The verdicts reviewers and editors choose from, in this order. A retired rating is no longer offered for new reviews and verdicts, but everything already rated with it keeps its label. Ratings are never deleted."
    >
      <ol className="divide-y divide-rule rounded-lg border border-rule bg-white" aria-label="Ratings">
        {scale.map((rating, index) => (
          <li key={rating.key} className="flex flex-wrap items-end gap-3 px-4 py-3">
            <ActionForm action={bound(renameRatingAction)} submitLabel="Save label" variant="secondary" ariaLabel={`Save label for ${rating.label}`} className="flex flex-1 flex-wrap items-end gap-2">
              <input type="hidden" name="key" value={rating.key} />
              <div className="min-w-48 flex-1">
                <TextField name="label" label={`Label ${index + 1}${rating.retired ? " (retired)" : ""}`} required maxLength={MAX_RATING_LABEL} defaultValue={rating.label} />
              </div>
            </ActionForm>
            <div className="flex items-center gap-1">
              <ActionForm action={bound(moveRatingAction)} submitLabel="↑" ariaLabel={`Move ${rating.label} up`} variant="secondary" disabled={index === 0} className="flex">
                <input type="hidden" name="key" value={rating.key} />
                <input type="hidden" name="direction" value="up" />
              </ActionForm>
              <ActionForm action={bound(moveRatingAction)} submitLabel="↓" ariaLabel={`Move ${rating.label} down`} variant="secondary" disabled={index === scale.length - 1} className="flex">
                <input type="hidden" name="key" value={rating.key} />
                <input type="hidden" name="direction" value="down" />
              </ActionForm>
            </div>
            <ActionForm
              action={bound(retireRatingAction)}
              submitLabel={rating.retired ? "Restore" : "Retire"}
              ariaLabel={`${rating.retired ? "Restore" : "Retire"} ${rating.label}`}
              variant={rating.retired ? "secondary" : "danger"}
              disabled={!rating.retired && lastActive}
              className="flex flex-wrap items-center gap-2"
            >
              <input type="hidden" name="key" value={rating.key} />
              <input type="hidden" name="retired" value={rating.retired ? "false" : "true"} />
            </ActionForm>
          </li>
        ))}
      </ol>
      {lastActive ? <p className="text-sm text-muted">At least one rating must stay in use, so the last one cannot be retired.</p> : null}

      <SettingsPanel id="add-rating-heading" title="Add a rating" description="It goes to the end of the scale; move it where it belongs.">
        <ActionForm action={bound(addRatingAction)} submitLabel="Add rating" resetOnSuccess className="flex flex-wrap items-end gap-3">
          <div className="w-full max-w-sm">
            <TextField name="label" label="New rating" required maxLength={MAX_RATING_LABEL} placeholder="e.g. Lacks context" />
          </div>
        </ActionForm>
      </SettingsPanel>
    </SettingsShell>
  );
}
