import { HttpProblem } from "../errors.ts";

/**
 * Reading a spreadsheet takes a core and up to a few hundred MB for a while: a server
 * reads this many files at once and answers the next with a 503 to try again shortly,
 * rather than letting a queue of them starve everyone else of memory and time.
 */
export const MAX_CONCURRENT_IMPORTS = 2;
export const IMPORT_RETRY_AFTER_SECONDS = 10;

let active = 0;

export class ImportsBusy extends HttpProblem {
  constructor() {
    super(
      503,
      "Imports busy",
      `The server is already reading ${MAX_CONCURRENT_IMPORTS} files. Try again in ${IMPORT_RETRY_AFTER_SECONDS} seconds.`,
      {
        retryAfter: IMPORT_RETRY_AFTER_SECONDS,
        limit: { name: "concurrentImports", max: MAX_CONCURRENT_IMPORTS },
      },
      { "retry-after": String(IMPORT_RETRY_AFTER_SECONDS) },
    );
  }
}

/** Runs `read` in one of this server's import slots, or refuses at once when all are taken. */
export async function inImportSlot<T>(read: () => Promise<T>): Promise<T> {
  if (active >= MAX_CONCURRENT_IMPORTS) throw new ImportsBusy();
  active++;
  try {
    return await read();
  } finally {
    active--;
  }
}
