import { z } from "zod";
import { MAX_NAME, MAX_TITLE, optionalDate, optionalHttpUrl, optionalText, requiredText } from "./fields";

export const MAX_ARTICLE_BYTES = 1_000_000;

export const importArticleSchema = z.object({
  title: requiredText("Headline", MAX_TITLE),
  outlet: optionalText("Outlet", MAX_NAME),
  author: optionalText("Author", MAX_NAME),
  url: optionalHttpUrl("Article URL"),
  publishedAt: optionalDate("Publication date"),
  body: z
    .string({ error: "Paste the article's text." })
    // Offsets into the body must mean the same thing on every platform.
    .transform((text) => text.replace(/\r\n?/g, "\n").trim())
    .pipe(
      z
        .string()
        .min(1, "Paste the article's text.")
        .refine(
          (text) => new TextEncoder().encode(text).length <= MAX_ARTICLE_BYTES,
          "The article text is over 1 MB. Split it into parts and import each one.",
        ),
    ),
});

export type ImportArticleInput = z.infer<typeof importArticleSchema>;
