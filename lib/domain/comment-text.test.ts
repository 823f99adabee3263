import { describe, expect, it } from "vitest";
import {
  COMMENT_EDIT_WINDOW_MS,
  activeMentionQuery,
  canonicalizeMentions,
  encodeMentions,
  insertMention,
  isWithinEditWindow,
  matchMembers,
  mentionToken,
  mentionedIds,
  parseCommentText,
  toDisplayText,
} from "./comment-text";

const ana = { id: "u_ana", name: "Ana Ruiz", email: "ana@desk.test" };
const anaB = { id: "u_anab", name: "Ana", email: "ana.b@desk.test" };
const ben = { id: "u_ben", name: "Ben Okafor", email: "ben@desk.test" };

describe("mention tokens", () => {
  it("encodes @Name of a known member, longest name first, and reads back as typed", () => {
    const display = "Thanks @Ana Ruiz and @Ana, see @Ben Okafor.";
    const body = encodeMentions(display, [anaB, ana, ben]);
    expect(body).toBe("Thanks @[Ana Ruiz](u_ana) and @[Ana](u_anab), see @[Ben Okafor](u_ben).");
    expect(toDisplayText(body)).toBe(display);
    expect(mentionedIds(body)).toEqual(["u_ana", "u_anab", "u_ben"]);
  });

  it("leaves emails, unknown names and names that continue into a longer word alone", () => {
    expect(encodeMentions("mail ana@Ana Ruiz or @Bob or @Ana Ruizes", [ana])).toBe("mail ana@Ana Ruiz or @Bob or @Ana Ruizes");
  });

  it("lets the author's pick win when two members share a name", () => {
    const twin = { id: "u_twin", name: "Ana Ruiz" };
    expect(encodeMentions("@Ana Ruiz", [twin, ana])).toBe("@[Ana Ruiz](u_twin)");
  });

  it("keeps a token already in the text, so the server can check whoever it names", () => {
    expect(mentionedIds(encodeMentions("hi @[Someone](u_outsider)", [ana]))).toEqual(["u_outsider"]);
  });

  it("counts each person once", () => {
    expect(mentionedIds("@[A](u1) @[A](u1) @[B](u2)")).toEqual(["u1", "u2"]);
  });

  it("strips brackets from names so a token cannot be broken open", () => {
    expect(mentionToken({ id: "u1", name: "Odd [name]" })).toBe("@[Odd name](u1)");
  });

  it("rewrites tokens with the workspace's name for the member", () => {
    expect(canonicalizeMentions("@[The Boss](u_ben) hi", new Map([["u_ben", "Ben Okafor"]]))).toBe("@[Ben Okafor](u_ben) hi");
  });
});

describe("parseCommentText", () => {
  it("splits text, links and mentions", () => {
    expect(parseCommentText("See https://bls.gov/cps/table.htm, @[Ana Ruiz](u_ana).")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", href: "https://bls.gov/cps/table.htm", text: "https://bls.gov/cps/table.htm" },
      { kind: "text", text: ", " },
      { kind: "mention", userId: "u_ana", name: "Ana Ruiz" },
      { kind: "text", text: "." },
    ]);
  });

  it("keeps markup and script as plain text", () => {
    const body = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
    expect(parseCommentText(body)).toEqual([{ kind: "text", text: body }]);
  });

  it("links only http and https, never javascript: or data:", () => {
    const parts = parseCommentText("javascript:alert(1) data:text/html,hi ftp://x.org http://ok.example/a");
    expect(parts.filter((p) => p.kind === "link")).toEqual([{ kind: "link", href: "http://ok.example/a", text: "http://ok.example/a" }]);
  });

  it("keeps balanced parentheses and drops the one closing the sentence", () => {
    const links = (s: string) => parseCommentText(s).flatMap((p) => (p.kind === "link" ? [p.href] : []));
    expect(links("(see https://en.wikipedia.org/wiki/Foo_(bar))")).toEqual(["https://en.wikipedia.org/wiki/Foo_(bar)"]);
    expect(links("(https://example.org/x).")).toEqual(["https://example.org/x"]);
  });

  it("uses the member's current name when given", () => {
    expect(parseCommentText("@[Old](u1)", new Map([["u1", "New Name"]]))).toEqual([{ kind: "mention", userId: "u1", name: "New Name" }]);
  });
});

describe("the edit window", () => {
  const posted = new Date("2026-11-28T10:00:00Z");
  it("is open for 15 minutes after posting, then shut", () => {
    expect(COMMENT_EDIT_WINDOW_MS).toBe(15 * 60 * 1000);
    expect(isWithinEditWindow(posted, new Date("2026-11-28T10:14:59Z"))).toBe(true);
    expect(isWithinEditWindow(posted, new Date("2026-11-28T10:15:00Z"))).toBe(false);
  });
});

describe("autocomplete", () => {
  it("finds the @ the caret is in", () => {
    expect(activeMentionQuery("Hi @An", 6)).toEqual({ start: 3, query: "An" });
    expect(activeMentionQuery("@", 1)).toEqual({ start: 0, query: "" });
    expect(activeMentionQuery("Hi @Ana Ru", 10)).toEqual({ start: 3, query: "Ana Ru" });
    expect(activeMentionQuery("mail ana@desk", 13)).toBeNull();
    expect(activeMentionQuery("@Ana\nnext", 9)).toBeNull();
    expect(activeMentionQuery("@Ana  two spaces", 7)).toBeNull();
    expect(activeMentionQuery("no at here", 5)).toBeNull();
  });

  it("matches by name, by a word of the name, then by email", () => {
    expect(matchMembers([ben, ana, anaB], "ana").map((m) => m.id)).toEqual(["u_anab", "u_ana"]);
    expect(matchMembers([ben, ana], "ruiz").map((m) => m.id)).toEqual(["u_ana"]);
    expect(matchMembers([ben, ana], "ben@").map((m) => m.id)).toEqual(["u_ben"]);
    expect(matchMembers([ben, ana], "zed")).toEqual([]);
  });

  it("inserts the picked name and puts the caret after it", () => {
    expect(insertMention("Hi @An thanks", 3, 6, ana)).toEqual({ text: "Hi @Ana Ruiz thanks", caret: 13 });
  });
});
