import { z } from "zod";
import { id } from "./fields";

export const articleParamsSchema = z.object({ id: id("article id") });

export const reportQuerySchema = z.object({
  format: z.enum(["md", "json"], { error: "format must be md or json." }).default("md"),
});

export const articleListQuerySchema = z.object({
  workspace: z.string().trim().min(1).max(64).optional(),
});
