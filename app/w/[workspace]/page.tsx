import type { Metadata } from "next";
import Link from "next/link";
import { StatusProgress } from "@/components/article/status-progress";
import { buttonClass } from "@/components/ui/button";
import { formatDate } from "@/components/format";
import { requirePageMember } from "@/lib/auth/guards";
import { can } from "@/lib/auth/policy";
import { listArticles } from "@/lib/db/articles";

export const metadata: Metadata = { title: "Articles" };

export default async function ArticlesPage({ params }: { params: Promise<{ workspace: string }> }) {
  const { workspace: slug } = await params;
  const member = await requirePageMember(slug);
  const articles = await listArticles(member.workspace.id);
  const canImport = can(member.actor, "article:import");

  return (
    <main className="mx-auto max-w-5xl px-4 py-10 sm:px-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="font-serif text-3xl font-semibold tracking-tight">Articles</h1>
          <p className="mt-1 text-muted">
            {articles.length === 0 ? "Nothing imported yet." : `${articles.length} article${articles.length === 1 ? "" : "s"} in ${member.workspace.name}.`}
          </p>
        </div>
        {canImport ? (
          <Link href={`/w/${slug}/articles/new`} className={buttonClass("primary")}>
            Import article
          </Link>
        ) : null}
      </div>

      {articles.length === 0 ? (
        <div className="mt-10 rounded-lg border border-dashed border-rule bg-white p-10 text-center">
          <p className="font-medium">No articles yet</p>
          <p className="mt-1 text-sm text-muted">
            {canImport ? "Import an article by pasting its text; Factdesk finds the check-worthy claims in it." : "An editor imports articles; they will appear here."}
          </p>
        </div>
      ) : (
        <ul className="mt-8 divide-y divide-rule rounded-lg border border-rule bg-white">
          {articles.map((article) => (
            <li key={article.id}>
              <Link href={`/w/${slug}/articles/${article.id}`} className="block px-5 py-4 hover:bg-paper focus-visible:bg-paper">
                <p className="font-serif text-lg font-semibold leading-snug">{article.title}</p>
                <p className="mt-1 text-sm text-muted">
                  {[article.outlet, article.author, article.publishedAt ? formatDate(article.publishedAt) : `Imported ${formatDate(article.createdAt)}`].filter(Boolean).join(" · ")}
                </p>
                <StatusProgress byStatus={article.byStatus} />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
