import { describe, expect, it } from "vitest";
import { z } from "zod";
import { buildOpenApiDocument } from "./openapi";
import { buildReference } from "./reference";
import { exampleOf, schemaTree, typeLabel } from "./schema-tree";

describe("schemaTree", () => {
  it("reads an object's fields with their types, requiredness, limits and descriptions", () => {
    const tree = schemaTree({
      type: "object",
      properties: {
        title: { type: "string", minLength: 1, maxLength: 300 },
        limit: { type: "integer", minimum: 1, maximum: 200, default: 50, description: "Items per page." },
        version: { type: "integer", minimum: -9007199254740991, maximum: 9007199254740991 },
        status: { type: "string", enum: ["QUEUED", "PUBLISHED"] },
      },
      required: ["title", "version"],
    });
    expect(tree.type).toBe("object");
    expect(tree.fields).toEqual([
      { name: "title", required: true, node: { type: "string", nullable: false, constraints: ["1 to 300 characters"] } },
      { name: "limit", required: false, node: { type: "integer", nullable: false, constraints: ["1 to 200", "default 50"], description: "Items per page." } },
      // zod's safe-integer bounds say nothing a reader needs
      { name: "version", required: true, node: { type: "integer", nullable: false, constraints: [] } },
      { name: "status", required: false, node: { type: "string", nullable: false, constraints: ["one of: QUEUED, PUBLISHED"] } },
    ]);
  });

  it("keeps named schemas as names, and reads nullable forms, arrays and maps", () => {
    const tree = schemaTree({
      type: "object",
      properties: {
        addedBy: { anyOf: [{ $ref: "#/components/schemas/Person" }, { type: "null" }], description: "Who added it." },
        outlet: { type: ["string", "null"] },
        sources: { type: "array", items: { $ref: "#/components/schemas/Source" } },
        fields: { type: "object", propertyNames: { type: "string" }, additionalProperties: { type: "array", items: { type: "string" } } },
        publishedAt: { anyOf: [{ type: "string", format: "date", pattern: "^(?:" + "x".repeat(80) + ")$" }, { type: "null" }] },
      },
    });
    const [addedBy, outlet, sources, fields, publishedAt] = tree.fields!.map((f) => f.node);
    expect(addedBy).toMatchObject({ type: "Person", ref: "Person", nullable: true, description: "Who added it." });
    expect(typeLabel(addedBy!)).toBe("Person or null");
    expect(typeLabel(outlet!)).toBe("string or null");
    expect(typeLabel(sources!)).toBe("array of Source");
    expect(sources!.items).toMatchObject({ ref: "Source" });
    expect(typeLabel(fields!)).toBe("map of array of string");
    // a long generated pattern gives way to the format it spells out
    expect(publishedAt).toMatchObject({ type: "string", nullable: true, constraints: ["date, YYYY-MM-DD"] });
  });

  it("reads the calendar-date pattern as a date, and shows other short patterns as they are", () => {
    expect(schemaTree({ type: "string", pattern: "^\\d{4}-\\d{2}-\\d{2}$" }).constraints).toEqual(["date, YYYY-MM-DD"]);
    expect(schemaTree({ type: "string", pattern: "^[a-z]+$" }).constraints).toEqual(["matches ^[a-z]+$"]);
  });

  it("names real alternatives, and copes with nonsense", () => {
    expect(typeLabel(schemaTree({ anyOf: [{ type: "string" }, { type: "integer" }] }))).toBe("string or integer");
    expect(schemaTree(null)).toEqual({ type: "any", nullable: false, constraints: [] });
    expect(schemaTree({})).toEqual({ type: "any", nullable: false, constraints: [] });
  });
});

describe("exampleOf", () => {
  it("fills the required fields with values their schema accepts", () => {
    const schema = z.toJSONSchema(
      z.object({ workspace: z.string().min(1), version: z.number().int().min(1), kind: z.enum(["NEWS", "DATA"]), publishedAt: z.iso.date(), note: z.string().optional() }),
    );
    const example = exampleOf(schema);
    expect(example).toEqual({ workspace: "…", version: 1, kind: "NEWS", publishedAt: "2026-01-31" });
  });
});

describe("buildReference over the API's own document", () => {
  const endpoints = [
    { method: "GET", path: "/widgets", tag: "Widgets", summary: "List widgets", query: z.object({ workspace: z.string().describe("The slug."), limit: z.coerce.number().int().default(50) }), response: z.object({ items: z.array(z.string()) }), personal: { input: z.object({}), run: async () => null } },
    { method: "POST", path: "/widgets/{id}/parts", tag: "Widgets", summary: "Add a part", params: { id: "widgetId" }, body: z.object({ name: z.string(), note: z.string().optional() }), response: z.object({ id: z.string() }).meta({ id: "Part" }), status: 201, personal: { input: z.object({}), run: async () => null } },
  ] as const;
  const reference = buildReference(buildOpenApiDocument(endpoints as never));

  it("groups operations by tag with their parameters, body, answers and a curl line", () => {
    expect(reference.groups.map((g) => g.tag)).toEqual(["Widgets"]);
    const [list, add] = reference.groups[0]!.operations;
    expect(list).toMatchObject({ method: "GET", path: "/widgets", summary: "List widgets", success: { status: "200" } });
    expect(list!.parameters).toMatchObject([
      { name: "workspace", in: "query", required: true, node: { description: "The slug." } },
      { name: "limit", in: "query", required: false },
    ]);
    expect(list!.curl).toBe('curl -sS "$FACTDESK_URL/api/v1/widgets?workspace=WORKSPACE" \\\n  -H "Authorization: Bearer $FACTDESK_TOKEN"');
    expect(add!.success).toMatchObject({ status: "201", schema: { ref: "Part" } });
    expect(add!.errors.map((e) => e.status)).toEqual(["400", "401", "403", "404", "409", "429"]);
    expect(add!.curl).toContain('-X POST "$FACTDESK_URL/api/v1/widgets/ID/parts"');
    expect(add!.curl).toContain(`-d '{"name":"…"}'`);
    expect(reference.schemas.map((s) => s.name)).toEqual(expect.arrayContaining(["Error", "Part"]));
  });

  it("shows a file upload as a multipart form, with its own errors and a curl line with -F", () => {
    const upload = [
      {
        method: "POST",
        path: "/widgets/import",
        tag: "Widgets",
        summary: "Upload a widget",
        upload: { read: async () => ({}), form: z.object({ workspace: z.string(), file: z.string().meta({ format: "binary" }), note: z.string().optional() }) },
        status: 201,
        personal: { input: z.object({}), run: async () => null },
      },
    ] as const;
    const [op] = buildReference(buildOpenApiDocument(upload as never)).groups[0]!.operations;
    expect(op!.bodyType).toBe("multipart/form-data");
    expect(op!.body).not.toBeNull();
    expect(op!.errors.map((e) => e.status)).toEqual(["400", "401", "403", "404", "409", "413", "415", "429"]);
    expect(op!.curl).toBe('curl -sS -X POST "$FACTDESK_URL/api/v1/widgets/import" \\\n  -H "Authorization: Bearer $FACTDESK_TOKEN" \\\n  -F "workspace=WORKSPACE" \\\n  -F "file=@FILE"');
  });
});
