import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/guards";
import { hasTwoFactor } from "@/lib/db/two-factor";

export const metadata: Metadata = { title: "Your account" };

/** The account's screens: sign-in and security, two-factor sign-in, API tokens. */
export default async function AccountPage() {
  const user = await getSessionUser();
  if (!user) redirect("/login");
  const twoFactor = await hasTwoFactor(user.id);
  const items = [
    { href: "/account/security", title: "Sign-in and security", text: "Change your password, see where you are signed in, sign out of other browsers." },
    { href: "/account/two-factor", title: "Two-factor sign-in", text: twoFactor ? "On: signing in takes your password and a code from your app." : "Off: add a code from an authenticator app to your password." },
    { href: "/account/tokens", title: "API tokens", text: "Let other programs use the Factdesk API on your behalf." },
  ];
  return (
    <main className="mx-auto max-w-3xl px-4 py-8 sm:px-6">
      <p className="text-sm text-muted">{user.email}</p>
      <h1 className="mt-2 font-serif text-3xl font-semibold tracking-tight">Your account</h1>
      <ul className="mt-6 divide-y divide-rule rounded-lg border border-rule bg-white">
        {items.map((item) => (
          <li key={item.href}>
            <Link href={item.href} className="block px-5 py-4 hover:bg-paper">
              <span className="font-medium text-accent">{item.title}</span>
              <span className="mt-0.5 block text-sm text-muted">{item.text}</span>
            </Link>
          </li>
        ))}
      </ul>
    </main>
  );
}
