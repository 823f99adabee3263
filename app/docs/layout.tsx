import Link from "next/link";
import type { ReactNode } from "react";
import { AppHeader } from "@/components/app-header";
import { getSessionUser, pageWorkspaces } from "@/lib/auth/guards";

// Documentation is public: it holds no data. A signed-in reader keeps their usual header.
export default async function DocsLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  const workspaces = user ? await pageWorkspaces(user.id) : [];
  const first = workspaces[0] ?? null;
  return (
    <>
      {user ? (
        <AppHeader workspace={first} workspaces={workspaces} user={user} role={first?.role ?? null} />
      ) : (
        <header className="border-b border-rule bg-white/70">
          <div className="mx-auto flex max-w-[90rem] items-center gap-6 px-4 py-3 sm:px-6">
            <Link href="/" className="font-serif text-lg font-semibold tracking-tight">Factdesk</Link>
            <Link href="/login" className="ml-auto text-sm hover:underline">Sign in</Link>
          </div>
        </header>
      )}
      {children}
      <footer className="border-t border-rule">
        <nav aria-label="Footer" className="mx-auto flex max-w-6xl flex-wrap gap-x-6 gap-y-2 px-4 py-6 text-sm text-muted sm:px-6">
          <Link href="/docs/api" className="hover:text-ink hover:underline">API reference</Link>
          <a href="/api/v1/openapi.json" className="hover:text-ink hover:underline">OpenAPI document</a>
          {user ? <Link href="/account/tokens" className="hover:text-ink hover:underline">Your API tokens</Link> : null}
        </nav>
      </footer>
    </>
  );
}
