import type { Metadata } from "next";
import { SettingsPanel, SettingsShell } from "@/components/settings/settings-shell";
import { ActionForm } from "@/components/ui/action-form";
import { TextField } from "@/components/ui/field";
import type { WorkspaceActionFn } from "@/lib/actions/workspace-action";
import { requirePageAction } from "@/lib/auth/guards";
import { MAX_WORKSPACE_NAME } from "@/lib/validation/settings";
import { createWorkspaceAction } from "../actions";

export const metadata: Metadata = { title: "New workspace" };

/** A new workspace for another desk (admins of this one); its creator becomes its first admin. */
export default async function NewWorkspacePage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const member = await requirePageAction(slug, "workspace:create");
  const bound = (action: WorkspaceActionFn) => action.bind(null, slug);

  return (
    <SettingsShell
      workspace={member.workspace}
      current="new-workspace"
      title="New workspace"
      intro="A separate desk with its own members, articles, rating scale and rules. Nothing is shared between workspaces. You become its first admin and can invite people from its settings."
    >
      <SettingsPanel id="create-heading" title="Create a workspace">
        <ActionForm action={bound(createWorkspaceAction)} submitLabel="Create workspace" pendingLabel="Creating…">
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField name="name" label="Name" required maxLength={MAX_WORKSPACE_NAME} placeholder="e.g. Politics Desk" />
            <TextField name="slug" label="Address" required maxLength={48} placeholder="e.g. politics" hint="Lower-case letters, digits and hyphens; the workspace lives at /w/ followed by this. It cannot be changed later." />
          </div>
        </ActionForm>
      </SettingsPanel>
    </SettingsShell>
  );
}
