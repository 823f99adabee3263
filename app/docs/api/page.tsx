import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import type { ReactNode } from "react";
import { MethodBadge, Operation } from "@/components/api-reference/operation";
import { TypeTree } from "@/components/api-reference/type-tree";
import { apiRateLimit } from "@/lib/api/v1/endpoint";
import { buildOpenApiDocument } from "@/lib/api/v1/openapi";
import { buildReference, type Reference } from "@/lib/api/v1/reference";
import { ALL_ENDPOINTS } from "@/lib/api/v1/registry";

export const metadata: Metadata = { title: "API reference" };

// The guide's sections before the operations, in the order a newcomer needs them.
const GUIDE = [
  { id: "authentication", title: "Authentication" },
  { id: "errors", title: "Errors" },
  { id: "pagination", title: "Pagination" },
  { id: "versions", title: "Versions and conflicts" },
  { id: "rate-limits", title: "Rate limits" },
] as const;

function Contents({ reference }: { reference: Reference }) {
  const link = "block rounded px-2 py-1 text-muted hover:bg-white hover:text-ink";
  return (
    <ol className="space-y-4 text-sm">
      <li>
        <p className="px-2 text-xs font-semibold uppercase tracking-wider text-muted">Guide</p>
        <ol className="mt-1">
          {GUIDE.map((s) => (
            <li key={s.id}><a href={`#${s.id}`} className={link}>{s.title}</a></li>
          ))}
        </ol>
      </li>
      {reference.groups.map((group) => (
        <li key={group.id}>
          <a href={`#${group.id}`} className="block px-2 text-xs font-semibold uppercase tracking-wider text-muted hover:text-ink">{group.tag}</a>
          <ol className="mt-1">
            {group.operations.map((op) => (
              <li key={op.id}><a href={`#${op.id}`} className={link}>{op.summary}</a></li>
            ))}
          </ol>
        </li>
      ))}
      <li><a href="#schemas" className="block px-2 text-xs font-semibold uppercase tracking-wider text-muted hover:text-ink">Schemas</a></li>
    </ol>
  );
}

function Guide({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="scroll-mt-4">
      <h2 id={`${id}-heading`} className="font-serif text-2xl font-semibold tracking-tight">{title}</h2>
      <div className="mt-3 max-w-3xl space-y-3 text-[15px] leading-relaxed">{children}</div>
    </section>
  );
}

const Code = ({ children }: { children: ReactNode }) => <code className="rounded bg-white px-1 font-mono text-[13px] ring-1 ring-rule">{children}</code>;
const Block = ({ label, children }: { label: string; children: string }) => (
  <pre tabIndex={0} role="group" aria-label={label} className="overflow-x-auto rounded-md bg-ink p-3 font-mono text-xs leading-relaxed text-white"><code>{children}</code></pre>
);

