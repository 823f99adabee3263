import type { Metadata } from "next";
import Link from "next/link";
import { ImportArticleForm } from "@/components/import-article-form";
import { requirePageMember } from "@/lib/auth/guards";
import { can } from "@/lib/auth/policy";
import { importArticleAction } from "./actions";

export const metadata: Metadata = { title: "Import article" };

export default async function ImportArticlePage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const member = await requirePageMember(slug);
  return (
    <main className="mx-auto max-w-3xl px-4 py-10 sm:px-6">
      <Link href={`/w/${slug}`} className="text-sm text-muted hover:underline">← Articles</Link>
      <h1 className="mt-3 font-serif text-3xl font-semibold tracking-tight">Import an article</h1>
      {can(member.actor, "article:import") ? (
        <>
          <p className="mt-2 text-muted">Paste the article&apos;s text or choose a .txt, .md or .html file. Factdesk splits it into sentences and marks the check-worthy claims at once; you can add or dismiss claims afterwards.</p>
          <ImportArticleForm action={importArticleAction.bind(null, slug)} />
        </>
      ) : (
        <p className="mt-6 rounded-md border border-rule bg-white p-5">Editors and admins import articles. Ask an editor on your desk to import this one.</p>
      )}
    </main>
  );
}
