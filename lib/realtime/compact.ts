// PURE: the claims an article page sends with its first render, without the words the article's
// text already carries. A 1,000-claim article otherwise repeats most of its text twice more in
// the page (each claim's quote, and its statement, which starts as the quote).
import type { LiveClaim } from "./change";

/** A claim whose quote (and statement) are left out when they are the text at its offsets. */
export type CompactClaim = Omit<LiveClaim, "quote" | "statement"> & { quote?: string; statement?: string };

export function compactClaims(claims: readonly LiveClaim[], body: string): CompactClaim[] {
  return claims.map(({ quote, statement, ...rest }) => {
    const compact: CompactClaim = rest;
    if (quote !== body.slice(rest.start, rest.end)) compact.quote = quote;
    if (statement !== quote) compact.statement = statement;
    return compact;
  });
}

/** The claims as `compactClaims` received them, whole again. */
export function expandClaims(claims: readonly CompactClaim[], body: string): LiveClaim[] {
  return claims.map((c) => {
    const quote = c.quote ?? body.slice(c.start, c.end);
    return { ...c, quote, statement: c.statement ?? quote };
  });
}
