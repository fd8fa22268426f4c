import zlib from "node:zlib";
import { HttpProblem } from "../errors.ts";
import { CsvFormatError } from "./read-csv.ts";

/**
 * How much a spreadsheet may hold. An XLSX file is a zip: 17 MB of it unpacked to
 * 228 MB of sheet XML and took the server to 3.4 GB, so its size is checked before
 * any spreadsheet library sees it. The largest real imports (a big secondary school's
 * pupils, or its assessment export) use a small part of these.
 */
export const TABLE_LIMITS = {
  /** Everything in the zip, unpacked. */
  uncompressedBytes: 32 * 1024 * 1024,
  /** Files inside the zip (a workbook has a dozen or so). */
  entries: 500,
  /** Rows of a sheet, the header included. */
  rows: 20_000,
  /** Columns of a sheet. */
  columns: 200,
} as const;

const MB = 1024 * 1024;

/** A file too big to import: a 413 naming the limit it passed. */
export interface TableLimit {
  name: keyof typeof TABLE_LIMITS;
  max: number;
}

export class TableTooLarge extends HttpProblem {
  constructor(detail: string, limit: TableLimit) {
    super(413, "Request too large", detail, { limit });
  }
}

export const tooManyRows = () =>
  new TableTooLarge(
    `The file has more than ${TABLE_LIMITS.rows.toLocaleString("en-GB")} rows, the most that can be imported at once. Split it into smaller files.`,
    { name: "rows", max: TABLE_LIMITS.rows },
  );

export const tooManyColumns = () =>
  new TableTooLarge(
    `The file has more than ${TABLE_LIMITS.columns} columns, the most that can be imported. Export only the columns you need.`,
    { name: "columns", max: TABLE_LIMITS.columns },
  );

const tooBigUnpacked = () =>
  new TableTooLarge(
    `The spreadsheet unpacks to more than ${TABLE_LIMITS.uncompressedBytes / MB} MB, the most that can be imported. Save it as CSV, or split it.`,
    { name: "uncompressedBytes", max: TABLE_LIMITS.uncompressedBytes },
  );

interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

const unreadable = () =>
  new CsvFormatError("The spreadsheet could not be opened: it is not a complete XLSX file.");

/** The zip's central directory: each entry's name, method and sizes, as the file declares them. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record sits in the last 22 bytes plus a comment of up to 64 KiB.
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw unreadable();
  const count = view.getUint16(end + 10, true);
  const directoryOffset = view.getUint32(end + 16, true);
  if (count === 0xffff || directoryOffset === 0xffffffff) throw tooBigUnpacked(); // zip64: over 4 GB
  if (count > TABLE_LIMITS.entries) {
    throw new TableTooLarge(
      `The spreadsheet holds more than ${TABLE_LIMITS.entries} parts, more than any workbook needs.`,
      { name: "entries", max: TABLE_LIMITS.entries },
    );
  }
  const entries: ZipEntry[] = [];
  let at = directoryOffset;
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== 0x02014b50) throw unreadable();
    const nameLength = view.getUint16(at + 28, true);
    const entry: ZipEntry = {
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      uncompressedSize: view.getUint32(at + 24, true),
      name: Buffer.from(bytes.buffer, bytes.byteOffset + at + 46, nameLength).toString("utf8"),
      localHeaderOffset: view.getUint32(at + 42, true),
    };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff) {
      throw tooBigUnpacked();
    }
    entries.push(entry);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** The entry's stored bytes, found through its local header. */
function storedBytes(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== 0x04034b50) throw unreadable();
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) throw unreadable();
  return bytes.subarray(start, start + entry.compressedSize);
}

/** Counts a sheet's rows and its widest row's columns as its XML streams past. */
class SheetCounter {
  rows = 0;
  columns = 0;
  private cellsInRow = 0;
  private carry = "";

