/**
 * The small Markdown the case-study editor writes, read into blocks and spans
 * (paragraphs, headings, bulleted and numbered lists, quotes; bold and
 * italic). Anything else is text: raw HTML is never markup here, so a reader's
 * page (React elements) and a PDF (pdfmake text) show exactly the words.
 */

export interface Span {
  text: string;
  bold?: boolean;
  italic?: boolean;
}

export type Block =
  | { kind: "paragraph"; spans: Span[] }
  | { kind: "heading"; level: 1 | 2 | 3; spans: Span[] }
  | { kind: "quote"; spans: Span[] }
  | { kind: "list"; ordered: boolean; items: Span[][] };

/** Bold (`**x**` or `__x__`) and italic (`*x*` or `_x_`) spans; backslash escapes a marker. */
export function parseInline(text: string): Span[] {
  const spans: Span[] = [];
  const pattern = /\\([*_\\])|(\*\*|__)(.+?)\2|(\*|_)(?!\s)(.+?)(?<!\s)\4/gsu;
  let last = 0;
  const push = (span: Span) => {
    const prev = spans.at(-1);
    if (prev && !prev.bold && !prev.italic && !span.bold && !span.italic) prev.text += span.text;
    else if (span.text) spans.push(span);
  };
  for (const m of text.matchAll(pattern)) {
    const at = m.index ?? 0;
    if (at > last) push({ text: text.slice(last, at) });
    if (m[1]) push({ text: m[1] });
    else if (m[3] !== undefined) push({ text: m[3].replaceAll(/\\([*_\\])/gu, "$1"), bold: true });
    else if (m[5] !== undefined)
      push({ text: m[5].replaceAll(/\\([*_\\])/gu, "$1"), italic: true });
    last = at + m[0].length;
  }
  if (last < text.length) push({ text: text.slice(last) });
  return spans;
}

export function parseMarkdown(source: string): Block[] {
  const blocks: Block[] = [];
  const lines = source.replaceAll("\r\n", "\n").split("\n");
  let paragraph: string[] = [];
  const flush = () => {
    if (paragraph.length)
      blocks.push({ kind: "paragraph", spans: parseInline(paragraph.join(" ")) });
    paragraph = [];
  };
  for (const raw of lines) {
    const line = raw.trimEnd();
    const heading = /^(#{1,3})\s+(.*)$/u.exec(line);
    const bullet = /^\s*[-*+]\s+(.*)$/u.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/u.exec(line);
    const quote = /^>\s?(.*)$/u.exec(line);
    if (!line.trim()) {
      flush();
    } else if (heading?.[1] && heading[2] !== undefined) {
      flush();
      blocks.push({
        kind: "heading",
        level: heading[1].length as 1 | 2 | 3,
        spans: parseInline(heading[2]),
      });
    } else if ((bullet && bullet[1] !== undefined) || (numbered && numbered[1] !== undefined)) {
      flush();
      const ordered = !bullet;
      const item = parseInline((bullet?.[1] ?? numbered?.[1] ?? "").trim());
      const prev = blocks.at(-1);
      if (prev?.kind === "list" && prev.ordered === ordered) prev.items.push(item);
      else blocks.push({ kind: "list", ordered, items: [item] });
    } else if (quote && quote[1] !== undefined) {
      flush();
      const prev = blocks.at(-1);
      if (prev?.kind === "quote") prev.spans.push({ text: " " }, ...parseInline(quote[1]));
      else blocks.push({ kind: "quote", spans: parseInline(quote[1]) });
    } else {
      paragraph.push(line.trim());
    }
  }
  flush();
  return blocks;
}

/** The words only, for a search snippet or a plain-text part. */
export function markdownToText(source: string): string {
  return parseMarkdown(source)
    .map((b) =>
      b.kind === "list"
        ? b.items.map((i) => `• ${i.map((s) => s.text).join("")}`).join("\n")
        : b.spans.map((s) => s.text).join(""),
    )
    .join("\n\n");
}
