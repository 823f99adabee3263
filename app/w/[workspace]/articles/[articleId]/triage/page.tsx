import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { TriageTable, type TriageRow } from "@/components/article/triage-table";
import { ThresholdForm } from "@/components/article/threshold-form";
import { requirePageAction } from "@/lib/auth/guards";
import { articlePath, type WorkspaceActionFn } from "@/lib/actions/workspace-action";
import { getArticle } from "@/lib/db/articles";
import { listClaimsForArticle } from "@/lib/db/claims";
import { scoreCheckWorthiness } from "@/lib/domain/detection/score";
import { bulkTriageAction, setHighlightThresholdAction } from "../actions";

export const metadata: Metadata = { title: "Triage" };

type Props = {
  params: Promise<{ workspace: string; articleId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

const querySchema = z.object({
  sort: z.enum(["score", "position"]).optional().catch(undefined),
  show: z.enum(["detected", "all"]).optional().catch(undefined),
});

/** An editor's triage of an article's detected claims: one line each, sortable, bulk queue / dismiss. */
export default async function TriagePage({ params, searchParams }: Props) {
  const { workspace: slug, articleId } = await params;
  const query = querySchema.parse(await searchParams);
  const member = await requirePageAction(slug, "claim:triage");
  const [article, claims] = await Promise.all([getArticle(member.workspace.id, articleId), listClaimsForArticle(member.workspace.id, articleId)]);
  if (!article) notFound();

  const sort = query.sort ?? "score";
  const show = query.show ?? "detected";
  const base = articlePath(slug, article.id);
  const threshold = member.workspace.highlightThreshold;
  const detected = claims.filter((c) => c.status === "DETECTED");
  // Position in reading order: the list comes sorted by where each claim starts.
  const position = new Map(claims.map((c, i) => [c.id, i + 1]));
  const rows: TriageRow[] = (show === "detected" ? detected : claims)
    .map((c) => ({
      id: c.id,
      position: position.get(c.id) ?? 0,
      statement: c.statement,
      claimant: c.claimant,
      status: c.status,
      score: c.score,
      reasons: scoreCheckWorthiness(c.quote).reasons,
    }))
    .sort((a, b) => (sort === "score" ? (b.score ?? -1) - (a.score ?? -1) || a.position - b.position : a.position - b.position));
  const highlighted = detected.filter((c) => (c.score ?? 1) >= threshold).length;
  const bound = (action: WorkspaceActionFn) => action.bind(null, slug);
  const link = (over: Record<string, string>) => `${base}/triage?${new URLSearchParams({ sort, show, ...over })}`;

  return (
    <main className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
      <Link href={base} className="text-sm text-muted hover:underline">← Back to the article</Link>
      <h1 className="mt-3 font-serif text-3xl font-semibold tracking-tight">Triage</h1>
      <p className="mt-1 text-muted">{article.title}</p>

      <section aria-labelledby="threshold-heading" className="mt-6 rounded-lg border border-rule bg-white p-4">
        <h2 id="threshold-heading" className="text-sm font-semibold">Highlighting in the text</h2>
        <p className="mt-1 text-sm text-muted">
          Detected claims scoring below the threshold stay listed here but are not marked in the article, so the text stays readable.
          At {Math.round(threshold * 100)}%, <span className="font-medium text-ink">{highlighted}</span> of {detected.length} detected claims in this article are highlighted.
          The threshold applies to every article of {member.workspace.name}.
        </p>
        <ThresholdForm action={bound(setHighlightThresholdAction)} percent={Math.round(threshold * 100)} />
      </section>

      <div className="mt-8 flex flex-wrap items-center justify-between gap-3">
        <nav aria-label="Which claims" className="flex gap-1 text-sm">
          {(["detected", "all"] as const).map((value) => (
            <Link key={value} href={link({ show: value })} aria-current={show === value ? "page" : undefined} className={`rounded-md px-3 py-1.5 ${show === value ? "bg-ink text-white" : "border border-rule bg-white hover:bg-paper"}`}>
              {value === "detected" ? `Detected (${detected.length})` : `All claims (${claims.length})`}
            </Link>
          ))}
        </nav>
        <p className="text-sm text-muted">
          Sort by{" "}
          {(["score", "position"] as const).map((value, i) => (
            <span key={value}>
              {i > 0 ? " · " : ""}
              {sort === value ? <span aria-current="true" className="font-medium text-ink">{value === "score" ? "score" : "position in the text"}</span> : <Link href={link({ sort: value })} className="text-accent hover:underline">{value === "score" ? "score" : "position in the text"}</Link>}
            </span>
          ))}
        </p>
      </div>

      {rows.length === 0 ? (
        <div className="mt-6 rounded-lg border border-dashed border-rule bg-white p-8 text-center">
          <p className="font-medium">Nothing left to triage</p>
          <p className="mt-1 text-sm text-muted">Every detected claim in this article has been queued or dismissed. Open the article to follow the research.</p>
        </div>
      ) : (
        <TriageTable rows={rows} articleId={article.id} base={base} action={bound(bulkTriageAction)} />
      )}
    </main>
  );
}
