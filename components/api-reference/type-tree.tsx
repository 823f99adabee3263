import { schemaAnchor } from "@/lib/api/v1/reference";
import { typeLabel, type FieldNode, type TypeNode } from "@/lib/api/v1/schema-tree";

/** A type in words, its named schema linked to where the reference shows it. */
export function TypeName({ node }: { node: TypeNode }) {
  const named = node.ref ?? (node.type === "array" || node.type === "map" ? node.items?.ref : undefined);
  const label = typeLabel(node);
  if (!named) return <span className="text-violet-900">{label}</span>;
  const [before, after] = label.split(named);
  return (
    <span className="text-violet-900">
      {before}
      <a href={`#${schemaAnchor(named)}`} className="underline decoration-violet-300 underline-offset-2 hover:decoration-violet-900">{named}</a>
      {after}
    </span>
  );
}

// In a request, a field is required or optional; in an answer, always there or sometimes absent.
const presence = (required: boolean, answer: boolean) => (answer ? (required ? "always" : "sometimes absent") : required ? "required" : "optional");

function Field({ field, answer }: { field: FieldNode; answer: boolean }) {
  const { node } = field;
  const inner = node.fields ?? (node.type === "array" ? node.items?.fields : undefined);
  return (
    <li className="py-1.5">
      <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
        <code className="font-mono text-[13px] font-semibold text-ink">{field.name}</code>
        <span className="font-mono text-xs">
          <TypeName node={node} />
        </span>
        <span className={`text-xs ${field.required && !answer ? "font-medium text-red-800" : "text-muted"}`}>{presence(field.required, answer)}</span>
        {node.constraints.length ? <span className="text-xs text-muted">· {node.constraints.join(" · ")}</span> : null}
      </div>
      {node.description ? <p className="mt-0.5 text-sm text-muted">{node.description}</p> : null}
      {inner && inner.length ? <FieldList fields={inner} nested answer={answer} /> : null}
    </li>
  );
}

export function FieldList({ fields, nested = false, answer }: { fields: FieldNode[]; nested?: boolean; answer: boolean }) {
  return (
    <ul className={nested ? "ml-1 mt-1 border-l-2 border-rule pl-4" : "divide-y divide-rule/70"}>
      {fields.map((f) => (
        <Field key={f.name} field={f} answer={answer} />
      ))}
    </ul>
  );
}

/** A schema as a tree: an object's fields, or the one type it is. */
export function TypeTree({ node, answer = false }: { node: TypeNode; /** A schema the API answers with, not one it takes. */ answer?: boolean }) {
  const fields = node.fields ?? (node.type === "array" ? node.items?.fields : undefined);
  return (
    <div className="text-sm">
      {node.ref || !fields ? (
        <p className="font-mono text-xs">
          <TypeName node={node} />
          {node.constraints.length ? <span className="font-sans text-muted"> · {node.constraints.join(" · ")}</span> : null}
        </p>
      ) : (
        <>
          {node.type === "array" ? <p className="font-mono text-xs text-violet-900">array of objects with:</p> : null}
          <FieldList fields={fields} answer={answer} />
        </>
      )}
    </div>
  );
}
