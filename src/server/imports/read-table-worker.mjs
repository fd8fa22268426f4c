// A worker thread that reads one uploaded table, so a big spreadsheet never holds up the
// server's event loop. Plain JavaScript: it registers the TypeScript loader, as bin/cascade.mjs does.
import { parentPort, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const { readTableHere } = await import("./read-table.ts");
const { TableTooLarge } = await import("./xlsx-limits.ts");
const { CsvFormatError } = await import("./read-csv.ts");
try {
  const table = await readTableHere(workerData.bytes, { limitsChecked: true });
  parentPort.postMessage({ ok: true, table });
} catch (error) {
  if (error instanceof TableTooLarge) {
    parentPort.postMessage({
      ok: false,
      kind: "too-large",
      detail: error.detail,
      limit: error.extra.limit,
    });
  } else if (error instanceof CsvFormatError) {
    parentPort.postMessage({ ok: false, kind: "format", detail: error.message });
  } else {
    parentPort.postMessage({ ok: false, kind: "other", detail: String(error?.stack ?? error) });
  }
}
