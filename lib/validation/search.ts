import { z } from "zod";
import { CLAIM_STATUSES } from "@/lib/domain/workflow";
import { MAX_QUERY_CHARS, SEARCH_KINDS } from "@/lib/domain/search";
import { id, optionalDate, version } from "./fields";

// Search never refuses what someone typed: NULs become spaces and an overlong query is cut, so
// the box and the API answer (perhaps with nothing) instead of erroring.
const searchText = (max: number) =>
  z.preprocess(
    (v) => (v === undefined || v === null ? "" : typeof v === "string" ? v.replace(/\u0000/g, " ").slice(0, max) : v),
    z.string({ error: "The query must be text." }),
  );

const optionalChoice = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), z.enum(values, { error: message }).optional());

const optionalWord = (max: number) => z.preprocess((v) => (typeof v === "string" ? v.replace(/\u0000/g, " ").trim().slice(0, max) || undefined : v === null ? undefined : v), z.string().optional());

export const searchFiltersShape = {
  q: searchText(MAX_QUERY_CHARS).describe("What to look for: words (all must match), the last one also as a prefix. Symbols are ignored."),
  type: optionalChoice(SEARCH_KINDS, "Unknown type: article, claim, source or comment.").describe("Only results of this kind."),
  status: optionalChoice(CLAIM_STATUSES, "Unknown status.").describe("Only claims (and their sources and comments) in this status."),
  rating: optionalWord(64).describe("Only claims whose published verdict has this rating key."),
  assignee: optionalWord(64).describe("Only claims assigned to this member (user id)."),
  claimant: optionalWord(200).describe("Only claims whose claimant contains this text."),
  from: optionalDate("From").describe("Created on or after this date (YYYY-MM-DD)."),
  to: optionalDate("To").describe("Created on or before this date (YYYY-MM-DD)."),
  limit: z.preprocess((v) => (v === "" || v === undefined || v === null ? undefined : v), z.coerce.number({ error: "limit must be a number." }).int().min(1, "limit is at least 1.").max(50, "limit is at most 50.").optional()).describe("How many results, 1 to 50 (20 by default)."),
};

export const searchSchema = z.object({ ...searchFiltersShape });
export type SearchInput = z.infer<typeof searchSchema>;

/** Mark a claim as a duplicate of another (reusing its verdict), or clear the mark. */
export const markDuplicateSchema = z.object({
  claimId: id("claim"),
  duplicateOfId: z.preprocess((v) => (v === "" || v === null ? undefined : v), id("original claim").optional()),
  version,
});
export type MarkDuplicateInput = z.infer<typeof markDuplicateSchema>;
