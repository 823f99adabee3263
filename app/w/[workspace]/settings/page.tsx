import type { Metadata } from "next";
import { CheckboxField } from "@/components/settings/checkbox-field";
import { SettingsPanel, SettingsShell } from "@/components/settings/settings-shell";
import { ActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/field";
import type { WorkspaceActionFn } from "@/lib/actions/workspace-action";
import { requirePageAction } from "@/lib/auth/guards";
import { RULE_LIMITS } from "@/lib/domain/publishing";
import { getPublisherSettings } from "@/lib/db/report-publisher";
import { MAX_ORGANIZATION_NAME } from "@/lib/validation/publisher";
import { MAX_WORKSPACE_NAME } from "@/lib/validation/settings";
import { countRescoreCandidates } from "@/lib/db/rescore";
import { renameWorkspaceAction, setArchivedAction, setPublisherAction, setPublishingRulesAction } from "./actions";
import { rescoreClaimsAction } from "./detection-actions";

export const metadata: Metadata = { title: "Settings" };

/** General settings (admins): the workspace's name, its publishing rules, archiving it. */
export default async function GeneralSettingsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const member = await requirePageAction(slug, "settings:manage");
  const { workspace } = member;
  const bound = (action: WorkspaceActionFn) => action.bind(null, slug);
  const archived = workspace.archivedAt !== null;
  const [publisher, rescorable] = await Promise.all([getPublisherSettings(workspace.id), countRescoreCandidates(workspace.id)]);
  const count = (n: number) => `${n.toLocaleString("en-US")} ${n === 1 ? "claim" : "claims"}`;

  return (
    <SettingsShell workspace={workspace} current="general" title="General" intro="How this desk is named and the rules every verdict must meet before it is published.">
      <SettingsPanel id="name-heading" title="Name" description={`People see it in the header and in their list of workspaces. Its address stays /w/${slug}.`}>
        <ActionForm action={bound(renameWorkspaceAction)} submitLabel="Save name" className="flex flex-wrap items-end gap-3">
          <div className="w-full max-w-sm">
            <TextField name="name" label="Workspace name" required maxLength={MAX_WORKSPACE_NAME} defaultValue={workspace.name} />
          </div>
        </ActionForm>
      </SettingsPanel>

      <SettingsPanel id="publisher-heading" title="Publisher" description="Named on public report links and as the author of the schema.org ClaimReview markup search engines read. Without a name, the workspace name is used.">
        <ActionForm action={bound(setPublisherAction)} submitLabel="Save publisher">
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField name="organizationName" label="Organisation name" maxLength={MAX_ORGANIZATION_NAME} defaultValue={publisher.organizationName ?? ""} placeholder={workspace.name} />
            <TextField name="organizationUrl" label="Organisation website" type="url" defaultValue={publisher.organizationUrl ?? ""} placeholder="https://" />
          </div>
        </ActionForm>
      </SettingsPanel>

      <SettingsPanel id="rules-heading" title="Publishing rules" description="The publishing gate checks these on every route before a verdict goes out; the claim panel lists whatever is missing.">
        <ActionForm action={bound(setPublishingRulesAction)} submitLabel="Save rules">
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              name="minSourcesToPublish"
              label="Independent sources"
              type="number"
              required
              min={RULE_LIMITS.minSources.min}
              max={RULE_LIMITS.minSources.max}
              defaultValue={String(workspace.minSourcesToPublish)}
              hint={`From different sites; ${RULE_LIMITS.minSources.min} to ${RULE_LIMITS.minSources.max}.`}
            />
            <TextField
              name="minReviewsToPublish"
              label="Independent reviews"
              type="number"
              required
              min={RULE_LIMITS.minReviews.min}
              max={RULE_LIMITS.minReviews.max}
              defaultValue={String(workspace.minReviewsToPublish)}
              hint={`By different reviewers; ${RULE_LIMITS.minReviews.min} to ${RULE_LIMITS.minReviews.max}.`}
            />
          </div>
          <CheckboxField name="fourEyes" label="Four eyes" defaultChecked={workspace.fourEyes} hint="Someone other than the publisher must have reviewed the claim." />
        </ActionForm>
      </SettingsPanel>

      <SettingsPanel
        id="detection-heading"
        title="Detection"
        description={
          <>
            Claims keep the check-worthiness score they were given when their article was imported, so claims found by an earlier detector still carry its scores. Re-scoring gives them the current detector&apos;s score; their words, statements and statuses never change, and each article&apos;s change is recorded in the audit log. The reasons shown under “Why it was flagged” always come from the current detector.
          </>
        }
      >
        <p className="mb-3 text-sm">
          {count(rescorable.untouched)} still as the detector left them (not yet triaged, edited or reviewed); {count(rescorable.all)} found by the detector in all.
        </p>
        <ActionForm action={bound(rescoreClaimsAction)} submitLabel="Re-score claims" pendingLabel="Re-scoring…" variant="secondary" disabled={archived || rescorable.all === 0}>
          <CheckboxField name="all" label="Include claims the desk has worked on" hint="Triaged, reworded, reviewed, published and dismissed claims too. Their scores change; nothing else does." />
        </ActionForm>
      </SettingsPanel>

      <SettingsPanel
        id="archive-heading"
        title={archived ? "Restore the workspace" : "Archive the workspace"}
        tone={archived ? "plain" : "danger"}
        description={
          archived
            ? "Restoring makes it appear in people's workspace lists again and lets the desk work in it."
            : "A workspace with history is archived, never deleted. Archived, it leaves everyone's list of workspaces and nothing in it can change; its articles, reports and audit log stay readable at its address, and you can restore it here."
        }
      >
        <ActionForm
          action={bound(setArchivedAction)}
          submitLabel={archived ? "Restore workspace" : "Archive workspace"}
          variant={archived ? "secondary" : "danger"}
          confirm={archived ? undefined : `Archive ${workspace.name}? Nobody will be able to change anything in it until an admin restores it.`}
        >
          <input type="hidden" name="archived" value={archived ? "false" : "true"} />
        </ActionForm>
      </SettingsPanel>
    </SettingsShell>
  );
}
