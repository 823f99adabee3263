import type { Metadata } from "next";
import { formatDateTime } from "@/components/format";
import { InvitationForm } from "@/components/settings/invitation-form";
import { SettingsPanel, SettingsShell } from "@/components/settings/settings-shell";
import { ActionForm } from "@/components/ui/action-form";
import type { WorkspaceActionFn } from "@/lib/actions/workspace-action";
import { requirePageAction } from "@/lib/auth/guards";
import { ROLE_LABELS } from "@/lib/auth/policy";
import { listPendingInvitations } from "@/lib/db/invitations";
import { createInvitationAction, revokeInvitationAction } from "../actions";

export const metadata: Metadata = { title: "Invitations" };

/** Invitations (admins): make a single-use link for a role, and revoke links not yet used. */
export default async function InvitationsPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const member = await requirePageAction(slug, "member:manage");
  const pending = await listPendingInvitations(member.workspace.id);
  const bound = (action: WorkspaceActionFn) => action.bind(null, slug);

  return (
    <SettingsShell
      workspace={member.workspace}
      current="invitations"
      title="Invitations"
      intro="An invitation link lets one person join this workspace with the role you choose. They set their name and password when they open it, or join with the account they are signed in with."
    >
      <SettingsPanel id="new-invitation-heading" title="New invitation link">
        <InvitationForm action={bound(createInvitationAction)} />
      </SettingsPanel>

      <section aria-labelledby="pending-heading">
        <h2 id="pending-heading" className="text-base font-semibold">Waiting to be used</h2>
        {pending.length === 0 ? (
          <p className="mt-3 rounded-lg border border-dashed border-rule bg-white p-6 text-sm text-muted">No invitation links are waiting. Create one above and send it to the person you want on the desk.</p>
        ) : (
          <ul className="mt-3 divide-y divide-rule rounded-lg border border-rule bg-white">
            {pending.map((invitation) => (
              <li key={invitation.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
                <div>
                  <p>
                    <span className="font-medium">{ROLE_LABELS[invitation.role]}</span>
                    {invitation.email ? <span> · for {invitation.email}</span> : null}
                  </p>
                  <p className="text-muted">
                    Created {formatDateTime(invitation.createdAt)}
                    {invitation.createdBy ? ` by ${invitation.createdBy}` : ""} · expires {formatDateTime(invitation.expiresAt)}
                  </p>
                </div>
                <ActionForm
                  action={bound(revokeInvitationAction)}
                  submitLabel="Revoke"
                  pendingLabel="Revoking…"
                  variant="danger"
                  ariaLabel={`Revoke the ${ROLE_LABELS[invitation.role].toLowerCase()} invitation${invitation.email ? ` for ${invitation.email}` : ""}`}
                  className="flex flex-wrap items-center gap-2"
                >
                  <input type="hidden" name="invitationId" value={invitation.id} />
                </ActionForm>
              </li>
            ))}
          </ul>
        )}
      </section>
    </SettingsShell>
  );
}
