import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { attributeClaimant, withoutTitles } from "./claimant";
import { splitSentences } from "./sentences";

const demo = readFileSync(new URL("../../../prisma/seed/articles/border-concessions.txt", import.meta.url), "utf8");

/** Claimant of the sentence that contains `needle`. */
function claimantOf(body: string, needle: string): string | null {
  const sentences = splitSentences(body);
  const index = sentences.findIndex((s) => s.text.includes(needle));
  if (index < 0) throw new Error(`no sentence contains ${needle}`);
  return attributeClaimant(sentences, index);
}

describe("attributeClaimant", () => {
  it("finds the speaker before a colon-introduced quote, skipping the appositive", () => {
    const body =
      "Democratic Rep. Veronica Escobar, who also serves as co-chair of the campaign, told CNN: “It’s different from 2020.”";
    expect(claimantOf(body, "It’s different")).toBe("Veronica Escobar");
  });

  it("finds an inverted speaker after the quote", () => {
    expect(claimantOf("“Taxes went up 10 percent,” said Rep. Jane Doe.", "Taxes")).toBe("Jane Doe");
    expect(claimantOf("“It is clear,” said Cecilia Munoz, a former adviser.", "clear")).toBe("Cecilia Munoz");
    expect(claimantOf("“It was bad,” said Jane Doe of the ACLU.", "bad")).toBe("Jane Doe");
  });

  it("finds a named speaker after the quote", () => {
    expect(claimantOf("“No doubt about it,” Democratic Sen. Alex Padilla told CNN’s Manu Raju.", "No doubt")).toBe(
      "Alex Padilla",
    );
  });

  it("resolves a pronoun to the most recent named speaker", () => {
    const body = [
      "Democratic Rep. Delia Ramirez, a member of a caucus that answered Biden’s address, told CNN: “I cannot campaign for that.”",
      "“My credibility is based on my ability to talk about those things,” she said.",
    ].join("\n");
    expect(claimantOf(body, "My credibility")).toBe("Delia Ramirez");
  });

  it("resolves a pronoun through a sentence that names the person by surname", () => {
    const body = [
      "Democratic Rep. Veronica Escobar told CNN: “It’s different now.”",
      "Escobar cast blame on Republican governors for hindering Biden’s agenda.",
      "“I want to hold out hope,” she added.",
    ].join("\n");
    expect(claimantOf(body, "hold out hope")).toBe("Veronica Escobar");
  });

  it("attributes 'X did something, saying, “…”' to the subject", () => {
    const body = "A White House official defended the record, saying, “The administration led the largest expansion.”";
    expect(claimantOf(body, "largest expansion")).toBe("A White House official");
    const campaign = "After the comments, the Biden campaign blasted Trump, saying in a statement: “He is wrong.”";
    expect(claimantOf(campaign, "He is wrong")).toBe("The Biden campaign");
  });

  it("follows a quotation across sentences in both directions", () => {
    const body = "“If he goes too far, it will be felt next year. No doubt about it,” Sen. Alex Padilla told CNN.";
    expect(claimantOf(body, "If he goes")).toBe("Alex Padilla");
    const opened = "A spokesperson said: “We cut costs by half. We hired 300 people. That is our record.”";
    expect(claimantOf(opened, "We hired")).toBe("A spokesperson");
  });

  it("resolves 'the strategist' to the strategist introduced earlier", () => {
    const body = [
      "One Democratic strategist slammed the White House for its policies.",
      "“There is a disconnect,” the strategist said.",
    ].join("\n");
    expect(claimantOf(body, "disconnect")).toBe("One Democratic strategist");
  });

  it("attributes a quoted phrase to the person who said it", () => {
    expect(claimantOf("Donald Trump said immigrants are “poisoning the blood of our country,” a phrase condemned.", "poisoning")).toBe(
      "Donald Trump",
    );
    expect(claimantOf("“It’s a disaster,” Trump wrote on Truth Social.", "disaster")).toBe("Trump");
    expect(claimantOf("In a statement, Gov. Ron DeSantis said: “Florida is free.”", "Florida")).toBe("Ron DeSantis");
  });

  it("attributes indirect speech only to a named person", () => {
    expect(claimantOf("Sen. John Smith said the bill costs $4 billion.", "bill")).toBe("John Smith");
    expect(claimantOf("Several top Democrats told CNN they have been pushing for a deal.", "pushing")).toBeNull();
    expect(claimantOf("Multiple sources tell CNN the deal is close.", "deal")).toBeNull();
  });

  it("returns null when the cue is missing or ambiguous", () => {
    expect(claimantOf("Border arrests rose 20 percent last year.", "arrests")).toBeNull();
    expect(claimantOf("Officials said: “The numbers are up 20 percent.”", "numbers")).toBeNull();
    expect(claimantOf("Biden met Trump on Monday.\n“It was fine,” he said.", "fine")).toBeNull();
    expect(claimantOf("“We will win,” she said.", "We will win")).toBeNull();
    const twoPeople = "John Smith met Jane Doe on Monday.\n“It went well,” she said.";
    expect(claimantOf(twoPeople, "went well")).toBeNull();
    expect(claimantOf("Critics say the plan is “poisoning the blood of our politics,” a phrase many condemned.", "poisoning")).toBeNull();
  });

  it("copes with huge whitespace runs inside the attribution", () => {
    const gap = " ".repeat(200_000);
    expect(claimantOf(`“Taxes rose 10 percent,” said${gap}Rep. Jane Doe.`, "Taxes")).toBe("Jane Doe");
    expect(claimantOf(`Officials${gap}and staff, told CNN: “The numbers are up 20 percent.”`, "numbers")).toBeNull();
  });

  it("returns null for an index out of range", () => {
    const sentences = splitSentences("“Hi there, all,” said Jane Doe.");
    expect(attributeClaimant(sentences, 5)).toBeNull();
    expect(attributeClaimant(sentences, -1)).toBeNull();
    expect(attributeClaimant([], 0)).toBeNull();
  });

  it("attributes every quotation in the demo article", () => {
    const sentences = splitSentences(demo);
    const claimants = sentences.map((_, i) => attributeClaimant(sentences, i));
    expect(claimants).toEqual([
      null, null, null, null, null,
      "Veronica Escobar", null, "Veronica Escobar",
      "Delia Ramirez", "Delia Ramirez",
      "A White House official", "A White House official",
      null, null,
      "Alex Padilla", "Alex Padilla",
      null, "One Democratic strategist", "One Democratic strategist", "One Democratic strategist",
      null, null, null, null,
      "Cecilia Munoz", "Cecilia Munoz", "Cecilia Munoz", "Maria Cardona",
      null, "The Biden campaign", "The Biden campaign", "The Biden campaign",
      null, "Vanessa Cárdenas", "Vanessa Cárdenas",
    ]);
  });

  it("drops titles and parties from a named claimant, not from a description", () => {
    expect(claimantOf("President Joe Biden said the economy added 300,000 jobs.", "economy")).toBe("Joe Biden");
    expect(claimantOf("Vice President Kamala Harris told reporters that inflation fell.", "inflation")).toBe("Kamala Harris");
    expect(claimantOf("“We cut taxes by 20 percent,” Republican Gov. Ron DeSantis said.", "taxes")).toBe("Ron DeSantis");
    expect(claimantOf("Former Mayor Ana Ruiz said the city spent $4.2 million on roads.", "spent")).toBe("Ana Ruiz");
    expect(claimantOf("“Spending doubled last year,” a White House official said.", "Spending")).toBe("A White House official");
    expect(withoutTitles("Sen.")).toBe("Sen.");
    expect(withoutTitles("Democratic Sen. Alex Padilla")).toBe("Alex Padilla");
  });

  it("attributes “according to X”, to a name, an organisation or a description", () => {
    expect(claimantOf("According to Gov. Gavin Newsom, the state spent $2 billion on housing.", "housing")).toBe("Gavin Newsom");
    expect(claimantOf("Crime fell 10 percent last year, according to the FBI.", "Crime")).toBe("FBI");
    expect(claimantOf("Tax revenue rose 12 percent last year, according to the budget office.", "revenue")).toBe("The budget office");
    expect(claimantOf("Jane Doe met the governor. According to her, the deficit doubled.", "deficit")).toBe("Jane Doe");
    // Data, not a claimant.
    expect(claimantOf("According to federal data, arrests rose.", "arrests")).toBeNull();
    expect(claimantOf("According to a poll by Gallup, 40 percent agree.", "poll")).toBeNull();
  });

  it("attributes “X called it “…”” only when a quotation follows", () => {
    expect(claimantOf("Senator Ted Cruz called the bill “a disaster.”", "disaster")).toBe("Ted Cruz");
    expect(claimantOf("Immigration advocate Vanessa Cárdenas called it “whiplash” in a statement.", "whiplash")).toBe("Vanessa Cárdenas");
    expect(claimantOf("Smith called the police after the crash.", "police")).toBeNull();
    expect(claimantOf("The senator called for more funding.", "funding")).toBeNull();
  });
});
