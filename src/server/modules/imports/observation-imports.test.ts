import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { importFile, schoolWithStaff } from "../../../../test/support/school-fixture.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";

const sims = fs.readFileSync("test/fixtures/sims-pupils.csv");
const arbor = fs.readFileSync("test/fixtures/arbor-assessments.csv");

interface Grid {
  pupils: { id: string; name: string; upn: string }[];
  measures: { id: string; key: string }[];
  values: { pupilId: string; measureId: string; value: number; display: string }[];
}

describe(`importing assessment data, and undoing imports [${testEngine()}]`, () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof schoolWithStaff>>;
  const point = (name: string) => s.points.find((p) => p.name === name)?.id ?? "";
  const grid = async (name: string) =>
    json<Grid>(
      await s.teacher.get(
        `/api/schools/${s.schoolId}/observations?assessmentPointId=${point(name)}`,
      ),
    );
  beforeAll(async () => {
    t = await createTestApp();
    s = await schoolWithStaff(t);
    expect(
      (await importFile(s.leader, s.schoolId, "pupils", sims, {}, "sims.csv")).statusCode,
    ).toBe(201);
  });
  afterAll(async () => t.close());

  it("maps an Arbor export's columns to measures and its point column to the school's points", async () => {
    const preview = json<{ mapping: Record<string, string | null>; errors: unknown[] }>(
      await importFile(
        s.leader,
        s.schoolId,
        "observations",
        arbor,
        {},
        "arbor.csv",
        "imports/preview",
      ),
    );
    expect(preview.errors).toEqual([]);
    expect(preview.mapping["Student UPN"]).toBe("upn");
    expect(preview.mapping["Assessment Point"]).toBe("assessmentPoint");
    expect(preview.mapping["Maths Grade"]).toMatch(/^measure:/);
    expect(preview.mapping["Attendance %"]).toMatch(/^measure:/);

    const response = await importFile(s.leader, s.schoolId, "observations", arbor, {}, "arbor.csv");
    expect(response.statusCode).toBe(201);
    // 6 rows × 5 measures, less one empty cell.
    expect(json(response)).toMatchObject({ rows: 6, created: 29, updated: 0, unchanged: 0 });
    const autumn1 = await grid("Autumn 1");
    const siobhan = autumn1.pupils.find((p) => p.name.startsWith("Siobhán"));
    const science = autumn1.measures.find((m) => m.key === "science-grade");
    const attendance = autumn1.measures.find((m) => m.key === "attendance");
    const value = (measureId?: string) =>
      autumn1.values.find((v) => v.pupilId === siobhan?.id && v.measureId === measureId);
    expect(value(science?.id)).toMatchObject({ value: 0, display: "U" });
    expect(value(attendance?.id)).toMatchObject({ value: 96.5 });
  });

  it("puts a file without a point column at the point chosen, or the latest that has begun", async () => {
    const file = "UPN,Resilient Learner\nK881432119001,4\n";
    // Spring 1 has not begun on 23 Nov 2026: a leader opens it early to import into it.
    expect(
      (
        await s.leader.post(
          `/api/schools/${s.schoolId}/assessment-points/${point("Spring 1")}/open-early`,
        )
      ).statusCode,
    ).toBe(200);
    const chosen = await importFile(
      s.leader,
      s.schoolId,
      "observations",
      file,
      { assessmentPointId: point("Spring 1") },
      "spring.csv",
    );
    expect(json(chosen)).toMatchObject({ created: 1 });
    // The test clock stands at 23 Nov 2026: Autumn 2 is the latest point that has begun.
    const latest = await importFile(
      s.leader,
      s.schoolId,
      "observations",
      "UPN,Resilient Learner\nK881432119001,5\n",
      {},
      "latest.csv",
    );
    expect(json(latest)).toMatchObject({ created: 0, updated: 1 });
    const autumn2 = await grid("Autumn 2");
    const resilient = autumn2.measures.find((m) => m.key === "theme-resilient");
    expect(
      autumn2.values.find((v) => v.measureId === resilient?.id && v.display === "5"),
    ).toBeDefined();
  });

  it("names the pupils that are not on the roll, and values that do not fit the scale", async () => {
    const file = [
      "UPN,Assessment Point,Maths Grade,Attendance %",
      "K881432119001,Autumn 1,11,96",
      "L93843212407K,Autumn 1,4,96",
      "K881432119001,Winter,4,101",
    ].join("\n");
    const response = await importFile(s.leader, s.schoolId, "observations", file, {}, "bad.csv");
    expect(response.statusCode).toBe(422);
    const { errors } = json<{ errors: { row: number; column: string; message: string }[] }>(
      response,
    );
    expect(errors.find((e) => e.row === 2 && e.column === "Maths Grade")?.message).toContain(
      "9 to 1",
    );
    expect(errors.find((e) => e.row === 3 && e.column === "UPN")?.message).toContain(
      "import the pupil list first",
    );
    expect(errors.find((e) => e.row === 4 && e.column === "Assessment Point")?.message).toContain(
      "Autumn 1",
    );
    expect(errors.find((e) => e.row === 4 && e.column === "Attendance %")).toBeDefined();
  });

  it("undoes imports newest first, and refuses while newer work depends on them", async () => {
    const list = json<{ items: { id: string; fileName: string }[] }>(
      await s.leader.get(`/api/schools/${s.schoolId}/imports`),
    ).items;
    const id = (name: string) => list.find((i) => i.fileName === name)?.id;
    // A value changed by hand after an import blocks undoing that import.
    const autumn2 = await grid("Autumn 2");
    const resilient = autumn2.measures.find((m) => m.key === "theme-resilient");
    const pupil = autumn2.pupils.find((p) => p.upn === "K881432119001");
    const put = await s.teacher.put("/api/observations", {
      observations: [
        {
          pupilId: pupil?.id,
          measureId: resilient?.id,
          assessmentPointId: point("Autumn 2"),
          value: "2",
        },
      ],
    });
    expect(put.statusCode).toBe(200);
    const blocked = await s.leader.delete(`/api/imports/${id("latest.csv")}`);
    expect(blocked.statusCode).toBe(409);
    expect(json(blocked).detail).toContain("by hand");

    // The pupil list cannot be undone while its pupils have data.
    const pupils = await s.leader.delete(`/api/imports/${id("sims.csv")}`);
    expect(pupils.statusCode).toBe(409);

    // Teachers cannot undo.
    expect((await s.teacher.delete(`/api/imports/${id("spring.csv")}`)).statusCode).toBe(403);
    const undone = await s.leader.delete(`/api/imports/${id("spring.csv")}`);
    expect(undone.statusCode).toBe(200);
    expect(json(undone)).toEqual({ restored: 0, removed: 1 });
    expect((await s.leader.delete(`/api/imports/${id("spring.csv")}`)).statusCode).toBe(409);
    const spring = await grid("Spring 1");
    expect(spring.values).toEqual([]);
  });

  it("refuses to undo an import that a later import changed again", async () => {
    // Summer 1 has not begun on 23 Nov 2026: the leader opens it early first.
    expect(
      (
        await s.leader.post(
          `/api/schools/${s.schoolId}/assessment-points/${point("Summer 1")}/open-early`,
        )
      ).statusCode,
    ).toBe(200);
    const first = json<{ id: string }>(
      await importFile(
        s.leader,
        s.schoolId,
        "observations",
        "UPN,Assessment Point,Maths Grade\nZ881432119002,Summer 1,3\n",
        {},
        "first.csv",
      ),
    );
    const second = json<{ id: string }>(
      await importFile(
        s.leader,
        s.schoolId,
        "observations",
        "UPN,Assessment Point,Maths Grade\nZ881432119002,Summer 1,4\n",
        {},
        "second.csv",
      ),
    );
    const blocked = await s.leader.delete(`/api/imports/${first.id}`);
    expect(blocked.statusCode).toBe(409);
    expect(json(blocked).detail).toContain("second.csv");
    expect(json(await s.leader.delete(`/api/imports/${second.id}`))).toEqual({
      restored: 1,
      removed: 0,
    });
    const summer = await grid("Summer 1");
    expect(summer.values.map((v) => v.display)).toEqual(["3"]);
    expect(json(await s.leader.delete(`/api/imports/${first.id}`))).toEqual({
      restored: 0,
      removed: 1,
    });
  });

  it("validates values entered in the grid against their scale, saving all or nothing", async () => {
    const autumn1 = await grid("Autumn 1");
    const maths = autumn1.measures.find((m) => m.key === "maths-grade");
    const [a, b] = autumn1.pupils;
    const bad = await s.teacher.put("/api/observations", {
      observations: [
        { pupilId: a?.id, measureId: maths?.id, assessmentPointId: point("Autumn 1"), value: "7" },
        {
          pupilId: b?.id,
          measureId: maths?.id,
          assessmentPointId: point("Autumn 1"),
          value: "EXS",
        },
      ],
    });
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(bad).errors.map((e) => e.field)).toEqual([
      "observations.1.value",
    ]);
    const after = await grid("Autumn 1");
    expect(
      after.values.find((v) => v.pupilId === a?.id && v.measureId === maths?.id)?.display,
    ).not.toBe("7");
    const cleared = await s.teacher.put("/api/observations", {
      observations: [
        { pupilId: a?.id, measureId: maths?.id, assessmentPointId: point("Autumn 1"), value: null },
      ],
    });
    expect(cleared.statusCode).toBe(200);
  });
});
