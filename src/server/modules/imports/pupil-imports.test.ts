import fs from "node:fs";
import ExcelJS from "exceljs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { importFile, schoolWithStaff } from "../../../../test/support/school-fixture.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import { makeUpn } from "../../../domain/upn.ts";

/** The same UPN with a check letter that cannot be right. */
const wrongCheckLetter = (upn: string) => (upn.startsWith("A") ? "B" : "A") + upn.slice(1);

const sims = fs.readFileSync("test/fixtures/sims-pupils.csv");
const simsSemicolon = fs.readFileSync("test/fixtures/sims-pupils-utf8-semicolon.csv");

interface PupilOut {
  upn: string;
  legalFirstName: string;
  lastName: string;
  preferredFirstName: string | null;
  dateOfBirth: string;
  yearGroup: string;
  upnTemporary: boolean;
  disadvantaged: boolean;
  senStatus: string;
  eal: boolean;
}

async function pupilRowsDigest(t: TestApp, schoolId: string): Promise<string> {
  const result = await sql<{ d: string }>`
    select md5(coalesce(string_agg(p::text, '|' order by p.upn), '')) as d from pupils p where p.school_id = ${schoolId}`.execute(
    t.deps.db,
  );
  return result.rows[0]?.d ?? "";
}

describe(`importing pupil lists [${testEngine()}]`, () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof schoolWithStaff>>;
  beforeAll(async () => {
    t = await createTestApp();
    s = await schoolWithStaff(t);
  });
  afterAll(async () => t.close());

  it("suggests a mapping for a SIMS export and previews rows as they will be stored", async () => {
    const response = await importFile(
      s.leader,
      s.schoolId,
      "pupils",
      sims,
      {},
      "sims.csv",
      "imports/preview",
    );
    expect(response.statusCode).toBe(200);
    const preview = json<{
      mapping: Record<string, string | null>;
      rows: { values: Record<string, string> }[];
      errors: unknown[];
      totalRows: number;
    }>(response);
    expect(preview.mapping).toMatchObject({
      UPN: "upn",
      "Legal Surname": "lastName",
      "Legal Forename": "legalFirstName",
      DOB: "dateOfBirth",
      Year: "yearGroup",
      "Reg Group": null,
      "Pupil Premium Indicator": "pupilPremium",
      "In Care": "lookedAfter",
    });
    expect(preview.errors).toEqual([]);
    expect(preview.totalRows).toBe(6);
    expect(preview.rows[0]?.values).toMatchObject({
      lastName: "Ó Briain",
      legalFirstName: "Siobhán",
      dateOfBirth: "2013-03-14",
      yearGroup: "7",
    });
    expect(await pupilRowsDigest(t, s.schoolId)).toBe(await pupilRowsDigest(t, s.schoolId));
    const stored = await t.deps.db
      .selectFrom("pupils")
      .select("id")
      .where("school_id", "=", s.schoolId)
      .execute();
    expect(stored).toEqual([]);
  });

  it("imports the SIMS export (Windows-1252) in one call with the suggested mapping", async () => {
    const response = await importFile(s.leader, s.schoolId, "pupils", sims, {}, "sims.csv");
    expect(response.statusCode).toBe(201);
    expect(json(response)).toMatchObject({
      rows: 6,
      created: 6,
      updated: 0,
      unchanged: 0,
      kind: "pupils",
      fileName: "sims.csv",
    });
    const list = json<{ items: PupilOut[] }>(
      await s.teacher.get(`/api/schools/${s.schoolId}/pupils`),
    ).items;
    const byName = Object.fromEntries(list.map((p) => [p.legalFirstName, p]));
    expect(byName.Siobhán).toMatchObject({
      lastName: "Ó Briain",
      disadvantaged: true,
      yearGroup: "7",
    });
    expect(byName.Marco?.lastName).toBe("D'Souza, Jr");
    expect(byName.Amelia).toMatchObject({ dateOfBirth: "2012-02-29", senStatus: "E" });
    expect(byName.Jan?.upnTemporary).toBe(true);
    expect(list.filter((p) => p.disadvantaged)).toHaveLength(3);
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await pupilRowsDigest(t, s.schoolId);
    const response = await importFile(s.leader, s.schoolId, "pupils", sims, {}, "sims.csv");
    expect(json(response)).toMatchObject({ created: 0, updated: 0, unchanged: 6 });
    expect(await pupilRowsDigest(t, s.schoolId)).toBe(before);
  });

  it("updates pupils in place from a corrected file (UTF-8 with BOM, semicolons)", async () => {
    const corrected = simsSemicolon.toString("utf8").replace(";K;Y;N", ";N;Y;N");
    const response = await importFile(
      s.leader,
      s.schoolId,
      "pupils",
      Buffer.from(corrected),
      {},
      "sims-corrected.csv",
    );
    expect(json(response)).toMatchObject({ created: 0, updated: 2, unchanged: 4 });
    const chidi = json<{ items: PupilOut[] }>(
      await s.leader.post(`/api/schools/${s.schoolId}/pupils/search`, { search: "Okafor" }),
    ).items[0];
    expect(chidi?.senStatus).toBe("N");
  });

  it("lists every problem with row, column, value and what is allowed, and stores nothing", async () => {
    const before = await pupilRowsDigest(t, s.schoolId);
    const bad = [
      "UPN,Legal Surname,Legal Forename,DOB,Year,Pupil Premium Indicator,SEN Status",
      `${makeUpn(881, 4321, 2019, 50)},Good,Row,01/01/2013,Year 7,Y,N`,
      `${wrongCheckLetter(makeUpn(881, 4321, 2019, 51))},Wrong,Check,01/01/2013,Year 7,N,N`,
      `${makeUpn(881, 4321, 2019, 52)},Bad,Date,31/02/2013,Year 7,N,N`,
      `${makeUpn(881, 4321, 2019, 53)},Bad,Year,01/01/2013,Year 15,Maybe,Z`,
      `${makeUpn(881, 4321, 2019, 50)},Twice,Listed,01/01/2013,Y7,N,N`,
    ].join("\n");
    const response = await importFile(s.leader, s.schoolId, "pupils", bad, {}, "bad.csv");
    expect(response.statusCode).toBe(422);
    const { errors, detail } = json<{
      detail: string;
      errors: { row: number; column: string; value: string; message: string }[];
    }>(response);
    expect(detail).toContain("Nothing was imported");
    const at = (row: number, column: string) =>
      errors.find((e) => e.row === row && e.column === column);
    expect(at(3, "UPN")?.message).toMatch(/check letter/i);
    expect(at(4, "DOB")).toMatchObject({ value: "31/02/2013" });
    expect(at(5, "Year")?.value).toBe("Year 15");
    expect(at(5, "Pupil Premium Indicator")?.value).toBe("Maybe");
    expect(at(5, "SEN Status")?.value).toBe("Z");
    expect(at(6, "UPN")?.message).toContain("row 2");
    for (const e of errors) expect(e.message.length).toBeGreaterThan(10);
    expect(await pupilRowsDigest(t, s.schoolId)).toBe(before);
  });

  it("reads an Excel export, with real dates and Excel serial numbers", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Students");
    sheet.addRow([
      "Student UPN",
      "Legal First Name",
      "Legal Last Name",
      "Date of Birth",
      "Year Group",
      "Pupil Premium",
      "Is EAL",
    ]);
    sheet.addRow([
      makeUpn(881, 4321, 2019, 70),
      "Xia",
      "Excelby",
      new Date(Date.UTC(2014, 4, 6)),
      "Y6",
      "TRUE",
      "FALSE",
    ]);
    sheet.addRow([makeUpn(881, 4321, 2019, 71), "Yan", "Excelby", 41649, "6", "FALSE", "TRUE"]);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
    const response = await importFile(s.leader, s.schoolId, "pupils", bytes, {}, "arbor.xlsx");
    expect(response.statusCode).toBe(201);
    const pupils = json<{ items: PupilOut[] }>(
      await s.leader.post(`/api/schools/${s.schoolId}/pupils/search`, { search: "Excelby" }),
    ).items;
    expect(pupils.map((p) => [p.legalFirstName, p.dateOfBirth, p.disadvantaged, p.eal])).toEqual([
      ["Xia", "2014-05-06", true, false],
      ["Yan", "2014-01-10", false, true],
    ]);
  });

  it("answers 413 to a file over 20 MB, and 400 to a missing kind", async () => {
    const big = await importFile(
      s.leader,
      s.schoolId,
      "pupils",
      Buffer.alloc(21 * 1024 * 1024, 65),
      {},
      "big.csv",
    );
    expect(big.statusCode).toBe(413);
    const noKind = await s.leader.upload(
      `/api/schools/${s.schoolId}/imports`,
      (await import("../../../../test/support/multipart.ts")).multipartBody({
        filename: "x.csv",
        content: sims,
      }),
    );
    expect(noKind.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(noKind).errors[0]?.field).toBe("kind");
  });

  it("lets teachers read pupils but not import", async () => {
    const response = await importFile(s.teacher, s.schoolId, "pupils", sims);
    expect(response.statusCode).toBe(403);
  });

  it("leaves no partial data when an import fails part-way through", async () => {
    await sql`create function explode() returns trigger language plpgsql as $$
      begin if new.legal_first_name = 'Explode' then raise exception 'simulated crash'; end if; return new; end; $$`.execute(
      t.deps.db,
    );
    await sql`create trigger pupils_explode before insert on pupils for each row execute function explode()`.execute(
      t.deps.db,
    );
    try {
      const before = await pupilRowsDigest(t, s.schoolId);
      const rows = ["UPN,Legal Surname,Legal Forename,DOB,Year"];
      for (let i = 100; i < 160; i++)
        rows.push(
          `${makeUpn(881, 4321, 2019, i)},Partial,${i === 159 ? "Explode" : "Fine"},01/01/2013,7`,
        );
      const response = await importFile(
        s.leader,
        s.schoolId,
        "pupils",
        rows.join("\n"),
        {},
        "crash.csv",
      );
      expect(response.statusCode).toBe(500);
      expect(await pupilRowsDigest(t, s.schoolId)).toBe(before);
      const imports = await t.deps.db
        .selectFrom("imports")
        .select("file_name")
        .where("file_name", "=", "crash.csv")
        .execute();
      expect(imports).toEqual([]);
    } finally {
      await sql`drop trigger pupils_explode on pupils`.execute(t.deps.db);
      await sql`drop function explode()`.execute(t.deps.db);
    }
  });
});
