import ExcelJS from "exceljs";
import { CsvFormatError, type CsvTable, readCsv } from "./read-csv.ts";
import { checkTableLimits, checkXlsxLimits } from "./xlsx-limits.ts";

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

async function readXlsx(bytes: Uint8Array): Promise<Table> {
  await checkXlsxLimits(bytes);
  const workbook = new ExcelJS.Workbook();
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

/** Reads an uploaded CSV or XLSX file by its content, whatever its name says. */
export async function readTable(bytes: Uint8Array): Promise<Table> {
  if (isZip(bytes)) return readXlsx(bytes);
  const csv: CsvTable = readCsv(bytes);
  checkTableLimits(csv);
  return { headers: csv.headers, rows: csv.rows, format: "csv" };
}

export { CsvFormatError as TableFormatError };
