import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-6 py-24">
      <h1 className="font-serif text-3xl font-semibold">Not found</h1>
      <p className="mt-4 text-muted">This page does not exist, or it belongs to a workspace you are not a member of.</p>
      <Link href="/" className="mt-6 inline-block text-accent hover:underline">Go to your workspace</Link>
    </main>
  );
}
