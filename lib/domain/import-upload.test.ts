import { describe, expect, it } from "vitest";
import { MAX_IMPORT_FILE_BYTES } from "./article-size";
import { BINARY_FILE, NOT_UTF8, formatOfUpload, readUploadedFile } from "./import-upload";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("formatOfUpload", () => {
  it.each([
    ["story.html", "text/html", "html"],
    ["story.HTM", "", "html"],
    ["story.html", "text/plain", "html"],
    ["notes.md", "application/octet-stream", "markdown"],
    ["notes.markdown", "text/markdown; charset=utf-8", "markdown"],
    ["notes.txt", "text/markdown", "text"],
    ["a.txt", "text/plain;charset=UTF-8", "text"],
    ["noextension", "text/html", "html"],
    ["noextension", "text/plain", "text"],
    ["page.xhtml", "application/xhtml+xml", null],
    ["story.pdf", "application/pdf", null],
    ["story.docx", "", null],
    ["story.html", "image/png", null],
    ["story.md", "text/html", null],
    ["noextension", "application/octet-stream", null],
    ["noextension", "", null],
  ])("%s sent as %j: %s", (name, type, expected) => {
    expect(formatOfUpload(name, type)).toBe(expected);
  });
});

describe("readUploadedFile", () => {
  it("decodes UTF-8 and drops a byte order mark", () => {
    expect(readUploadedFile({ name: "a.txt", type: "text/plain", bytes: bytes("\uFEFFCafé: 12 percent.") })).toEqual({ format: "text", text: "Café: 12 percent." });
  });
  it("refuses NUL bytes (binary or UTF-16), invalid UTF-8, a type it does not take and a file over the limit", () => {
    expect(readUploadedFile({ name: "a.txt", type: "text/plain", bytes: new Uint8Array([0xff, 0xfe, 0x41, 0x00]) })).toEqual({ kind: "not-text", message: BINARY_FILE });
    expect(readUploadedFile({ name: "a.txt", type: "text/plain", bytes: new Uint8Array([0x43, 0xe9, 0x20]) })).toEqual({ kind: "not-text", message: NOT_UTF8 });
    expect(readUploadedFile({ name: "a.pdf", type: "application/pdf", bytes: bytes("%PDF") })).toMatchObject({ kind: "unsupported", message: expect.stringContaining('"a.pdf" was sent as application/pdf') });
    expect(readUploadedFile({ name: "a.txt", type: "text/plain", bytes: new Uint8Array(MAX_IMPORT_FILE_BYTES + 1) })).toMatchObject({ kind: "too-large", message: expect.stringMatching(/over 2\.5 MB.*2,500,001 bytes/) });
    expect(readUploadedFile({ name: "a.txt", type: "text/plain", bytes: new Uint8Array(MAX_IMPORT_FILE_BYTES).fill(0x61) })).toMatchObject({ format: "text" });
  });
});
