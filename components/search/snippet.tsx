import { snippetParts } from "@/lib/domain/search";

/** A search snippet with its matched words in <mark>: every part is React text, never HTML. */
export function Snippet({ value }: { value: string }) {
  return (
    <>
      {snippetParts(value).map((part, i) =>
        part.marked ? (
          <mark key={i} className="rounded-sm bg-amber-100 px-0.5 text-ink">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
