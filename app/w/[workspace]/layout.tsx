import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { requirePageMember } from "@/lib/auth/guards";
import { listWorkspacesForUser } from "@/lib/db/workspaces";

export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const member = await requirePageMember(workspace);
  const workspaces = await listWorkspacesForUser(member.user.id);
  return (
    <>
      <AppHeader workspace={member.workspace} workspaces={workspaces} user={member.user} role={member.role} />
      {children}
    </>
  );
}
