// PURE, and small enough for the browser: the file formats the import takes (converted on the
// server by lib/domain/import-formats.ts).

export const IMPORT_FORMATS = ["text", "markdown", "html"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** The format a file's name says, or null for a file the import does not take. */
export function formatOfFileName(name: string): ImportFormat | null {
  const extension = name.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (extension === "txt" || extension === "text") return "text";
  if (extension === "md" || extension === "markdown") return "markdown";
  if (extension === "html" || extension === "htm") return "html";
  return null;
}

/**
 * The headline a plain text file proposes: its first line, when that line stands alone (a blank
 * line or the end after it), is short and does not end like a sentence. Otherwise none.
 */
export function plainTextHeadline(raw: string): string | null {
  const lines = raw.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const first = lines.findIndex((line) => line.trim() !== "");
  if (first < 0) return null;
  const line = lines[first]!.replace(/\s+/g, " ").trim();
  const alone = first + 1 >= lines.length || lines[first + 1]!.trim() === "";
  if (!alone || line.length > 200 || /[.!?,;:…]["'”’)]*$/.test(line)) return null;
  return line;
}

const sameWords = (a: string, b: string) => a.replace(/\s+/g, " ").trim().toLowerCase() === b.replace(/\s+/g, " ").trim().toLowerCase();

/**
 * An imported text without its first line when that line is the file's leading heading (an HTML
 * or Markdown heading, or a plain text file's headline line) and the article's headline says the
 * same words: the article page shows the headline above the text, so keeping it would show it
 * twice. A headline the person changed, a heading that is not first, or a file holding nothing
 * but the heading keep the text as it is (docs/decisions/027).
 */
export function withoutRepeatedHeadline(text: string, heading: string | null, title: string): string {
  if (!heading || !title.trim() || !sameWords(heading, title)) return text;
  const lines = text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n/);
  const first = lines.findIndex((line) => line.trim() !== "");
  if (first < 0 || !sameWords(lines[first]!, heading)) return text;
  const rest = lines.slice(first + 1).join("\n").replace(/^(?:[ \t]*\n)+/, "");
  return rest.trim() ? rest : text;
}
