import { describe, expect, it } from "vitest";
import { convertImport, formatOfFileName, htmlToText, markdownToText } from "./import-formats";
import { MAX_IMPORT_FILE_BYTES, importFileProblem, normaliseArticleText } from "./article-size";

describe("htmlToText", () => {
  const page = `<!doctype html>
<html><head><title> Border  deal &amp; the Senate </title>
<style>p { color: red }</style><script>alert("<p>not text</p>")</script></head>
<body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a></nav>
<article>
  <h1>Senators strike a deal</h1>
  <p>The bill would cost <b>$20&nbsp;billion</b>, according to <a href="https://example.org">the <i>budget</i> office</a>.</p>
  <p>Crossings fell by 50&#37; in&nbsp;December &mdash; a record.<br>A second line &lt;here&gt;.</p>
  <div><div><span>Nested</span> <em>markup</em> stays one paragraph.</div></div>
  <ul><li>First point</li><li>Second <strong>point</strong></li></ul>
  <aside>Related: other stories</aside>
  <iframe src="https://example.org/video"></iframe>
  <noscript>Enable JavaScript</noscript>
  <script type="application/ld+json">{"headline": "x"}</script>
</article>
<footer><p>Copyright</p></footer>
</body></html>`;

  it("keeps paragraphs, drops scripts, styles and page furniture, decodes entities", () => {
    const { text, title } = htmlToText(page);
    expect(text.split("\n\n")).toEqual([
      "Senators strike a deal",
      "The bill would cost $20 billion, according to the budget office.",
      "Crossings fell by 50% in December — a record.",
      "A second line <here>.",
      "Nested markup stays one paragraph.",
      "First point",
      "Second point",
      "Copyright",
    ]);
    expect(text).not.toMatch(/alert|color|Home|Related|Enable JavaScript|headline/);
    expect(title).toBe("Border deal & the Senate");
  });

  it("proposes the first h1 when there is no title, and nothing when there is neither", () => {
    expect(htmlToText("<h2>Kicker</h2><h1>The <em>real</em> headline</h1><p>Body.</p>").title).toBe("The real headline");
    expect(htmlToText("<p>Only a paragraph.</p>").title).toBeNull();
    // A fragment's <title> outside any <head> is still not part of the text.
    expect(htmlToText("<title>Page</title><p>Body.</p>")).toEqual({ text: "Body.", title: "Page", heading: null });
  });

  it("takes a fragment or broken markup without throwing", () => {
    expect(htmlToText("Plain words <b>bold <i>unclosed</p> more").text).toBe("Plain words bold unclosed more");
    expect(htmlToText("").text).toBe("");
  });
});

describe("markdownToText", () => {
  it("turns headings, emphasis, links and lists into plain paragraphs", () => {
    const md = [
      "# The *border* deal",
      "",
      "Crossings fell **50%** in December, according to [the agency](https://example.org \"CBP\").",
      "A second line of the same paragraph with `code` and snake_case_words.",
      "",
      "## Details",
      "",
      "- First item with _emphasis_",
      "* Second item",
      "1. Numbered item",
      "",
      "> A quoted line",
      "",
      "---",
      "",
      "![A chart](chart.png) Escaped \\*stars\\* and ~~struck~~ words.",
      "",
      "[ref]: https://example.org",
    ].join("\n");
    const { text, title } = markdownToText(md);
    expect(text.split("\n\n")).toEqual([
      "The border deal",
      "Crossings fell 50% in December, according to the agency. A second line of the same paragraph with code and snake_case_words.",
      "Details",
      "First item with emphasis",
      "Second item",
      "Numbered item",
      "A quoted line",
      "A chart Escaped *stars* and struck words.",
    ]);
    expect(title).toBe("The border deal");
  });

  it("reads setext headings and keeps fenced code as lines", () => {
    const { text, title } = markdownToText("Headline here\n=============\n\nIntro.\n\n```\nline one\nline two\n```\n");
    expect(title).toBe("Headline here");
    expect(text).toBe("Headline here\n\nIntro.\n\nline one\n\nline two");
  });
});

describe("plain text and file names", () => {
  it("passes a .txt with CRLF line endings through, normalised as stored", () => {
    const { text, title } = convertImport("text", "First paragraph.\r\n\r\nSecond one.\r\n");
    expect(title).toBeNull();
    expect(normaliseArticleText(text)).toBe("First paragraph.\n\nSecond one.");
  });

  it("knows the formats by extension", () => {
    expect(formatOfFileName("a.TXT")).toBe("text");
    expect(formatOfFileName("notes.md")).toBe("markdown");
    expect(formatOfFileName("page.htm")).toBe("html");
    expect(formatOfFileName("doc.pdf")).toBeNull();
    expect(formatOfFileName("noextension")).toBeNull();
  });
});

describe("importFileProblem (the browser's check before sending)", () => {
  it("lets a file within the limit through and explains one over it", () => {
    expect(importFileProblem("a.html", MAX_IMPORT_FILE_BYTES)).toBeNull();
    expect(importFileProblem("big.html", MAX_IMPORT_FILE_BYTES + 1)).toMatch(/^The file is over 2\.5 MB\..*"big\.html" is 2\.50 MB \(2,500,001 bytes\).*Nothing was sent\.$/);
  });
});
