// PURE, and small enough for the browser: how big an article's text may be, counted the way the
// server counts it (UTF-8 bytes of the text as it will be stored). The import form checks this
// before sending, so a text over the limit never meets the server's request-size limit (which
// would replace the page with an error and lose the paste); the server checks it again.

/** The most an article's text may hold, in UTF-8 bytes. */
export const MAX_ARTICLE_BYTES = 1_000_000;

export const ARTICLE_LIMIT_LABEL = `${MAX_ARTICLE_BYTES / 1_000_000} MB`;

/** The server's message (lib/validation/article.ts) for a text over the limit. */
export const ARTICLE_TOO_LARGE = `The article text is over ${ARTICLE_LIMIT_LABEL}. Split it into parts and import each one.`;

/** The text as it is stored: line endings made "\n", NULs dropped, trimmed. Offsets count in this. */
export const normaliseArticleText = (text: string) => text.replace(/\r\n?/g, "\n").replaceAll("\u0000", "").trim();

/** UTF-8 bytes of the text as it will be stored. */
export const articleTextBytes = (text: string) => new TextEncoder().encode(normaliseArticleText(text)).length;

const megabytes = (bytes: number) => `${(Math.floor(bytes / 10_000) / 100).toFixed(2)} MB`;

/** For the form, before it sends anything: null when the text fits, else what to tell the person. */
export function articleSizeProblem(text: string): string | null {
  const bytes = articleTextBytes(text);
  if (bytes <= MAX_ARTICLE_BYTES) return null;
  return `${ARTICLE_TOO_LARGE} This text is ${megabytes(bytes)} (${bytes.toLocaleString("en-US")} bytes); the limit is ${ARTICLE_LIMIT_LABEL} (${MAX_ARTICLE_BYTES.toLocaleString("en-US")} bytes). Nothing was sent: your text is still here.`;
}

/**
 * The most an imported file may hold before conversion, in UTF-8 bytes: HTML carries markup the
 * article will not keep, so a page may be larger than the text it gives. Below the server's
 * request-size limit (next.config.js, at least 3 MB), so the browser's check answers first.
 */
export const MAX_IMPORT_FILE_BYTES = 2_500_000;

export const IMPORT_FILE_LIMIT_LABEL = `${MAX_IMPORT_FILE_BYTES / 1_000_000} MB`;

/** The server's message for a file over the limit before conversion. */
export const IMPORT_FILE_TOO_LARGE = `The file is over ${IMPORT_FILE_LIMIT_LABEL}. Import a smaller file, or paste the part you need.`;

/** For the form, when a file is chosen: null when it may be sent, else what to tell the person. */
export function importFileProblem(name: string, bytes: number): string | null {
  if (bytes <= MAX_IMPORT_FILE_BYTES) return null;
  return `${IMPORT_FILE_TOO_LARGE} "${name}" is ${megabytes(bytes)} (${bytes.toLocaleString("en-US")} bytes); the limit is ${IMPORT_FILE_LIMIT_LABEL}. Nothing was sent.`;
}
