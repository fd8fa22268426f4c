import { HttpProblem } from "../errors.ts";
import { zipEntries } from "./xlsx-limits.ts";

/**
 * What a file is, read from its first bytes (and, for a zip, the names inside it), never
 * from its name or the type the browser declared: workshop materials must be documents,
 * images or office files, and a renamed program is still a program.
 */
export type MaterialType = { mime: string; label: string };

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) =>
  signature.every((b, i) => bytes[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

const SIGNATURES: Array<{ test: (b: Uint8Array) => boolean; type: MaterialType }> = [
  { test: (b) => startsWith(b, ascii("%PDF-")), type: { mime: "application/pdf", label: "PDF" } },
  {
    test: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    type: { mime: "image/png", label: "PNG image" },
  },
  {
    test: (b) => startsWith(b, [0xff, 0xd8, 0xff]),
    type: { mime: "image/jpeg", label: "JPEG image" },
  },
  {
    test: (b) => startsWith(b, ascii("GIF87a")) || startsWith(b, ascii("GIF89a")),
    type: { mime: "image/gif", label: "GIF image" },
  },
  {
    test: (b) => startsWith(b, ascii("RIFF")) && startsWith(b, ascii("WEBP"), 8),
    type: { mime: "image/webp", label: "WebP image" },
  },
  {
    test: (b) => startsWith(b, ascii("{\\rtf")),
    type: { mime: "application/rtf", label: "RTF document" },
  },
  {
    // The compound file of Word, Excel and PowerPoint before 2007 (.doc, .xls, .ppt).
    test: (b) => startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
    type: { mime: "application/x-ole-storage", label: "Office document (97–2003)" },
  },
];

const OFFICE_ZIPS: Array<{ folder: string; type: MaterialType }> = [
  {
    folder: "word/",
    type: {
      mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      label: "Word document",
    },
  },
  {
    folder: "xl/",
    type: {
      mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      label: "Excel workbook",
    },
  },
  {
    folder: "ppt/",
    type: {
      mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
      label: "PowerPoint presentation",
    },
  },
];

function officeZip(bytes: Uint8Array): MaterialType | null {
  let names: string[];
  try {
    names = zipEntries(bytes).map((e) => e.name);
  } catch {
    return null;
  }
  if (names.includes("[Content_Types].xml")) {
    for (const office of OFFICE_ZIPS) {
      if (names.some((n) => n.startsWith(office.folder))) return office.type;
    }
  }
  if (names.includes("mimetype") && names.includes("META-INF/manifest.xml")) {
    return { mime: "application/vnd.oasis.opendocument", label: "OpenDocument file" };
  }
  return null;
}

/** The document, image or office type the content shows, or null when it is none of them. */
export function sniffMaterialType(bytes: Uint8Array): MaterialType | null {
  for (const { test, type } of SIGNATURES) if (test(bytes)) return type;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return officeZip(bytes);
  return null;
}

export const ACCEPTED_MATERIALS =
  "PDF, Word, Excel, PowerPoint, OpenDocument or RTF documents, and PNG, JPEG, GIF or WebP images";

/** A file whose content is not of a type accepted here: 415, naming the file field. */
export class UnsupportedMaterial extends HttpProblem {
  constructor(detail: string) {
    super(415, "Unsupported media type", detail, { errors: [{ field: "file", message: detail }] });
  }
}
