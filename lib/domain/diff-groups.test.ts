import { diffWordsWithSpace } from "diff";
import { describe, expect, it } from "vitest";
import { groupChanges, isBridge, statementChanges, wordChanges } from "./diff-groups";

const grouped = (before: string, after: string) => groupChanges(diffWordsWithSpace(before, after));
/** The grouped diff read as the old text (deletions kept) and as the new one (insertions kept). */
const read = (groups: ReturnType<typeof groupChanges>) => ({
  before: groups.filter((g) => g.kind !== "added").map((g) => g.value).join(""),
  after: groups.filter((g) => g.kind !== "removed").map((g) => g.value).join(""),
});

describe("grouping a word diff", () => {
  it("turns alternating deleted and inserted words into one deleted run and one inserted run", () => {
    const before = "Unemployment in the region fell to 3.9 percent.";
    const after = "Jobs data for the region fell to 3.9 percent.";
    const groups = grouped(before, after);
    expect(groups.slice(0, 3)).toEqual([
      { kind: "removed", value: "Unemployment in" },
      { kind: "added", value: "Jobs data for" },
      { kind: "same", value: " the region fell to 3.9 percent." },
    ]);
    expect(read(groups)).toEqual({ before, after });
  });

  it("groups across short common words, but not across words that carry meaning", () => {
    const across = grouped("The mayor said the city spent $4.2 million", "The governor claimed the state spent $4.2 million");
    expect(across.filter((g) => g.kind === "removed").map((g) => g.value)).toEqual(["mayor said the city"]);
    expect(across.filter((g) => g.kind === "added").map((g) => g.value)).toEqual(["governor claimed the state"]);
    const apart = grouped("Rates fell in March and prices rose in May", "Rates rose in March and prices rose in June");
    expect(apart.filter((g) => g.kind === "removed").map((g) => g.value)).toEqual(["fell", "May"]);
    expect(apart.filter((g) => g.kind === "added").map((g) => g.value)).toEqual(["rose", "June"]);
  });

  it("keeps a deletion or an insertion alone as it is", () => {
    const before = "Lopez said unemployment fell in 2023.";
    expect(grouped(before, "Sen. Lopez said unemployment fell in 2023.")).toEqual([
      { kind: "added", value: "Sen. " },
      { kind: "same", value: "Lopez said unemployment fell in 2023." },
    ]);
    const cut = grouped("The governor said the state built roads. Taxes rose.", "The governor said the state built roads.");
    expect(read(cut)).toEqual({ before: "The governor said the state built roads. Taxes rose.", after: "The governor said the state built roads." });
    expect(cut.some((g) => g.kind === "added")).toBe(false);
  });

  it("shows a word changed inside as the whole old word, then the whole new one", () => {
    const groups = grouped("fell to 3.9 percent in 2023.", "fell to 3.8 percent in 2023.");
    expect(groups).toEqual([
      { kind: "same", value: "fell to " },
      { kind: "removed", value: "3.9" },
      { kind: "added", value: "3.8" },
      { kind: "same", value: " percent in 2023." },
    ]);
  });

  it("always reads back as the two texts", () => {
    const pairs: Array<[string, string]> = [
      ["a b c d e f", "a x c y e z"],
      ["One. Two, three: four", "One! Two; 3: four and more"],
      ["", "New text."],
      ["Old text.", ""],
      ["Same words.", "Same words."],
      ["fell to 3.9 percent", "fell to 3.85 percent"],
      ["x3.9y", "x3.8y"],
      ["The $4.2 million", "The $4.6 billion"],
    ];
    for (const [before, after] of pairs) expect(read(grouped(before, after))).toEqual({ before, after });
  });

  it("counts white space, punctuation and up to two common words as a bridge", () => {
    expect(isBridge(" ")).toBe(true);
    expect(isBridge(", ")).toBe(true);
    expect(isBridge(" in the ")).toBe(true);
    expect(isBridge(" in the of ")).toBe(false);
    expect(isBridge(" region ")).toBe(false);
  });
});

describe("a claim's words in the text now against its statement", () => {
  it("marks only the words that differ, whole, with white space aside", () => {
    const statement = "Sen. Maria Lopez said unemployment fell to 3.9 percent in 2023, the lowest level in two decades.";
    const quote = "Sen. Maria Lopez said unemployment fell to 3.8 percent in 2023,\nthe lowest level in  two decades.";
    expect(statementChanges(statement, quote)).toEqual([
      { kind: "same", value: "Sen. Maria Lopez said unemployment fell to " },
      { kind: "removed", value: "3.9" },
      { kind: "added", value: "3.8" },
      { kind: "same", value: " percent in 2023, the lowest level in two decades." },
    ]);
  });

  it("reads a reworded statement as the old phrase, then the new one", () => {
    const groups = statementChanges("The mayor said the city spent $4.2 million on roads", "The governor claimed the state spent $4.6 million on roads");
    expect(groups?.filter((g) => g.kind !== "same").map((g) => [g.kind, g.value])).toEqual([
      ["removed", "mayor said the city"],
      ["added", "governor claimed the state"],
      ["removed", "$4.2"],
      ["added", "$4.6"],
    ]);
  });

  it("is the revision diff's grouping", () => {
    const before = "Unemployment in the region fell to 3.9 percent.";
    const after = "Jobs data for the region fell to 3.9 percent.";
    expect(wordChanges(before, after)).toEqual(grouped(before, after));
  });
});
