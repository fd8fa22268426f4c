import * as Plot from "@observablehq/plot";
import { PDFParse } from "pdf-parse";
import { describe, expect, it } from "vitest";
import { chartSvg, pdfChart, pdfTable, renderPdf } from "./pdf.ts";

async function textOf(bytes: Buffer): Promise<string> {
  const parser = new PDFParse({ data: new Uint8Array(bytes) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe("renderPdf", () => {
  it("makes a PDF whose text reads back: title, table cells and page footer", async () => {
    const bytes = await renderPdf({
      title: "Impact report",
      subtitle: "Oakfield Primary · 2026 to 2027",
      content: [
        pdfTable(
          ["Measure", "Change"],
          [
            ["Reading", "+0.42"],
            ["Maths", null],
          ],
        ),
      ],
    });
    expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    const text = await textOf(bytes);
    expect(text).toContain("Impact report");
    expect(text).toContain("Oakfield Primary");
    expect(text).toContain("+0.42");
    expect(text).toContain("—");
    expect(text).toContain("page 1 of 1");
  });

  it("draws a chart as SVG with real colours, and embeds it", async () => {
    const svg = chartSvg({
      width: 400,
      height: 200,
      marks: [Plot.lineY([1, 3, 2], { stroke: "#0b7a5a" })],
    });
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).not.toContain("currentColor");
    expect(svg).toContain("#0b7a5a");
    const bytes = await renderPdf({ title: "Chart", content: [pdfChart(svg, 300)] });
    expect(bytes.length).toBeGreaterThan(1000);
  });

  it("never reads a URL or a local file while laying out", async () => {
    await expect(
      renderPdf({ title: "x", content: [{ image: "/etc/passwd", width: 10 }] }),
    ).rejects.toThrow();
  });
});
