import { z } from "zod";
import { text } from "./fields";

export const signInSchema = z.object({
  email: text().trim().toLowerCase().pipe(z.email("Enter a valid email address.")),
  password: text().min(1, "Enter your password.").max(1000),
});

const PROBE_ORIGIN = "http://factdesk.invalid";

/**
 * Where to go after signing in: a path on this site, never another site. Parsing as a URL
 * catches the tricks a prefix check misses ("/\\evil.example", "/\t/evil.example").
 */
export function safeCallbackPath(raw: string | null | undefined): string {
  if (!raw) return "/";
  try {
    const url = new URL(raw, PROBE_ORIGIN);
    return url.origin === PROBE_ORIGIN ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}
