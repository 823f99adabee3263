import { describe, expect, it } from "vitest";
import { fieldErrorsOf } from "./fields";
import { createSourceSchema, deleteSourceSchema, updateSourceSchema } from "./source";

const valid = { claimId: "claim-1", url: "https://www.bls.gov/cps/", title: "Current Population Survey", kind: "PRIMARY_DATA", stance: "SUPPORTS" };

function errorsFor(input: Record<string, unknown>): Record<string, string[]> | null {
  const result = createSourceSchema.safeParse(input);
  return result.success ? null : fieldErrorsOf(result.error);
}

const URL_MESSAGE = "Source URL must be a full web address starting with http:// or https://.";

describe("source URL", () => {
  it.each(["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "/relative", "ftp://x", "file:///etc/passwd", "www.example.com", "https://"])(
    "rejects %s",
    (url) => {
      expect(errorsFor({ ...valid, url })).toEqual({ url: [URL_MESSAGE] });
    },
  );

  it("accepts https and http addresses, trimmed and stored in their normal form", () => {
    expect(createSourceSchema.parse({ ...valid, url: "  https://www.census.gov/library?x=1#t  " }).url).toBe("https://www.census.gov/library?x=1#t");
    expect(createSourceSchema.parse({ ...valid, url: "http://example.org" }).url).toBe("http://example.org/");
  });

  it("requires a URL and caps its length", () => {
    expect(errorsFor({ ...valid, url: "" })?.url).toContain("Source URL is required.");
    expect(errorsFor({ ...valid, url: `https://example.org/${"a".repeat(2048)}` })).toEqual({ url: ["Source URL must be at most 2048 characters."] });
  });
});

describe("source dates", () => {
  it("accepts real dates as midnight UTC and leaves blank ones out", () => {
    const parsed = createSourceSchema.parse({ ...valid, publishedAt: "2024-01-31", accessedAt: "" });
    expect(parsed.publishedAt).toEqual(new Date("2024-01-31T00:00:00Z"));
    expect(parsed.accessedAt).toBeUndefined();
  });

  it("rejects dates that do not exist", () => {
    expect(errorsFor({ ...valid, publishedAt: "2024-02-30" })).toEqual({ publishedAt: ["Date published is not a real date."] });
    expect(errorsFor({ ...valid, accessedAt: "2024-13-01" })).toEqual({ accessedAt: ["Date accessed is not a real date."] });
    expect(errorsFor({ ...valid, accessedAt: "yesterday" })).toEqual({ accessedAt: ["Date accessed must be a date (YYYY-MM-DD)."] });
  });
});

describe("source fields", () => {
  it("requires a kind and a stance from the lists", () => {
    expect(errorsFor({ ...valid, kind: "RUMOUR", stance: undefined })).toEqual({
      kind: ["Choose what kind of source this is."],
      stance: ["Choose whether it supports, refutes or gives context."],
    });
  });

  it("requires a title and reads a blank publisher and quotation as not given", () => {
    expect(errorsFor({ ...valid, title: " " })).toEqual({ title: ["Title is required."] });
    const parsed = createSourceSchema.parse({ ...valid, publisher: " ", quotation: "" });
    expect(parsed.publisher).toBeUndefined();
    expect(parsed.quotation).toBeUndefined();
  });

  it("caps a quotation at 5,000 characters", () => {
    expect(errorsFor({ ...valid, quotation: "q".repeat(5001) })).toEqual({ quotation: ["Quoted passage must be at most 5,000 characters."] });
  });

  it("requires the claim it belongs to", () => {
    expect(errorsFor({ ...valid, claimId: "" })).toEqual({ claimId: ["Missing claim."] });
  });
});

describe("updateSourceSchema and deleteSourceSchema", () => {
  it("reads the version a form posts as a number and refuses a missing or zero version", () => {
    const fields = { ...valid, claimId: undefined };
    expect(updateSourceSchema.parse({ ...fields, sourceId: "s1", version: "3" }).version).toBe(3);
    expect(updateSourceSchema.safeParse({ ...fields, sourceId: "s1", version: "0" }).success).toBe(false);
    expect(updateSourceSchema.safeParse({ ...fields, sourceId: "s1" }).success).toBe(false);
  });

  it("requires a source id to delete", () => {
    expect(deleteSourceSchema.parse({ sourceId: " s1 " })).toEqual({ sourceId: "s1" });
    expect(deleteSourceSchema.safeParse({ sourceId: "" }).success).toBe(false);
  });
});
