import Link from "next/link";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/guards";
import { listArchivedWorkspacesAdministeredBy, listWorkspacesForUser } from "@/lib/db/workspaces";

// Home: signed-in people land in their first workspace; everyone else signs in.
export default async function HomePage() {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const workspaces = await listWorkspacesForUser(user.id);
  const first = workspaces[0];
  if (first) redirect(`/w/${first.slug}`);
  const archived = await listArchivedWorkspacesAdministeredBy(user.id);
  return (
    <main className="mx-auto max-w-xl px-6 py-24">
      <h1 className="font-serif text-3xl">No workspace yet</h1>
      {archived.length > 0 ? (
        <>
          <p className="mt-4 text-muted">You are signed in as {user.email}. The workspaces you administer are archived; restore one in its settings to work in it again.</p>
          <ul className="mt-4 space-y-2">
            {archived.map((w) => (
              <li key={w.slug}>
                <Link href={`/w/${w.slug}/settings`} className="text-accent hover:underline">{w.name}</Link> <span className="text-muted">(archived)</span>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="mt-4 text-muted">
          You are signed in as {user.email}, but no desk has added you yet. Ask a workspace admin for an invitation link, or to run{" "}
          <code className="rounded bg-rule/50 px-1">npm run user:add</code> on the server.
        </p>
      )}
    </main>
  );
}
