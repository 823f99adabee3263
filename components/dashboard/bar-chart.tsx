// A horizontal bar chart drawn as SVG on the server: no client script, nothing to load. Every bar
// carries its value in words beside it, and with several series each one has its own fill
// pattern as well as its name, so nothing depends on colour. The SVG is an image whose text
// alternative lists every figure; the table behind each chart has the same figures.

export type Series = { name: string; /** "review" -> "4 reviews" beside the bar. */ unit?: [string, string] };
export type BarRow = { label: string; values: number[]; /** Overrides the value text of a one-series chart. */ valueText?: string };

const WIDTH = 640;
const LABEL_WIDTH = 190;
const VALUE_ROOM = 110;
const BAR_HEIGHT = 18;
const BAR_GAP = 4;
const ROW_GAP = 12;
const PATTERNS = ["solid", "hatched", "dotted"] as const;

const truncate = (text: string, max = 26) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const valueText = (value: number, series: Series) => (series.unit ? `${value} ${value === 1 ? series.unit[0] : series.unit[1]}` : String(value));

export function BarChart({ id, title, rows, series = [{ name: "" }], summary }: { id: string; title: string; rows: BarRow[]; series?: Series[]; summary?: string }) {
  const max = Math.max(1, ...rows.flatMap((r) => r.values));
  const rowHeight = series.length * BAR_HEIGHT + (series.length - 1) * BAR_GAP;
  const legendHeight = series.length > 1 ? 28 : 0;
  const height = legendHeight + rows.length * (rowHeight + ROW_GAP);
  const scale = (WIDTH - LABEL_WIDTH - VALUE_ROOM) / max;
  const description =
    summary ??
    rows
      .map((r) => (series.length === 1 ? `${r.label}: ${r.valueText ?? valueText(r.values[0] ?? 0, series[0] ?? { name: "" })}` : `${r.label}: ${series.map((s, i) => valueText(r.values[i] ?? 0, s)).join(", ")}`))
      .join("; ");

  return (
    <svg viewBox={`0 0 ${WIDTH} ${height}`} role="img" aria-labelledby={`${id}-title ${id}-desc`} className="h-auto w-full max-w-3xl font-sans" data-chart={id}>
      <title id={`${id}-title`}>{title}</title>
      <desc id={`${id}-desc`}>{description}</desc>
      <defs>
        <pattern id={`${id}-hatched`} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" fill="#dbe4f8" />
          <line x1="0" y1="0" x2="0" y2="6" stroke="#1d4ed8" strokeWidth="3" />
        </pattern>
        <pattern id={`${id}-dotted`} width="5" height="5" patternUnits="userSpaceOnUse">
          <rect width="5" height="5" fill="#ffffff" />
          <circle cx="2.5" cy="2.5" r="1.3" fill="#1f2328" />
        </pattern>
      </defs>
      {series.length > 1 ? (
        <g aria-hidden="true">
          {series.map((s, i) => (
            <g key={s.name} transform={`translate(${LABEL_WIDTH + i * 140} 4)`}>
              <rect width="14" height="14" {...fillFor(id, i)} />
              <text x="20" y="12" fontSize="13" fill="#1f2328">{s.name}</text>
            </g>
          ))}
        </g>
      ) : null}
      <g aria-hidden="true">
        {rows.map((row, r) => {
          const top = legendHeight + r * (rowHeight + ROW_GAP);
          return (
            <g key={row.label} transform={`translate(0 ${top})`}>
              <text x={LABEL_WIDTH - 10} y={rowHeight / 2 + 5} fontSize="13" textAnchor="end" fill="#1f2328">{truncate(row.label)}</text>
              {series.map((s, i) => {
                const value = row.values[i] ?? 0;
                const width = value * scale;
                const y = i * (BAR_HEIGHT + BAR_GAP);
                return (
                  <g key={s.name || i}>
                    <rect x={LABEL_WIDTH} y={y} width={Math.max(width, 1.5)} height={BAR_HEIGHT} rx="2" {...fillFor(id, i)} />
                    <text x={LABEL_WIDTH + width + 6} y={y + BAR_HEIGHT / 2 + 4.5} fontSize="12.5" fill="#1f2328">
                      {series.length === 1 ? (row.valueText ?? valueText(value, s)) : valueText(value, s)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
      </g>
    </svg>
  );
}

function fillFor(id: string, index: number) {
  const pattern = PATTERNS[index % PATTERNS.length];
  if (pattern === "solid") return { fill: "#1d4ed8" };
  return { fill: `url(#${id}-${pattern})`, stroke: pattern === "dotted" ? "#1f2328" : "#1d4ed8", strokeWidth: 1 };
}
