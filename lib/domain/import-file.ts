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
