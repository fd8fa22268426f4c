import * as Plot from "@observablehq/plot";
import { parseHTML } from "linkedom";
import pdfmake from "pdfmake";
import type { Content, TDocumentDefinitions } from "pdfmake/interfaces";

/**
 * PDFs for the reports people take into meetings, made with pdfmake (pdfkit
 * underneath) in the server process: no browser needed, so `npm start` on a
 * fresh machine can make them. The fonts are PDF's standard Helvetica family,
 * so no font files ship; neither local files nor URLs may be read while a
 * document is laid out (every image is an SVG string made here).
 */
const HELVETICA = {
  normal: "Helvetica",
  bold: "Helvetica-Bold",
  italics: "Helvetica-Oblique",
  bolditalics: "Helvetica-BoldOblique",
};
const STANDARD_FONTS = new Set<string>(Object.values(HELVETICA));
pdfmake.setFonts({ Helvetica: HELVETICA });
pdfmake.setUrlAccessPolicy(() => false);
// The standard fonts are built into pdfkit, but pdfmake asks for them by name.
pdfmake.setLocalAccessPolicy((path: string) => STANDARD_FONTS.has(path));

export type PdfContent = Content;

export const PDF_STYLES: TDocumentDefinitions["styles"] = {
  title: { fontSize: 18, bold: true, margin: [0, 0, 0, 4] },
  subtitle: { fontSize: 10, color: "#444444", margin: [0, 0, 0, 12] },
  heading: { fontSize: 13, bold: true, margin: [0, 14, 0, 6] },
  subheading: { fontSize: 11, bold: true, margin: [0, 8, 0, 4] },
  small: { fontSize: 8, color: "#444444" },
  tableHeader: { bold: true, fillColor: "#eeeeee" },
};

export interface PdfInput {
  title: string;
  /** Shown under the title: what, for whom, when made. */
  subtitle?: string;
  content: PdfContent[];
  /** A landscape page for wide tables. */
  landscape?: boolean;
}

/** Lays out and returns the PDF's bytes. Deterministic for the same input, apart from its creation date. */
export async function renderPdf(input: PdfInput): Promise<Buffer> {
  const definition: TDocumentDefinitions = {
    info: { title: input.title, creator: "Cascade", producer: "Cascade" },
    pageSize: "A4",
    pageOrientation: input.landscape ? "landscape" : "portrait",
    pageMargins: [40, 48, 40, 48],
    defaultStyle: { font: "Helvetica", fontSize: 10, lineHeight: 1.2 },
    styles: PDF_STYLES,
    footer: (page, pages) => ({
      text: `${input.title} · page ${page} of ${pages}`,
      style: "small",
      alignment: "center",
      margin: [0, 16, 0, 0],
    }),
    content: [
      { text: input.title, style: "title" },
      ...(input.subtitle ? [{ text: input.subtitle, style: "subtitle" }] : []),
      ...input.content,
    ],
  };
  const bytes = await pdfmake.createPdf(definition).getBuffer();
  return Buffer.from(bytes);
}

/** A table with a header row; every cell is text, so nothing in a value becomes layout. */
export function pdfTable(
  headers: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | null>>,
  widths?: Array<number | "*" | "auto">,
): PdfContent {
  const text = (value: string | number | null) =>
    value === null || value === "" ? "—" : String(value);
  return {
    table: {
      headerRows: 1,
      widths: widths ?? headers.map(() => "auto"),
      body: [
        headers.map((h) => ({ text: h, style: "tableHeader" })),
        ...rows.map((r) => r.map((v) => ({ text: text(v) }))),
      ],
    },
    layout: "lightHorizontalLines",
    margin: [0, 0, 0, 8],
  };
}

/**
 * An Observable Plot chart drawn without a browser (linkedom gives Plot its
 * document) as SVG, for a PDF or an HTML page. Plot's `currentColor` is made
 * a real colour, since a PDF has no CSS. Give marks explicit colours.
 */
export function chartSvg(options: Plot.PlotOptions): string {
  const { document } = parseHTML("<!doctype html><html><body></body></html>");
  const figure = Plot.plot({
    ...options,
    document: document as unknown as Document,
  }) as unknown as { outerHTML: string };
  return figure.outerHTML.replaceAll("currentColor", "#222222");
}

/** An SVG chart placed in a PDF at the given width (points). */
export function pdfChart(svg: string, width = 480): PdfContent {
  return { svg, width, margin: [0, 4, 0, 8] };
}
