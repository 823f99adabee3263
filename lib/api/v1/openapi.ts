import { z } from "zod";
import { STATUS_BY_CODE } from "@/lib/errors";
import type { Endpoint } from "./endpoint";
import { errorSchema } from "./schemas";

// The OpenAPI 3.1 document of /api/v1, generated from the endpoints' own zod schemas: the
// schemas that validate a request are the ones the document shows, so the two cannot drift.

type Json = Record<string, unknown>;

/** A zod schema as JSON Schema (2020-12, which OpenAPI 3.1 uses), its named parts collected. */
function jsonSchema(schema: z.ZodType, io: "input" | "output", components: Record<string, Json>): Json {
  const converted = z.toJSONSchema(schema, { target: "draft-2020-12", io, unrepresentable: "any", reused: "inline" }) as Json & { $defs?: Record<string, Json> };
  const { $schema: _dialect, $defs, ...rest } = converted;
  const rewrite = (value: Json) => JSON.parse(JSON.stringify(value).replaceAll('"#/$defs/', '"#/components/schemas/')) as Json;
  for (const [name, def] of Object.entries($defs ?? {})) components[io === "input" ? `${name}Input` : name] = rewrite(def);
  // A schema with an id comes back as a $ref to its own definition, already collected above.
  return rewrite(rest);
}

const ERROR_STATUSES: Array<[number, string]> = [
  [STATUS_BY_CODE.INVALID_INPUT, "The request is not valid: `error.message` says why, `error.fields` field by field."],
  [STATUS_BY_CODE.UNAUTHENTICATED, "No valid token or session: the token is missing, mistyped, revoked or expired."],
  [STATUS_BY_CODE.FORBIDDEN, "Your role (or a read-only token) does not allow this, or the workspace is archived."],
  [STATUS_BY_CODE.NOT_FOUND, "Not found in any workspace you belong to."],
  [STATUS_BY_CODE.CONFLICT, "Changed by someone else since your `version`, or refused by the workflow; `error.current` holds the current version."],
  [STATUS_BY_CODE.RATE_LIMITED, "Too many requests from this token: wait `Retry-After` seconds."],
];

// Only where a file is uploaded.
const UPLOAD_ERROR_STATUSES: Array<[number, string]> = [
  [STATUS_BY_CODE.TOO_LARGE, "The file (or the whole request) is over its size limit; nothing was stored."],
  [STATUS_BY_CODE.UNSUPPORTED_TYPE, "Not a multipart/form-data request, or a file of a type the endpoint does not take."],
];

const operationId = (e: Endpoint) =>
  `${e.method.toLowerCase()}${e.path
    .split("/")
    .filter(Boolean)
    .map((part) => (part.startsWith("{") ? "By" + part.slice(1, -1).replace(/^./, (c) => c.toUpperCase()) : part.replace(/^./, (c) => c.toUpperCase())))
    .join("")}`;

export function buildOpenApiDocument(endpoints: readonly Endpoint[], serverUrl = "/api/v1"): Json {
  const components: Record<string, Json> = {};
  const paths: Record<string, Record<string, Json>> = {};
  const errorRef = jsonSchema(errorSchema, "output", components);
  for (const endpoint of endpoints.filter((e) => !e.internal)) {
    const parameters: Json[] = [];
    for (const name of Object.keys(endpoint.params ?? {})) parameters.push({ name, in: "path", required: true, schema: { type: "string" } });
    for (const [name, field] of Object.entries(endpoint.query?.shape ?? {})) {
      const schema = jsonSchema(field as z.ZodType, "input", components);
      const optional = (field as z.ZodType).safeParse(undefined).success;
      parameters.push({ name, in: "query", required: !optional, ...(typeof schema.description === "string" ? { description: schema.description } : {}), schema });
    }
    const responses: Record<string, Json> = {};
    const status = String(endpoint.status ?? 200);
    // A file endpoint may also answer JSON (a report's JSON form): its schema documents that type.
    const files = Object.fromEntries((endpoint.produces ?? []).filter((type) => !(endpoint.response && type === "application/json")).map((type) => [type, { schema: { type: "string" } }]));
    if (endpoint.response) responses[status] = { description: "OK", content: { ...files, "application/json": { schema: jsonSchema(endpoint.response, "output", components) } } };
    else if (endpoint.produces) responses[status] = { description: "OK", content: files };
    else responses[status] = { description: "Done; no content." };
    for (const [code, description] of [...ERROR_STATUSES, ...(endpoint.upload ? UPLOAD_ERROR_STATUSES : [])]) {
      responses[String(code)] = { description, content: { "application/json": { schema: errorRef } }, ...(code === 429 ? { headers: { "Retry-After": { description: "Seconds to wait.", schema: { type: "integer" } } } } : {}) };
    }
    const method = endpoint.method.toLowerCase();
    (paths[endpoint.path] ??= {})[method] = {
      operationId: operationId(endpoint),
      tags: [endpoint.tag],
      summary: endpoint.summary,
      ...(endpoint.description ? { description: endpoint.description } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(endpoint.body ? { requestBody: { required: true, content: { "application/json": { schema: jsonSchema(endpoint.body, "input", components) } } } } : {}),
      ...(endpoint.upload ? { requestBody: { required: true, content: { "multipart/form-data": { schema: jsonSchema(endpoint.upload.form, "input", components), encoding: { file: { contentType: "text/plain, text/markdown, text/html, application/octet-stream" } } } } } } : {}),
      responses,
    };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Factdesk API",
      version: "1",
      description:
        "Everything a desk does in Factdesk, for other newsroom tools. Authenticate with a personal API token (`Authorization: Bearer fd_…`, made in Account → API tokens); it acts as you, within your workspaces and your role, and a read-only token can only read. Errors are `{\"error\":{\"code\",\"message\"}}`. Lists are paged with `cursor` and `limit`. Changes name the `version` they start from; a stale one answers 409.",
    },
    servers: [{ url: serverUrl }],
    security: [{ bearerToken: [] }, { sessionCookie: [] }],
    tags: [...new Set(endpoints.filter((e) => !e.internal).map((e) => e.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "A personal API token: fd_ and 43 characters." },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "A signed-in browser's session (JSON bodies only)." },
      },
    },
  };
}
