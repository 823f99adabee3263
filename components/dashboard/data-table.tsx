// The figures behind a chart, as a plain table screen readers and spreadsheets understand.
export function DataTable({ caption, columns, rows, footer }: { caption: string; columns: string[]; rows: Array<Array<string | number>>; footer?: Array<string | number> }) {
  const cell = (value: string | number, i: number) => (typeof value === "number" || i > 0 ? "px-3 py-1.5 text-right tabular-nums" : "px-3 py-1.5");
  return (
    <table className="w-full max-w-2xl text-sm">
      <caption className="sr-only">{caption}</caption>
      <thead>
        <tr className="border-b border-rule text-left text-muted">
          {columns.map((c, i) => (
            <th key={c} scope="col" className={`px-3 py-1.5 font-medium ${i > 0 ? "text-right" : ""}`}>{c}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={`${row[0]}-${r}`} className="border-b border-rule/60 last:border-0">
            {row.map((value, i) => (i === 0 ? <th key={i} scope="row" className={`${cell(value, i)} text-left font-normal`}>{value}</th> : <td key={i} className={cell(value, i)}>{value}</td>))}
          </tr>
        ))}
      </tbody>
      {footer ? (
        <tfoot>
          <tr className="border-t border-rule font-medium">
            {footer.map((value, i) => (i === 0 ? <th key={i} scope="row" className="px-3 py-1.5 text-left">{value}</th> : <td key={i} className={cell(value, i)}>{value}</td>))}
          </tr>
        </tfoot>
      ) : null}
    </table>
  );
}
