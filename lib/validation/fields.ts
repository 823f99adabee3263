import { z } from "zod";

// Field builders shared by every schema, so a title or a URL is checked the same way everywhere.
// Forms send "" for an untouched optional field; these read that as "not given".

export const MAX_TITLE = 300;
export const MAX_NAME = 200;
export const MAX_URL = 2048;

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

// PostgreSQL cannot store U+0000 (NUL) in text: every string a request carries is checked here,
// before it gets near the database. Text gets a message at its field; an id with a NUL names
// nothing, so it is "not found" (see `isNotFoundIssue` and lib/pipeline/operation.ts).
export const NUL_MESSAGE = "This text contains a character that cannot be stored (NUL).";
export const hasNul = (value: string) => value.includes("\u0000");
const NOT_FOUND_PARAMS = { notFound: true } as const;

/** Any text a person sends: refused, at its field, when it holds a NUL. Every schema builds strings from here. */
export const text = (params?: Parameters<typeof z.string>[0]) => z.string(params).refine((value) => !hasNul(value), { message: NUL_MESSAGE, abort: true });

/** An identifier (a row id, a key, a slug) sent by a client: with a NUL it names nothing and is "not found". */
export const identifier = (params?: Parameters<typeof z.string>[0]) =>
  z.string(params).refine((value) => !hasNul(value), { message: "Not found.", params: NOT_FOUND_PARAMS, abort: true });

/** An issue raised by `identifier` (a NUL in an id): the pipeline answers NOT_FOUND, not a field message. */
export const isNotFoundIssue = (issue: z.core.$ZodIssue) => issue.code === "custom" && (issue.params as { notFound?: boolean } | undefined)?.notFound === true;

/** The path of the first string holding a NUL anywhere in a value (a backstop for the pipeline), or null. */
export function findNul(value: unknown, path: (string | number)[] = []): (string | number)[] | null {
  if (typeof value === "string") return hasNul(value) ? path : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], [...path, i]);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === "object" && !(value instanceof Date)) {
    for (const [key, inner] of Object.entries(value)) {
      if (hasNul(key)) return [...path, key];
      const found = findNul(inner, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}

export const requiredText = (label: string, max: number) =>
  text({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be at most ${max.toLocaleString("en-US")} characters.`);

export const optionalText = (label: string, max: number) =>
  z.preprocess(
    blankToUndefined,
    text().trim().max(max, `${label} must be at most ${max.toLocaleString("en-US")} characters.`).optional(),
  );

/**
 * The URL as it is stored: parsed and written back in its normal form (`https:evil.example`
 * becomes `https://evil.example/`), so what the desk sees is what a browser will open. Null for
 * anything that is not an http(s) address with a real host (a name with a dot, `localhost`, or
 * an IP address): no javascript:, data:, file: or relative links, no `http://x` typos.
 */
export function normaliseHttpUrl(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return null;
  const host = url.hostname;
  const realHost = host === "localhost" || host.startsWith("[") || /^(?=.{1,253}$)([^.]+\.)+[^.]+\.?$/.test(host);
  return realHost ? url.href : null;
}

/** An absolute http(s) URL, stored normalised (see normaliseHttpUrl). */
export const httpUrl = (label = "URL") =>
  text({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(MAX_URL, `${label} must be at most ${MAX_URL} characters.`)
    .transform((value, ctx) => {
      const normal = normaliseHttpUrl(value);
      if (normal === null || normal.length > MAX_URL) {
        ctx.addIssue({ code: "custom", message: `${label} must be a full web address starting with http:// or https://.` });
        return z.NEVER;
      }
      return normal;
    });

export const optionalHttpUrl = (label = "URL") => z.preprocess(blankToUndefined, httpUrl(label).optional());

/** A calendar date as a date input sends it (YYYY-MM-DD), read as midnight UTC. */
export const optionalDate = (label: string) =>
  z.preprocess(
    blankToUndefined,
    text()
      .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} must be a date (YYYY-MM-DD).`)
      .transform((value, ctx) => {
        const date = new Date(`${value}T00:00:00Z`);
        if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== value) {
          ctx.addIssue({ code: "custom", message: `${label} is not a real date.` });
          return z.NEVER;
        }
        return date;
      })
      .optional(),
  );

export const id = (label = "id") => identifier({ error: `Missing ${label}.` }).trim().min(1, `Missing ${label}.`).max(64, `Invalid ${label}.`);

export const version = z.coerce.number({ error: "Missing version." }).int().min(1);

/** Field messages keyed by field name, ready for a form to show beside each input. */
export function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
