"use client";

import { useEffect, useRef } from "react";
import { Button } from "./button";

export type ConflictRow = { name: string; label: string; yours: string; theirs: string; differs: boolean };

/**
 * A save refused because someone else saved first: both versions side by side, and the choice.
 * Nothing is thrown away until the person picks.
 */
export function ConflictView({ rows, pending, onKeepMine, onTakeTheirs }: { rows: ConflictRow[]; pending: boolean; onKeepMine(): void; onTakeTheirs(): void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const changed = rows.filter((r) => r.differs);
  const shown = changed.length > 0 ? changed : rows;
  return (
    <section aria-labelledby="conflict-heading" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="conflict-view">
      <h4 id="conflict-heading" ref={heading} tabIndex={-1} className="font-semibold text-amber-950 focus:outline-none">
        Someone else saved this while you were editing
      </h4>
      <p className="mt-1 text-amber-950">
        {changed.length > 0 ? "Compare the two versions, then keep yours or take theirs. Your text stays here until you choose." : "Their version has the same values as yours. Save yours to confirm it."}
      </p>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full border-collapse text-left align-top">
          <thead>
            <tr className="text-xs uppercase tracking-wider text-amber-900">
              <th scope="col" className="w-1/5 py-1 pr-2 font-semibold">Field</th>
              <th scope="col" className="py-1 pr-2 font-semibold">Your version</th>
              <th scope="col" className="py-1 font-semibold">Current version</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row) => (
              <tr key={row.name} className="border-t border-amber-200 align-top">
                <th scope="row" className="py-1.5 pr-2 font-medium">{row.label}</th>
                <td className="whitespace-pre-line break-words py-1.5 pr-2" data-testid={`conflict-yours-${row.name}`}>{row.yours || <span className="text-muted">(empty)</span>}</td>
                <td className="whitespace-pre-line break-words py-1.5" data-testid={`conflict-theirs-${row.name}`}>{row.theirs || <span className="text-muted">(empty)</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button type="button" onClick={onKeepMine} disabled={pending}>Save mine over theirs</Button>
        <Button type="button" variant="secondary" onClick={onTakeTheirs} disabled={pending}>Discard mine, use theirs</Button>
      </div>
    </section>
  );
}
