import { getDb } from "@/lib/db/client";
import { createApiToken } from "@/lib/db/api-tokens";
import type { Endpoint } from "@/lib/api/v1/endpoint";
import { handlerFor } from "@/lib/api/v1/endpoint";
import { ALL_ENDPOINTS } from "@/lib/api/v1/registry";

// Calling /api/v1 route handlers directly, as Next would: a Request in, a Response out.

export type Call = { status: number; body: unknown; headers: Headers };

export function endpointFor(method: string, path: string): { endpoint: Endpoint; params: Record<string, string> } {
  for (const endpoint of ALL_ENDPOINTS) {
    if (endpoint.method !== method) continue;
    const names: string[] = [];
    const pattern = new RegExp(`^${endpoint.path.replace(/\{(\w+)\}/g, (_m, name: string) => (names.push(name), "([^/]+)"))}$`);
    const match = pattern.exec(path.split("?")[0]!);
    if (match) return { endpoint, params: Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(match[i + 1]!)])) };
  }
  throw new Error(`No endpoint for ${method} ${path}`);
}

/**
 * `token` sends Authorization: Bearer; without it the request carries whatever session the test
 * mocked. `form` sends multipart/form-data (a file upload), with its boundary.
 */
export async function callApi(method: string, path: string, options: { token?: string; body?: unknown; rawBody?: string; form?: FormData; headers?: Record<string, string> } = {}): Promise<Call> {
  const { endpoint, params } = endpointFor(method, path);
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | FormData | undefined;
  if (options.form !== undefined) body = options.form;
  else if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers["content-type"] ??= "application/json";
  }
  const request = new Request(`http://factdesk.test/api/v1${path}`, { method, headers, body });
  const response = await handlerFor(endpoint)(request, { params: Promise.resolve(params) });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (a file or a stream)
  }
  return { status: response.status, body: parsed, headers: response.headers };
}

export async function tokenFor(userId: string, scope: "READ" | "WRITE" = "WRITE") {
  return (await createApiToken(userId, { name: `test ${scope.toLowerCase()}`, scope, expiresAt: null })).token;
}

/**
 * A fingerprint of everything a workspace holds: each table's rows as JSON, hashed in id order.
 * Equal fingerprints before and after a refused request mean nothing at all was written.
 */
export async function workspaceFingerprint(workspaceId: string): Promise<Record<string, string>> {
  const tables = ["Article", "Claim", "Source", "Review", "Decision", "Comment", "Notification", "Event", "Membership", "Invitation", "ShareLink", "Webhook", "WebhookDelivery", "Presence", "ArticleRevision"];
  const out: Record<string, string> = {};
  for (const table of tables) {
    const key = table === "Event" || table === "Presence" ? (table === "Event" ? "id" : '"tabId"') : "id";
    const [row] = await getDb().$queryRawUnsafe<Array<{ h: string | null; n: bigint }>>(
      `SELECT md5(coalesce(string_agg(row_to_json(t)::text, '|' ORDER BY t.${key}), '')) AS h, count(*) AS n FROM "${table}" t WHERE t."workspaceId" = $1`,
      workspaceId,
    );
    out[table] = `${row?.n ?? 0}:${row?.h ?? ""}`;
  }
  const [assignees] = await getDb().$queryRawUnsafe<Array<{ h: string | null }>>(
    `SELECT md5(coalesce(string_agg(row_to_json(a)::text, '|' ORDER BY a."claimId", a."userId"), '')) AS h FROM "ClaimAssignee" a JOIN "Claim" c ON c.id = a."claimId" WHERE c."workspaceId" = $1`,
    workspaceId,
  );
  out.ClaimAssignee = assignees?.h ?? "";
  const [ws] = await getDb().$queryRawUnsafe<Array<{ h: string }>>(`SELECT md5(row_to_json(w)::text) AS h FROM "Workspace" w WHERE w.id = $1`, workspaceId);
  out.Workspace = ws?.h ?? "";
  return out;
}
