/**
 * Exports of the drawn chart, made in the browser with no network: the SVG as
 * it is drawn (with a title, on white), and a PNG drawn from it on a canvas.
 */

import { saveBlob } from "../../lib/save-file.ts";

const SVG_NS = "http://www.w3.org/2000/svg";
const HEADER = 64;

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"']/g,
    (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[c] ?? c,
  );

export const slug = (text: string) =>
  text
    .toLowerCase()
    .replaceAll(/[^a-z0-9]+/g, "-")
    .replaceAll(/^-|-$/g, "");

/** A standalone SVG document of the chart, titled. */
export function chartSvgDocument(
  svg: SVGSVGElement,
  title: string,
  subtitle: string,
): { text: string; width: number; height: number } {
  const width = Number(svg.getAttribute("width")) || svg.clientWidth || 960;
  const plotHeight = Number(svg.getAttribute("height")) || svg.clientHeight || 600;
  const height = plotHeight + HEADER;
  // The chart's marks move into a group below the title; its class and style keep Plot's look.
  const serializer = new XMLSerializer();
  const body = [...svg.childNodes].map((node) => serializer.serializeToString(node)).join("");
  const inner = `<g class="${escapeXml(svg.getAttribute("class") ?? "")}" style="${escapeXml(svg.getAttribute("style") ?? "")}" transform="translate(0 ${HEADER})">${body}</g>`;
  const text = [
    `<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="16" y="28" font-size="20" font-weight="700" fill="#1a1a1a">${escapeXml(title)}</text>`,
    `<text x="16" y="50" font-size="14" fill="#333333">${escapeXml(subtitle)}</text>`,
    inner,
    "</svg>",
  ].join("");
  return { text, width, height };
}

export function downloadSvg(svg: SVGSVGElement, title: string, subtitle: string, name: string) {
  const { text } = chartSvgDocument(svg, title, subtitle);
  saveBlob(new Blob([text], { type: "image/svg+xml;charset=utf-8" }), `${name}.svg`);
}

/** Draws the SVG on a canvas at twice the size (sharp on a projector) and saves it as PNG. */
export async function downloadPng(
  svg: SVGSVGElement,
  title: string,
  subtitle: string,
  name: string,
): Promise<void> {
  const { text, width, height } = chartSvgDocument(svg, title, subtitle);
  const url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml;charset=utf-8" }));
  try {
    const image = new Image();
    image.width = width;
    image.height = height;
    await new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error("The chart could not be drawn as an image."));
      image.src = url;
    });
    const scale = 2;
    const canvas = document.createElement("canvas");
    canvas.width = width * scale;
    canvas.height = height * scale;
    const context = canvas.getContext("2d");
    if (!context) throw new Error("This browser cannot draw images.");
    context.scale(scale, scale);
    context.fillStyle = "#ffffff";
    context.fillRect(0, 0, width, height);
    context.drawImage(image, 0, 0, width, height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, "image/png"));
    if (!blob) throw new Error("The chart could not be saved as PNG.");
    saveBlob(blob, `${name}.png`);
  } finally {
    URL.revokeObjectURL(url);
  }
}
