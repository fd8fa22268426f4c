/** A spreadsheet must never run a cell: text beginning = + - @ (or a tab or CR) is prefixed with '. */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function cell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const safe = neutralise(value);
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** CSV with a header row, CRLF line ends and a BOM, so Excel reads UTF-8 names correctly. */
export function toCsv(headers: string[], rows: Array<Array<string | number | null>>): string {
  return `\uFEFF${[headers.map(cell), ...rows.map((r) => r.map(cell))].map((r) => r.join(",")).join("\r\n")}\r\n`;
}
