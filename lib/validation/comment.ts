import { z } from "zod";
import { MAX_COMMENT_LENGTH, toDisplayText } from "@/lib/domain/comment-text";
import { id, text, version } from "./fields";

// The limit is on what the author sees and types; mention tokens stored in its place are
// longer than `@Name`, so the stored text has its own, looser ceiling.
const MAX_STORED = MAX_COMMENT_LENGTH * 4;

const body = text({ error: "Write a comment first." })
  .trim()
  .min(1, "Write a comment first.")
  .max(MAX_STORED, `A comment can be at most ${MAX_COMMENT_LENGTH.toLocaleString("en-US")} characters.`)
  .refine((text) => toDisplayText(text).length <= MAX_COMMENT_LENGTH, `A comment can be at most ${MAX_COMMENT_LENGTH.toLocaleString("en-US")} characters.`);

const optionalId = (label: string) => z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), id(label).optional());

/** A new comment on a claim, or a reply in one of its threads (`parentId`). */
export const createCommentSchema = z.object({
  claimId: id("claim"),
  parentId: optionalId("comment"),
  body,
});

/** The author's change to their comment, from the version they saw. */
export const editCommentSchema = z.object({
  commentId: id("comment"),
  version,
  body,
});

export type CreateCommentInput = z.infer<typeof createCommentSchema>;
export type EditCommentInput = z.infer<typeof editCommentSchema>;
