import {
  BorderStyle,
  Document,
  HeadingLevel,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { Block } from "../../../domain/pp-statement.ts";
import { escapeHtml } from "../../exports/html-document.ts";

const HEADINGS = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
} as const;

const border = { style: BorderStyle.SINGLE, size: 4, color: "808080" };
const borders = { top: border, bottom: border, left: border, right: border };

/** A cell's text, one paragraph per line. */
const cellParagraphs = (text: string, bold: boolean) =>
  (text === "" ? [""] : text.split("\n")).map(
    (line) => new Paragraph({ children: [new TextRun({ text: line, bold })] }),
  );

function docxTable(block: Extract<Block, { kind: "table" }>): Table {
  const row = (cells: readonly string[], header: boolean) =>
    new TableRow({
      tableHeader: header,
      cantSplit: true,
      children: cells.map(
        (text) => new TableCell({ borders, children: cellParagraphs(text, header) }),
      ),
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [row(block.columns, true), ...block.rows.map((r) => row(r, false))],
  });
}

/**
 * The statement as a Word document: headings in Word's heading styles (so its
 * navigation pane and a screen reader find them), tables with a repeating
 * header row. Only the docx package's own XML: no fonts, images or links.
 */
export async function statementDocx(blocks: readonly Block[], title: string): Promise<Buffer> {
  const children = blocks.flatMap((block) => {
    if (block.kind === "heading")
      return [new Paragraph({ text: block.text, heading: HEADINGS[block.level] })];
    if (block.kind === "paragraph")
      return block.text.split("\n").map((line) => new Paragraph({ text: line }));
    // A paragraph after each table keeps two tables from merging into one.
    return [docxTable(block), new Paragraph({ text: "" })];
  });
  const document = new Document({
    title,
    creator: "Cascade",
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

/** The statement as a plain HTML page: every text escaped, no scripts or external resources. */
export function statementHtml(blocks: readonly Block[], title: string): string {
  const lines = (text: string) => text.split("\n").map(escapeHtml).join("<br>");
  const body = blocks
    .map((block) => {
      if (block.kind === "heading")
        return `<h${block.level}>${escapeHtml(block.text)}</h${block.level}>`;
      if (block.kind === "paragraph") return `<p>${lines(block.text)}</p>`;
      const head = block.columns.map((c) => `<th scope="col">${escapeHtml(c)}</th>`).join("");
      const rows = block.rows
        .map((r) => `<tr>${r.map((c) => `<td>${lines(c)}</td>`).join("")}</tr>`)
        .join("\n");
      return `<table><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table>`;
    })
    .join("\n");
  return `<!doctype html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
