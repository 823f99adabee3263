import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Your account" };

const SECTIONS: Array<{ href: string; title: string; text: string }> = [
  { href: "/account/security", title: "Sign-in and security", text: "Change your password, see where you are signed in, sign out of other browsers." },
  { href: "/account/tokens", title: "API tokens", text: "Let another program, such as your CMS or a script, use the Factdesk API as you." },
];

/** The account's screens, one line each. */
export default async function AccountPage() {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  return (
    <main className="mx-auto max-w-4xl px-4 py-8 sm:px-6">
      <h1 className="font-serif text-3xl font-semibold tracking-tight">Your account</h1>
      <p className="mt-2 text-muted">Signed in as {user.email}.</p>
      <ul className="mt-8 divide-y divide-rule rounded-lg border border-rule bg-white">
        {SECTIONS.map((section) => (
          <li key={section.href}>
            <Link href={section.href} className="block p-4 hover:bg-paper focus-visible:bg-paper">
              <span className="font-medium text-accent underline-offset-2 hover:underline">{section.title}</span>
              <span className="mt-0.5 block text-sm text-muted">{section.text}</span>
            </Link>
          </li>
        ))}
      </ul>
    </main>
  );
}
