import type { Metadata } from "next";
import Link from "next/link";
import { formatDate } from "@/components/format";
import { RoleSelect } from "@/components/settings/role-select";
import { SettingsShell } from "@/components/settings/settings-shell";
import { ActionForm } from "@/components/ui/action-form";
import type { WorkspaceActionFn } from "@/lib/actions/workspace-action";
import { requirePageAction } from "@/lib/auth/guards";
import { listMembers } from "@/lib/db/members";
import { usersWithTwoFactor } from "@/lib/db/two-factor";
import { changeRoleAction, removeMemberAction, setMemberDisabledAction, setTwoFactorRequiredAction } from "../actions";

export const metadata: Metadata = { title: "Members" };

/** Members (admins): everyone in the workspace with their role and status, and what to change. */
export default async function MembersPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const member = await requirePageAction(slug, "member:manage");
  const members = await listMembers(member.workspace.id);
  const bound = (action: WorkspaceActionFn) => action.bind(null, slug);
  const active = members.filter((m) => !m.disabled).length;
  const withTwoFactor = await usersWithTwoFactor(members.map((m) => m.userId));
  const required = member.workspace.requireTwoFactor;
  const missing = members.filter((m) => !m.disabled && !withTwoFactor.has(m.userId)).length;

  return (
    <SettingsShell
      workspace={member.workspace}
      current="members"
      title="Members"
      wide
      intro={
        <>
          {members.length} {members.length === 1 ? "member" : "members"}, {active} active. A disabled member keeps their history here but is refused from their next request on.
          To add someone, <Link href={`/w/${slug}/settings/invitations`} className="text-accent underline">create an invitation link</Link>.
        </>
      }
    >
      <section aria-labelledby="two-factor-heading" className="mb-6 rounded-lg border border-rule bg-white p-5">
        <h2 id="two-factor-heading" className="text-base font-semibold">Two-factor sign-in</h2>
        <p className="mt-1 text-sm text-muted" data-testid="two-factor-summary">
          {required ? "Required: members must sign in with a code from an authenticator app to work here." : "Not required: members choose for themselves."}{" "}
          {missing === 0 ? "Every active member has it on." : `${missing} active ${missing === 1 ? "member does" : "members do"} not have it on${required ? " and will be asked to set it up at their next page" : ""}.`}
        </p>
        <p className="mt-1 text-sm text-muted">
          While it is required, a member without it is sent to set it up before any page here opens, and their browser&apos;s requests are refused. Their API tokens keep working.
        </p>
        <div className="mt-4">
          <ActionForm
            action={bound(setTwoFactorRequiredAction)}
            submitLabel={required ? "Stop requiring two-factor sign-in" : "Require two-factor sign-in"}
            pendingLabel="Saving…"
            variant={required ? "secondary" : "primary"}
            confirm={
              required
                ? undefined
                : `Require two-factor sign-in in ${member.workspace.name}? ${missing === 0 ? "" : `${missing} active ${missing === 1 ? "member" : "members"} without it will have to set it up before working here.`}${withTwoFactor.has(member.user.id) ? "" : " That includes you."}`
            }
          >
            <input type="hidden" name="required" value={required ? "false" : "true"} />
          </ActionForm>
        </div>
      </section>
      <div className="overflow-x-auto rounded-lg border border-rule bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Members of {member.workspace.name}</caption>
          <thead className="border-b border-rule bg-paper text-xs uppercase tracking-wide text-muted">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">Member</th>
              <th scope="col" className="px-4 py-2 font-medium">Role</th>
              <th scope="col" className="px-4 py-2 font-medium">Status</th>
              <th scope="col" className="px-4 py-2 font-medium">Two-factor</th>
              <th scope="col" className="px-4 py-2 font-medium">Joined</th>
              <th scope="col" className="px-4 py-2 font-medium"><span className="sr-only">Actions</span></th>
            </tr>
          </thead>
          <tbody className="divide-y divide-rule">
            {members.map((m) => {
              const you = m.userId === member.user.id;
              return (
                <tr key={m.userId} className="align-top">
                  <th scope="row" className="px-4 py-3 font-normal">
                    <span className="font-medium">{m.name}</span>
                    {you ? <span className="text-muted"> (you)</span> : null}
                    <span className="block text-muted">{m.email}</span>
                  </th>
                  <td className="px-4 py-3">
                    <ActionForm action={bound(changeRoleAction)} submitLabel="Change role" pendingLabel="Changing…" variant="secondary" className="flex flex-wrap items-center gap-2">
                      <input type="hidden" name="userId" value={m.userId} />
                      <RoleSelect label={`Role of ${m.name}`} defaultValue={m.role} />
                    </ActionForm>
                  </td>
                  <td className="px-4 py-3">
                    {m.disabled ? <span className="font-medium text-red-800">Disabled</span> : <span>Active</span>}
                    {m.accountDisabled ? <span className="block text-xs text-muted">Account disabled on the server</span> : null}
                  </td>
                  <td className="whitespace-nowrap px-4 py-3">
                    {withTwoFactor.has(m.userId) ? <span className="text-emerald-800">On</span> : <span className={required ? "font-medium text-amber-800" : "text-muted"}>Off</span>}
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 text-muted">{formatDate(m.joinedAt)}</td>
                  <td className="px-4 py-3">
                    <div className="flex flex-wrap items-start gap-2">
                    <ActionForm
                      action={bound(setMemberDisabledAction)}
                      submitLabel={m.disabled ? "Enable" : "Disable"}
                      pendingLabel="Saving…"
                      variant="secondary"
                      ariaLabel={`${m.disabled ? "Enable" : "Disable"} ${m.name}`}
                      confirm={m.disabled ? undefined : `Disable ${m.name}? They lose access to ${member.workspace.name} at their next request.`}
                      className="flex flex-wrap items-center gap-2"
                    >
                      <input type="hidden" name="userId" value={m.userId} />
                      <input type="hidden" name="disabled" value={m.disabled ? "false" : "true"} />
                    </ActionForm>
                    <ActionForm
                      action={bound(removeMemberAction)}
                      submitLabel="Remove"
                      pendingLabel="Removing…"
                      variant="danger"
                      ariaLabel={`Remove ${m.name}`}
                      confirm={`Remove ${m.name} from ${member.workspace.name}? Their account and their work stay; an invitation can bring them back.`}
                      className="flex flex-wrap items-center gap-2"
                    >
                      <input type="hidden" name="userId" value={m.userId} />
                    </ActionForm>
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </SettingsShell>
  );
}
