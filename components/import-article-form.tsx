"use client";

import { useId, useRef, useState } from "react";
import type { ActionResult } from "@/lib/actions/workspace-action";
import { ARTICLE_LIMIT_LABEL, IMPORT_FILE_LIMIT_LABEL, articleSizeProblem, importFileProblem } from "@/lib/domain/article-size";
import { formatOfFileName, plainTextHeadline, type ImportFormat } from "@/lib/domain/import-file";
import { ActionForm, useFieldErrors } from "./ui/action-form";
import { Button } from "./ui/button";
import { TextAreaField, TextField } from "./ui/field";

type ImportAction = (previous: ActionResult | null, formData: FormData) => Promise<ActionResult>;

/** A Markdown or HTML file, read in the browser and sent as it is; the server converts it. */
type ChosenFile = { name: string; format: Exclude<ImportFormat, "text">; raw: string; bytes: number };

const FORMAT_LABEL: Record<ImportFormat, string> = { text: "plain text", markdown: "Markdown", html: "HTML" };

const refused = (field: string, message: string, summary: string): ActionResult => ({ ok: false, code: "INVALID_INPUT", message: summary, fieldErrors: { [field]: [message] }, at: Date.now() });

/**
 * The size is checked here before anything is sent: a paste over the server's request limit
 * would otherwise replace the page with an error and lose the text. The form keeps every field.
 */
const checkedFirst =
  (action: ImportAction): ImportAction =>
  async (previous, formData) => {
    if ((formData.get("format") ?? "text") === "text") {
      const problem = articleSizeProblem(String(formData.get("body") ?? ""));
      if (problem) return refused("body", problem, "The article text is too long to import in one piece.");
    } else {
      const raw = String(formData.get("body") ?? "");
      const problem = importFileProblem(String(formData.get("fileName") ?? "The file"), new TextEncoder().encode(raw).length);
      if (problem) return refused("file", problem, "The file is too large to import.");
    }
    return action(previous, formData);
  };

/** The headline a page, a Markdown file or a plain text file proposes, read in the browser to fill the field. */
function proposedTitle(format: ImportFormat, raw: string): string | null {
  if (format === "html") {
    const page = new DOMParser().parseFromString(raw, "text/html");
    return (page.title || page.querySelector("h1")?.textContent || "").replace(/\s+/g, " ").trim() || null;
  }
  if (format === "markdown") return raw.match(/^ {0,3}# +(.+?)(?: +#+)? *$/m)?.[1]?.replace(/[*_`]/g, "").trim() || null;
  return plainTextHeadline(raw);
}

function FileField({ chosen, problem, onChoose, onClear }: { chosen: ChosenFile | null; problem: string | null; onChoose: (file: File) => void; onClear: () => void }) {
  const id = useId();
  const serverErrors = useFieldErrors("file");
  const errors = problem ? [problem] : serverErrors;
  const inputRef = useRef<HTMLInputElement>(null);
  return (
    <div className="rounded-md border border-dashed border-rule bg-white/60 p-4">
      <label htmlFor={id} className="block text-sm font-medium">
        Import from a file <span className="font-normal text-muted">(optional)</span>
      </label>
      <input
        ref={inputRef}
        id={id}
        type="file"
        accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html"
        aria-describedby={`${id}-hint${errors?.length ? ` ${id}-error` : ""}`}
        aria-invalid={errors?.length ? true : undefined}
        className="mt-1 block w-full text-sm file:mr-3 file:rounded-md file:border file:border-rule file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium hover:file:bg-paper"
        onChange={(event) => {
          const file = event.currentTarget.files?.[0];
          if (file) onChoose(file);
        }}
      />
      <p id={`${id}-hint`} className="mt-1 text-xs text-muted">
        A .txt, .md or .html file, up to {IMPORT_FILE_LIMIT_LABEL}. Markdown and HTML are turned into plain text on the server: paragraphs, headings and list items kept; scripts, styles, menus and embedded frames left out.
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
        <p role="status" aria-live="polite">
          {chosen ? (
            <>
              <span className="font-medium">{chosen.name}</span> ({FORMAT_LABEL[chosen.format]}, {Math.ceil(chosen.bytes / 1000).toLocaleString("en-US")} KB) will be converted to text when you import.
            </>
          ) : null}
        </p>
        {chosen ? (
          <Button
            type="button"
            variant="ghost"
            onClick={() => {
              if (inputRef.current) inputRef.current.value = "";
              onClear();
            }}
          >
            Remove file
          </Button>
        ) : null}
      </div>
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-800">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

export function ImportArticleForm({ action }: { action: ImportAction }) {
  const wrapper = useRef<HTMLDivElement>(null);
  const [chosen, setChosen] = useState<ChosenFile | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const field = (name: string) => wrapper.current?.querySelector<HTMLInputElement | HTMLTextAreaElement>(`[name="${name}"]`) ?? null;

  const choose = async (file: File) => {
    setProblem(null);
    setChosen(null);
    const format = formatOfFileName(file.name);
    if (!format) return setProblem(`"${file.name}" is not a file Factdesk imports. Choose a .txt, .md or .html file, or paste the text.`);
    const tooLarge = importFileProblem(file.name, file.size);
    if (tooLarge) return setProblem(tooLarge);
    const raw = await file.text();
    const title = proposedTitle(format, raw);
    const headline = field("title");
    if (title && headline && !headline.value.trim()) headline.value = title.slice(0, 300);
    if (format === "text") {
      // Plain text goes into the text box, where it can be read and trimmed before importing.
      const tooLong = articleSizeProblem(raw);
      if (tooLong) return setProblem(tooLong);
      const body = field("body");
      if (body) body.value = raw;
      return;
    }
    setChosen({ name: file.name, format, raw, bytes: file.size });
  };

  return (
    <div ref={wrapper}>
      <ActionForm action={checkedFirst(action)} submitLabel="Import and detect claims" pendingLabel="Importing…" className="mt-8 space-y-5">
        <FileField chosen={chosen} problem={problem} onChoose={(file) => void choose(file)} onClear={() => setChosen(null)} />
        <TextField name="title" label="Headline" required maxLength={300} />
        <div className="grid gap-5 sm:grid-cols-2">
          <TextField name="outlet" label="Outlet" placeholder="e.g. CNN" />
          <TextField name="author" label="Author" />
          <TextField name="url" label="Article URL" type="url" placeholder="https://" hint="Kept with the article for reference. Factdesk never opens or fetches it." />
          <TextField name="publishedAt" label="Publication date" type="date" />
        </div>
        {chosen ? (
          <>
            <input type="hidden" name="format" value={chosen.format} />
            <input type="hidden" name="fileName" value={chosen.name} />
            <input type="hidden" name="body" value={chosen.raw} />
            <FieldMessage name="body" />
          </>
        ) : (
          <>
            <input type="hidden" name="format" value="text" />
            <TextAreaField name="body" label="Article text" required rows={16} hint={`Plain text, up to ${ARTICLE_LIMIT_LABEL}. Paragraphs separated by line breaks.`} className="font-serif text-base leading-relaxed" />
          </>
        )}
      </ActionForm>
    </div>
  );
}

/** The server's message about the converted text (too long, or empty) when the text box is hidden. */
function FieldMessage({ name }: { name: string }) {
  const errors = useFieldErrors(name);
  return errors?.length ? <p className="text-sm text-red-800">{errors.join(" ")}</p> : null;
}
