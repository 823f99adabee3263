import "server-only";
import { readFileSync } from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import { readableTime, reusedVerdictWarning, type DeskReport, type ReportDocument, type ReportSource } from "./document";

// The report as a PDF, drawn on the server with pdfkit and an embedded Unicode font (Inter, from
// the @expo-google-fonts/inter package: curly quotes, dashes and accented names render as typed).
// Every page carries the desk's organisation, the article and "Page n of N".

const FONT_DIR = path.join(process.cwd(), "node_modules", "@expo-google-fonts", "inter");
const FONTS = {
  regular: path.join(FONT_DIR, "400Regular", "Inter_400Regular.ttf"),
  bold: path.join(FONT_DIR, "700Bold", "Inter_700Bold.ttf"),
  italic: path.join(FONT_DIR, "400Regular_Italic", "Inter_400Regular_Italic.ttf"),
};

const INK = "#1c1917";
const MUTED = "#57534e";
const LINE = "#d6d3d1";
const MARGIN = 56;
const dayOf = (iso: string) => iso.slice(0, 10);

// Read once per process; each document parses and subsets its own copy.
const fontCache = new Map<string, Buffer>();
function fontBytes(file: string): Buffer {
  let bytes = fontCache.get(file);
  if (!bytes) fontCache.set(file, (bytes = readFileSync(file)));
  return bytes;
}

type Glyph = { id: number; advanceWidth: number; codePoints: number[] };
type Position = { xAdvance: number; yAdvance: number; xOffset: number; yOffset: number; advanceWidth: number };
type EmbeddedFont = { font: { glyphsForString: (text: string) => Glyph[] }; scale: number; layoutRun: (text: string) => { glyphs: Glyph[]; positions: Position[]; advanceWidth: number } };

/**
 * Lays out text glyph by glyph from the font's character map, without OpenType shaping. Inter's
 * contextual alternates and kerning made pdfkit's shaping (fontkit) about 1 ms a word, 45 s for a
 * 1,000-claim report; Latin text needs no shaping to be correct (text is NFC-normalised so
 * accented letters are single precomposed glyphs). pdfkit keeps its per-word cache on top.
 */
function simpleShaping(doc: PDFKit.PDFDocument) {
  const embedded = (doc as unknown as { _font?: EmbeddedFont })._font;
  if (!embedded?.font?.glyphsForString) return;
  embedded.layoutRun = (text: string) => {
    const glyphs = embedded.font.glyphsForString(text.normalize("NFC"));
    let advanceWidth = 0;
    const positions = glyphs.map((glyph) => {
      const width = glyph.advanceWidth * embedded.scale;
      advanceWidth += width;
      return { xAdvance: width, yAdvance: 0, xOffset: 0, yOffset: 0, advanceWidth: width };
    });
    return { glyphs, positions, advanceWidth };
  };
}

