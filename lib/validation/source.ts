import { z } from "zod";
import { MAX_NAME, MAX_TITLE, httpUrl, id, optionalDate, optionalText, requiredText, version } from "./fields";
import { SOURCE_KINDS, SOURCE_STANCES } from "./labels";

export { SOURCE_KINDS, SOURCE_KIND_LABELS, SOURCE_STANCES, SOURCE_STANCE_LABELS } from "./labels";

const sourceFields = {
  url: httpUrl("Source URL"),
  title: requiredText("Title", MAX_TITLE),
  publisher: optionalText("Publisher", MAX_NAME),
  kind: z.enum(SOURCE_KINDS, { error: "Choose what kind of source this is." }),
  stance: z.enum(SOURCE_STANCES, { error: "Choose whether it supports, refutes or gives context." }),
  quotation: optionalText("Quoted passage", 5000),
  publishedAt: optionalDate("Date published"),
  accessedAt: optionalDate("Date accessed"),
};

export const createSourceSchema = z.object({ claimId: id("claim"), ...sourceFields });
export const updateSourceSchema = z.object({ sourceId: id("source"), version, ...sourceFields });
export const deleteSourceSchema = z.object({ sourceId: id("source") });

export type SourceFields = z.infer<z.ZodObject<typeof sourceFields>>;
export type CreateSourceInput = z.infer<typeof createSourceSchema>;
export type UpdateSourceInput = z.infer<typeof updateSourceSchema>;

const dateValue = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : "");

/** A source's fields as its form shows them (the conflict view compares these). */
export const sourceFormValues = (s: {
  url: string;
  title: string;
  publisher: string | null;
  kind: string;
  stance: string;
  quotation: string | null;
  publishedAt: Date | null;
  accessedAt: Date | null;
}) => ({
  url: s.url,
  title: s.title,
  publisher: s.publisher ?? "",
  kind: s.kind,
  stance: s.stance,
  quotation: s.quotation ?? "",
  publishedAt: dateValue(s.publishedAt),
  accessedAt: dateValue(s.accessedAt),
});
