import { describe, expect, it } from "vitest";
import { markdownToText, parseInline, parseMarkdown } from "./markdown.ts";

describe("parseMarkdown", () => {
  it("reads paragraphs, headings, lists and quotes", () => {
    expect(
      parseMarkdown("# Start\n\nOne line\nand more\n\n- a\n- b\n\n1. x\n2. y\n\n> said"),
    ).toEqual([
      { kind: "heading", level: 1, spans: [{ text: "Start" }] },
      { kind: "paragraph", spans: [{ text: "One line and more" }] },
      { kind: "list", ordered: false, items: [[{ text: "a" }], [{ text: "b" }]] },
      { kind: "list", ordered: true, items: [[{ text: "x" }], [{ text: "y" }]] },
      { kind: "quote", spans: [{ text: "said" }] },
    ]);
  });

  it("reads bold and italic, and leaves raw HTML as text", () => {
    expect(parseInline("a **bold** and *it* <b>x</b>")).toEqual([
      { text: "a " },
      { text: "bold", bold: true },
      { text: " and " },
      { text: "it", italic: true },
      { text: " <b>x</b>" },
    ]);
    expect(parseInline("2 * 3 * 4")).toEqual([{ text: "2 * 3 * 4" }]);
  });

  it("gives the words only as plain text", () => {
    expect(markdownToText("**We** learned\n\n- one")).toBe("We learned\n\n• one");
  });
});
