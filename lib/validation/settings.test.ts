import { describe, expect, it } from "vitest";
import { acceptAsNewUserSchema, createInvitationSchema } from "./member";
import { addRatingSchema, createWorkspaceSchema, publishingRulesSchema } from "./settings";

const errorsOf = (result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  Object.fromEntries((result.error?.issues ?? []).map((i) => [i.path.join("."), i.message]));

describe("publishingRulesSchema", () => {
  it("reads the form: numbers from text, four eyes from a ticked checkbox", () => {
    expect(publishingRulesSchema.parse({ minSourcesToPublish: "2", minReviewsToPublish: "0", fourEyes: "on" })).toEqual({ minSourcesToPublish: 2, minReviewsToPublish: 0, fourEyes: true });
    expect(publishingRulesSchema.parse({ minSourcesToPublish: "10", minReviewsToPublish: "5" }).fourEyes).toBe(false);
  });

  it.each([
    [{ minSourcesToPublish: "11", minReviewsToPublish: "1" }, { minSourcesToPublish: "Independent sources must be between 0 and 10." }],
    [{ minSourcesToPublish: "-1", minReviewsToPublish: "1" }, { minSourcesToPublish: "Independent sources must be between 0 and 10." }],
    [{ minSourcesToPublish: "0", minReviewsToPublish: "6" }, { minReviewsToPublish: "Independent reviews must be between 0 and 5." }],
    [{ minSourcesToPublish: "1.5", minReviewsToPublish: "x" }, { minSourcesToPublish: "Independent sources must be a whole number.", minReviewsToPublish: "Independent reviews must be a whole number." }],
  ])("refuses %j at the field", (input, expected) => {
    expect(errorsOf(publishingRulesSchema.safeParse(input))).toEqual(expected);
  });
});

describe("names and addresses", () => {
  it("refuses markup in names and labels", () => {
    expect(errorsOf(addRatingSchema.safeParse({ label: "<script>alert(1)</script>" }))).toEqual({ label: "Label cannot contain < or >." });
    expect(errorsOf(createWorkspaceSchema.safeParse({ name: "<b>Desk</b>", slug: "desk" }))).toEqual({ name: "Workspace name cannot contain < or >." });
  });

  it("takes an address in lower case and refuses malformed or reserved ones", () => {
    expect(createWorkspaceSchema.parse({ name: "Desk", slug: " Politics-2 " }).slug).toBe("politics-2");
    for (const slug of ["-desk", "desk-", "de sk", "déjà", "a".repeat(49), "settings", ""]) {
      expect(createWorkspaceSchema.safeParse({ name: "Desk", slug }).success).toBe(false);
    }
  });

  it("limits a rating label's length", () => {
    expect(errorsOf(addRatingSchema.safeParse({ label: "x".repeat(61) }))).toEqual({ label: "Label must be at most 60 characters." });
  });
});

describe("invitations", () => {
  it("take an optional email label and a role", () => {
    expect(createInvitationSchema.parse({ role: "EDITOR", email: "" })).toEqual({ role: "EDITOR" });
    expect(errorsOf(createInvitationSchema.safeParse({ role: "OWNER", email: "nope" }))).toEqual({ role: "Choose a role.", email: "Enter a valid email address." });
  });

  it("need a 12-character password and a well-formed token to join", () => {
    const token = "a".repeat(43);
    expect(errorsOf(acceptAsNewUserSchema.safeParse({ token, name: "Ana", email: "ana@example.org", password: "short" }))).toEqual({ password: "Password must be at least 12 characters." });
    expect(Object.keys(errorsOf(acceptAsNewUserSchema.safeParse({ token: "../../etc", name: "Ana", email: "ana@example.org", password: "long enough password" })))).toEqual(["token"]);
  });
});
