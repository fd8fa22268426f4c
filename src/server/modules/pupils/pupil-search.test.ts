import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { importFile, schoolWithStaff } from "../../../../test/support/school-fixture.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import { makeUpn } from "../../../domain/upn.ts";

interface ListOut {
  items: { legalFirstName: string; lastName: string }[];
  total: number;
}

describe(`searching pupils by full name [${testEngine()}]`, () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof schoolWithStaff>>;
  const found = async (search: string) =>
    json<ListOut>(
      await s.teacher.post(`/api/schools/${s.schoolId}/pupils/search`, { search }),
    ).items.map((p) => `${p.legalFirstName} ${p.lastName}`);

  beforeAll(async () => {
    t = await createTestApp();
    s = await schoolWithStaff(t);
    const rows = [
      "UPN,Legal Surname,Legal Forename,Preferred Forename,DOB,Year",
      `${makeUpn(881, 4321, 2019, 401)},Violetbank,Noah,,01/01/2015,5`,
      `${makeUpn(881, 4321, 2019, 402)},Violetbank,Amara,,01/01/2016,4`,
      `${makeUpn(881, 4321, 2019, 403)},Noakes,Isla,,01/01/2015,5`,
      `${makeUpn(881, 4321, 2019, 404)},Lefèvre,Zoë,,01/01/2015,5`,
      `${makeUpn(881, 4321, 2019, 405)},Nowak,Łukasz,Luke,01/01/2015,5`,
      `${makeUpn(881, 4321, 2019, 406)},O'Brien,Siobhán,,01/01/2015,5`,
    ];
    const response = await importFile(s.leader, s.schoolId, "pupils", rows.join("\n"));
    expect(response.statusCode).toBe(201);
  });
  afterAll(async () => t.close());

  it("finds a pupil by first name and surname, in either order", async () => {
    expect(await found("Noah Violetbank")).toEqual(["Noah Violetbank"]);
    expect(await found("Violetbank, Noah")).toEqual(["Noah Violetbank"]);
    expect(await found("violetbank noah")).toEqual(["Noah Violetbank"]);
    // One word alone still finds everyone it is part of.
    expect(await found("Violetbank")).toEqual(["Amara Violetbank", "Noah Violetbank"]);
    expect(await found("noa")).toEqual(["Isla Noakes", "Noah Violetbank"]);
  });

  it("ignores accents and case on either side", async () => {
    expect(await found("zoe lefevre")).toEqual(["Zoë Lefèvre"]);
    expect(await found("LEFÈVRE")).toEqual(["Zoë Lefèvre"]);
    expect(await found("lukasz nowak")).toEqual(["Łukasz Nowak"]);
    expect(await found("siobhan o\u2019brien")).toEqual(["Siobhán O'Brien"]);
  });

  it("matches the preferred first name too, and needs every word to match", async () => {
    expect(await found("Luke Nowak")).toEqual(["Łukasz Nowak"]);
    expect(await found("Noah Noakes")).toEqual([]);
    expect(await found("Amara Violetbank Smith")).toEqual([]);
  });
});
