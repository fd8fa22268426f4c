import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { importFile, schoolWithStaff } from "../../../../test/support/school-fixture.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import { makeUpn } from "../../../domain/upn.ts";

describe(`a date of birth in the future is refused on import [${testEngine()}]`, () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof schoolWithStaff>>;
  beforeAll(async () => {
    t = await createTestApp(); // today is 23 Nov 2026 in London
    s = await schoolWithStaff(t);
  });
  afterAll(async () => t.close());

  const pupils = async () =>
    Number(
      (
        await sql<{
          n: string;
        }>`select count(*) as n from pupils where school_id = ${s.schoolId}`.execute(t.deps.db)
      ).rows[0]?.n,
    );

  it("lists the row and column of a birth after today, stores nothing, and accepts one born today", async () => {
    const file = [
      "UPN,Legal Surname,Legal Forename,DOB,Year,Pupil Premium Indicator,SEN Status",
      `${makeUpn(881, 4321, 2019, 70)},Born,Today,23/11/2026,Year 1,N,N`,
      `${makeUpn(881, 4321, 2019, 71)},Born,Tomorrow,24/11/2026,Year 1,N,N`,
      `${makeUpn(881, 4321, 2019, 72)},Born,Later,2031-05-01,Year 1,N,N`,
    ].join("\n");
    const preview = await importFile(
      s.leader,
      s.schoolId,
      "pupils",
      file,
      {},
      "dob.csv",
      "imports/preview",
    );
    expect(preview.statusCode).toBe(200);
    const response = await importFile(s.leader, s.schoolId, "pupils", file, {}, "dob.csv");
    expect(response.statusCode).toBe(422);
    const errors = json<{
      errors: { row: number; column: string; value: string; message: string }[];
    }>(response).errors;
    expect(errors.map((e) => [e.row, e.column, e.value])).toEqual([
      [3, "DOB", "24/11/2026"],
      [4, "DOB", "2031-05-01"],
    ]);
    expect(errors[0]?.message).toContain("24 Nov 2026 is in the future");
    expect(await pupils()).toBe(0);

    const fixed = file.replace("24/11/2026", "24/11/2016").replace("2031-05-01", "2016-05-01");
    expect(
      (await importFile(s.leader, s.schoolId, "pupils", fixed, {}, "dob.csv")).statusCode,
    ).toBe(201);
    expect(await pupils()).toBe(3);
  });
});
