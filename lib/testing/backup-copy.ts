import type { Backup } from "@/lib/validation/backup";

// PURE: the same backup with new ids for every workspace row and new emails for its people, as
// if it came from another server. Tests and the end-to-end spec use it to restore on
// the server the original still lives on; the audit trail's ids are left to collide, so the
// import renumbers them.
export function withFreshIds<T extends Backup>(backup: T, prefix: string): T {
  const tables = ["memberships", "articles", "articleRevisions", "claims", "sources", "reviews", "decisions", "comments", "invitations", "notifications", "webhooks"] as const;
  const fresh = new Map<string, string>();
  for (const table of tables) for (const row of backup[table] as Array<{ id: string }>) fresh.set(row.id, `${prefix}${row.id}`);
  const walk = (value: unknown): unknown => {
    if (typeof value === "string") return fresh.get(value) ?? value;
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  const { users, workspace, ...rest } = backup;
  // People from another server are not known here either: their emails are new too.
  return { ...(walk(rest) as T), users: users.map((u) => ({ ...u, email: `${prefix}${u.email}` })), workspace };
}
