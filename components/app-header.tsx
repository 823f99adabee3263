import Link from "next/link";
import { can, ROLE_LABELS, type Role } from "@/lib/auth/policy";
import { pageUnreadCount } from "@/lib/auth/guards";
import { HeaderMenuKeys } from "./header-menu";
import { InboxLink } from "./inbox-link";
import { HeaderSearch } from "./keyboard/header-search";
import { SignOutButton } from "./sign-out-button";

type WorkspaceLink = { slug: string; name: string };

const navLink = "rounded px-1 hover:underline";
const MENU_ID = "header-menu";
const PANEL_ID = "header-menu-panel";

/**
 * The bar on every signed-in page. Inside a workspace it names it and links to what the
 * person's role opens there; on personal pages (my queue) it shows only the way back.
 */
export async function AppHeader({ workspace, workspaces, user, role }: {
  workspace: WorkspaceLink | null;
  workspaces: WorkspaceLink[];
  user: { id: string; name: string; email: string };
  role: Role | null;
}) {
  const others = workspaces.filter((w) => w.slug !== workspace?.slug);
  const actor = role ? { userId: user.id, role } : null;
  const unread = await pageUnreadCount(user.id);
  // The header's links are not prefetched: every page is rendered per request (its nonce), so a
  // prefetch brought little and cost a server request per link on every page view.
  return (
    <header className="no-print border-b border-rule bg-white/70 backdrop-blur">
      <div className="mx-auto flex max-w-[90rem] flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
        <Link href={workspace ? `/w/${workspace.slug}` : "/"} prefetch={false} className="font-serif text-lg font-semibold tracking-tight">
          Factdesk
        </Link>
        {/* On a phone the links and the search box fold behind this button (app/globals.css). */}
        <details id={MENU_ID} className="header-menu ml-auto">
          <summary aria-controls={PANEL_ID} className="flex cursor-pointer list-none items-center gap-1.5 rounded-md border border-rule bg-white px-2.5 py-1 text-sm font-medium shadow-xs hover:bg-paper [&::-webkit-details-marker]:hidden">
            <svg aria-hidden="true" viewBox="0 0 16 16" className="size-4" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round"><path d="M2.5 4.5h11M2.5 8h11M2.5 11.5h11" /></svg>
            Menu
            {/* The inbox is behind the menu on a phone: its unread count shows on the button. */}
            {unread > 0 ? <span className="size-2 rounded-full bg-accent" aria-hidden="true" /> : null}
            {unread > 0 ? <span className="sr-only">, {unread} unread in the inbox</span> : null}
          </summary>
        </details>
        <HeaderMenuKeys menuId={MENU_ID} />
        <div id={PANEL_ID} className="header-panel flex flex-1 flex-wrap items-center gap-x-6 gap-y-2">
          <nav aria-label="Workspace" className="flex flex-wrap items-center gap-4 text-sm">
            {workspace && others.length > 0 ? (
              <details className="relative">
                <summary className="cursor-pointer list-none text-muted hover:text-ink [&::-webkit-details-marker]:hidden">{workspace.name}<span aria-hidden="true" className="ml-1 text-xs">▾</span></summary>
                <ul className="absolute left-0 z-20 mt-2 min-w-48 rounded-md border border-rule bg-white p-1 shadow-lg">
                  {others.map((w) => (
                    <li key={w.slug}>
                      <Link href={`/w/${w.slug}`} className="block rounded px-3 py-1.5 hover:bg-paper">{w.name}</Link>
                    </li>
                  ))}
                </ul>
              </details>
            ) : workspace ? (
              <span className="text-muted">{workspace.name}</span>
            ) : null}
            {workspace ? <Link href={`/w/${workspace.slug}`} prefetch={false} className={navLink}>Articles</Link> : null}
            {workspace ? <Link href={`/w/${workspace.slug}/search`} prefetch={false} className={navLink}>Search</Link> : null}
            {workspace && actor && can(actor, "dashboard:read") ? <Link href={`/w/${workspace.slug}/dashboard`} prefetch={false} className={navLink}>Dashboard</Link> : null}
            {workspace && actor && can(actor, "settings:manage") ? <Link href={`/w/${workspace.slug}/settings`} prefetch={false} className={navLink}>Settings</Link> : null}
          </nav>
          {workspace ? <HeaderSearch slug={workspace.slug} /> : null}
          <nav aria-label="Personal" className="ml-auto flex flex-wrap items-center gap-4 text-sm">
            <InboxLink unread={unread} />
            <Link href="/queue" prefetch={false} className={navLink}>My queue</Link>
            <details className="relative">
              <summary className="cursor-pointer list-none rounded px-1 hover:underline [&::-webkit-details-marker]:hidden">
                <span className="font-medium">{user.name}</span>
                {role ? <span className="text-muted"> · {ROLE_LABELS[role]}</span> : null}
                <span aria-hidden="true" className="ml-1 text-xs text-muted">▾</span>
                <span className="sr-only">: account menu</span>
              </summary>
              <ul aria-label="Account" className="absolute right-0 z-20 mt-2 min-w-52 rounded-md border border-rule bg-white p-1 shadow-lg">
                <li className="px-3 py-1.5 text-xs text-muted">{user.email}</li>
                <li><Link href="/account/security" className="block rounded px-3 py-1.5 hover:bg-paper">Sign-in and security</Link></li>
                <li><Link href="/account/two-factor" className="block rounded px-3 py-1.5 hover:bg-paper">Two-factor sign-in</Link></li>
                <li><Link href="/account/tokens" className="block rounded px-3 py-1.5 hover:bg-paper">API tokens</Link></li>
                <li><Link href="/docs/api" className="block rounded px-3 py-1.5 hover:bg-paper">API reference</Link></li>
              </ul>
            </details>
            <SignOutButton />
          </nav>
        </div>
      </div>
    </header>
  );
}