/** GET /docs/api: the API reference, rendered on the server from the same OpenAPI document the API serves. */
export default async function ApiReferencePage() {
  const reference = buildReference(buildOpenApiDocument(ALL_ENDPOINTS));
  const h = await headers();
  const origin = `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost:3000"}`;
  const limit = apiRateLimit();
  const errors = reference.groups[0]?.operations[0]?.errors ?? [];

  return (
    <div className="mx-auto max-w-6xl px-4 py-8 sm:px-6 lg:grid lg:grid-cols-[15rem_minmax(0,1fr)] lg:gap-10">
      <details className="mb-6 rounded-lg border border-rule bg-white p-3 lg:hidden">
        <summary className="cursor-pointer text-sm font-medium">On this page</summary>
        <nav aria-label="On this page" className="mt-3">
          <Contents reference={reference} />
        </nav>
      </details>
      <aside className="hidden lg:block">
        <nav aria-label="On this page" className="sticky top-4 max-h-[calc(100vh-2rem)] overflow-y-auto pb-8">
          <Contents reference={reference} />
        </nav>
      </aside>

      <main className="min-w-0 space-y-12">
        <header>
          <p className="text-sm text-muted">Factdesk · version 1</p>
          <h1 className="mt-1 font-serif text-3xl font-semibold tracking-tight">API reference</h1>
          <p className="mt-3 max-w-3xl text-[15px] leading-relaxed">
            Everything a desk does in Factdesk, for other newsroom tools: articles, claims, sources, reviews, verdicts and comments. Requests and answers are JSON. The base URL
            is <Code>{`${origin}/api/v1`}</Code>. The same description, machine-readable, is the OpenAPI 3.1 document at{" "}
            <a href="/api/v1/openapi.json" className="text-accent underline underline-offset-2">/api/v1/openapi.json</a>.
          </p>
        </header>

        <div className="space-y-10">
          <Guide id="authentication" title="Authentication">
            <p>
              Make a personal token in <Link href="/account/tokens" className="text-accent underline underline-offset-2">Account → API tokens</Link> and send it with every request:
            </p>
            <Block label="Authorization header">{"Authorization: Bearer fd_…"}</Block>
            <p>
              A token is <Code>fd_</Code> and 43 letters, digits, <Code>-</Code> or <Code>_</Code>. It acts as you: it reaches the workspaces you belong to with your role in each.
              A <strong>read-only</strong> token can only read; a write with it answers 403. A revoked, expired or mistyped token answers 401. In the browser, your signed-in session
              works too, so the app&apos;s own pages use the same API.
            </p>
            <Block label="Setting up the examples">{`export FACTDESK_URL="${origin}"\nexport FACTDESK_TOKEN="fd_…"   # from Account → API tokens\ncurl -sS "$FACTDESK_URL/api/v1/workspaces" -H "Authorization: Bearer $FACTDESK_TOKEN"`}</Block>
          </Guide>

          <Guide id="errors" title="Errors">
            <p>Every error has the same shape, with a message written for a person:</p>
            <Block label="Error shape">{'{"error":{"code":"NOT_FOUND","message":"That claim was not found."}}'}</Block>
            <p>
              With <Code>INVALID_INPUT</Code>, <Code>error.fields</Code> holds each field&apos;s messages. With a stale <Code>version</Code>, <Code>error.current</Code> holds the item as it stands now.
            </p>
            <div className="overflow-x-auto">
              <table className="w-full border-collapse text-left text-sm">
                <caption className="sr-only">Error statuses</caption>
                <thead>
                  <tr className="border-b border-rule text-xs uppercase tracking-wider text-muted">
                    <th scope="col" className="py-2 pr-4 font-semibold">Status</th>
                    <th scope="col" className="py-2 font-semibold">When</th>
                  </tr>
                </thead>
                <tbody>
                  {errors.map((e) => (
                    <tr key={e.status} className="border-b border-rule/70 align-top">
                      <th scope="row" className="py-2 pr-4 font-mono font-semibold">{e.status}</th>
                      <td className="py-2">{e.description.replace(/`/g, "")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </Guide>

          <Guide id="pagination" title="Pagination">
            <p>
              Lists answer <Code>{'{"items":[…],"nextCursor":"…"}'}</Code>. Pass <Code>nextCursor</Code> back as <Code>cursor</Code> for the next page, until it is <Code>null</Code>.{" "}
              <Code>limit</Code> sets the page size, 1 to 200 (default 50). Cursors are opaque: send them back as they came.
            </p>
            <Block label="Paging through articles">{`curl -sS "$FACTDESK_URL/api/v1/articles?workspace=demo&limit=100" -H "Authorization: Bearer $FACTDESK_TOKEN"\ncurl -sS "$FACTDESK_URL/api/v1/articles?workspace=demo&limit=100&cursor=NEXT_CURSOR" -H "Authorization: Bearer $FACTDESK_TOKEN"`}</Block>
          </Guide>

          <Guide id="versions" title="Versions and conflicts">
            <p>
              Everything you can change has a <Code>version</Code>. Send the version you read with a change; if someone changed the item since, the answer is 409 with the current
              item in <Code>error.current</Code>, and nothing is written. Read it again, or send your change with the current version to put it on top.
            </p>
          </Guide>

          <Guide id="rate-limits" title="Rate limits">
            <p>
              Each token may make <strong>{limit.toLocaleString("en-US")} requests a minute</strong> (the server&apos;s <Code>FACTDESK_API_RATE_LIMIT</Code>); a signed-in browser has the
              same allowance. Every answer carries <Code>X-RateLimit-Limit</Code> and <Code>X-RateLimit-Remaining</Code>. Past the limit the answer is 429{" "}
              <Code>RATE_LIMITED</Code> with <Code>Retry-After</Code>: the seconds to wait before trying again.
            </p>
          </Guide>
        </div>

        {reference.groups.map((group) => (
          <section key={group.id} id={group.id} aria-labelledby={`${group.id}-heading`} className="scroll-mt-4">
            <h2 id={`${group.id}-heading`} className="font-serif text-2xl font-semibold tracking-tight">{group.tag}</h2>
            <ul className="mt-3 space-y-1 text-sm" aria-label={`${group.tag} operations`}>
              {group.operations.map((op) => (
                <li key={op.id} className="flex items-center gap-2">
                  <MethodBadge method={op.method} />
                  <a href={`#${op.id}`} className="break-all font-mono text-[13px] hover:underline">{op.path}</a>
                  <span className="hidden text-muted sm:inline">{op.summary}</span>
                </li>
              ))}
            </ul>
            <div className="mt-5 space-y-5">
              {group.operations.map((op) => (
                <Operation key={op.id} operation={op} />
              ))}
            </div>
          </section>
        ))}

        <section id="schemas" aria-labelledby="schemas-heading" className="scroll-mt-4">
          <h2 id="schemas-heading" className="font-serif text-2xl font-semibold tracking-tight">Schemas</h2>
          <p className="mt-2 max-w-3xl text-muted">The shapes the API answers with. A field marked “sometimes absent” may be left out; “or null” means it is there but empty.</p>
          <div className="mt-5 space-y-5">
            {reference.schemas.map((schema) => (
              <article key={schema.name} id={schema.id} aria-labelledby={`${schema.id}-heading`} className="scroll-mt-4 rounded-lg border border-rule bg-white p-5">
                <h3 id={`${schema.id}-heading`} className="font-mono text-base font-semibold">{schema.name}</h3>
                {schema.node.description ? <p className="mt-1 text-sm text-muted">{schema.node.description}</p> : null}
                <div className="mt-2">
                  <TypeTree node={schema.node} answer={!schema.name.endsWith("Input")} />
                </div>
              </article>
            ))}
          </div>
        </section>
      </main>
    </div>
  );
}
