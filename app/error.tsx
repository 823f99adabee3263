"use client";

// Shown when a page fails unexpectedly. Details stay in the server log; the reader gets a way on.
export default function ErrorPage({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main className="mx-auto max-w-xl px-6 py-24">
      <h1 className="font-serif text-3xl font-semibold">Something went wrong</h1>
      <p className="mt-4 text-muted">Nothing you entered was lost on our side unless you saw it saved. Try again; if it keeps happening, tell your workspace admin the time it happened.</p>
      <button type="button" onClick={reset} className="mt-6 rounded-md bg-ink px-3 py-1.5 text-sm font-medium text-white">Try again</button>
    </main>
  );
}
