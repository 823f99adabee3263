import Link from "next/link";
import { ROLE_LABELS, type Role } from "@/lib/auth/policy";
import { SignOutButton } from "./sign-out-button";

type WorkspaceLink = { slug: string; name: string };

export function AppHeader({ workspace, workspaces, user, role }: { workspace: WorkspaceLink; workspaces: WorkspaceLink[]; user: { name: string; email: string }; role: Role }) {
  const others = workspaces.filter((w) => w.slug !== workspace.slug);
  return (
    <header className="no-print border-b border-rule bg-white/70 backdrop-blur">
      <div className="mx-auto flex max-w-[90rem] flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href={`/w/${workspace.slug}`} className="font-serif text-lg font-semibold tracking-tight">
          Factdesk
        </Link>
        <nav aria-label="Workspace" className="flex items-center gap-4 text-sm">
          {others.length > 0 ? (
            <details className="relative">
              <summary className="cursor-pointer text-muted hover:text-ink">{workspace.name}</summary>
              <ul className="absolute left-0 z-20 mt-2 min-w-48 rounded-md border border-rule bg-white p-1 shadow-lg">
                {others.map((w) => (
                  <li key={w.slug}>
                    <Link href={`/w/${w.slug}`} className="block rounded px-3 py-1.5 hover:bg-paper">{w.name}</Link>
                  </li>
                ))}
              </ul>
            </details>
          ) : (
            <span className="text-muted">{workspace.name}</span>
          )}
          <Link href={`/w/${workspace.slug}`} className="hover:underline">Articles</Link>
        </nav>
        <div className="ml-auto flex items-center gap-4 text-sm">
          <span>
            <span className="font-medium">{user.name}</span> <span className="text-muted">· {ROLE_LABELS[role]}</span>
          </span>
          <SignOutButton />
        </div>
      </div>
    </header>
  );
}
