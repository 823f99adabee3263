import { z } from "zod";
import { RULE_LIMITS } from "@/lib/domain/publishing";
import { id, requiredText, text } from "./fields";

// Admin settings: the workspace's name and publishing rules, its rating scale, new workspaces.

export const MAX_WORKSPACE_NAME = 100;
export const MAX_RATING_LABEL = 60;
export const MAX_RATINGS = 20;

/** Names people read in lists and headers: plain text, no markup. */
export const plainName = (label: string, max: number) =>
  requiredText(label, max).refine((value) => !/[<>]/.test(value), `${label} cannot contain < or >.`);

const count = (label: string, limits: { min: number; max: number }) =>
  z.coerce
    .number({ error: `${label} must be a whole number.` })
    .int(`${label} must be a whole number.`)
    .min(limits.min, `${label} must be between ${limits.min} and ${limits.max}.`)
    .max(limits.max, `${label} must be between ${limits.min} and ${limits.max}.`);

export const renameWorkspaceSchema = z.object({ name: plainName("Workspace name", MAX_WORKSPACE_NAME) });

export const publishingRulesSchema = z.object({
  minSourcesToPublish: count("Independent sources", RULE_LIMITS.minSources),
  minReviewsToPublish: count("Independent reviews", RULE_LIMITS.minReviews),
  // A checkbox sends "on" when ticked and nothing when not.
  fourEyes: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()),
});

export const archiveWorkspaceSchema = z.object({
  confirm: text({ error: "Type the workspace's address to confirm." }).trim().min(1, "Type the workspace's address to confirm."),
});

export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;
export const RESERVED_SLUGS: ReadonlySet<string> = new Set(["new", "settings", "api", "admin", "invite", "login"]);

export const createWorkspaceSchema = z.object({
  name: plainName("Workspace name", MAX_WORKSPACE_NAME),
  slug: z
    .string({ error: "Address is required." })
    .trim()
    .toLowerCase()
    .min(1, "Address is required.")
    .max(48, "Address must be at most 48 characters.")
    .regex(SLUG_PATTERN, "Use lower-case letters, digits and hyphens, starting and ending with a letter or digit.")
    .refine((slug) => !RESERVED_SLUGS.has(slug), "That address is reserved; choose another."),
});

const ratingLabel = plainName("Label", MAX_RATING_LABEL);

export const addRatingSchema = z.object({ label: ratingLabel });
export const renameRatingSchema = z.object({ key: id("rating"), label: ratingLabel });
export const moveRatingSchema = z.object({ key: id("rating"), direction: z.enum(["up", "down"], { error: "Choose up or down." }) });
export const retireRatingSchema = z.object({ key: id("rating"), retired: z.enum(["true", "false"], { error: "Choose retire or restore." }).transform((v) => v === "true") });

export type PublishingRulesInput = z.infer<typeof publishingRulesSchema>;
export type CreateWorkspaceInput = z.infer<typeof createWorkspaceSchema>;
