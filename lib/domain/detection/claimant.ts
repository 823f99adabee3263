import {
  PARTY,
  NAME_TOKEN,
  NAME_RUN,
  LEADING_FUNCTION_WORD,
  NOT_A_PERSON,
  DESCRIPTION,
  PRONOUN,
  POST_INVERTED,
  POST_NORMAL,
  PRE_SAYING,
  PRE_INTRO,
  INDIRECT,
  SAYING_SUBJECT,
  TITLE_ONLY,
  PERSON_HEAD_ONLY,
  LEADING_NAME,
  ACCORDING,
  CALLED,
  LEADING_TITLES,
} from "./claimant-patterns";
import type { SentenceSpan } from "./sentences";

type Segment = { quoted: boolean; text: string; opens: boolean; closes: boolean };
type NameRun = { name: string; end: number; possessive: boolean };
// Memo per sentences array (arrays are treated as immutable): pronoun resolution revisits the
// same neighbouring sentences many times, which would otherwise be quadratic on long texts.
type Context = {
  sentences: readonly SentenceSpan[];
  segments: Map<number, Segment[]>;
  runs: Map<number, NameRun[]>;
  speakers: Map<string, string | null>;
  people: Map<number, string | null>;
};

const MAX_RUN = 8;
const LOOKBACK = 3;
const NAME_LOOKBACK = 20;

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const contexts = new WeakMap<readonly SentenceSpan[], Context>();

function contextFor(sentences: readonly SentenceSpan[]): Context {
  let context = contexts.get(sentences);
  if (!context) {
    context = { sentences, segments: new Map(), runs: new Map(), speakers: new Map(), people: new Map() };
    contexts.set(sentences, context);
  }
  return context;
}

