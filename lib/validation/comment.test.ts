import { describe, expect, it } from "vitest";
import { createCommentSchema, editCommentSchema } from "./comment";

describe("comment schemas", () => {
  it("refuses an empty comment at the field", () => {
    expect(createCommentSchema.safeParse({ claimId: "c1", body: "  \n " }).error?.issues).toMatchObject([{ path: ["body"], message: "Write a comment first." }]);
  });

  it("allows 5,000 characters as the author sees them, and no more", () => {
    expect(createCommentSchema.safeParse({ claimId: "c1", body: "x".repeat(5000) }).success).toBe(true);
    expect(createCommentSchema.safeParse({ claimId: "c1", body: "x".repeat(5001) }).error?.issues[0]?.message).toBe("A comment can be at most 5,000 characters.");
    // A mention token is longer stored than shown: it counts as `@Name`.
    const mentions = "@[Ana Ruiz](cmabcdefghijklmnopqrstuvw) ".repeat(400);
    expect(createCommentSchema.safeParse({ claimId: "c1", body: mentions }).success).toBe(true);
  });

  it("reads a blank parent as a new thread, and wants a version to edit", () => {
    expect(createCommentSchema.parse({ claimId: "c1", parentId: "", body: "Hi" }).parentId).toBeUndefined();
    expect(editCommentSchema.safeParse({ commentId: "m1", version: "", body: "Hi" }).success).toBe(false);
    expect(editCommentSchema.parse({ commentId: "m1", version: "2", body: "Hi" }).version).toBe(2);
  });
});