  feed(text: string): void {
    const chunk = this.carry + text;
    const tags = /<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>/g;
    for (let m = tags.exec(chunk); m; m = tags.exec(chunk)) {
      if (m[1] === "row") {
        this.rows++;
        this.cellsInRow = 0;
        if (this.rows > TABLE_LIMITS.rows) throw tooManyRows();
        continue;
      }
      this.cellsInRow++;
      const ref = /\br\s*=\s*["']([A-Za-z]{1,3})\d/.exec(m[2] ?? "");
      const column = ref?.[1] ? columnNumber(ref[1]) : this.cellsInRow;
      if (column > this.columns) this.columns = column;
      if (this.columns > TABLE_LIMITS.columns) throw tooManyColumns();
    }
    // A tag cut by the chunk's end is read with the next chunk.
    const open = chunk.lastIndexOf("<");
    this.carry = open >= 0 && chunk.indexOf(">", open) < 0 ? chunk.slice(open, open + 4096) : "";
  }
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/**
 * Unpacks one entry as a stream, never holding more than a chunk: it stops as soon as
 * the entry passes what its directory declared (a zip can lie) or what is left of the
 * limit, and hands each chunk to `onText` (sheets are counted as they pass).
 */
async function streamEntry(
  stored: Uint8Array,
  entry: ZipEntry,
  budget: number,
  onText?: (text: string) => void,
): Promise<number> {
  const allowed = Math.min(entry.uncompressedSize, budget);
  if (entry.method === 0) {
    if (stored.length > allowed) throw tooBigUnpacked();
    onText?.(Buffer.from(stored).toString("latin1"));
    return stored.length;
  }
  if (entry.method !== 8) {
    throw new CsvFormatError("The spreadsheet could not be opened: it uses an unknown packing.");
  }
  const inflate = zlib.createInflateRaw({ chunkSize: 64 * 1024 });
  let total = 0;
  const done = new Promise<number>((resolve, reject) => {
    inflate.on("data", (chunk: Buffer) => {
      total += chunk.length;
      try {
        if (total > allowed) throw tooBigUnpacked();
        // Tags are ASCII: latin1 keeps a byte a character, whatever a chunk cuts.
        onText?.(chunk.toString("latin1"));
      } catch (error) {
        inflate.destroy();
        reject(error);
      }
    });
    inflate.on("error", () => reject(unreadable()));
    inflate.on("end", () => resolve(total));
  });
  // Awaited below; until then a refusal must not count as an unhandled rejection.
  done.catch(() => {});
  // Fed in slices, so other requests are answered between them.
  for (let at = 0; at < stored.length && !inflate.destroyed; at += 256 * 1024) {
    const slice = stored.subarray(at, at + 256 * 1024);
    if (!inflate.write(slice)) {
      await new Promise<void>((resolve) => {
        inflate.once("drain", resolve);
        inflate.once("close", resolve);
      });
    }
  }
  if (!inflate.destroyed) inflate.end();
  return done;
}

const isSheet = (name: string) => /^xl\/worksheets\/[^/]+\.xml$/i.test(name);

/**
 * Refuses a spreadsheet that unpacks to more than the limits allow, before it is parsed:
 * the sizes its directory declares first, then every part unpacked as a stream (the
 * directory can lie) with each sheet's rows and columns counted on the way.
 */
export async function checkXlsxLimits(bytes: Uint8Array): Promise<void> {
  const entries = zipEntries(bytes);
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > TABLE_LIMITS.uncompressedBytes) throw tooBigUnpacked();
  let used = 0;
  for (const entry of entries) {
    const counter = isSheet(entry.name) ? new SheetCounter() : null;
    used += await streamEntry(
      storedBytes(bytes, entry),
      entry,
      TABLE_LIMITS.uncompressedBytes - used,
      counter ? (text) => counter.feed(text) : undefined,
    );
  }
}

/** The same row and column limits for a table read from CSV. */
export function checkTableLimits(table: { headers: string[]; rows: unknown[] }): void {
  if (table.rows.length + 1 > TABLE_LIMITS.rows) throw tooManyRows();
  if (table.headers.length > TABLE_LIMITS.columns) throw tooManyColumns();
}
