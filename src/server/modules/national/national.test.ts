import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  makeSchool,
  makeSchoolYear,
  makeStaff,
  repeat,
  signIn,
  type TestUser,
} from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { NationalComparator, NationalFigure } from "../../../contracts/national.ts";

type Problem = { errors?: { field: string; message: string }[] };
const fields = (body: Problem) => (body.errors ?? []).map((e) => e.field);

const NEW_ROW = {
  measureKey: "ks2-rwm-expected",
  academicYear: "2025/26",
  disadvantaged: 48,
  other: 70,
  allPupils: 63,
  status: "provisional",
  source: "DfE, Explore Education Statistics: Key stage 2 attainment",
  sourceUrl:
    "https://explore-education-statistics.service.gov.uk/find-statistics/key-stage-2-attainment",
  readOn: "2026-11-20",
};

/**
 * Two schools: the first enrolled with a half-term's data and a leader and a
 * teacher of its own, the second no one's here; an administrator, a programme
 * lead, and a caller not signed in.
 */
describe(`national figures and the gap comparator [${testEngine()}]`, () => {
  let t: TestApp;
  let admin: TestUser;
  const clients = new Map<string, TestClient>();
  const actor = (key: string) => {
    const client = clients.get(key);
    if (!client) throw new Error(key);
    return client;
  };
  const schools: Record<string, string> = {};
  const schoolId = (key: string) => schools[key] ?? "";
  const measureOf = async (schoolKey: string, key?: string) =>
    t.deps.db
      .selectFrom("measures")
      .select("id")
      .where("school_id", "=", schoolId(schoolKey))
      .$if(key !== undefined, (q) => q.where("key", "=", key ?? ""))
      .orderBy("position")
      .executeTakeFirstOrThrow();
  const count = async () =>
    Number(
      (
        await t.deps.db
          .selectFrom("national_figures")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  beforeAll(async () => {
    t = await createTestApp();
    schools["school-1"] = (
      await makeSchoolYear(t, {
        pupils: [...repeat(6, { pupilPremium: true }), ...repeat(6, {})],
      })
    ).schoolId;
    schools["school-6"] = (await makeSchool(t)).id;
    admin = await makeStaff(t, { role: "network_admin" });
    clients.set("signed_out", new TestClient(t.app));
    clients.set("network_admin", await signIn(t, admin));
    clients.set("programme_lead", await signIn(t, await makeStaff(t, { role: "programme_lead" })));
    for (const role of ["school_leader", "teacher"] as const)
      clients.set(
        role,
        await signIn(t, await makeStaff(t, { role, schoolId: schoolId("school-1") })),
      );
  });
  afterAll(async () => t.close());

  it("ships the DfE's rows, dated and sourced, to everyone signed in", async () => {
    const response = await actor("teacher").get("/api/national-figures");
    expect(response.statusCode).toBe(200);
    const body = json<{ measures: { key: string }[]; figures: NationalFigure[] }>(response);
    expect(body.figures).toHaveLength(17);
    expect(body.figures).toContainEqual(
      expect.objectContaining({
        measureKey: "ks2-rwm-expected",
        academicYear: "2024/25",
        disadvantaged: 47,
        other: 69,
        allPupils: 62,
        status: "provisional",
        readOn: "2026-12-01",
      }),
    );
    expect(body.figures).toContainEqual(
      expect.objectContaining({
        measureKey: "ks4-attainment-8",
        academicYear: "2018/19",
        disadvantaged: 36.7,
        other: 50.3,
      }),
    );
    for (const f of body.figures)
      expect(f.sourceUrl).toMatch(/^https:\/\/explore-education-statistics/);
    expect((await actor("signed_out").get("/api/national-figures")).statusCode).toBe(401);
  });

  describe("adding a row", () => {
    it("is for network administrators only", async () => {
      const before = await count();
      expect((await actor("signed_out").post("/api/national-figures", NEW_ROW)).statusCode).toBe(
        401,
      );
      for (const role of ["school_leader", "programme_lead", "teacher"])
        expect((await actor(role).post("/api/national-figures", NEW_ROW)).statusCode, role).toBe(
          403,
        );
      expect(await count()).toBe(before);
    });

    it.each([
      [{ measureKey: "ks3-nothing" }, "measureKey"],
      [{ academicYear: "2025/27" }, "academicYear"],
      [{ academicYear: "2025" }, "academicYear"],
      [{ disadvantaged: 120 }, "disadvantaged"],
      [{ other: -1 }, "other"],
      [{ status: "estimated" }, "status"],
      [{ source: "  " }, "source"],
      [{ sourceUrl: "http://example.org/x" }, "sourceUrl"],
      [{ readOn: "2099-01-01" }, "readOn"],
      [{ readOn: "yesterday" }, "readOn"],
      [{ disadvantaged: null, other: null, allPupils: null }, "disadvantaged"],
      [{ measureKey: "ks2-gap-index", gap: 3.2 }, "disadvantaged"],
      [{ colour: "red" }, ""],
    ])("refuses %o naming the field, and changes nothing", async (change, field) => {
      const before = await count();
      const response = await actor("network_admin").post("/api/national-figures", {
        ...NEW_ROW,
        ...change,
      });
      expect(response.statusCode).toBe(400);
      if (field) expect(fields(json<Problem>(response))).toContain(field);
      expect(await count()).toBe(before);
    });

    it("adds a valid row, audits it, and refuses the same release twice", async () => {
      const response = await actor("network_admin").post("/api/national-figures", NEW_ROW);
      expect(response.statusCode).toBe(201);
      const row = json<NationalFigure>(response);
      expect(row).toMatchObject({ academicYear: "2025/26", disadvantaged: 48, other: 70 });
      const audit = await t.deps.db
        .selectFrom("audit_events")
        .select("actor_user_id")
        .where("action", "=", "national_figure.created")
        .where("target_id", "=", row.id)
        .execute();
      expect(audit).toEqual([{ actor_user_id: admin.id }]);
      const again = await actor("network_admin").post("/api/national-figures", NEW_ROW);
      expect(again.statusCode).toBe(409);
      // The gap index row alone, as one number.
      const index = await actor("network_admin").post("/api/national-figures", {
        ...NEW_ROW,
        measureKey: "ks2-gap-index",
        disadvantaged: null,
        other: null,
        allPupils: null,
        gap: 3.1,
      });
      expect(index.statusCode).toBe(201);
    });
  });

  describe("mapping a school's measure to a national measure", () => {
    const url = (school: string, measure: string) =>
      `/api/schools/${school}/measures/${measure}/national-measure`;

    it("is the school's own leaders' to do: another school's measure is not found", async () => {
      const a = schoolId("school-1");
      const b = schoolId("school-6");
      const ownMeasure = (await measureOf("school-1", "reading-ta")).id;
      const theirs = (await measureOf("school-6")).id;
      const body = { nationalMeasureKey: "ks2-rwm-expected" };
      expect((await actor("signed_out").put(url(a, ownMeasure), body)).statusCode).toBe(401);
      expect((await actor("teacher").put(url(a, ownMeasure), body)).statusCode).toBe(403);
      expect((await actor("network_admin").put(url(a, ownMeasure), body)).statusCode).toBe(403);
      expect((await actor("school_leader").put(url(b, theirs), body)).statusCode).toBe(404);
      expect((await actor("school_leader").put(url(a, theirs), body)).statusCode).toBe(404);
      const links = await t.deps.db.selectFrom("measure_national_links").selectAll().execute();
      expect(links.filter((l) => l.measure_id === theirs)).toEqual([]);
    });

    it("refuses an unknown national measure and the national-only gap index", async () => {
      const a = schoolId("school-1");
      const m = (await measureOf("school-1", "reading-ta")).id;
      for (const key of ["ks9-nothing", "ks2-gap-index"]) {
        const response = await actor("school_leader").put(url(a, m), { nationalMeasureKey: key });
        expect(response.statusCode, key).toBe(400);
        expect(fields(json<Problem>(response))).toContain("nationalMeasureKey");
      }
    });

    it("shows the national figures beside the school's on the gap dashboard, and can be cleared", async () => {
      const a = schoolId("school-1");
      const m = (await measureOf("school-1", "reading-ta")).id;
      const gap = async () =>
        json<{ nationalComparator: NationalComparator | null }>(
          await actor("teacher").get(`/api/schools/${a}/gap?measureId=${m}`),
        ).nationalComparator;
      expect(await gap()).toBeNull();
      const mapped = await actor("school_leader").put(url(a, m), {
        nationalMeasureKey: "ks2-rwm-expected",
      });
      expect(mapped.statusCode).toBe(200);
      expect(json(mapped)).toEqual({ measureId: m, nationalMeasureKey: "ks2-rwm-expected" });
      const comparator = await gap();
      expect(comparator?.measure.key).toBe("ks2-rwm-expected");
      // The latest year (2025/26, added above) beats 2024/25.
      expect(comparator?.figure).toMatchObject({
        academicYear: "2025/26",
        disadvantaged: 48,
        other: 70,
      });
      expect(comparator?.gapIndex).toMatchObject({
        measureKey: "ks2-gap-index",
        academicYear: "2025/26",
      });
      const cleared = await actor("school_leader").put(url(a, m), { nationalMeasureKey: null });
      expect(cleared.statusCode).toBe(200);
      expect(await gap()).toBeNull();
      const audit = await t.deps.db
        .selectFrom("audit_events")
        .select("action")
        .where("action", "=", "measure.national_mapped")
        .where("target_id", "=", m)
        .execute();
      expect(audit).toHaveLength(2);
    });
  });
});