export function renderPdf(report: ReportDocument): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    // No default font: pdfkit would load Helvetica, and a font set here and again by name is
    // re-read from disk on every later switch (its cache is keyed by the first name it saw).
    font: null as unknown as string,
    info: { Title: `Fact-check: ${report.article.title}`, Author: report.publisher.name, Creator: "Factdesk", Subject: report.audience === "reader" ? "Fact-check report" : "Desk report" },
    lang: "en",
    displayTitle: true,
  });
  for (const [name, file] of Object.entries(FONTS)) {
    doc.registerFont(name, fontBytes(file));
    simpleShaping(doc.font(name));
  }
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const width = doc.page.width - MARGIN * 2;
  const text = (font: "regular" | "bold" | "italic", size: number, color: string, value: string, options: PDFKit.Mixins.TextOptions = {}) =>
    doc.font(font).fontSize(size).fillColor(color).text(value, { width, ...options });
  const rule = (color = LINE) => {
    doc.moveDown(0.4);
    doc.moveTo(MARGIN, doc.y).lineTo(MARGIN + width, doc.y).lineWidth(0.6).strokeColor(color).stroke();
    doc.moveDown(0.6);
  };
  /** Start a block on a new page when too little of this page is left for its first lines. */
  const keep = (height: number) => {
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
  };

  const { article } = report;
  text("bold", 9, MUTED, (report.audience === "reader" ? "FACT-CHECK" : "DESK REPORT") + ` · ${report.publisher.name}`, { characterSpacing: 0.6 });
  doc.moveDown(0.3);
  text("bold", 20, INK, article.title, { lineGap: 2 });
  doc.moveDown(0.4);
  const meta = [
    article.outlet && `Outlet: ${article.outlet}`,
    article.author && `Author: ${article.author}`,
    article.publishedAt && `Published: ${article.publishedAt}`,
    article.url && `Original: ${article.url}`,
    `Fact-checked by: ${report.publisher.name}`,
    report.audience === "desk" && `Claims: ${report.counts.claims}, of which ${report.counts.published} with a published verdict`,
    `Generated: ${readableTime(report.generatedAt)}`,
  ].filter((x): x is string => Boolean(x));
  for (const line of meta) text("regular", 9.5, MUTED, line);
  rule(INK);
  if (report.claims.length === 0) text("italic", 11, MUTED, report.audience === "reader" ? "No verdicts have been published for this article yet." : "No claims yet.");

  const sources = (list: ReportSource[]) => {
    if (list.length === 0) return void text("italic", 9.5, MUTED, "No sources yet.");
    text("bold", 10, INK, "Sources");
    doc.moveDown(0.2);
    list.forEach((s, n) => {
      keep(36);
      text("regular", 10, INK, `${n + 1}. ${s.title}`, { indent: 0 });
      const details = [s.stanceLabel, s.kindLabel, s.publisher, s.publishedAt && `published ${s.publishedAt}`, s.accessedAt && `accessed ${s.accessedAt}`].filter(Boolean).join(" · ");
      text("regular", 8.5, MUTED, details, { indent: 12 });
      text("regular", 8.5, MUTED, s.url, { indent: 12, link: /^https?:\/\//i.test(s.url) ? s.url : undefined });
      if (s.quotation) text("italic", 9, INK, `“${s.quotation}”`, { indent: 12 });
      doc.moveDown(0.25);
    });
  };

  report.claims.forEach((claim, i) => {
    keep(90);
    text("bold", 8.5, MUTED, `CLAIM ${i + 1}`, { characterSpacing: 0.6 });
    doc.moveDown(0.2);
    text("regular", 12, INK, `“${claim.quote}”`, { lineGap: 1.5 });
    doc.moveDown(0.3);
    if (claim.claimant) text("regular", 9.5, MUTED, `Claimant: ${claim.claimant}`);
    if (report.audience === "desk") {
      const c = claim as DeskReport["claims"][number];
      if (c.statement.trim() !== c.quote.trim()) text("regular", 9.5, MUTED, `Statement checked: ${c.statement}`);
      text("regular", 9.5, MUTED, `Status: ${c.statusLabel}${c.statusReason ? `: ${c.statusReason}` : ""}`);
      text("regular", 9.5, MUTED, `Assigned to: ${c.assignees.length ? c.assignees.join(", ") : "nobody"}`);
    }
    doc.moveDown(0.3);
    const verdict = "verdict" in claim ? claim.verdict : null;
    if (verdict) {
      const by = "approvedBy" in verdict && verdict.approvedBy ? ` by ${verdict.approvedBy}` : "";
      doc.font("bold").fontSize(11).fillColor(INK).text(`Verdict: ${verdict.label}`, { width, continued: true });
      doc.font("regular").fontSize(9.5).fillColor(MUTED).text(`  — published ${dayOf(verdict.publishedAt)}${by}`);
      const reused = "reusedFrom" in verdict ? (verdict as DeskReport["claims"][number]["verdict"])?.reusedFrom : null;
      if (reused) text("regular", 9.5, MUTED, `Verdict reused from the original claim “${reused.statement}” in “${reused.articleTitle}”`);
      const warning = reusedVerdictWarning(reused);
      if (warning) text("bold", 9.5, INK, warning);
      doc.moveDown(0.2);
      text("regular", 10.5, INK, verdict.summary, { lineGap: 1.5 });
    } else {
      text("italic", 10, MUTED, "Verdict: not yet published");
    }
    doc.moveDown(0.4);
    if (report.audience === "desk") {
      const c = claim as DeskReport["claims"][number];
      if (c.reviews.length === 0) text("italic", 9.5, MUTED, "No reviews yet.");
      else {
        text("bold", 10, INK, "Reviews");
        doc.moveDown(0.2);
        for (const r of c.reviews) {
          keep(28);
          if (r.hidden) text("regular", 9.5, MUTED, `${r.reviewer}: rating hidden until you have reviewed this claim yourself`);
          else {
            text("regular", 9.5, INK, `${r.reviewer}: ${r.label ?? r.rating ?? ""}${r.confidence ? ` (confidence ${r.confidence} of 3)` : ""}`);
            if (r.rationale) text("italic", 9, MUTED, r.rationale, { indent: 12 });
          }
          doc.moveDown(0.15);
        }
      }
      doc.moveDown(0.3);
    }
    sources(claim.sources);
    rule();
  });

  // Footers last, once the page count is known: the organisation, the article, page n of N.
  const range = doc.bufferedPageRange();
  for (let p = range.start; p < range.start + range.count; p++) {
    doc.switchToPage(p);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - MARGIN + 8;
    doc.moveTo(MARGIN, y - 6).lineTo(MARGIN + width, y - 6).lineWidth(0.5).strokeColor(LINE).stroke();
    doc.font("regular").fontSize(8).fillColor(MUTED);
    const pageLabel = `Page ${p - range.start + 1} of ${range.count}`;
    const labelWidth = doc.widthOfString(pageLabel);
    doc.text(`${report.publisher.name} · ${article.title}`, MARGIN, y, { width: width - labelWidth - 16, height: 10, ellipsis: true, lineBreak: false });
    doc.text(pageLabel, MARGIN + width - labelWidth, y, { lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}
