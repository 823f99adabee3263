// PURE: the text of a comment. Stored as typed, except that a member picked from the @ list is
// kept as a token `@[Name](userId)`: stable when two people share a first name, and checked
// against the workspace's members on every write. People only ever see and type `@Name`.

export const MAX_COMMENT_LENGTH = 5000;
/** How long the author may still change what they wrote. */
export const COMMENT_EDIT_WINDOW_MS = 15 * 60 * 1000;

export type Mentionable = { id: string; name: string };
export type MentionCandidate = Mentionable & { email: string };

export type CommentPart =
  | { kind: "text"; text: string }
  | { kind: "link"; href: string; text: string }
  | { kind: "mention"; userId: string; name: string };

const TOKEN = /@\[([^[\]\n]{1,200})\]\(([A-Za-z0-9_-]{1,64})\)/g;
const URL_PATTERN = /https?:\/\/[^\s<>"'`]+/gi;
const WORD_CHAR = /[\p{L}\p{N}_]/u;

/** A name as it can sit inside a token: no brackets, no line breaks. */
const tokenName = (name: string) => name.replace(/[[\]\n\r]/g, "").trim() || "member";

export const mentionToken = (member: Mentionable) => `@[${tokenName(member.name)}](${member.id})`;

type Piece = { text: string } | { mention: Mentionable };

/** The text split into plain runs and mention tokens, in order. */
function splitTokens(body: string): Piece[] {
  const pieces: Piece[] = [];
  let last = 0;
  for (const match of body.matchAll(TOKEN)) {
    const [whole, name = "", id = ""] = match;
    if (match.index > last) pieces.push({ text: body.slice(last, match.index) });
    pieces.push({ mention: { id, name } });
    last = match.index + whole.length;
  }
  if (last < body.length) pieces.push({ text: body.slice(last) });
  return pieces;
}

/** Everyone a comment mentions, each once, in the order they first appear. */
export function mentionsIn(body: string): Mentionable[] {
  const seen = new Map<string, Mentionable>();
  for (const piece of splitTokens(body)) if ("mention" in piece && !seen.has(piece.mention.id)) seen.set(piece.mention.id, piece.mention);
  return [...seen.values()];
}

export const mentionedIds = (body: string) => mentionsIn(body).map((m) => m.id);

/** The comment as its author reads and edits it: `@Name` for every token. */
export function toDisplayText(body: string): string {
  return splitTokens(body).map((p) => ("mention" in p ? `@${p.mention.name}` : p.text)).join("");
}

/**
 * Turns each `@Name` of a known member into that member's token. `known` is in order of
 * preference: the people the author picked from the list first, so their choice wins when two
 * members share a name. Longer names win over their prefixes ("@Ana Ruiz" over "@Ana"); the
 * name must end at a word boundary, and the @ must not follow a letter (an email address).
 */
export function encodeMentions(display: string, known: readonly Mentionable[]): string {
  const byName = new Map<string, Mentionable>();
  for (const member of known) {
    const key = tokenName(member.name);
    if (!byName.has(key)) byName.set(key, member);
  }
  const names = [...byName.keys()].sort((a, b) => b.length - a.length);
  const encodeRun = (text: string) => {
    let out = "";
    let i = 0;
    while (i < text.length) {
      const at = text.indexOf("@", i);
      if (at < 0) break;
      const before = at > 0 ? text[at - 1] ?? "" : "";
      const name = before && WORD_CHAR.test(before) ? undefined : names.find((n) => text.startsWith(n, at + 1) && !WORD_CHAR.test(text[at + 1 + n.length] ?? ""));
      const member = name ? byName.get(name) : undefined;
      if (!name || !member) {
        out += text.slice(i, at + 1);
        i = at + 1;
        continue;
      }
      out += text.slice(i, at) + mentionToken(member);
      i = at + 1 + name.length;
    }
    return out + text.slice(i);
  };
  return splitTokens(display).map((p) => ("mention" in p ? mentionToken(p.mention) : encodeRun(p.text))).join("");
}

/** Rewrites each token with the member's name as the workspace knows it (never as a client sent it). */
export function canonicalizeMentions(body: string, names: ReadonlyMap<string, string>): string {
  return splitTokens(body)
    .map((p) => ("mention" in p ? mentionToken({ id: p.mention.id, name: names.get(p.mention.id) ?? p.mention.name }) : p.text))
    .join("");
}

/** A URL's end without the punctuation that closes the sentence around it. */
function trimUrl(candidate: string): string {
  let url = candidate.replace(/[.,;:!?]+$/, "");
  while (url.endsWith(")") && (url.match(/\(/g)?.length ?? 0) < (url.match(/\)/g)?.length ?? 0)) url = url.slice(0, -1).replace(/[.,;:!?]+$/, "");
  return url;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname.length > 0;
  } catch {
    return false;
  }
}

