import { z } from "zod";
import { ARTICLE_TOO_LARGE, MAX_ARTICLE_BYTES, normaliseArticleText } from "@/lib/domain/article-size";
import { MAX_NAME, MAX_TITLE, id, optionalDate, optionalHttpUrl, optionalText, requiredText, version } from "./fields";

export { MAX_ARTICLE_BYTES };

const articleFields = {
  title: requiredText("Headline", MAX_TITLE),
  outlet: optionalText("Outlet", MAX_NAME),
  author: optionalText("Author", MAX_NAME),
  url: optionalHttpUrl("Article URL"),
  publishedAt: optionalDate("Publication date"),
};

/** The article's own fields, changed from the version the caller saw; its text is not among them. */
export const updateArticleSchema = z.object({ articleId: id("article"), version, ...articleFields });
export type ArticleFieldsInput = z.infer<z.ZodObject<typeof articleFields>>;

/** An article's fields as a form shows them (and the conflict view compares). */
export const articleFormValues = (a: { title: string; outlet: string | null; author: string | null; url: string | null; publishedAt: Date | null }) => ({
  title: a.title,
  outlet: a.outlet ?? "",
  author: a.author ?? "",
  url: a.url ?? "",
  publishedAt: a.publishedAt ? a.publishedAt.toISOString().slice(0, 10) : "",
});

export const importArticleSchema = z.object({
  ...articleFields,
  body: z
    .string({ error: "Paste the article's text." })
    // Offsets into the body must mean the same thing on every platform. NUL characters are
    // dropped rather than refused: they are invisible, mean nothing in prose, turn up in text
    // copied out of PDFs, and PostgreSQL cannot store them; offsets are counted after this.
    .transform(normaliseArticleText)
    .pipe(
      z
        .string()
        .min(1, "Paste the article's text.")
        .refine((text) => new TextEncoder().encode(text).length <= MAX_ARTICLE_BYTES, ARTICLE_TOO_LARGE),
    ),
});

export type ImportArticleInput = z.infer<typeof importArticleSchema>;
