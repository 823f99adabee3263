import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { requirePageMember } from "@/lib/auth/guards";

export default async function WorkspaceLayout({ children, params }: { children: ReactNode; params: Promise<{ workspace: string }> }) {
  const { workspace } = await params;
  const member = await requirePageMember(workspace);
  return (
    <>
      <AppHeader workspace={member.workspace} user={member.user} role={member.role} />
      {children}
    </>
  );
}
