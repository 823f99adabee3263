import { parseCommentText } from "@/lib/domain/comment-text";

/**
 * A comment's text as React text nodes and anchors, never as markup: whatever someone typed
 * (script tags included) shows as the characters they typed. Links open in a new tab without
 * handing over the page or passing on reputation; mentions read as a highlighted name.
 */
export function CommentBody({ body, names }: { body: string; names?: ReadonlyMap<string, string> }) {
  return (
    <p className="whitespace-pre-line break-words">
      {parseCommentText(body, names).map((part, index) => {
        if (part.kind === "link") {
          return (
            <a key={index} href={part.href} target="_blank" rel="noopener noreferrer nofollow ugc" className="break-all text-accent underline decoration-accent/40 underline-offset-2 hover:decoration-accent">
              {part.text}
            </a>
          );
        }
        if (part.kind === "mention") {
          return (
            <span key={index} className="rounded bg-accent/10 px-0.5 font-medium text-accent">
              @{part.name}
            </span>
          );
        }
        return part.text;
      })}
    </p>
  );
}
