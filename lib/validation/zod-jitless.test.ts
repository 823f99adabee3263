import { describe, expect, it } from "vitest";
import { makeZodJitless } from "./zod-jitless";

describe("makeZodJitless", () => {
  it("sets the flag zod reads, whether zod loaded before or after", async () => {
    makeZodJitless();
    const { z } = await import("zod");
    expect(z.config().jitless).toBe(true);
    // Zod's probe for `new Function` is skipped under jitless.
    const { util } = await import("zod/v4/core");
    const { allowsEval } = util;
    expect(allowsEval.value).toBe(false);
    makeZodJitless();
    expect(z.config().jitless).toBe(true);
  });
});
