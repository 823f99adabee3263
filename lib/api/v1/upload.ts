import "server-only";
import { z } from "zod";
import { MAX_IMPORT_FILE_BYTES } from "@/lib/domain/article-size";
import { plainTextHeadline } from "@/lib/domain/import-file";
import { readUploadedFile } from "@/lib/domain/import-upload";
import { AppError } from "@/lib/errors";
import { importUploadSchema } from "@/lib/validation/article";

// POST /api/v1/articles/import: a file sent as multipart/form-data, read with a cap on the bytes
// taken from the network, checked (lib/domain/import-upload.ts), then handed to the same schema
// as the import form (importUploadSchema), which converts it and applies the article's rules.

/** Room for the form's other fields and its boundaries, on top of the file's own limit. */
const ENVELOPE_BYTES = 64 * 1024;
const MAX_REQUEST_BYTES = MAX_IMPORT_FILE_BYTES + ENVELOPE_BYTES;

const TEXT_FIELDS = ["workspace", "title", "outlet", "author", "url", "publishedAt"] as const;

const tooLarge = () => new AppError("TOO_LARGE", `The request is over ${(MAX_REQUEST_BYTES / 1_000_000).toFixed(2)} MB: the file may hold 2.5 MB. Import a smaller file, or send the part you need.`, { file: ["The file is too large."] });
const fieldError = (field: string, message: string) => new AppError("INVALID_INPUT", `${field}: ${message}`, { [field]: [message] });

/** The body's bytes, never more than `max`: a larger body is refused before it is all read. */
async function readCapped(request: Request, max: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > max) throw tooLarge();
  if (!request.body) return new Uint8Array(new ArrayBuffer(0));
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > max) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(new ArrayBuffer(total));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/**
 * The import's raw input from a multipart request: the text fields as sent, and from the `file`
 * part its format, name and text. Everything else is the schema's to judge.
 */
export async function readImportUpload(request: Request): Promise<Record<string, unknown>> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!contentType.toLowerCase().startsWith("multipart/form-data")) {
    throw new AppError("UNSUPPORTED_TYPE", "Send the file as multipart/form-data with a `file` part (for example curl -F file=@story.html). To import text as JSON, POST it to /api/v1/articles.");
  }
  const bytes = await readCapped(request, MAX_REQUEST_BYTES);
  let form: FormData;
  try {
    form = await new Response(bytes, { headers: { "content-type": contentType } }).formData();
  } catch {
    throw new AppError("INVALID_INPUT", "The request body is not valid multipart/form-data.");
  }
  const raw: Record<string, unknown> = {};
  for (const key of TEXT_FIELDS) {
    const value = form.getAll(key);
    if (value.length > 1) throw fieldError(key, "Send this field once.");
    if (value.length === 0) continue;
    if (typeof value[0] !== "string") throw fieldError(key, "Send this field as text, not as a file.");
    raw[key] = value[0];
  }
  const files = form.getAll("file");
  if (files.length === 0) throw fieldError("file", "Attach the article as a `file` part (a .txt, .md or .html file).");
  if (files.length > 1) throw fieldError("file", "Send one file at a time.");
  const file = files[0]!;
  if (typeof file === "string") throw fieldError("file", "Send the article as a file part (curl -F file=@story.html), not as a text field.");
  const read = readUploadedFile({ name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) });
  if ("kind" in read) {
    const code = read.kind === "too-large" ? "TOO_LARGE" : read.kind === "unsupported" ? "UNSUPPORTED_TYPE" : "INVALID_INPUT";
    throw new AppError(code, `file: ${read.message}`, { file: [read.message] });
  }
  // A plain text file proposes its first line as the headline, as the form does in the browser.
  const title = typeof raw.title === "string" && raw.title.trim() ? raw.title : read.format === "text" ? (plainTextHeadline(read.text) ?? undefined) : undefined;
  return { ...raw, title, format: read.format, fileName: file.name, body: read.text };
}

/** The multipart form as the OpenAPI document shows it. */
export const importUploadForm = z.object({
  workspace: z.string().describe("The workspace's slug (or send it as the `workspace` query parameter)."),
  file: z.string().meta({ format: "binary" }).describe("The article: a .txt, .md or .html file of at most 2.5 MB, UTF-8, as a file part. Its type is taken from the extension (a content type that names another kind of file is refused with 415)."),
  title: z.string().max(300).optional().describe("The headline. Without it, the file's own: an HTML page's <title> (else its first <h1>), a Markdown file's first # heading, a text file's first line when it stands alone."),
  outlet: z.string().max(200).optional(),
  author: z.string().max(200).optional(),
  url: z.string().optional().describe("Where the article was published (http or https). Only stored: Factdesk never fetches it."),
  publishedAt: z.string().optional().describe("Publication date, YYYY-MM-DD."),
});

/** The operation's input: the import form's schema with the workspace. */
export const importUploadInput = importUploadSchema.and(z.object({ workspace: z.string({ error: "Choose a workspace (its slug)." }).trim().min(1, "Choose a workspace (its slug).").max(64) }));
