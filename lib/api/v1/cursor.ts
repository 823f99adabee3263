import { z } from "zod";
import { text } from "@/lib/validation/fields";

// PURE: opaque cursors for keyset pagination. A cursor is the sort key and id of the last item
// of a page, base64url-encoded JSON; clients pass it back as it came.

export type CursorKey = [string | number, string];

export const encodeCursor = (key: CursorKey) => Buffer.from(JSON.stringify(key)).toString("base64url");

const keySchema = z.tuple([z.union([text().max(64), z.number().int()]), text().min(1).max(64)]);

export function decodeCursor(cursor: string): CursorKey | null {
  try {
    const parsed = keySchema.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** `cursor` and `limit` as every list endpoint takes them. */
export const pageQuery = {
  cursor: z
    .string()
    .max(300)
    .refine((c) => decodeCursor(c) !== null, "cursor is not one this API gave out.")
    .optional()
    .describe("From the previous page's nextCursor."),
  limit: z.coerce.number().int().min(1, "limit must be from 1 to 200.").max(200, "limit must be from 1 to 200.").default(50).describe("Items per page, 1 to 200 (default 50)."),
};

/** Cuts one extra row off a query that asked for limit + 1, and says where the next page starts. */
export function pageOf<T>(rows: T[], limit: number, keyOf: (row: T) => CursorKey): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(keyOf(last)) : null };
}
