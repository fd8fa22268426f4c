import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { missingGiasColumns, validateGiasRows } from "../../../domain/gias.ts";
import { ImportRejected } from "../../errors.ts";
import { isBlankRow, readCsv } from "../../imports/read-csv.ts";
import { insertSchool, lockSchools, takenShortCodes } from "./store.ts";

export interface SchoolImportResult {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
}

/** Reads a GIAS-layout CSV; every problem in the file, or its schools. Nothing is stored here. */
export function parseGiasFile(bytes: Uint8Array) {
  const table = readCsv(bytes);
  const missing = missingGiasColumns(table.headers);
  if (missing.length > 0) {
    throw new ImportRejected(
      `The file lacks the column${missing.length > 1 ? "s" : ""} ${missing.join(", ")}. ` +
        "Export it from Get Information About Schools with its standard headers.",
      missing.map((column) => ({ row: 1, column, value: "", message: "This column is required." })),
    );
  }
  // Blank rows keep their place in the numbering but are not schools.
  const rows: Record<string, string>[] = [];
  const rowNumbers: number[] = [];
  table.rows.forEach((row, i) => {
    if (!isBlankRow(row)) {
      rows.push(row);
      rowNumbers.push(i + 2);
    }
  });
  const { schools, errors } = validateGiasRows(rows);
  // validateGiasRows numbers the rows it was given from 2; map back to the file's rows.
  const fileRow = (n: number) => rowNumbers[n - 2] ?? n;
  const mapped = errors.map((e) => ({ ...e, row: fileRow(e.row) }));
  if (rows.length === 0) {
    throw new ImportRejected("The file has a header row but no schools.", []);
  }
  if (mapped.length > 0) {
    throw new ImportRejected(
      `${mapped.length} problem${mapped.length > 1 ? "s" : ""} in the file. Nothing was imported: correct them and import the whole file again.`,
      mapped,
    );
  }
  return schools;
}

/**
 * Creates schools new to Cascade and brings known ones (by URN) up to date, in
 * the caller's transaction. Importing the same file twice changes nothing.
 */
export async function importSchools(
  trx: Kysely<DB>,
  schools: ReturnType<typeof parseGiasFile>,
  options: { hubId: string | null; now: Date },
): Promise<SchoolImportResult> {
  await lockSchools(trx);
  const taken = await takenShortCodes(trx);
  const existing = new Map(
    (
      await trx
        .selectFrom("schools")
        .select(["id", "urn", "name", "phase", "local_authority", "postcode", "hub_id"])
        .where(
          "urn",
          "in",
          schools.map((s) => s.urn),
        )
        .execute()
    ).map((row) => [row.urn, row]),
  );
  const result: SchoolImportResult = { rows: schools.length, created: 0, updated: 0, unchanged: 0 };
  for (const school of schools) {
    const known = existing.get(school.urn);
    if (!known) {
      await insertSchool(trx, { ...school, hubId: options.hubId }, options.now, taken);
      result.created++;
      continue;
    }
    const hubId = options.hubId ?? known.hub_id;
    const same =
      known.name === school.name &&
      known.phase === school.phase &&
      known.local_authority === school.localAuthority &&
      known.postcode === school.postcode &&
      known.hub_id === hubId;
    if (same) {
      result.unchanged++;
      continue;
    }
    await trx
      .updateTable("schools")
      .set({
        name: school.name,
        phase: school.phase,
        local_authority: school.localAuthority,
        postcode: school.postcode,
        hub_id: hubId,
        updated_at: options.now,
      })
      .where("id", "=", known.id)
      .execute();
    result.updated++;
  }
  return result;
}
