import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";

/** Text of a file as schools' systems really write it: UTF-8 (with or without BOM) or Windows-1252. */
export function decodeText(bytes: Uint8Array): {
  text: string;
  encoding: "utf-8" | "windows-1252";
} {
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
    return { text, encoding: "utf-8" };
  } catch {
    // Not valid UTF-8: Excel on Windows and the GIAS extract write Windows-1252.
    // (Node's own TextDecoder reads that label as Latin-1 and loses ’ “ ” – and €.)
    return { text: iconv.decode(Buffer.from(bytes), "win1252"), encoding: "windows-1252" };
  }
}

const DELIMITERS = [",", ";", "\t"] as const;

/** The delimiter used most in the header line, outside quotes. */
export function detectDelimiter(text: string): string {
  let firstLine = "";
  let inQuotes = false;
  for (const ch of text) {
    if (ch === '"') inQuotes = !inQuotes;
    if (!inQuotes && (ch === "\n" || ch === "\r")) break;
    if (!inQuotes) firstLine += ch;
  }
  let best: string = ",";
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = firstLine.split(d).length - 1;
    if (count > bestCount) {
      best = d;
      bestCount = count;
    }
  }
  return best;
}

export interface CsvTable {
  headers: string[];
  /** One record per data row, keyed by header; row numbers count the header as row 1. */
  rows: Record<string, string>[];
  encoding: "utf-8" | "windows-1252";
  delimiter: string;
}

export class CsvFormatError extends Error {}

export function readCsv(bytes: Uint8Array): CsvTable {
  const { text, encoding } = decodeText(bytes);
  const delimiter = detectDelimiter(text);
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      skip_empty_lines: true,
      trim: false,
    }) as string[][];
  } catch (error) {
    throw new CsvFormatError(`The file could not be read as CSV: ${(error as Error).message}`);
  }
  const [headerRow, ...dataRows] = records;
  if (!headerRow || headerRow.every((h) => h.trim() === "")) {
    throw new CsvFormatError("The file is empty: it needs a header row naming its columns.");
  }
  const headers = headerRow.map((h) => h.trim());
  // Rows of empty cells (Excel leaves them) are kept, so row numbers stay true;
  // callers skip them with isBlankRow.
  const rows = dataRows.map((r) => Object.fromEntries(headers.map((h, i) => [h, r[i] ?? ""])));
  return { headers, rows, encoding, delimiter };
}

export function isBlankRow(row: Record<string, string>): boolean {
  return Object.values(row).every((cell) => cell.trim() === "");
}
