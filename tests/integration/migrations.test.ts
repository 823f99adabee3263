import { describe, expect, it } from "vitest";
import { diffToSchema } from "../../scripts/lib/schema-engine";

describe("migrations", () => {
  it("bring a fresh database exactly to schema.prisma (no drift)", async () => {
    // The test run applied prisma/migrations to this database; any difference from the schema
    // means a schema change without its migration, or an edited migration.
    const drift = await diffToSchema(process.env.DATABASE_URL ?? "", "database");
    expect(drift).toBe("");
  });
});
