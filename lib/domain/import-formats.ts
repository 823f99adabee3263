// PURE: an imported file's contents turned into the plain text an article stores. Runs on the
// server (the browser reads the file and sends its text; see components/import-article-form.tsx).
// HTML through node-html-parser (a small, maintained parser with no native parts); Markdown by a
// short converter of our own, since the article keeps only the words (docs/decisions/027).

import { HTMLElement, NodeType, parse, type Node } from "node-html-parser";

import { plainTextHeadline, type ImportFormat } from "./import-file";

export { IMPORT_FORMATS, formatOfFileName, type ImportFormat } from "./import-file";

/**
 * The converted text, the headline the file proposes, and `heading`: the text's first paragraph
 * when it is a heading (HTML h1-h6, a Markdown heading, a plain text headline line), which the
 * import drops when the article's headline says the same words (withoutRepeatedHeadline).
 */
export type Converted = { text: string; title: string | null; heading: string | null };

export function convertImport(format: ImportFormat, raw: string): Converted {
  if (format === "html") return htmlToText(raw);
  if (format === "markdown") return markdownToText(raw);
  return { text: raw, title: null, heading: plainTextHeadline(raw) };
}

const squash = (text: string) => text.replace(/[\s\u00a0]+/g, " ").trim();

// ---------------------------------------------------------------- HTML

/** Left out with everything inside them: code, page furniture, embedded things and forms. */
const DROPPED = new Set(["script", "style", "noscript", "template", "head", "title", "nav", "aside", "iframe", "frame", "frameset", "object", "embed", "svg", "math", "canvas", "form", "button", "select", "textarea", "dialog", "video", "audio", "map"]);

/** Elements that begin and end a paragraph. */
const BLOCKS = new Set([
  "p", "div", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "section",
  "article", "main", "header", "footer", "figure", "figcaption", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption",
  "address", "details", "summary", "center", "body", "html",
]);

/**
 * The visible words of an HTML page, one paragraph per block (paragraphs, headings, list items,
 * line breaks), entities decoded, white space squashed; the <title> (or else the first <h1>) as
 * the proposed headline.
 */
export function htmlToText(html: string): Converted {
  const source = html.replace(/<!doctype[^>]*>/gi, "").replace(/<\?xml[^>]*>/gi, "");
  const root = parse(source, { comment: false, lowerCaseTagName: true, blockTextElements: { script: true, style: true, noscript: true, pre: true } });
  const paragraphs: string[] = [];
  let current = "";
  let inHeading = 0;
  let heading: string | null = null;
  const flush = () => {
    const paragraph = squash(current);
    if (paragraph) {
      if (paragraphs.length === 0 && inHeading > 0) heading = paragraph;
      paragraphs.push(paragraph);
    }
    current = "";
  };
  const walk = (node: Node) => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      current += node.text;
      return;
    }
    if (!(node instanceof HTMLElement)) return;
    const tag = node.rawTagName?.toLowerCase() ?? "";
    if (DROPPED.has(tag)) return;
    if (node.getAttribute("hidden") !== undefined || node.getAttribute("aria-hidden") === "true") return;
    const block = BLOCKS.has(tag);
    const isHeading = /^h[1-6]$/.test(tag);
    if (block) flush();
    if (tag === "img") current += node.getAttribute("alt") ? ` ${node.getAttribute("alt")} ` : " ";
    else if (tag === "td" || tag === "th") current += " ";
    if (isHeading) inHeading++;
    for (const child of node.childNodes) walk(child);
    if (block) flush();
    if (isHeading) inHeading--;
  };
  walk(root);
  flush();
  const title = squash(root.querySelector("title")?.text ?? "") || squash(root.querySelector("h1")?.text ?? "") || null;
  return { text: paragraphs.join("\n\n"), title, heading };
}

// ---------------------------------------------------------------- Markdown

