import fc from "fast-check";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { importFile, schoolWithStaff } from "../../../../test/support/school-fixture.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import { makeUpn } from "../../../domain/upn.ts";

const HEADERS = [
  "UPN",
  "Legal Surname",
  "Legal Forename",
  "DOB",
  "Year",
  "Gender",
  "Pupil Premium Indicator",
  "SEN Status",
];

/** A clean pupil list of 12 rows that imports without a problem. */
function cleanRows(): string[][] {
  return Array.from({ length: 12 }, (_, i) => [
    makeUpn(902, 1234, 2020, 300 + i),
    `Surname${String.fromCharCode(65 + i)}`,
    `Forename${String.fromCharCode(65 + i)}`,
    `${String(1 + i).padStart(2, "0")}/0${1 + (i % 9)}/2014`,
    `Year ${1 + (i % 6)}`,
    i % 2 ? "F" : "M",
    i % 3 ? "N" : "Y",
    "N",
  ]);
}

/** Ways a cell can be wrong, per column; each must be reported. */
const CORRUPTIONS: Record<number, string[]> = {
  0: ["A123", "Z9999999999999", "X12345678901!", ""],
  1: ["", "Bad\u0007Name"],
  2: ["", "x".repeat(101)],
  3: ["31/02/2014", "2014-13-01", "yesterday", "12/25/2014", ""],
  4: ["Year 15", "N2", "Nursery", "Y", ""],
  5: ["Q", "Unknown gender 7"],
  6: ["Maybe", "2", "yes please"],
  7: ["Z", "A", "SEN"],
};

describe(`a corrupted cell anywhere in a pupil list [${testEngine()}]`, () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof schoolWithStaff>>;
  beforeAll(async () => {
    t = await createTestApp();
    s = await schoolWithStaff(t, "primary");
  });
  afterAll(async () => t.close());

  it("is reported at its row and column, and nothing is stored", async () => {
    const corruption = fc.record({
      row: fc.integer({ min: 0, max: 11 }),
      column: fc.constantFrom(...Object.keys(CORRUPTIONS).map(Number)),
      pick: fc.nat(),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(corruption, {
          minLength: 1,
          maxLength: 4,
          selector: (c) => `${c.row}:${c.column}`,
        }),
        async (changes) => {
          const rows = cleanRows();
          for (const c of changes) {
            const options = CORRUPTIONS[c.column] ?? [];
            const row = rows[c.row];
            if (row) row[c.column] = options[c.pick % options.length] ?? "";
          }
          const csv = [HEADERS, ...rows]
            .map((r) => r.map((cell) => `"${cell.replaceAll('"', '""')}"`).join(","))
            .join("\r\n");
          const response = await importFile(s.leader, s.schoolId, "pupils", csv, {}, "corrupt.csv");
          expect(response.statusCode).toBe(422);
          const { errors } = json<{ errors: { row: number; column: string }[] }>(response);
          for (const c of changes) {
            expect(errors, `row ${c.row + 2}, ${HEADERS[c.column]}`).toContainEqual(
              expect.objectContaining({ row: c.row + 2, column: HEADERS[c.column] }),
            );
          }
          const stored = await sql<{
            n: number;
          }>`select count(*)::int as n from pupils where school_id = ${s.schoolId}`.execute(
            t.deps.db,
          );
          expect(stored.rows[0]?.n).toBe(0);
        },
      ),
      { seed: 4242, numRuns: 40 },
    );
    // The clean file itself imports: the property above is about the corruptions, not a file that never works.
    const clean = [HEADERS, ...cleanRows()].map((r) => r.join(",")).join("\r\n");
    expect(
      (await importFile(s.leader, s.schoolId, "pupils", clean, {}, "clean.csv")).statusCode,
    ).toBe(201);
  });
});
