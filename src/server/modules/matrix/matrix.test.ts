import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, type TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  makeCluster,
  makeSchoolYear,
  makeStaff,
  makeTrio,
  repeat,
  signIn,
} from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { Matrix } from "../../../contracts/cohort.ts";

interface Candidates {
  weights: { code: string; points: number; text: string }[];
  candidates: {
    pupilId: string;
    status: string;
    score: number;
    yearGroup: string;
    reasons: { code: string; text: string }[];
  }[];
}
interface Cohort {
  size: number;
  warning: string | null;
  members: {
    pupilId: string;
    pseudonym: string | null;
    joinedOn: string;
    measures: {
      key: string;
      latest: string | null;
      atJoining: string | null;
      change: number | null;
    }[];
  }[];
  history: { pupilId: string; leftOn: string | null; reason: string | null }[];
}

/**
 * A cluster of five schools, three of them a trio, each with a cohort of 15 and
 * the year's first two half-terms of data; a second cluster with a trio of its
 * own. The first school has 16 disadvantaged pupils below expected outside year
 * 6, three in year 6 and six others; its staff are a leader and a teacher.
 */
describe(`the target cohort and the matrix [${testEngine()}]`, () => {
  let t: TestApp;
  const clients = new Map<string, TestClient>();
  const as = (key: string): TestClient => {
    const client = clients.get(key);
    if (!client) throw new Error(key);
    return client;
  };
  const ids = { north: "", south: "", first: "" };
  beforeAll(async () => {
    t = await createTestApp();
    ids.north = (await makeCluster(t)).id;
    const first = await makeSchoolYear(t, {
      clusterId: ids.north,
      pupils: [
        ...repeat(15, { pupilPremium: true, inCohort: true, yearGroup: "4" }),
        ...repeat(1, { pupilPremium: true, yearGroup: "3" }),
        ...repeat(3, { pupilPremium: true, yearGroup: "6" }),
        ...repeat(6, { pupilPremium: false }),
      ],
    });
    ids.first = first.schoolId;
    const schools = [first.schoolId];
    for (let i = 0; i < 4; i += 1)
      schools.push(
        (
          await makeSchoolYear(t, {
            clusterId: ids.north,
            pupils: [...repeat(15, { pupilPremium: true, inCohort: true }), ...repeat(3, {})],
          })
        ).schoolId,
      );
    await makeTrio(t, { clusterId: ids.north, schoolIds: schools.slice(0, 3) });
    const south = await makeTrio(t);
    ids.south = south.clusterId;
    for (const role of ["school_leader", "teacher"] as const)
      clients.set(role, await signIn(t, await makeStaff(t, { role, schoolId: first.schoolId })));
    clients.set(
      "programme_lead",
      await signIn(t, await makeStaff(t, { role: "programme_lead", clusterId: ids.north })),
    );
  });
  afterAll(async () => t.close());
  /** A pupil of the school's target cohort (the matrix shows the cohort). */
  const ownCohortPupil = async (school: string) =>
    (
      await t.deps.db
        .selectFrom("cohort_members")
        .innerJoin("pupils", "pupils.id", "cohort_members.pupil_id")
        .select("pupils.id")
        .where("pupils.school_id", "=", school)
        .where("cohort_members.left_on", "is", null)
        .orderBy("pupils.upn")
        .executeTakeFirst()
    )?.id;

  it("ranks candidates with reasons, holding back exam years and pupils who are not disadvantaged", async () => {
    const school = ids.first;
    const result = json<Candidates>(
      await as("school_leader").get(`/api/schools/${school}/cohort/candidates`),
    );
    expect(result.weights.map((w) => w.code)).toEqual(
      expect.arrayContaining(["disadvantaged", "below-expected", "exam-year"]),
    );
    const proposed = result.candidates.filter((c) => c.status === "proposed");
    expect(proposed.length).toBeGreaterThan(0);
    for (const c of proposed) {
      expect(c.reasons.map((r) => r.code)).toContain("disadvantaged");
      expect(c.yearGroup).not.toBe("6");
    }
    const scores = proposed.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(
      result.candidates.filter((c) => c.yearGroup === "6").every((c) => c.status === "held-back"),
    ).toBe(true);
  });

  it("confirms a cohort with history, pseudonyms and a size warning outside 10–20", async () => {
    const school = ids.first;
    const leader = as("school_leader");
    const candidates = json<Candidates>(
      await leader.get(`/api/schools/${school}/cohort/candidates`),
    ).candidates;
    const eight = candidates.slice(0, 8).map((c) => c.pupilId);
    const small = json<Cohort>(
      await leader.put(`/api/schools/${school}/cohort`, {
        pupilIds: eight,
        reason: "Trimmed for the trial",
      }),
    );
    expect(small.size).toBe(8);
    expect(small.warning).toContain("fewer than 10");
    expect(small.history.filter((h) => h.leftOn !== null).length).toBeGreaterThan(0);
    for (const m of small.members) expect(m.pseudonym).toMatch(/^[A-Z]{3}-\d{2,4}$/);
    const pseudonyms = new Map(small.members.map((m) => [m.pupilId, m.pseudonym]));

    const fifteen = candidates.slice(0, 15).map((c) => c.pupilId);
    const full = json<Cohort>(
      await leader.put(`/api/schools/${school}/cohort`, { pupilIds: fifteen }),
    );
    expect(full.size).toBe(15);
    expect(full.warning).toBeNull();
    // A pupil keeps the same pseudonym all year.
    for (const m of full.members)
      if (pseudonyms.has(m.pupilId)) expect(m.pseudonym).toBe(pseudonyms.get(m.pupilId));
    expect(new Set(full.members.map((m) => m.pseudonym)).size).toBe(15);

    const teacher = as("teacher");
    expect(
      (await teacher.put(`/api/schools/${school}/cohort`, { pupilIds: fifteen })).statusCode,
    ).toBe(403);
    const other = await leader.put(`/api/schools/${school}/cohort`, {
      pupilIds: [crypto.randomUUID()],
    });
    expect(other.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(other).errors[0]?.field).toBe("pupilIds.0");
  });

  it("draws my school with names, the same picture every time, no dot hiding another", async () => {
    const leader = as("school_leader");
    const first = json<Matrix>(await leader.get("/api/matrix?view=school"));
    const second = json<Matrix>(await leader.get("/api/matrix?view=school"));
    expect(second).toEqual(first);
    expect(first.points.map((p) => p.key)).toEqual(["2026/27|Autumn 1", "2026/27|Autumn 2"]);
    expect(first.from).toBe("2026/27|Autumn 1");
    expect(first.to).toBe("2026/27|Autumn 2");
    expect(first.x.spec).toBe("composite:attainment");
    expect(first.y.spec).toBe("composite:learning-behaviours");
    expect(first.dots).toHaveLength(15);
    for (const d of first.dots) expect(d.own).toBe(true);
    const placed = first.dots.flatMap((d) => (d.to ? [`${d.to.sx},${d.to.sy}`] : []));
    expect(new Set(placed).size).toBe(placed.length);
    expect(
      first.summary
        .filter((s) => s.schoolCode === first.dots[0]?.schoolCode)
        .reduce((n, s) => n + (s.now ?? 0), 0),
    ).toBe(first.dots.filter((d) => d.quadrantTo && d.quadrantFrom).length);
  });

  it("shows the trio its 45 dots, other schools pseudonymised, coloured by school code", async () => {
    const matrix = json<Matrix>(await as("teacher").get("/api/matrix?view=trio"));
    expect(matrix.schools).toHaveLength(3);
    expect(matrix.dots).toHaveLength(45);
    const others = matrix.dots.filter((d) => !d.own);
    expect(others).toHaveLength(30);
    for (const d of others) {
      expect(d.label).toMatch(/^[A-Z]{3}-\d{2,4}$/);
      expect(d.key).toBe(d.label);
      expect(d.label.startsWith(d.schoolCode)).toBe(true);
    }
  });

  it("shows the programme lead the cluster with every pupil pseudonymised, and saves the cluster's axes", async () => {
    const lead = as("programme_lead");
    const matrix = json<Matrix>(await lead.get("/api/matrix?view=cluster"));
    expect(matrix.schools).toHaveLength(5);
    expect(matrix.dots.every((d) => !d.own)).toBe(true);
    const cluster = ids.north;
    const saved = await lead.put("/api/matrix/settings", {
      scopeType: "cluster",
      scopeId: cluster,
      x: "measure:attendance",
      y: "measure:theme-resilient",
    });
    expect(saved.statusCode).toBe(200);
    const trio = json<Matrix>(await as("teacher").get("/api/matrix?view=trio"));
    expect(trio.x.spec).toBe("measure:attendance");
    expect(trio.y.label).toBe("Resilient Learner");
    const bad = await lead.get("/api/matrix?view=cluster&x=measure:no-such-thing");
    expect(bad.statusCode).toBe(400);
    const badPoint = await lead.get("/api/matrix?view=cluster&from=2031/32|Autumn%201");
    expect(badPoint.statusCode).toBe(400);
    expect((await lead.get(`/api/matrix?view=cluster&clusterId=${ids.south}`)).statusCode).toBe(
      404,
    );
    await lead.put("/api/matrix/settings", {
      scopeType: "cluster",
      scopeId: cluster,
      x: "composite:attainment",
      y: "composite:learning-behaviours",
    });
  });

  it("exports the table as CSV: names for my school, pseudonyms for the others, cells neutralised", async () => {
    const own = ids.first;
    // A name that a spreadsheet would run as a formula, on one of the teacher's own pupils.
    const formula = await t.deps.db
      .updateTable("pupils")
      .set({ preferred_first_name: "=HYPERLINK(1)" })
      .where("id", "=", (await ownCohortPupil(own)) ?? "")
      .returning("last_name")
      .executeTakeFirstOrThrow();
    const response = await as("teacher").get("/api/matrix/export.csv?view=trio");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/csv");
    expect(response.headers["content-disposition"]).toContain("attachment");
    const [header, ...rows] = parse(response.body.replace(/^\uFEFF/, ""), {
      relax_column_count: false,
    }) as string[][];
    expect(header?.[0]).toBe("School");
    expect(header?.[1]).toBe("Pupil");
    expect(header?.[2]).toContain("Attainment against expected");
    const matrix = json<Matrix>(await as("teacher").get("/api/matrix?view=trio"));
    expect(rows).toHaveLength(matrix.dots.length);

    // Every pupil of the network, with the name and the pseudonym a viewer could be shown.
    const pupils = await t.deps.db
      .selectFrom("pupils")
      .leftJoin("pseudonyms", "pseudonyms.pupil_id", "pupils.id")
      .select([
        "pupils.school_id",
        "pupils.legal_first_name",
        "pupils.preferred_first_name",
        "pupils.last_name",
        "pseudonyms.code",
      ])
      .execute();
    const ownNames = new Set(
      pupils
        .filter((p) => p.school_id === own)
        .map((p) => `${p.preferred_first_name ?? p.legal_first_name} ${p.last_name}`),
    );
    const otherCodes = new Set(pupils.filter((p) => p.school_id !== own).map((p) => p.code));
    const pupilCells = rows.map((r) => r[1] ?? "");
    const named = pupilCells.filter((c) => ownNames.has(c.replace(/^'/, "")));
    const pseudonymous = pupilCells.filter((c) => otherCodes.has(c));
    expect(named.length, "the teacher's own pupils by name").toBeGreaterThan(0);
    expect(pseudonymous.length, "other schools' pupils by pseudonym").toBeGreaterThan(0);
    expect(named.length + pseudonymous.length).toBe(rows.length);
    // No other school's pupil's name is anywhere in the file (the generator can give two
    // schools a pupil of the same name: those are the teacher's own to see).
    for (const p of pupils.filter((x) => x.school_id !== own)) {
      const name = `${p.preferred_first_name ?? p.legal_first_name} ${p.last_name}`;
      if (!ownNames.has(name)) expect(response.body).not.toContain(name);
    }
    // The formula is written as text.
    expect(pupilCells).toContain(`'=HYPERLINK(1) ${formula.last_name}`);
    expect(pupilCells.some((c) => c.startsWith("="))).toBe(false);

    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("action", "=", "matrix.exported")
      .execute();
    expect(audit.length).toBeGreaterThan(0);
  });

  it("keeps a school's staff out of other trios", async () => {
    const south = await t.deps.db
      .selectFrom("trios")
      .select("id")
      .where("cluster_id", "=", ids.south)
      .executeTakeFirstOrThrow();
    expect(
      (await as("school_leader").get(`/api/matrix?view=trio&trioId=${south.id}`)).statusCode,
    ).toBe(404);
    expect((await as("programme_lead").get("/api/matrix?view=school")).statusCode).toBe(403);
  });
});
