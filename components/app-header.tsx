import Link from "next/link";
import { ROLE_LABELS, type Role } from "@/lib/auth/policy";
import { SignOutButton } from "./sign-out-button";

export function AppHeader({ workspace, user, role }: { workspace: { slug: string; name: string }; user: { name: string; email: string }; role: Role }) {
  return (
    <header className="no-print border-b border-rule bg-white/70 backdrop-blur">
      <div className="mx-auto flex max-w-[90rem] flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href={`/w/${workspace.slug}`} className="font-serif text-lg font-semibold tracking-tight">
          Factdesk
        </Link>
        <nav aria-label="Workspace" className="flex items-center gap-4 text-sm">
          <span className="text-muted">{workspace.name}</span>
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
