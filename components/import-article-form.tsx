"use client";

import type { ActionResult } from "@/lib/actions/workspace-action";
import { ARTICLE_LIMIT_LABEL, articleSizeProblem } from "@/lib/domain/article-size";
import { ActionForm } from "./ui/action-form";
import { TextAreaField, TextField } from "./ui/field";

type ImportAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/**
 * The size is checked here before anything is sent: a paste over the server's request limit
 * would otherwise replace the page with an error and lose the text. The form keeps every field.
 */
const checkedFirst =
  (action: ImportAction): ImportAction =>
  async (previous, formData) => {
    const problem = articleSizeProblem(String(formData.get("body") ?? ""));
    if (problem) return { ok: false, code: "INVALID_INPUT", message: "The article text is too long to import in one piece.", fieldErrors: { body: [problem] }, at: Date.now() };
    return action(previous, formData);
  };

export function ImportArticleForm({ action }: { action: ImportAction }) {
  return (
    <ActionForm action={checkedFirst(action)} submitLabel="Import and detect claims" pendingLabel="Importing…" className="mt-8 space-y-5">
      <TextField name="title" label="Headline" required maxLength={300} />
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField name="outlet" label="Outlet" placeholder="e.g. CNN" />
        <TextField name="author" label="Author" />
        <TextField name="url" label="Article URL" type="url" placeholder="https://" />
        <TextField name="publishedAt" label="Publication date" type="date" />
      </div>
      <TextAreaField name="body" label="Article text" required rows={16} hint={`Plain text, up to ${ARTICLE_LIMIT_LABEL}. Paragraphs separated by line breaks.`} className="font-serif text-base leading-relaxed" />
    </ActionForm>
  );
}
