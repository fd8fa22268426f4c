import { Worker } from "node:worker_threads";
import type ExcelJS from "exceljs";
import { CsvFormatError, type CsvTable, readCsv } from "./read-csv.ts";
import {
  checkTableLimits,
  checkXlsxLimits,
  TABLE_LIMITS,
  type TableLimit,
  TableTooLarge,
} from "./xlsx-limits.ts";

/** A spreadsheet's first sheet or a CSV, as header → cell text (or number, for Excel dates and numbers). */
export interface Table {
  headers: string[];
  rows: Array<Record<string, string | number>>;
  format: "csv" | "xlsx";
}

const isZip = (bytes: Uint8Array) =>
  bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

function cellText(value: ExcelJS.CellValue): string | number {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return value;
  if (typeof value === "string") return value;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("result" in value && value.result !== undefined)
      return cellText(value.result as ExcelJS.CellValue);
    if ("richText" in value) return value.richText.map((r) => r.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("error" in value) return "";
  }
  return String(value);
}

async function readXlsx(bytes: Uint8Array, limitsChecked: boolean): Promise<Table> {
  if (!limitsChecked) await checkXlsxLimits(bytes);
  // Loaded on first use: exceljs alone takes over a second to load, and most starts never read a spreadsheet.
  const { default: Excel } = await import("exceljs");
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (error) {
    throw new CsvFormatError(`The spreadsheet could not be opened: ${(error as Error).message}`);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new CsvFormatError("The spreadsheet has no sheets.");
  const headerRow = sheet.getRow(1);
  const headers: string[] = [];
  headerRow.eachCell({ includeEmpty: true }, (cell, col) => {
    headers[col - 1] = String(cellText(cell.value)).trim();
  });
  if (headers.length === 0 || headers.every((h) => !h)) {
    throw new CsvFormatError("The first sheet is empty: it needs a header row naming its columns.");
  }
  const rows: Table["rows"] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const record: Record<string, string | number> = {};
    headers.forEach((header, i) => {
      if (header) record[header] = cellText(row.getCell(i + 1).value);
    });
    rows.push(record);
  }
  // Trailing rows that Excel counts but hold nothing.
  while (rows.length > 0 && Object.values(rows.at(-1) ?? {}).every((v) => v === "")) rows.pop();
  return { headers: headers.map((h) => h ?? ""), rows, format: "xlsx" };
}

/** Reads an uploaded CSV or XLSX file by its content, whatever its name says, on this thread. */
export async function readTableHere(
  bytes: Uint8Array,
  options: { limitsChecked?: boolean } = {},
): Promise<Table> {
  if (isZip(bytes)) return readXlsx(bytes, options.limitsChecked ?? false);
  const csv: CsvTable = readCsv(bytes);
  checkTableLimits(csv);
  return { headers: csv.headers, rows: csv.rows, format: "csv" };
}

type WorkerAnswer =
  | { ok: true; table: Table }
  | { ok: false; kind: "too-large"; detail: string; limit: TableLimit }
  | { ok: false; kind: "format" | "other"; detail: string };

/** A worker may use this much heap; past it, the file is refused rather than the server stopped. */
const WORKER_HEAP_MB = 1024;

/** A CSV this small parses in a few milliseconds: not worth a worker's start-up. */
const CSV_ON_THREAD_BYTES = 512 * 1024;

/**
 * Reads an uploaded CSV or XLSX file by its content, whatever its name says. A spreadsheet's
 * limits are checked here first (as a stream, so a bomb is refused at once), then it is
 * parsed in a worker thread: parsing a big workbook takes seconds of solid work, which on
 * the server's own thread would leave every other request waiting.
 */
export async function readTable(bytes: Uint8Array): Promise<Table> {
  if (isZip(bytes)) {
    await checkXlsxLimits(bytes);
    return readInWorker(bytes);
  }
  return bytes.length < CSV_ON_THREAD_BYTES ? readTableHere(bytes) : readInWorker(bytes);
}

/** Refusals from the worker (limits, unreadable files) come back as the same errors. */
function readInWorker(bytes: Uint8Array): Promise<Table> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL("./read-table-worker.mjs", import.meta.url), {
      workerData: { bytes },
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    });
    let settled = false;
    worker.once("message", (answer: WorkerAnswer) => {
      settled = true;
      if (answer.ok) resolve(answer.table);
      else if (answer.kind === "too-large") reject(new TableTooLarge(answer.detail, answer.limit));
      else if (answer.kind === "format") reject(new CsvFormatError(answer.detail));
      else reject(new Error(`Reading the file failed: ${answer.detail}`));
      void worker.terminate();
    });
    worker.once("error", (error: Error & { code?: string }) => {
      if (settled) return;
      settled = true;
      reject(
        error.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? new TableTooLarge(
              "The file needs more memory to read than the server allows for one import. Split it into smaller files.",
              { name: "uncompressedBytes", max: TABLE_LIMITS.uncompressedBytes },
            )
          : error,
      );
    });
    worker.once("exit", (code) => {
      if (!settled) reject(new Error(`The file reader stopped (exit code ${code}).`));
    });
  });
}

export { CsvFormatError as TableFormatError };
