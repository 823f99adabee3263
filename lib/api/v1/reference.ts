import { exampleOf, schemaTree, type Json, type TypeNode } from "./schema-tree";

// PURE: the OpenAPI document laid out for the reference page: operations grouped by tag in the
// document's order, each with its parameters, body and answers as readable trees, and a curl
// line that works once the two shell variables are set.

export type ReferenceParameter = { name: string; in: "path" | "query"; required: boolean; node: TypeNode };
export type ReferenceResponse = { status: string; description: string; schema: TypeNode | null; contentTypes: string[] };

export type ReferenceOperation = {
  /** The anchor on the page. */
  id: string;
  method: string;
  path: string;
  summary: string;
  description: string | null;
  parameters: ReferenceParameter[];
  body: TypeNode | null;
  /** How the body is sent: JSON, or a multipart form with a file. */
  bodyType: "JSON" | "multipart/form-data";
  success: ReferenceResponse;
  errors: ReferenceResponse[];
  curl: string;
};

export type ReferenceGroup = { tag: string; id: string; operations: ReferenceOperation[] };

export type Reference = { title: string; groups: ReferenceGroup[]; schemas: Array<{ name: string; id: string; node: TypeNode }> };

const METHODS = ["get", "post", "put", "patch", "delete"] as const;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

export const schemaAnchor = (name: string) => `schema-${slug(name)}`;

/** Placeholders a reader replaces: {id} becomes ID, a required query field its NAME in capitals. */
function curlFor(method: string, path: string, parameters: ReferenceParameter[], body: Json | null, components: Record<string, Json>, form: Json | null = null): string {
  const url = path.replace(/\{(\w+)\}/g, (_m, name: string) => name.replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase());
  const query = parameters.filter((p) => p.in === "query" && p.required).map((p) => `${p.name}=${p.name.toUpperCase()}`);
  const lines = [`curl -sS${method === "GET" ? "" : ` -X ${method}`} "$FACTDESK_URL/api/v1${url}${query.length ? `?${query.join("&")}` : ""}"`, `  -H "Authorization: Bearer $FACTDESK_TOKEN"`];
  if (body) {
    const example = JSON.stringify(exampleOf(body, components)).replaceAll("'", "'\\''");
    lines.push(`  -H "Content-Type: application/json"`, `  -d '${example}'`);
  }
  // A file upload: each required part, the file as @FILE.
  if (form && isObject(form.properties)) {
    const required = Array.isArray(form.required) ? form.required : [];
    for (const name of Object.keys(form.properties).filter((n) => required.includes(n))) lines.push(`  -F "${name}=${name === "file" ? "@FILE" : name.toUpperCase()}"`);
  }
  return lines.join(" \\\n");
}

function responseOf(status: string, response: unknown): ReferenceResponse {
  const r = isObject(response) ? response : {};
  const content = isObject(r.content) ? r.content : {};
  const json = isObject(content["application/json"]) ? content["application/json"] : null;
  return {
    status,
    description: typeof r.description === "string" ? r.description : "",
    schema: json && "schema" in json ? schemaTree(json.schema) : null,
    contentTypes: Object.keys(content),
  };
}

export function buildReference(document: Json): Reference {
  const components = (isObject(document.components) && isObject(document.components.schemas) ? document.components.schemas : {}) as Record<string, Json>;
  const paths = isObject(document.paths) ? document.paths : {};
  const tags = Array.isArray(document.tags) ? document.tags.flatMap((t) => (isObject(t) && typeof t.name === "string" ? [t.name] : [])) : [];
  const groups = new Map<string, ReferenceOperation[]>(tags.map((tag) => [tag, []]));

  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      const parameters: ReferenceParameter[] = (Array.isArray(op.parameters) ? op.parameters : []).filter(isObject).map((p) => {
        const node = schemaTree(p.schema);
        return { name: String(p.name), in: p.in === "path" ? "path" : "query", required: p.required === true, node: { ...node, ...(typeof p.description === "string" ? { description: p.description } : {}) } };
      });
      const requestBody = isObject(op.requestBody) && isObject(op.requestBody.content) ? op.requestBody.content["application/json"] : null;
      const bodySchema = isObject(requestBody) && isObject(requestBody.schema) ? requestBody.schema : null;
      const multipart = isObject(op.requestBody) && isObject(op.requestBody.content) ? op.requestBody.content["multipart/form-data"] : null;
      const formSchema = isObject(multipart) && isObject(multipart.schema) ? multipart.schema : null;
      const responses = isObject(op.responses) ? Object.entries(op.responses) : [];
      const [successEntry] = responses.filter(([status]) => status.startsWith("2"));
      const upper = method.toUpperCase();
      const operation: ReferenceOperation = {
        id: typeof op.operationId === "string" ? op.operationId : slug(`${method} ${path}`),
        method: upper,
        path,
        summary: typeof op.summary === "string" ? op.summary : `${upper} ${path}`,
        description: typeof op.description === "string" ? op.description : null,
        parameters,
        body: bodySchema ? schemaTree(bodySchema) : formSchema ? schemaTree(formSchema) : null,
        bodyType: formSchema && !bodySchema ? "multipart/form-data" : "JSON",
        success: successEntry ? responseOf(successEntry[0], successEntry[1]) : { status: "200", description: "OK", schema: null, contentTypes: [] },
        errors: responses.filter(([status]) => !status.startsWith("2")).map(([status, response]) => responseOf(status, response)),
        curl: curlFor(upper, path, parameters, bodySchema, components, formSchema),
      };
      const tag = Array.isArray(op.tags) && typeof op.tags[0] === "string" ? op.tags[0] : "Other";
      if (!groups.has(tag)) groups.set(tag, []);
      groups.get(tag)!.push(operation);
    }
  }

  return {
    title: isObject(document.info) && typeof document.info.title === "string" ? document.info.title : "API",
    groups: [...groups].filter(([, ops]) => ops.length > 0).map(([tag, operations]) => ({ tag, id: `tag-${slug(tag)}`, operations })),
    schemas: Object.entries(components).map(([name, schema]) => ({ name, id: schemaAnchor(name), node: schemaTree(schema) })),
  };
}
