"use client";

import type { ActionResult } from "@/lib/actions/workspace-action";
import { ActionForm } from "./ui/action-form";
import { TextAreaField, TextField } from "./ui/field";

export function ImportArticleForm({ action }: { action: (previous: ActionResult | null, formData: FormData) => Promise<ActionResult> }) {
  return (
    <ActionForm action={action} submitLabel="Import and detect claims" pendingLabel="Importing…" className="mt-8 space-y-5">
      <TextField name="title" label="Headline" required maxLength={300} />
      <div className="grid gap-5 sm:grid-cols-2">
        <TextField name="outlet" label="Outlet" placeholder="e.g. CNN" />
        <TextField name="author" label="Author" />
        <TextField name="url" label="Article URL" type="url" placeholder="https://" />
        <TextField name="publishedAt" label="Publication date" type="date" />
      </div>
      <TextAreaField name="body" label="Article text" required rows={16} hint="Plain text, up to 1 MB. Paragraphs separated by line breaks." className="font-serif text-base leading-relaxed" />
    </ActionForm>
  );
}
