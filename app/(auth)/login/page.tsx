import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/login-form";
import { getSessionUser } from "@/lib/auth/guards";
import { safeCallbackPath } from "@/lib/validation/auth";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  if (await getSessionUser()) redirect("/");
  const { callbackUrl } = await searchParams;
  const next = safeCallbackPath(callbackUrl);
  return (
    <main className="flex min-h-screen items-center justify-center px-6">
      <div className="w-full max-w-sm">
        <p className="font-serif text-2xl font-semibold tracking-tight">Factdesk</p>
        <h1 className="mt-8 text-xl font-semibold">Sign in to your desk</h1>
        <p className="mt-1 text-sm text-muted">Use the email and password your workspace admin gave you.</p>
        <LoginForm callbackUrl={next} />
      </div>
    </main>
  );
}
