// PURE: JSON Schema (as the OpenAPI document holds it) turned into a compact tree a person can
// read: each field's name, type in words, whether it is required, its limits and description.
// Named schemas (`$ref`) stay names, so the reference can link to them rather than repeat them.

export type Json = Record<string, unknown>;

export type TypeNode = {
  /** The type in words: "string", "integer", "array", "object", "map", "one of", or a schema's name. */
  type: string;
  /** A named schema this node stands for (components/schemas/NAME). */
  ref?: string;
  nullable: boolean;
  description?: string;
  /** Limits in words: "1 to 300 characters", "one of: A, B", "default 50". */
  constraints: string[];
  /** An object's fields, in the document's order. */
  fields?: FieldNode[];
  /** An array's items, or a map's values. */
  items?: TypeNode;
  /** "one of": the alternatives. */
  variants?: TypeNode[];
};

export type FieldNode = { name: string; required: boolean; node: TypeNode };

const REF_PREFIX = "#/components/schemas/";
// zod writes these bounds on every int(); they say "an integer", nothing more.
const SAFE_INTEGER = 9007199254740991;
const DAY_PATTERN = "^\\d{4}-\\d{2}-\\d{2}$";

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
const plural = (n: number, word: string) => `${n.toLocaleString("en-US")} ${word}${n === 1 ? "" : "s"}`;
const show = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));

function range(min: unknown, max: unknown, unit?: string): string | null {
  const lo = typeof min === "number" && Math.abs(min) !== SAFE_INTEGER ? min : null;
  const hi = typeof max === "number" && Math.abs(max) !== SAFE_INTEGER ? max : null;
  const words = (n: number) => (unit ? plural(n, unit) : n.toLocaleString("en-US"));
  if (lo !== null && hi !== null) return lo === hi ? `exactly ${words(lo)}` : `${lo.toLocaleString("en-US")} to ${words(hi)}`;
  if (lo !== null) return unit && lo === 1 ? "not empty" : `at least ${words(lo)}`;
  if (hi !== null) return `at most ${words(hi)}`;
  return null;
}

const FORMATS: Record<string, string> = {
  date: "date, YYYY-MM-DD",
  "date-time": "date and time, ISO 8601",
  email: "email address",
  uri: "URL",
  url: "URL",
  uuid: "UUID",
};

function constraintsOf(schema: Json): string[] {
  const out: string[] = [];
  if (typeof schema.format === "string") out.push(FORMATS[schema.format] ?? schema.format);
  if (Array.isArray(schema.enum)) out.push(`one of: ${schema.enum.map(show).join(", ")}`);
  if ("const" in schema) out.push(`always ${show(schema.const)}`);
  const length = range(schema.minLength, schema.maxLength, "character");
  if (length) out.push(length);
  const value = range(schema.minimum, schema.maximum);
  if (value) out.push(value);
  const count = range(schema.minItems, schema.maxItems, "item");
  if (count) out.push(count);
  // A format already says what a long generated pattern would; short ones are worth reading.
  if (schema.pattern === DAY_PATTERN) out.push(FORMATS.date!);
  else if (typeof schema.pattern === "string" && typeof schema.format !== "string" && schema.pattern.length <= 40) out.push(`matches ${schema.pattern}`);
  if ("default" in schema) out.push(`default ${show(schema.default)}`);
  return out;
}

/** The tree of one schema. Named schemas are not opened: the reference shows each once. */
export function schemaTree(schema: unknown): TypeNode {
  if (!isObject(schema)) return { type: "any", nullable: false, constraints: [] };
  const description = typeof schema.description === "string" ? schema.description : undefined;
  const base = (node: Omit<TypeNode, "description" | "constraints"> & { constraints?: string[] }): TypeNode => ({
    ...node,
    constraints: node.constraints ?? constraintsOf(schema),
    ...(description ? { description } : {}),
  });

  if (typeof schema.$ref === "string" && schema.$ref.startsWith(REF_PREFIX)) {
    return base({ type: schema.$ref.slice(REF_PREFIX.length), ref: schema.$ref.slice(REF_PREFIX.length), nullable: false });
  }

  const alternatives = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : null;
  if (alternatives) {
    const isNull = (s: unknown) => isObject(s) && s.type === "null";
    const rest = alternatives.filter((s) => !isNull(s));
    const nullable = rest.length < alternatives.length;
    if (rest.length === 1) {
      const inner = schemaTree(rest[0]);
      // The description usually sits beside anyOf, not inside it.
      return { ...inner, nullable: true, ...(description ? { description } : {}), constraints: [...inner.constraints, ...constraintsOf(schema)] };
    }
    return base({ type: "one of", nullable, variants: rest.map((s) => schemaTree(s)) });
  }

  const types = Array.isArray(schema.type) ? schema.type.filter((t): t is string => typeof t === "string") : typeof schema.type === "string" ? [schema.type] : [];
  const nullable = types.includes("null");
  const type = types.find((t) => t !== "null") ?? (schema.properties ? "object" : "any");

  if (type === "array") return base({ type: "array", nullable, items: schemaTree(schema.items) });
  if (type === "object") {
    const properties = isObject(schema.properties) ? schema.properties : null;
    if (!properties && isObject(schema.additionalProperties)) {
      return base({ type: "map", nullable, items: schemaTree(schema.additionalProperties) });
    }
    const required = new Set(Array.isArray(schema.required) ? schema.required : []);
    const fields = Object.entries(properties ?? {}).map(([name, field]) => ({ name, required: required.has(name), node: schemaTree(field) }));
    return base({ type: "object", nullable, fields });
  }
  return base({ type, nullable });
}

/** The type as one phrase: "string or null", "array of Source", "map of string". */
export function typeLabel(node: TypeNode): string {
  let label = node.type;
  if (node.type === "array" && node.items) label = `array of ${typeLabel(node.items)}`;
  else if (node.type === "map" && node.items) label = `map of ${typeLabel(node.items)}`;
  else if (node.type === "one of" && node.variants) label = node.variants.map(typeLabel).join(" or ");
  return node.nullable ? `${label} or null` : label;
}

/** A small JSON value that fits the schema: required fields only, for examples. */
export function exampleOf(schema: unknown, components: Record<string, Json> = {}, depth = 0): unknown {
  if (!isObject(schema) || depth > 4) return null;
  if (typeof schema.$ref === "string") return exampleOf(components[schema.$ref.slice(REF_PREFIX.length)], components, depth + 1);
  if ("default" in schema) return schema.default;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  const alternatives = Array.isArray(schema.anyOf) ? schema.anyOf : Array.isArray(schema.oneOf) ? schema.oneOf : null;
  if (alternatives) return exampleOf(alternatives.find((s) => !(isObject(s) && s.type === "null")), components, depth + 1);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object": {
      const properties = isObject(schema.properties) ? schema.properties : {};
      const required = Array.isArray(schema.required) ? schema.required : [];
      return Object.fromEntries(Object.entries(properties).filter(([name]) => required.includes(name)).map(([name, field]) => [name, exampleOf(field, components, depth + 1)]));
    }
    case "array":
      return [];
    case "integer":
    case "number":
      return typeof schema.minimum === "number" && Math.abs(schema.minimum) !== SAFE_INTEGER ? schema.minimum : 1;
    case "boolean":
      return true;
    case "string":
      if (schema.format === "date" || (typeof schema.pattern === "string" && schema.pattern.includes("\\d{4}-\\d{2}-\\d{2}"))) return "2026-01-31";
      if (schema.format === "date-time") return "2026-01-31T09:00:00Z";
      return "…";
    default:
      return null;
  }
}