function linkify(text: string): CommentPart[] {
  const parts: CommentPart[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const url = trimUrl(match[0]);
    if (!isHttpUrl(url)) continue;
    if (match.index > last) parts.push({ kind: "text", text: text.slice(last, match.index) });
    parts.push({ kind: "link", href: url, text: url });
    last = match.index + url.length;
  }
  if (last < text.length) parts.push({ kind: "text", text: text.slice(last) });
  return parts;
}

/**
 * A comment as parts to render as text: plain runs, http(s) links and mentions. Nothing in it
 * is ever markup; the renderer makes text nodes and anchors from these parts.
 * `names` gives mentioned members' current names.
 */
export function parseCommentText(body: string, names?: ReadonlyMap<string, string>): CommentPart[] {
  return splitTokens(body).flatMap((p): CommentPart[] =>
    "mention" in p ? [{ kind: "mention", userId: p.mention.id, name: names?.get(p.mention.id) ?? p.mention.name }] : linkify(p.text),
  );
}

export const editWindowEndsAt = (createdAt: Date) => new Date(createdAt.getTime() + COMMENT_EDIT_WINDOW_MS);

export const isWithinEditWindow = (createdAt: Date, now: Date) => now.getTime() < editWindowEndsAt(createdAt).getTime();

/** The @ the caret is in, with what follows it so far: the autocomplete's query, or null. */
export function activeMentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const head = text.slice(0, caret);
  const at = head.lastIndexOf("@");
  if (at < 0) return null;
  const before = at > 0 ? head[at - 1] ?? "" : "";
  if (before && WORD_CHAR.test(before)) return null;
  const query = head.slice(at + 1);
  if (query.length > 40 || /[\n@]|\s\s|^\s/.test(query) || !/^[\p{L}\p{N} .'-]*$/u.test(query)) return null;
  return { start: at, query };
}

/** Members whose name (or one of its words) or email starts with the query, best first. */
export function matchMembers<M extends MentionCandidate>(members: readonly M[], query: string, limit = 8): M[] {
  const q = query.trim().toLowerCase();
  const rank = (m: M) => {
    const name = m.name.toLowerCase();
    if (name.startsWith(q)) return 0;
    if (name.split(/\s+/).some((word) => word.startsWith(q))) return 1;
    if (m.email.toLowerCase().startsWith(q)) return 2;
    return -1;
  };
  return members
    .map((m) => ({ m, r: rank(m) }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.m.name.localeCompare(b.m.name))
    .slice(0, limit)
    .map((x) => x.m);
}

/** Replaces the typed `@query` (from `start` to the caret) with `@Name ` and says where the caret goes. */
export function insertMention(text: string, start: number, caret: number, member: Mentionable): { text: string; caret: number } {
  const inserted = `@${tokenName(member.name)} `;
  const rest = text.slice(caret).replace(/^ /, "");
  return { text: text.slice(0, start) + inserted + rest, caret: start + inserted.length };
}
