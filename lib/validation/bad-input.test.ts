import { describe, expect, it } from "vitest";
import { z } from "zod";
import { importArticleSchema, updateArticleSchema } from "./article";
import { signInSchema } from "./auth";
import { createCommentSchema } from "./comment";
import { NUL_MESSAGE, fieldErrorsOf, findNul, httpUrl, id, isNotFoundIssue, normaliseHttpUrl, optionalText, requiredText } from "./fields";
import { publisherSchema } from "./publisher";
import { createSourceSchema } from "./source";
import { createWebhookSchema } from "./webhooks";

const NUL = "\u0000";

describe("NUL in text and ids", () => {
  it("text fields refuse it with a message at the field", () => {
    for (const schema of [requiredText("Title", 100), optionalText("Title", 100)]) {
      const result = z.object({ title: schema }).safeParse({ title: `a${NUL}b` });
      expect(result.success).toBe(false);
      expect(fieldErrorsOf(result.error!)).toEqual({ title: [NUL_MESSAGE] });
    }
    const comment = createCommentSchema.safeParse({ claimId: "c1", body: `hello${NUL}` });
    expect(fieldErrorsOf(comment.error!)).toEqual({ body: [NUL_MESSAGE] });
    const hook = createWebhookSchema.safeParse({ url: "https://hooks.example.org/x", description: `d${NUL}`, "event:claim.published": "on" });
    expect(fieldErrorsOf(hook.error!).description).toEqual([NUL_MESSAGE]);
  });

  it("an id with a NUL is a not-found issue, not a field message", () => {
    const result = z.object({ articleId: id("article") }).safeParse({ articleId: `abc${NUL}` });
    expect(result.success).toBe(false);
    expect(result.error!.issues.every(isNotFoundIssue)).toBe(true);
    expect(updateArticleSchema.safeParse({ articleId: NUL, version: 1, title: "x" }).error!.issues.some(isNotFoundIssue)).toBe(true);
    // A plain text problem is not one.
    expect(z.object({ t: requiredText("T", 5) }).safeParse({ t: NUL }).error!.issues.some(isNotFoundIssue)).toBe(false);
  });

  it("an article's pasted text has its NULs dropped before offsets are counted", () => {
    expect(importArticleSchema.parse({ title: "T", body: `${NUL}One${NUL} two.\r\n` }).body).toBe("One two.");
  });

  it("sign-in input with a NUL fails validation (the normal invalid-credentials answer)", () => {
    expect(signInSchema.safeParse({ email: `a${NUL}@example.org`, password: "x" }).success).toBe(false);
    expect(signInSchema.safeParse({ email: "a@example.org", password: `pass${NUL}word` }).success).toBe(false);
  });

  it("findNul names the first string holding one, anywhere in a value", () => {
    expect(findNul({ a: "x", b: [1, { c: `y${NUL}` }] })).toEqual(["b", 1, "c"]);
    expect(findNul({ [`k${NUL}`]: "v" })).toEqual([`k${NUL}`]);
    expect(findNul({ a: "x", d: new Date(0), n: null })).toBeNull();
  });
});

describe("URLs are stored parsed and normalised", () => {
  const cases: Array<[string, string | null]> = [
    ["https:evil.example", "https://evil.example/"],
    ["https:/evil.example/a", "https://evil.example/a"],
    ["https:///evil.example", "https://evil.example/"],
    ["http:\\\\evil.example\\path", "http://evil.example/path"],
    ["HTTPS://Example.ORG/a b?q=1#t", "https://example.org/a%20b?q=1#t"],
    ["  https://example.org  ", "https://example.org/"],
    ["https://1.2.3.4:8443/x", "https://1.2.3.4:8443/x"],
    ["https://[2606:4700::1111]/", "https://[2606:4700::1111]/"],
    ["http://localhost:3000/", "http://localhost:3000/"],
    ["https://xn--bcher-kva.example/", "https://xn--bcher-kva.example/"],
    ["https://bücher.example/", "https://xn--bcher-kva.example/"],
    // No real host.
    ["https://intranet", null],
    ["https://.", null],
    ["https://a..b", null],
    ["https://", null],
    // Not the web.
    ["javascript:alert(1)", null],
    ["JavaScript://example.org/%0Aalert(1)", null],
    ["data:text/html,<script>alert(1)</script>", null],
    ["file:///etc/passwd", null],
    ["ftp://example.org/", null],
    ["//example.org/path", null],
    ["/relative", null],
    ["example.org", null],
  ];
  it.each(cases)("%s -> %s", (raw, expected) => {
    expect(normaliseHttpUrl(raw)).toBe(expected);
  });

  it("the schemas store the normal form: sources, article URL, publisher", () => {
    const source = createSourceSchema.parse({ claimId: "c1", url: "https:evil.example", title: "T", kind: "OTHER", stance: "CONTEXT" });
    expect(source.url).toBe("https://evil.example/");
    expect(importArticleSchema.parse({ title: "T", body: "B", url: "HTTPS:example.org/x" }).url).toBe("https://example.org/x");
    expect(publisherSchema.parse({ organizationUrl: "https:desk.example" }).organizationUrl).toBe("https://desk.example/");
    expect(httpUrl().safeParse("javascript:alert(1)").success).toBe(false);
  });
});
