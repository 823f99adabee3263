import { readFile } from "node:fs/promises";
import path from "node:path";

// GET /r/serif.woff2: the serif text face of the public report pages (Source Serif 4, from its npm
// package), served from this origin because the pages load nothing from elsewhere.

let font: Promise<Buffer> | null = null;

export async function GET(): Promise<Response> {
  // One literal path, so the build traces this file alone (a path built from an array made it
  // trace the whole project, with a warning in every build).
  font ??= readFile(path.join(process.cwd(), "node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-normal.woff2"));
  try {
    return new Response(new Uint8Array(await font), { headers: { "Content-Type": "font/woff2", "Cache-Control": "public, max-age=31536000, immutable" } });
  } catch {
    font = null;
    return new Response(null, { status: 404 });
  }
}
