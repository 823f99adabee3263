import type { ReactNode } from "react";
import { redirect } from "next/navigation";
import { AppHeader } from "@/components/app-header";
import { getSessionUser, pageWorkspaces } from "@/lib/auth/guards";

// Pages that belong to a person rather than to one workspace: my queue and my inbox.
export default async function PersonalLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const workspaces = await pageWorkspaces(user.id);
  const first = workspaces[0] ?? null;
  return (
    <>
      <AppHeader workspace={first} workspaces={workspaces} user={user} role={first?.role ?? null} />
      {children}
    </>
  );
}
