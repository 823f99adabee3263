import type { ReferenceOperation } from "@/lib/api/v1/reference";
import { TypeName, TypeTree } from "./type-tree";

const METHOD_STYLE: Record<string, string> = {
  GET: "bg-emerald-50 text-emerald-900 border-emerald-200",
  POST: "bg-blue-50 text-blue-900 border-blue-200",
  PATCH: "bg-amber-50 text-amber-950 border-amber-200",
  PUT: "bg-amber-50 text-amber-950 border-amber-200",
  DELETE: "bg-red-50 text-red-900 border-red-200",
};

export function MethodBadge({ method }: { method: string }) {
  return <span className={`inline-block w-16 shrink-0 rounded border px-1.5 py-0.5 text-center font-mono text-xs font-semibold ${METHOD_STYLE[method] ?? "border-rule"}`}>{method}</span>;
}

const STATUS_TEXT: Record<string, string> = { "200": "OK", "201": "Created", "204": "No content" };

/** One operation of the reference: what it does, what it takes, what it answers, and a curl line. */
export function Operation({ operation: op }: { operation: ReferenceOperation }) {
  const path = op.parameters.filter((p) => p.in === "path");
  const query = op.parameters.filter((p) => p.in === "query");
  const headingId = `${op.id}-heading`;
  return (
    <article id={op.id} aria-labelledby={headingId} className="scroll-mt-4 rounded-lg border border-rule bg-white p-5">
      <h3 id={headingId} className="text-lg font-semibold">
        <a href={`#${op.id}`} className="hover:underline">{op.summary}</a>
      </h3>
      <p className="mt-2 flex flex-wrap items-center gap-2">
        <MethodBadge method={op.method} />
        <code className="break-all font-mono text-sm">/api/v1{op.path}</code>
      </p>
      {op.description ? <p className="mt-3 max-w-3xl text-sm leading-relaxed">{op.description}</p> : null}

      {path.length || query.length ? (
        <section className="mt-4">
          <h4 className="text-xs font-semibold uppercase tracking-wider text-muted">Parameters</h4>
          <ul className="mt-1 divide-y divide-rule/70 text-sm">
            {[...path, ...query].map((p) => (
              <li key={`${p.in}-${p.name}`} className="py-1.5">
                <div className="flex flex-wrap items-baseline gap-x-2 gap-y-0.5">
                  <code className="font-mono text-[13px] font-semibold">{p.name}</code>
                  <span className="rounded bg-paper px-1 text-xs text-muted">{p.in === "path" ? "in the path" : "in the query"}</span>
                  <span className="font-mono text-xs"><TypeName node={p.node} /></span>
                  <span className={`text-xs ${p.required ? "font-medium text-red-800" : "text-muted"}`}>{p.required ? "required" : "optional"}</span>
                  {p.node.constraints.length ? <span className="text-xs text-muted">· {p.node.constraints.join(" · ")}</span> : null}
                </div>
                {p.node.description ? <p className="mt-0.5 text-sm text-muted">{p.node.description}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {op.body ? (
        <section className="mt-4">
          <h4 className="text-xs font-semibold uppercase tracking-wider text-muted">Request body <span className="normal-case tracking-normal">({op.bodyType})</span></h4>
          <div className="mt-1">
            <TypeTree node={op.body} />
          </div>
        </section>
      ) : null}

      <section className="mt-4">
        <h4 className="text-xs font-semibold uppercase tracking-wider text-muted">Responses</h4>
        <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
          <dt className="font-mono font-semibold text-emerald-900">{op.success.status}</dt>
          <dd>
            {STATUS_TEXT[op.success.status] ?? op.success.description}
            {op.success.schema ? (
              <>
                {": "}
                <span className="font-mono text-xs"><TypeName node={op.success.schema} /></span>
              </>
            ) : op.success.contentTypes.length ? (
              <>: a file ({op.success.contentTypes.join(", ")})</>
            ) : null}
          </dd>
          <dt className="font-semibold text-red-900">Errors</dt>
          <dd>
            <span className="font-mono font-semibold text-red-900">{op.errors.map((e) => e.status).join(" · ")}</span>, each with an{" "}
            <a href="#errors" className="text-accent underline underline-offset-2">error body</a> <code className="font-mono text-xs">{'{"error":{"code","message"}}'}</code>
          </dd>
        </dl>
      </section>

      <section className="mt-4">
        <h4 className="text-xs font-semibold uppercase tracking-wider text-muted">Example</h4>
        <pre className="mt-1 overflow-x-auto rounded-md bg-ink p-3 font-mono text-xs leading-relaxed text-white" tabIndex={0} role="group" aria-label={`curl example: ${op.summary}`}>
          <code>{op.curl}</code>
        </pre>
      </section>
    </article>
  );
}
