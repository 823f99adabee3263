import { describe, expect, it } from "vitest";
import { groupPresence, initialsOf, type PresenceEntry } from "./presence";

const entry = (userId: string, name: string, claimId: string | null, activity: PresenceEntry["activity"] = null, tabId = `${userId}-${claimId}`): PresenceEntry => ({ tabId, userId, name, claimId, activity });

describe("groupPresence", () => {
  it("shows each person once, with every claim they have open and what they are writing", () => {
    const people = groupPresence([entry("u2", "Robin Reviewer", "c1"), entry("u2", "Robin Reviewer", "c2", "review"), entry("u1", "Erin Editor", null)]);
    expect(people).toEqual([
      { userId: "u1", name: "Erin Editor", initials: "EE", claimIds: [], activity: null, activityClaimId: null },
      { userId: "u2", name: "Robin Reviewer", initials: "RR", claimIds: ["c1", "c2"], activity: "review", activityClaimId: "c2" },
    ]);
  });

  it("leaves out the person looking", () => {
    expect(groupPresence([entry("me", "Me Myself", "c1"), entry("u2", "Robin", "c1")], "me").map((p) => p.userId)).toEqual(["u2"]);
  });
});

describe("initialsOf", () => {
  it("takes the first and last names' initials, or the one name's", () => {
    expect(initialsOf("María José Cárdenas")).toBe("MC");
    expect(initialsOf("  Cher ")).toBe("C");
    expect(initialsOf("")).toBe("?");
  });
});
