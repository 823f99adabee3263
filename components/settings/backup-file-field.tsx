"use client";

import { useId } from "react";
import { useFieldErrors } from "@/components/ui/action-form";

/** The backup file picker, with the server's message beside it. */
export function BackupFileField({ limitMb }: { limitMb: number }) {
  const id = useId();
  const errors = useFieldErrors("file");
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        Backup file
      </label>
      <input
        id={id}
        name="file"
        type="file"
        required
        accept=".json,.gz,application/json,application/gzip"
        aria-invalid={errors ? true : undefined}
        aria-describedby={`${id}-hint${errors ? ` ${id}-error` : ""}`}
        className="mt-1 block w-full rounded-md border border-rule bg-white text-sm file:mr-3 file:rounded-l-md file:border-0 file:bg-paper file:px-3 file:py-2 file:text-sm file:font-medium focus:outline-none focus-visible:ring-2 focus-visible:ring-accent/30"
      />
      <p id={`${id}-hint`} className="mt-1 text-xs text-muted">
        A .json or .json.gz file exported by Factdesk, up to {limitMb} MB.
      </p>
      {errors?.length ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-800">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
