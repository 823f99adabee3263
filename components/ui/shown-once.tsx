"use client";

import { useState } from "react";
import { Button } from "./button";
import { inputClass } from "./field";

/**
 * A secret or link the server keeps only hashed (or encrypted), shown this once with a copy
 * button. When the browser refuses the clipboard, it says so and selects the text to copy by hand.
 */
export function ShownOnce({ id, label, value, title, note, copyLabel, testId, rows }: {
  id: string;
  /** The field's name for screen readers, e.g. "Invitation link". */
  label: string;
  value: string;
  /** The first line, e.g. "Invitation link created. Copy it now: it is shown only once." */
  title: string;
  note: string;
  copyLabel: string;
  testId?: string;
  /** Several lines (recovery codes): shown in a read-only text area this many rows high. */
  rows?: number;
}) {
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  return (
    <div className="rounded-md border border-emerald-200 bg-emerald-50 p-4" data-testid={testId}>
      <p className="text-sm font-medium text-emerald-950">{title}</p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <label htmlFor={id} className="sr-only">{label}</label>
        {rows ? (
          <textarea id={id} readOnly value={value} rows={rows} onFocus={(e) => e.currentTarget.select()} className={`${inputClass} mt-0 flex-1 resize-none font-mono text-sm`} spellCheck={false} />
        ) : (
          <input id={id} readOnly value={value} onFocus={(e) => e.currentTarget.select()} className={`${inputClass} mt-0 flex-1 font-mono text-xs`} />
        )}
        <Button
          type="button"
          variant="secondary"
          onClick={async () => {
            try {
              await navigator.clipboard.writeText(value);
              setCopy("copied");
            } catch {
              setCopy("failed");
              (document.getElementById(id) as HTMLInputElement | HTMLTextAreaElement | null)?.select();
            }
          }}
        >
          {copy === "copied" ? "Copied" : copyLabel}
        </Button>
      </div>
      {copy === "failed" ? <p className="mt-2 text-xs text-red-800">This browser did not allow copying: the text is selected, copy it with Ctrl+C (⌘C on a Mac).</p> : null}
      <p className="mt-2 text-xs text-emerald-950">{note}</p>
    </div>
  );
}
