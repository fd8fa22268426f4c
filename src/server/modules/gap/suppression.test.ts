import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../../../../test/support/client.ts";
import { json } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  makeCluster,
  makeSchoolYear,
  makeStaff,
  repeat,
  signIn,
} from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import { YEAR_GROUPS } from "../../../domain/pupil-fields.ts";

interface Group {
  n: number | null;
  mean: number | null;
  pctAtExpected: number | null;
}
interface GapOut {
  disadvantaged: Group;
  other: Group;
  gap: number | null;
  suppressed: boolean;
  tooSmall: boolean;
  trend: { assessmentPointId: string; disadvantagedMean: number | null; gap: number | null }[];
}
interface OverviewOut {
  rows: { measure: { id: string }; disadvantaged: Group; other: Group }[];
}

/**
 * What an outside viewer can work out by subtraction: the whole school's figures
 * minus every year group shown. Returns the hidden remainder (n, sum of values,
 * number at expected) of each group, or null when the whole school is hidden.
 */
function remainder(whole: { disadvantaged: Group; other: Group }, parts: (typeof whole)[]) {
  if (whole.disadvantaged.n === null || whole.other.n === null) return null;
  const rest = (key: "disadvantaged" | "other") => {
    const shown = parts.filter((p) => p[key].n !== null);
    const total = whole[key];
    const n = (total.n ?? 0) - shown.reduce((s, p) => s + (p[key].n ?? 0), 0);
    const sum =
      (total.n ?? 0) * (total.mean ?? 0) -
      shown.reduce((s, p) => s + (p[key].n ?? 0) * (p[key].mean ?? 0), 0);
    return { n, sum };
  };
  return { disadvantaged: rest("disadvantaged"), other: rest("other") };
}

describe(`gap figures outside the school cannot be subtracted back to a small group [${testEngine()}]`, () => {
  let t: TestApp;
  let leadClient: TestClient;
  let teacherClient: TestClient;
  const lead = () => leadClient;
  const schools: Record<string, string> = {};
  const schoolId = (key: string) => schools[key] ?? "";
  beforeAll(async () => {
    t = await createTestApp();
    const cluster = (await makeCluster(t)).id;
    const group = (yearGroup: string, disadvantaged: number, other: number) => [
      ...repeat(disadvantaged, { yearGroup, pupilPremium: true }),
      ...repeat(other, { yearGroup }),
    ];
    // School 1 has a small Year 3 (5 disadvantaged pupils, 5 others) for its own staff to see in full.
    schools["school-1"] = (
      await makeSchoolYear(t, {
        clusterId: cluster,
        pupils: [...group("3", 5, 5), ...group("4", 6, 6)],
      })
    ).schoolId;
    // School 2 is the textbook case: years 5 and 6 of 6 disadvantaged pupils and
    // 6 others (just big enough to show) and one small year 4 (5 disadvantaged,
    // just too few, and 10 others), all with data. Year 4 is hidden; the whole
    // school minus years 5 and 6 would give it back exactly.
    schools["school-2"] = (
      await makeSchoolYear(t, {
        clusterId: cluster,
        pupils: [...group("5", 6, 6), ...group("6", 6, 6), ...group("4", 5, 10)],
      })
    ).schoolId;
    await t.deps.db
      .updateTable("schools")
      .set({ disadvantage_rule: "pupil_premium" })
      .where("id", "=", schoolId("school-2"))
      .execute();
    leadClient = await signIn(
      t,
      await makeStaff(t, { role: "programme_lead", clusterId: cluster }),
    );
    teacherClient = await signIn(
      t,
      await makeStaff(t, { role: "teacher", schoolId: schoolId("school-1") }),
    );
  });
  afterAll(async () => t.close());

  it("hides a second year group (or the whole school) wherever one is hidden, at every point", async () => {
    const school = schoolId("school-2");
    const first = json<GapOut>(await lead().get(`/api/schools/${school}/gap`));
    let hiddenSeen = 0;
    let sixShown = 0;
    for (const point of first.trend) {
      const at = `assessmentPointId=${point.assessmentPointId}`;
      const whole = json<GapOut>(await lead().get(`/api/schools/${school}/gap?${at}`));
      const parts: GapOut[] = [];
      for (const yearGroup of YEAR_GROUPS) {
        const response = await lead().get(
          `/api/schools/${school}/gap?${at}&yearGroup=${yearGroup}`,
        );
        expect(response.statusCode).toBe(200);
        parts.push(json<GapOut>(response));
      }
      for (const part of parts) {
        if (part.suppressed) {
          hiddenSeen += 1;
          expect(part.disadvantaged).toEqual({
            n: null,
            mean: null,
            sd: null,
            pctAtExpected: null,
          });
          expect(part.other.n).toBeNull();
          expect(part.gap).toBeNull();
          // One mark for every hidden cell: nothing tells which was the small one.
          expect(part.tooSmall).toBe(true);
        } else {
          expect(part.disadvantaged.n).toBeGreaterThan(5);
          expect(part.other.n).toBeGreaterThan(5);
          if (part.disadvantaged.n === 6) sixShown += 1;
        }
      }
      const rest = remainder(whole, parts);
      if (!rest) continue;
      for (const group of [rest.disadvantaged, rest.other]) {
        expect(group.n === 0 || group.n > 5, `recovered a group of ${group.n}`).toBe(true);
        if (group.n === 0) expect(Math.abs(group.sum)).toBeLessThan(1e-6);
      }
    }
    // The school has a small year group, so there was something to protect.
    expect(hiddenSeen).toBeGreaterThan(0);
    // A year group of 6 is big enough, and one stays shown where it gives nothing back.
    expect(sixShown).toBeGreaterThan(0);
  });

  it("decides the overview the same way as the gap route, measure by measure", async () => {
    const school = schoolId("school-2");
    const whole = json<OverviewOut>(await lead().get(`/api/schools/${school}/gap/overview`));
    const years = await Promise.all(
      YEAR_GROUPS.map(async (y) =>
        json<OverviewOut>(await lead().get(`/api/schools/${school}/gap/overview?yearGroup=${y}`)),
      ),
    );
    let checked = 0;
    for (const row of whole.rows) {
      const parts = years.map((y) => {
        const r = y.rows.find((x) => x.measure.id === row.measure.id);
        if (!r) throw new Error("measure missing from a year group's overview");
        return r;
      });
      const rest = remainder(row, parts);
      if (!rest) continue;
      checked += 1;
      for (const group of [rest.disadvantaged, rest.other]) {
        expect(group.n === 0 || group.n > 5, `recovered a group of ${group.n}`).toBe(true);
        if (group.n === 0) expect(Math.abs(group.sum)).toBeLessThan(1e-6);
      }
    }
    expect(checked).toBeGreaterThan(0);
  });

  it("hides nothing from the school's own staff", async () => {
    const school = schoolId("school-1");
    const teacher = teacherClient;
    const years = await Promise.all(
      YEAR_GROUPS.map(async (y) =>
        json<GapOut>(await teacher.get(`/api/schools/${school}/gap?yearGroup=${y}`)),
      ),
    );
    expect(years.every((y) => !y.suppressed)).toBe(true);
    expect(years.some((y) => (y.disadvantaged.n ?? 0) > 0 && (y.disadvantaged.n ?? 0) <= 5)).toBe(
      true,
    );
  });
});
