import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { splitSentences } from "./sentences";

const demo = readFileSync(new URL("../../../prisma/seed/articles/border-concessions.txt", import.meta.url), "utf8");

function texts(body: string): string[] {
  return splitSentences(body).map((s) => s.text);
}

describe("splitSentences", () => {
  it("returns nothing for empty or whitespace-only text", () => {
    expect(splitSentences("")).toEqual([]);
    expect(splitSentences("   \n\t\r\n  ")).toEqual([]);
  });

  it("gives exact, trimmed offsets into the body", () => {
    const body = "  First one.   Second one!\n\n  Third?  ";
    expect(splitSentences(body)).toEqual([
      { start: 2, end: 12, text: "First one." },
      { start: 15, end: 26, text: "Second one!" },
      { start: 30, end: 36, text: "Third?" },
    ]);
  });

  it("keeps text without terminal punctuation as one sentence", () => {
    expect(texts("no full stop here at all")).toEqual(["no full stop here at all"]);
  });

  it("always ends a sentence at a line break, including Windows newlines", () => {
    const body = "Headline without a stop\r\nBody line one. Body line two.\r\n\r\nLast line";
    expect(texts(body)).toEqual(["Headline without a stop", "Body line one.", "Body line two.", "Last line"]);
    for (const s of splitSentences(body)) expect(s.text).not.toMatch(/[\r\n]/);
  });

  it("does not split after titles, initials, decimals or ellipses", () => {
    expect(texts("Rep. Jane Doe met Sen. John Smith and Gov. Ann Lee. Dr. Who and Mr. and Mrs. Smith and Ms. Ray came.")).toEqual([
      "Rep. Jane Doe met Sen. John Smith and Gov. Ann Lee.",
      "Dr. Who and Mr. and Mrs. Smith and Ms. Ray came.",
    ]);
    expect(texts("Harry Potter was written by J. K. Rowling. It sold well.")).toEqual([
      "Harry Potter was written by J. K. Rowling.",
      "It sold well.",
    ]);
    expect(texts("Prices rose 3.5 percent. Wages did not.")).toEqual(["Prices rose 3.5 percent.", "Wages did not."]);
    expect(texts("He paused... Then he went on … Really.")).toEqual(["He paused... Then he went on … Really."]);
  });

  it("does not split after dates, numbers and Latin abbreviations", () => {
    expect(texts("On Jan. 6, 2021, rioters attacked. Feb. 2 was calm.")).toEqual([
      "On Jan. 6, 2021, rioters attacked.",
      "Feb. 2 was calm.",
    ]);
    expect(texts("She won the No. 3 seed. No. That was later.")).toEqual(["She won the No. 3 seed.", "No.", "That was later."]);
    expect(texts("Use tools, e.g. Hammers, i.e. Nails. Biden vs. Trump was close.")).toEqual([
      "Use tools, e.g. Hammers, i.e. Nails.",
      "Biden vs. Trump was close.",
    ]);
    expect(texts("St. Louis and Apple Inc. Board members met.")).toEqual(["St. Louis and Apple Inc. Board members met."]);
  });

  it("resolves U.S., D.C., a.m. and p.m. by the word that follows", () => {
    expect(texts("The U.S. Senate voted. Then it adjourned.")).toEqual(["The U.S. Senate voted.", "Then it adjourned."]);
    expect(texts("He lives in the U.S. He moved in 2020.")).toEqual(["He lives in the U.S.", "He moved in 2020."]);
    expect(texts("It starts at 9 a.m. Eastern time. It ended at 5 p.m. The crowd left.")).toEqual([
      "It starts at 9 a.m. Eastern time.",
      "It ended at 5 p.m.",
      "The crowd left.",
    ]);
    expect(texts("Police in Washington, D.C. said so. The U.K. economy shrank.")).toEqual([
      "Police in Washington, D.C. said so.",
      "The U.K. economy shrank.",
    ]);
  });

  it("keeps closing quotes and brackets with the sentence they end", () => {
    expect(texts("“It’s over,” she said. “We lost.” He agreed! (It was late.) Next?")).toEqual([
      "“It’s over,” she said.",
      "“We lost.”",
      "He agreed!",
      "(It was late.)",
      "Next?",
    ]);
    expect(texts('He said "no." Then he left.')).toEqual(['He said "no."', "Then he left."]);
    expect(texts("“Why?” she asked. Nobody knew.")).toEqual(["“Why?” she asked.", "Nobody knew."]);
  });

  it("splits before a digit or an opening quote", () => {
    expect(texts("It was 5. 6 was next. “Fine,” he said.")).toEqual(["It was 5.", "6 was next.", "“Fine,” he said."]);
  });

  it("treats markup as plain text", () => {
    const body = "<script>alert(1)</script> Prices rose 5 percent. <b>Wages</b> fell.\n<p>Rents rose too.</p>";
    const sentences = splitSentences(body);
    expect(sentences.map((s) => s.text)).toEqual([
      "<script>alert(1)</script> Prices rose 5 percent. <b>Wages</b> fell.",
      "<p>Rents rose too.</p>",
    ]);
    for (const s of sentences) expect(body.slice(s.start, s.end)).toBe(s.text);
  });

  it("splits the demo article into its 35 sentences with exact offsets", () => {
    const sentences = splitSentences(demo);
    expect(sentences).toHaveLength(35);
    for (const s of sentences) {
      expect(demo.slice(s.start, s.end)).toBe(s.text);
      expect(s.text).toBe(s.text.trim());
    }
    for (let i = 1; i < sentences.length; i++) {
      expect(sentences[i]?.start ?? 0).toBeGreaterThan(sentences[i - 1]?.end ?? 0);
    }
    expect(sentences[5]?.text).toMatch(/^Democratic Rep\. Veronica Escobar, who also serves .* for certain\.”$/);
    expect(sentences[14]?.text).toBe(
      "“If he does go too far in the Trump direction when it comes to this, it’s going to be felt at the ballot box next year.",
    );
    expect(sentences[15]?.text).toBe("No doubt about it,” Democratic Sen. Alex Padilla told CNN’s Manu Raju.");
    expect(sentences[30]?.text).toBe("He’s wrong.");
  });

  it("handles a megabyte of text", () => {
    const body = "The rate rose 5 percent in 2020, officials said. ".repeat(21_000);
    const sentences = splitSentences(body);
    expect(sentences).toHaveLength(21_000);
    expect(sentences[20_999]?.end).toBe(body.length - 1);
  });
});
