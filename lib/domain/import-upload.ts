// PURE: an uploaded file's bytes (the API's multipart import) checked and read as text. The web
// form reads files in the browser and sends their text (docs/decisions/027); an API client sends
// the file itself, so the server does what the browser did there: pick the format, refuse what is
// not text, decode UTF-8. Conversion and the article's own rules follow in importUploadSchema.

import { IMPORT_FILE_LIMIT_LABEL, MAX_IMPORT_FILE_BYTES } from "./article-size";
import { formatOfFileName, type ImportFormat } from "./import-file";

export type UploadProblem = { kind: "too-large" | "unsupported" | "not-text"; message: string };
export type UploadedText = { format: ImportFormat; text: string };

/** Content types each format may arrive with; a client that cannot tell sends none or octet-stream. */
const TYPES: Record<string, ImportFormat | "any"> = {
  "": "any",
  "application/octet-stream": "any",
  "text/plain": "any",
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "text/html": "html",
  "application/xhtml+xml": "html",
};

export const UNSUPPORTED_FILE = "Import a .txt, .md or .html file (plain text, Markdown or HTML).";
export const NOT_UTF8 = "The file is not UTF-8 text. Save it as UTF-8 (.txt, .md or .html) and send it again.";
export const BINARY_FILE = "The file holds NUL bytes, so it is not a text file (or it is UTF-16 text). Save it as UTF-8 text and send it again.";

const megabytes = (bytes: number) => `${(Math.floor(bytes / 10_000) / 100).toFixed(2)} MB`;

/**
 * The format of a file by its name's extension, agreeing with its declared content type (a type
 * that names another kind of file, such as application/pdf, is refused); a name without a known
 * extension is judged by its content type alone.
 */
export function formatOfUpload(name: string, contentType: string): ImportFormat | null {
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  const byType = TYPES[type];
  if (byType === undefined) return null;
  const byName = formatOfFileName(name);
  if (/\.[a-z0-9]+$/i.test(name) && !byName) return null;
  if (byName) return byType === "any" || byType === byName || (byType === "markdown" && byName === "text") ? byName : null;
  if (byType === "any") return type === "text/plain" ? "text" : null;
  return byType;
}

/** The file's text and format, or what is wrong with it (nothing is stored either way). */
export function readUploadedFile(file: { name: string; type: string; bytes: Uint8Array }): UploadedText | UploadProblem {
  if (file.bytes.length > MAX_IMPORT_FILE_BYTES) {
    return { kind: "too-large", message: `The file is over ${IMPORT_FILE_LIMIT_LABEL}: "${file.name}" is ${megabytes(file.bytes.length)} (${file.bytes.length.toLocaleString("en-US")} bytes). Import a smaller file, or send the part you need.` };
  }
  const format = formatOfUpload(file.name, file.type);
  if (!format) return { kind: "unsupported", message: `${UNSUPPORTED_FILE} "${file.name}" was sent as ${file.type || "no content type"}.` };
  if (file.bytes.includes(0)) return { kind: "not-text", message: BINARY_FILE };
  try {
    // fatal: a byte sequence that is not UTF-8 is refused, never replaced by U+FFFD; a BOM is dropped.
    return { format, text: new TextDecoder("utf-8", { fatal: true }).decode(file.bytes) };
  } catch {
    return { kind: "not-text", message: NOT_UTF8 };
  }
}
