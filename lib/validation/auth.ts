import { z } from "zod";
import { text } from "./fields";

export const signInSchema = z.object({
  email: text().trim().toLowerCase().pipe(z.email("Enter a valid email address.")),
  password: text().min(1, "Enter your password.").max(1000),
});

const PROBE_ORIGIN = "http://factdesk.invalid";

/** One pass: parsed as a URL against a probe origin, kept only when it stays there, as a path. */
function pathOnThisSite(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw, PROBE_ORIGIN);
  } catch {
    return "/";
  }
  if (url.origin !== PROBE_ORIGIN) return "/";
  // The parser resolves dot segments and turns "\\" into "/", so `/..//evil.example` comes out
  // as `//evil.example`: a protocol-relative address. One leading slash, always.
  const path = `${url.pathname.replace(/^\/+/, "/")}${url.search}${url.hash}`;
  return path.startsWith("/") && !path.startsWith("//") ? path : "/";
}

/**
 * Where to go after signing in: a path on this site, never another site. Parsing as a URL
 * catches the tricks a prefix check misses ("/\\evil.example", "/\t/evil.example",
 * "/..//evil.example"). The answer is a fixed point: sanitising it again changes nothing, and
 * resolved against this site's origin it stays on this site; anything that is not is "/".
 */
export function safeCallbackPath(raw: string | null | undefined): string {
  if (!raw) return "/";
  const path = pathOnThisSite(raw);
  return pathOnThisSite(path) === path ? path : "/";
}
