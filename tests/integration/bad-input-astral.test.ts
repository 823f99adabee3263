import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { callApi, tokenFor } from "@/lib/testing/api";
import { createTestArticle, createTestWorkspace, type TestWorkspace } from "@/lib/testing/factories";

// Claims on words in astral-plane letters, through the API the page's own action shares its
// pipeline and lib/db code with: offsets are UTF-16 code units, the stored quote is the words.

const BODY = "The flyer promised 𝐁𝐨𝐥𝐝 savings of 40 percent.\nIts motto, 𠀀𠀁 in stone, was 😀 for everyone.";

let ws: TestWorkspace;
let article: string;
let token: string;

beforeAll(async () => {
  ws = await createTestWorkspace();
  article = (await createTestArticle(ws.id, ws.users.editor, BODY)).id;
  token = await tokenFor(ws.users.reviewer);
});

async function claimOn(start: number, end: number) {
  return callApi("POST", `/articles/${article}/claims`, { token, body: { start, end } });
}

describe("a claim on astral-plane words", () => {
  it.each(["𝐁𝐨𝐥𝐝", "𠀀𠀁", "😀"])("%s, selected exactly", async (word) => {
    const start = BODY.indexOf(word);
    const result = await claimOn(start, start + word.length);
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    const stored = await getDb().claim.findUniqueOrThrow({ where: { id: (result.body as { id: string }).id } });
    expect(stored).toMatchObject({ quote: word, start, end: start + word.length, statement: word });
    expect(BODY.slice(stored.start, stored.end)).toBe(word);
  });

  it("offsets between the halves of a letter are widened to whole letters and words", async () => {
    const start = BODY.indexOf("𝐁𝐨𝐥𝐝 savings");
    const result = await claimOn(start + 1, start + "𝐁𝐨𝐥𝐝 sav".length);
    expect(result.status, JSON.stringify(result.body)).toBe(201);
    expect(result.body).toMatchObject({ quote: "𝐁𝐨𝐥𝐝 savings" });
  });
});
