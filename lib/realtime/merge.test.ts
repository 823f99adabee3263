import { describe, expect, it } from "vitest";
import type { LiveClaim } from "./change";
import { deletedClaimIds, mergeClaims, withoutClaims } from "./merge";

const claim = (id: string, start: number, rev: number, extra: Partial<LiveClaim> = {}): LiveClaim => ({
  id,
  quote: `quote ${id}`,
  start,
  end: start + 10,
  statement: `statement ${id}`,
  claimant: null,
  score: 0.5,
  status: "DETECTED",
  origin: "DETECTED",
  version: 1,
  rev,
  sourceCount: 0,
  publishedRating: null,
  ...extra,
});

describe("mergeClaims", () => {
  it("takes a newer revision and ignores an older one, whatever the order of arrival", () => {
    const base = [claim("a", 0, 5), claim("b", 20, 5)];
    const newer = claim("a", 0, 9, { status: "RESEARCHING", sourceCount: 1 });
    const older = claim("a", 0, 7, { status: "QUEUED" });
    const oneWay = mergeClaims(mergeClaims(base, [newer]), [older]);
    const otherWay = mergeClaims(mergeClaims(base, [older]), [newer]);
    expect(oneWay).toEqual(otherWay);
    expect(oneWay[0]).toMatchObject({ status: "RESEARCHING", sourceCount: 1, rev: 9 });
  });

  it("returns the same array when nothing is newer, so nothing re-renders", () => {
    const base = [claim("a", 0, 5), claim("b", 20, 5)];
    expect(mergeClaims(base, [claim("a", 0, 5), claim("b", 20, 3)])).toBe(base);
    expect(mergeClaims(base, [])).toBe(base);
  });

  it("keeps untouched claims as the same objects and adds new ones in reading order", () => {
    const base = [claim("a", 0, 5), claim("c", 40, 5)];
    const merged = mergeClaims(base, [claim("b", 20, 8)]);
    expect(merged.map((c) => c.id)).toEqual(["a", "b", "c"]);
    expect(merged[0]).toBe(base[0]);
    expect(merged[2]).toBe(base[1]);
  });

  it("breaks a tie of revisions by the claim's version", () => {
    const merged = mergeClaims([claim("a", 0, 5)], [claim("a", 0, 5, { version: 2, statement: "reworded" })]);
    expect(merged[0]?.statement).toBe("reworded");
  });
});

describe("deleted claims", () => {
  const a = claim("a", 0, 1);
  const b = claim("b", 20, 1);

  it("drops the claims a change deletes and keeps the array when none is held", () => {
    const current = [a, b];
    expect(withoutClaims(current, new Set(["a"]))).toEqual([b]);
    expect(withoutClaims(current, new Set(["zzz"]))).toBe(current);
    expect(withoutClaims(current, new Set())).toBe(current);
  });

  it("names the claims deleted by a batch of changes, and only those", () => {
    expect(deletedClaimIds([{ kind: "claim.deleted", entityId: "a" }, { kind: "claim.updated", entityId: "b" }, { kind: "comment.deleted", entityId: "c" }])).toEqual(["a"]);
  });

  it("never brings a deleted claim back from a later, older copy", () => {
    const deleted = new Set(["a"]);
    const after = withoutClaims([b], deleted);
    expect(withoutClaims(mergeClaims(after, [{ ...a, rev: 5 }]), deleted)).toEqual([b]);
  });
});