const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(=+|-+)[ \t]*$/;
const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
const LIST_ITEM = /^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/;
const QUOTE = /^[ \t]{0,3}>[ \t]?/;
const FENCE = /^ {0,3}(```+|~~~+)/;
const REFERENCE = /^ {0,3}\[[^\]]+\]:[ \t]*\S+.*$/;

/** Markdown's inline marks taken away, their words kept. */
export function markdownInline(line: string): string {
  // Escaped characters are set aside first so no rule below takes them for marks.
  const held = line.replace(/\\([\\`*_{}[\]()#+\-.!>~|])/g, (_, c: string) => String.fromCharCode(0xe000 + c.charCodeAt(0)));
  return (
    held
      // Images keep their description, links their words, autolinks their address.
      .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/!\[([^\]]*)\]\[[^\]]*\]/g, "$1")
      .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
      .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1")
      .replace(/<((?:https?|mailto):[^>\s]+)>/g, "$1")
      // Inline code keeps its text as it is.
      .replace(/`+([^`]+?)`+/g, "$1")
      // Emphasis: strong before single; underscores only at word edges (snake_case stays).
      .replace(/(\*\*\*|___)(?=\S)([\s\S]*?\S)\1/g, "$2")
      .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, "$2")
      .replace(/\*(?=\S)([^*]*?\S)\*/g, "$1")
      .replace(/(^|[^\w])_(?=\S)([^_]*?\S)_(?!\w)/g, "$1$2")
      .replace(/~~(?=\S)([\s\S]*?\S)~~/g, "$1")
      // Inline HTML tags go; their words stay.
      .replace(/<\/?[a-zA-Z][^>]*>/g, "")
      // The escaped characters come back as themselves.
      .replace(/[\ue000-\ue07f]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xe000))
  );
}

/**
 * Markdown as plain text: headings, list items and quoted lines as paragraphs; lines of one
 * paragraph joined; emphasis, links and code marks taken away; the first level-one heading (or
 * else the first heading) as the proposed headline.
 */
export function markdownToText(markdown: string): Converted {
  const lines = markdown.replace(/\r\n?/g, "\n").split("\n");
  const paragraphs: string[] = [];
  let current: string[] = [];
  let firstHeading: string | null = null;
  let firstH1: string | null = null;
  let leading: string | null = null;
  let fence: string | null = null;
  const flush = () => {
    const paragraph = squash(markdownInline(current.join(" ")));
    if (paragraph) paragraphs.push(paragraph);
    current = [];
  };
  const heading = (level: number, text: string) => {
    flush();
    const words = squash(markdownInline(text));
    if (!words) return;
    if (paragraphs.length === 0) leading = words;
    paragraphs.push(words);
    firstHeading ??= words;
    if (level === 1) firstH1 ??= words;
  };
  for (const line of lines) {
    if (fence) {
      // Code keeps its lines, one paragraph each.
      if (line.trimStart().startsWith(fence)) fence = null;
      else if (line.trim()) paragraphs.push(line.trim());
      continue;
    }
    const fenceOpen = line.match(FENCE);
    if (fenceOpen) {
      flush();
      fence = fenceOpen[1] ?? "```";
      continue;
    }
    if (!line.trim() || RULE.test(line) || REFERENCE.test(line)) {
      // A "---" under a line of text is a heading's underline, not a rule.
      if (current.length === 1 && SETEXT.test(line)) {
        const text = current[0] ?? "";
        current = [];
        heading(line.trim().startsWith("=") ? 1 : 2, text);
      } else flush();
      continue;
    }
    const atx = line.match(HEADING);
    if (atx) {
      heading(atx[1]?.length ?? 1, atx[2] ?? "");
      continue;
    }
    if (current.length === 1 && SETEXT.test(line)) {
      const text = current[0] ?? "";
      current = [];
      heading(line.trim().startsWith("=") ? 1 : 2, text);
      continue;
    }
    let content = line;
    while (QUOTE.test(content)) content = content.replace(QUOTE, "");
    if (LIST_ITEM.test(content)) {
      flush();
      content = content.replace(LIST_ITEM, "");
    }
    current.push(content.trim());
  }
  flush();
  return { text: paragraphs.join("\n\n"), title: firstH1 ?? firstHeading, heading: leading };
}
