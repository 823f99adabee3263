import { z } from "zod";
import { importArticleSchema } from "./article";
import { id, identifier, optionalText, version } from "./fields";

export const MAX_REVISION_NOTE = 500;

/** Replacing an article's text: the same rules as importing it (size, line endings, NULs dropped). */
export const replaceArticleTextSchema = z.object({
  articleId: id("article"),
  version,
  body: importArticleSchema.shape.body,
  note: optionalText("Note", MAX_REVISION_NOTE),
});

/** Re-attaching a claim to words an editor selected in the current text (UTF-16 offsets). */
export const reattachClaimSchema = z.object({
  claimId: id("claim"),
  version,
  start: z.coerce.number({ error: "Select the words the claim is about." }).int().min(0),
  end: z.coerce.number({ error: "Select the words the claim is about." }).int().min(0),
});

/** A revision's number from a path: anything that is not one is simply not found. */
export const revisionNumber = identifier({ error: "Unknown revision." })
  .refine((value) => /^[1-9]\d{0,6}$/.test(value), { message: "Not found.", params: { notFound: true }, abort: true })
  .transform(Number);
