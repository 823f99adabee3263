import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { pageWorkspaces, requirePageMember } from "@/lib/auth/guards";

export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const member = await requirePageMember(workspace);
  const workspaces = await pageWorkspaces(member.user.id);
  return (
    <>
      <AppHeader workspace={member.workspace} workspaces={workspaces} user={member.user} role={member.role} />
      {member.workspace.archivedAt ? (
        <p role="status" className="no-print border-b border-amber-200 bg-amber-50 px-4 py-2 text-center text-sm text-amber-900">
          {member.workspace.name} is archived: everything in it can be read and exported, but nothing can change.
          {member.role === "ADMIN" ? " You can restore it under Settings, General." : ""}
        </p>
      ) : null}
      {children}
    </>
  );
}
