import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { importFile, schoolWithStaff } from "../../../../test/support/school-fixture.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import { makeUpn } from "../../../domain/upn.ts";

interface ListOut {
  items: { lastName: string; yearGroup: string; upn: string }[];
  total: number;
}

describe(`listing a school's pupils [${testEngine()}]`, () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof schoolWithStaff>>;
  const list = async (query: string) =>
    json<ListOut>(await s.teacher.get(`/api/schools/${s.schoolId}/pupils?${query}`));

  beforeAll(async () => {
    t = await createTestApp();
    s = await schoolWithStaff(t);
    // Year groups chosen so text order (10, 11, 7, 9) differs from school order (7, 9, 10, 11).
    const rows = ["UPN,Legal Surname,Legal Forename,DOB,Year"];
    const pupils: [string, string][] = [
      ["Adams", "10"],
      ["Baker", "7"],
      ["Clark", "11"],
      ["Davis", "9"],
    ];
    for (const [i, [surname, year]] of pupils.entries())
      rows.push(`${makeUpn(881, 4321, 2019, 300 + i)},${surname},Pat,01/01/2012,${year}`);
    const response = await importFile(s.leader, s.schoolId, "pupils", rows.join("\n"));
    expect(response.statusCode).toBe(201);
  });
  afterAll(async () => t.close());

  it("sorts by surname by default, and in reverse when asked", async () => {
    expect((await list("")).items.map((p) => p.lastName)).toEqual([
      "Adams",
      "Baker",
      "Clark",
      "Davis",
    ]);
    expect((await list("direction=desc")).items.map((p) => p.lastName)).toEqual([
      "Davis",
      "Clark",
      "Baker",
      "Adams",
    ]);
  });

  it("sorts year groups in school order, not as text", async () => {
    expect((await list("sort=yearGroup")).items.map((p) => p.yearGroup)).toEqual([
      "7",
      "9",
      "10",
      "11",
    ]);
    expect((await list("sort=yearGroup&direction=desc")).items.map((p) => p.yearGroup)).toEqual([
      "11",
      "10",
      "9",
      "7",
    ]);
  });

  it("sorts by UPN and pages through the sorted list", async () => {
    const all = (await list("sort=upn")).items.map((p) => p.upn);
    expect(all).toEqual([...all].sort());
    const page = await list("sort=upn&offset=2&limit=2");
    expect(page.total).toBe(4);
    expect(page.items.map((p) => p.upn)).toEqual(all.slice(2));
  });

  it("refuses an unknown sort key with a specific error", async () => {
    const response = await s.teacher.get(`/api/schools/${s.schoolId}/pupils?sort=dateOfBirth`);
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("sort");
  });

  it("searches by part of a name or a whole UPN in a request body, never in the URL", async () => {
    const search = async (body: Record<string, unknown>) =>
      json<ListOut>(await s.teacher.post(`/api/schools/${s.schoolId}/pupils/search`, body));
    expect((await search({ search: "aker" })).items.map((p) => p.lastName)).toEqual(["Baker"]);
    const davis = (await list("")).items.find((p) => p.lastName === "Davis");
    expect((await search({ search: davis?.upn })).items.map((p) => p.lastName)).toEqual(["Davis"]);
    // The list's filters and sorting apply to a search too; % is a literal character.
    expect(
      (await search({ search: "a", sort: "yearGroup", direction: "desc" })).items.map(
        (p) => p.lastName,
      ),
    ).toEqual(["Clark", "Adams", "Davis", "Baker"]);
    expect((await search({ search: "%" })).total).toBe(0);
    const refused = await s.teacher.get(`/api/schools/${s.schoolId}/pupils?search=Baker`);
    expect(refused.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(refused).errors).toEqual([
      expect.objectContaining({ field: "search" }),
    ]);
  });
});
