import { z } from "zod";
import { ARTICLE_TOO_LARGE, IMPORT_FILE_TOO_LARGE, MAX_ARTICLE_BYTES, MAX_IMPORT_FILE_BYTES, normaliseArticleText } from "@/lib/domain/article-size";
import { withoutRepeatedHeadline } from "@/lib/domain/import-file";
import { IMPORT_FORMATS, convertImport } from "@/lib/domain/import-formats";
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

const utf8Bytes = (text: string) => new TextEncoder().encode(text).length;

/**
 * The import form: pasted text, or a .txt, .md or .html file the browser read and sent as text
 * with its format. The server converts it (lib/domain/import-formats.ts), then the result meets
 * the same rules as pasted text. The headline may be left empty for a page or a Markdown file
 * that proposes one (its <title> or first heading). The article's URL is only stored.
 */
export const importUploadSchema = z
  .object({
    ...articleFields,
    title: optionalText("Headline", MAX_TITLE),
    format: z.enum(IMPORT_FORMATS, { error: "Choose plain text, Markdown or HTML." }).default("text"),
    fileName: optionalText("File name", 260),
    body: z
      .string({ error: "Paste the article's text." })
      .refine((raw) => normaliseArticleText(raw).length > 0, "Paste the article's text.")
      .refine((raw) => utf8Bytes(raw) <= MAX_IMPORT_FILE_BYTES, IMPORT_FILE_TOO_LARGE),
  })
  // Pasted text needs a headline; said even when another field is wrong, so every message shows at once.
  .refine((v) => v.format !== "text" || Boolean(v.title), {
    message: "Headline is required.",
    path: ["title"],
    when: (payload) => {
      const value = payload.value as { format?: unknown; title?: unknown };
      return (value.format === undefined || value.format === "text") && !(typeof value.title === "string" && value.title.trim());
    },
  })
  .transform((input, ctx): ImportArticleInput => {
    const converted = convertImport(input.format, input.body);
    const title = input.title ?? converted.title?.slice(0, MAX_TITLE).trim();
    // A leading heading that says the headline's words is the headline: shown once, above the text.
    const body = normaliseArticleText(withoutRepeatedHeadline(converted.text, converted.heading, title ?? ""));
    if (!body) ctx.addIssue({ code: "custom", path: ["body"], message: input.format === "text" ? "Paste the article's text." : "The file has no text to import." });
    else if (utf8Bytes(body) > MAX_ARTICLE_BYTES) ctx.addIssue({ code: "custom", path: ["body"], message: ARTICLE_TOO_LARGE });
    if (!title) ctx.addIssue({ code: "custom", path: ["title"], message: "Headline is required." });
    return { title: title ?? "", outlet: input.outlet, author: input.author, url: input.url, publishedAt: input.publishedAt, body };
  });
