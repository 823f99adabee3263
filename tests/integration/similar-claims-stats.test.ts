import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/lib/db/client";
import { findSimilarClaims } from "@/lib/db/similar-claims";
import { createTestArticle, createWorkspacePair, type TestWorkspace } from "@/lib/testing/factories";

// Claim matching picks its candidates by the statement's rarest words, with rarity taken from
// PostgreSQL's statistics of the whole table. Here the words two claims share are made the
// table's most common ones (thousands of unrelated claims each holding one of them, then ANALYZE,
// as the owner: the application role may not), while the second claim's own words (another
// speaker, another verb) are rare: the first claim must still be found.

const ownerUrl = () => process.env.FACTDESK_TEST_OWNER_URL || process.env.DATABASE_URL || "";

let ws: TestWorkspace;
let original: { id: string; statement: string };
let retold: { id: string; statement: string };

const FILLER_WORDS = ["unemployment", "Ohio", "percent", "2023", "3.9"];

beforeAll(async () => {
  [ws] = await createWorkspacePair();
  const a = await createTestArticle(ws.id, ws.users.editor, "Governor Ana Ruiz said unemployment in Ohio fell to 3.9 percent in 2023, the lowest in two decades.");
  const b = await createTestArticle(ws.id, ws.users.editor, "Senator Paul Grant claimed that unemployment in Ohio dropped to 3.9 percent in 2023.");
  const first = (id: string) => getDb().claim.findFirstOrThrow({ where: { articleId: id }, orderBy: { start: "asc" }, select: { id: true, statement: true } });
  original = await first(a.id);
  retold = await first(b.id);
  const filler = Array.from({ length: 6000 }, (_, i) => {
    const statement = `${FILLER_WORDS[i % FILLER_WORDS.length]} ledger entry ${i} for the county archive`;
    return { workspaceId: ws.id, articleId: a.id, quote: statement, prefix: "", suffix: "", start: 0, end: 1, statement, status: "DISMISSED" as const };
  });
  await getDb().claim.createMany({ data: filler });
  const client = new pg.Client({ connectionString: ownerUrl() });
  await client.connect();
  try {
    await client.query(`ANALYZE "Claim"`);
  } finally {
    await client.end();
  }
}, 120_000);

describe("claim matching when the shared words are the most common ones", () => {
  it("the statistics do count the shared words as common", async () => {
    const rows = await getDb().$queryRaw<Array<{ elem: string }>>`
      SELECT e.elem FROM pg_stats p, unnest(p.most_common_elems::text::text[]) AS e(elem)
      WHERE p.schemaname = current_schema() AND p.tablename = 'Claim' AND p.attname = 'searchVector'`;
    const common = new Set(rows.map((r) => r.elem));
    for (const lexeme of ["unemploy", "ohio", "percent", "2023", "3.9"]) expect(common.has(lexeme)).toBe(true);
  });

  it("still finds the same claim made by another speaker in other words", async () => {
    const similar = await findSimilarClaims(ws.id, retold.statement, { excludeId: retold.id });
    expect(similar[0]?.id).toBe(original.id);
  });
});