/** Direction of a quotation mark; straight quotes are judged by what surrounds them. */
function quoteMark(text: string, i: number): "open" | "close" | null {
  const ch = text[i];
  if (ch === "“") return "open";
  if (ch === "”") return "close";
  if (ch !== '"') return null;
  const before = text[i - 1] ?? " ";
  return /[\s([{—–-]/u.test(before) ? "open" : "close";
}

function segmentSentence(text: string, startsInside: boolean): Segment[] {
  const segments: Segment[] = [];
  let inside = startsInside;
  let opened = false;
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const mark = quoteMark(text, i);
    if (mark === "open" && !inside) {
      segments.push({ quoted: false, text: text.slice(from, i), opens: false, closes: false });
      inside = true;
      opened = true;
      from = i + 1;
    } else if (mark === "close" && inside) {
      segments.push({ quoted: true, text: text.slice(from, i), opens: opened, closes: true });
      inside = false;
      from = i + 1;
    }
  }
  segments.push({ quoted: inside, text: text.slice(from), opens: inside && opened, closes: false });
  return segments.filter((s) => s.quoted || s.text.trim() !== "");
}

function startsInsideQuote({ sentences }: Context, index: number): boolean {
  for (let j = index - 1; j >= Math.max(0, index - MAX_RUN); j--) {
    const text = sentences[j]?.text ?? "";
    for (let i = text.length - 1; i >= 0; i--) {
      const mark = quoteMark(text, i);
      if (mark !== null) return mark === "open";
    }
  }
  return false;
}

function remember<K, V>(map: Map<K, V>, key: K, compute: () => V): V {
  const known = map.get(key);
  if (known !== undefined) return known;
  const value = compute();
  map.set(key, value);
  return value;
}

function segmentsAt(ctx: Context, index: number): Segment[] {
  return remember(ctx.segments, index, () => segmentSentence(ctx.sentences[index]?.text ?? "", startsInsideQuote(ctx, index)));
}

function runsAt(ctx: Context, index: number): NameRun[] {
  return remember(ctx.runs, index, () => nameRuns(ctx.sentences[index]?.text ?? ""));
}

function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}

/** Name runs in a piece of text, cleaned: "Democratic Rep. Veronica Escobar" → "Rep. Veronica Escobar". */
function nameRuns(text: string): NameRun[] {
  const runs: NameRun[] = [];
  for (const m of text.matchAll(NAME_RUN)) {
    const tokens = m[0].replace(PARTY, "").replace(LEADING_FUNCTION_WORD, "").split(/\s+/);
    const owner = tokens.findIndex((t) => /[’']s$/u.test(t));
    let possessive = false;
    let kept = tokens;
    // "Obama’s adviser" names Obama; "CNN’s Manu Raju" names Manu Raju.
    if (owner === tokens.length - 1) {
      kept = tokens.map((t, i) => (i === owner ? t.replace(/[’']s$/u, "") : t));
      possessive = true;
    } else if (owner >= 0) kept = tokens.slice(owner + 1);
    const name = kept.join(" ");
    if (name === "" || TITLE_ONLY.test(name) || LEADING_FUNCTION_WORD.test(`${name} `)) continue;
    runs.push({ name, end: (m.index ?? 0) + m[0].length, possessive });
  }
  return runs;
}

function isPerson(name: string): boolean {
  return !name.split(/\s+/).some((t) => NOT_A_PERSON.has(t.replace(/\.$/, "")));
}

/** The fullest earlier form of a name: "Escobar" → "Rep. Veronica Escobar". */
function expandName(name: string, ctx: Context, index: number): string {
  let best = name;
  for (let j = index; j >= Math.max(0, index - NAME_LOOKBACK); j--) {
    for (const run of runsAt(ctx, j)) {
      if (run.name.length > best.length && run.name.endsWith(` ${name}`)) best = run.name;
    }
  }
  return best;
}

/** Narration with whitespace collapsed, which also keeps the `\s+` patterns below linear-time. */
function narrationAt(segments: readonly Segment[], k: number): string {
  const segment = segments[k];
  return segment !== undefined && !segment.quoted ? segment.text.replace(/\s+/g, " ") : "";
}

function trimEndDots(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === "." || text[end - 1] === " ")) end--;
  return text.slice(0, end);
}

/** The one person a preceding sentence's narration mentions, if it mentions exactly one. */
function solePerson(ctx: Context, index: number): string | null {
  return remember(ctx.people, index, () => computeSolePerson(ctx, index));
}

function computeSolePerson(ctx: Context, index: number): string | null {
  const narration = segmentsAt(ctx, index).filter((s) => !s.quoted).map((s) => s.text).join(" ");
  const people = new Set<string>();
  for (const { name, possessive } of nameRuns(narration)) {
    if (possessive || !isPerson(name)) continue;
    const full = expandName(name, ctx, index);
    // A lone capitalised word counts only as the surname of someone already introduced.
    if (name.includes(" ") || full !== name) people.add(full);
  }
  return people.size === 1 ? ([...people][0] ?? null) : null;
}

function resolvePronoun(ctx: Context, before: number, depth: number): string | null {
  for (let j = before - 1; j >= Math.max(0, before - LOOKBACK); j--) {
    const speaker = depth < 2 ? findSpeaker(ctx, j, depth + 1) : null;
    const described = speaker === null ? null : DESCRIPTION.exec(speaker);
    // "She" can refer to "A White House official" or a named person, not to "The Biden campaign".
    if (speaker !== null && (described ? PERSON_HEAD_ONLY.test(described[2] ?? "") : isPerson(speaker))) return speaker;
    const person = solePerson(ctx, j);
    if (person !== null) return person;
  }
  return null;
}

/** "the strategist" → the earlier "One Democratic strategist" (or the named person it described). */
function resolveDescription(head: string, ctx: Context, before: number): string | null {
  const pattern = new RegExp(`(?:(${NAME_TOKEN}(?:\\s+${NAME_TOKEN}){1,3}),\\s+)?\\b((?:[Aa]n?|[Oo]ne|[Aa]nother)\\s+(?:[\\p{L}’'-]+\\s+){0,3}${head})\\b`, "u");
  for (let j = before - 1; j >= Math.max(0, before - LOOKBACK - 1); j--) {
    const m = pattern.exec(ctx.sentences[j]?.text ?? "");
    if (m) return m[1] !== undefined ? expandName(m[1], ctx, j) : capitalize(m[2] ?? "");
  }
  return null;
}

/** `initial`: the phrase opens its sentence, where a capital letter does not signal a name. */
function resolveSubject(phrase: string, ctx: Context, runStart: number, depth: number, initial = false): string | null {
  const np = trimEndDots(phrase.replace(/\s+/g, " ").trim().replace(/^(?:and|but|so) /i, ""));
  if (np === "" || wordCount(np) > 8) return null;
  if (PRONOUN.test(np)) return resolvePronoun(ctx, runStart, depth);
  const described = DESCRIPTION.exec(np);
  if (described) {
    const modifiers = described[1] ?? "";
    const definite = /^the\s/i.test(np) && !/\p{Lu}/u.test(modifiers);
    return definite ? resolveDescription(described[2] ?? "", ctx, runStart) : capitalize(np);
  }
  const runs = nameRuns(np);
  const last = runs[runs.length - 1];
  if (!last || last.end !== np.length) return null;
  const name = expandName(last.name, ctx, runStart);
  // "Officials said: …" or "Critics told CNN: …" are not names; a known surname is.
  return initial && !name.includes(" ") && runs.length === 1 && np.startsWith(name) ? null : name;
}

function fromPreQuote(pre: string, ctx: Context, runStart: number, depth: number): string | null {
  const text = pre.trim();
  const saying = PRE_SAYING.exec(text);
  if (saying) {
    const clause = (saying[1] ?? "").split(",").pop()?.trim() ?? "";
    const subject = SAYING_SUBJECT.exec(clause);
    if (subject) return capitalize(subject[0]);
    const name = LEADING_NAME.exec(clause);
    return name ? resolveSubject(name[1] ?? "", ctx, runStart, depth, clause === text.split(",")[0]?.trim()) : null;
  }
  const intro = PRE_INTRO.exec(text);
  if (!intro) return null;
  const subject = intro[1] ?? "";
  const pieces = subject.split(",");
  // "X, who …, told CNN:" keeps X; "In a statement, X said:" keeps X.
  const np = subject.trimEnd().endsWith(",") || pieces.length > 2 ? pieces[0] : pieces[pieces.length - 1];
  return resolveSubject(np ?? "", ctx, runStart, depth, np === pieces[0]);
}

function fromPostQuote(post: string, ctx: Context, runStart: number, depth: number): string | null {
  const inverted = POST_INVERTED.exec(post);
  if (inverted) {
    const np = (inverted[1] ?? "").replace(/\s+(?:in|on|at|of|during|after|before|when|while|who|to|about|from|with)\s.*$/u, "");
    return resolveSubject(np, ctx, runStart, depth);
  }
  const normal = POST_NORMAL.exec(post);
  return normal ? resolveSubject(normal[1] ?? "", ctx, runStart, depth) : null;
}

/** "according to X": a named person or organisation, or a description ("the budget office"). */
function fromAccording(text: string, ctx: Context, index: number, depth: number): string | null {
  const m = ACCORDING.exec(text.replace(/\s+/g, " "));
  if (!m) return null;
  const np = trimEndDots((m[1] ?? "").trim());
  if (/^(?:him|her|them)$/i.test(np)) return resolvePronoun(ctx, index, depth);
  if (DESCRIPTION.test(np)) return capitalize(np);
  const runs = nameRuns(np);
  const last = runs[runs.length - 1];
  // Only a phrase that is all name ("Gov. Gavin Newsom", "the FBI"), not "federal data" or "a poll by Gallup".
  if (!last || last.end !== np.length || !/^(?:the\s+)?\p{Lu}/u.test(np)) return null;
  return expandName(last.name, ctx, index);
}

/** "X called it “…”": the subject of "called" when a quotation follows. */
function fromCalled(text: string, ctx: Context, index: number, depth: number): string | null {
  const m = CALLED.exec(text.replace(/\s+/g, " "));
  if (!m) return null;
  const speaker = resolveSubject(m[1] ?? "", ctx, index, depth);
  return speaker !== null && isPerson(speaker) ? speaker : null;
}

function findSpeaker(ctx: Context, index: number, depth: number): string | null {
  return remember(ctx.speakers, `${index}:${depth}`, () => computeSpeaker(ctx, index, depth));
}

function computeSpeaker(ctx: Context, index: number, depth: number): string | null {
  const segments = segmentsAt(ctx, index);
  const qi = segments.findIndex((s) => s.quoted && (!s.opens || !s.closes || wordCount(s.text) >= 3));
  const quote = segments[qi];
  if (!quote) {
    const text = ctx.sentences[index]?.text ?? "";
    const indirect = INDIRECT.exec(text);
    const speaker = indirect ? resolveSubject(indirect[1] ?? "", ctx, index, depth, !indirect[0].includes(",")) : null;
    if (speaker !== null && isPerson(speaker)) return speaker;
    return fromAccording(text, ctx, index, depth) ?? fromCalled(text, ctx, index, depth);
  }
  // A quotation can run over several sentences; its attribution sits where it opens or closes.
  let openAt = index;
  let pre = narrationAt(segments, qi - 1);
  for (let j = index - 1; !quote.opens && j >= Math.max(0, index - MAX_RUN); j--) {
    const segs = segmentsAt(ctx, j);
    if (segs[segs.length - 1]?.opens) {
      openAt = j;
      pre = narrationAt(segs, segs.length - 2);
      break;
    }
  }
  let post = narrationAt(segments, qi + 1);
  for (let j = index + 1; !quote.closes && j < Math.min(ctx.sentences.length, index + MAX_RUN); j++) {
    const segs = segmentsAt(ctx, j);
    if (segs[0]?.closes) {
      post = narrationAt(segs, 1);
      break;
    }
  }
  return fromPreQuote(pre, ctx, openAt, depth) ?? fromPostQuote(post, ctx, openAt, depth);
}

/**
 * Who makes the claim in sentence `index`: the speaker of a direct quotation (following the
 * quotation across sentences), or the named subject of "X said …". Null unless the cues are
 * clear, because a wrong claimant misleads a fact-checker more than a missing one.
 */
export function attributeClaimant(sentences: readonly SentenceSpan[], index: number): string | null {
  if (!Number.isInteger(index) || index < 0 || index >= sentences.length) return null;
  const speaker = findSpeaker(contextFor(sentences), index, 0);
  return speaker === null ? null : withoutTitles(speaker);
}

/**
 * A named claimant without leading titles and parties ("Democratic Rep. Veronica Escobar" →
 * "Veronica Escobar", "President Joe Biden" → "Joe Biden"); a description ("A White House
 * official") or a title with no name after it stays as it is.
 */
export function withoutTitles(name: string): string {
  const stripped = name.replace(LEADING_TITLES, "");
  return stripped !== "" && /^\p{Lu}/u.test(stripped) ? stripped : name;
}
