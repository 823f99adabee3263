"use client";

import { ActionForm } from "../ui/action-form";
import { TextField } from "../ui/field";
import type { FormAction } from "./claim-forms";

export function ThresholdForm({ action, percent }: { action: FormAction; percent: number }) {
  return (
    <ActionForm action={action} submitLabel="Set threshold" variant="secondary" className="mt-3 flex flex-wrap items-end gap-3">
      <div className="w-40">
        <TextField name="threshold" label="Threshold (%)" type="number" min={0} max={100} required defaultValue={String(percent)} />
      </div>
    </ActionForm>
  );
}
