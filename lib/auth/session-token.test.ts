import { describe, expect, it } from "vitest";
import { sessionFor, sessionIdentity, tokenFor } from "./session-token";

describe("what the session cookie carries", () => {
  it("takes the user and session ids at sign-in and keeps the token as it is afterwards", () => {
    const token = tokenFor({ name: "Riley", email: "riley@desk.example" }, { id: "u1", email: "riley@desk.example", name: "Riley", sessionId: "s1" });
    expect(token).toEqual({ name: "Riley", email: "riley@desk.example", sub: "u1", sid: "s1" });
    expect(tokenFor(token)).toBe(token);
  });

  it("hands both ids to the server's session, and reads them back", () => {
    const session = sessionFor({ user: { name: "Riley" }, expires: "x" }, { sub: "u1", sid: "s1" });
    expect(session).toEqual({ user: { name: "Riley", id: "u1" }, expires: "x", sessionId: "s1" });
    expect(sessionIdentity(session)).toEqual({ userId: "u1", sessionId: "s1" });
  });

  it("a token without a session id (from before sessions were kept) names no session", () => {
    expect(sessionIdentity(sessionFor({ user: {} }, { sub: "u1" }))).toEqual({ userId: "u1", sessionId: "" });
    expect(sessionIdentity(null)).toEqual({ userId: "", sessionId: "" });
    expect(sessionIdentity({ user: { id: 7 }, sessionId: ["s"] })).toEqual({ userId: "", sessionId: "" });
  });
});
