import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { EvidenceGroup } from "../../../contracts/strategies.ts";
import { COHORT_TARGET, EXAM_YEARS } from "../../../domain/cohort.ts";
import { findCandidates } from "../cohort/candidates.ts";
import { cohortPupilIds } from "../cohort/store.ts";
import { type LoadedDemo, loadDemoNetwork } from "./load-demo.ts";
import { firstPointWithData } from "./load-demo-pupils.ts";

const PASSWORD = "demo password for the demo data tests";

/** Loads the demo network (default seed) into a fresh Cascade on the test clock. */
async function loadDemo(t: TestApp): Promise<LoadedDemo> {
  return t.deps.db
    .transaction()
    .execute((trx) => loadDemoNetwork(trx, { now: t.clock.now(), password: PASSWORD }));
}

/** Each school's cohort, by school key, as sorted UPNs: comparable across databases. */
async function cohortsByUpn(t: TestApp, demo: LoadedDemo): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [key, enrolmentId] of Object.entries(demo.enrolmentIds)) {
    const ids = (await cohortPupilIds(t.deps.db, [enrolmentId])).map((c) => c.pupilId);
    const rows = ids.length
      ? await t.deps.db.selectFrom("pupils").select("upn").where("id", "in", ids).execute()
      : [];
    out[key] = rows.map((r) => r.upn).sort();
  }
  return out;
}

/** Each school's shared result, by school key: its figures, comparable across databases. */
async function sharedByKey(t: TestApp, demo: LoadedDemo) {
  const keyOf = new Map(Object.entries(demo.schoolIds).map(([key, id]) => [id, key]));
  const rows = await t.deps.db
    .selectFrom("shared_results")
    .select(["school_id", "title", "strand_key", "comparison", "n_t", "n_c", "g", "v"])
    .execute();
  return Object.fromEntries(
    rows.map((r) => [
      keyOf.get(r.school_id) ?? r.school_id,
      { ...r, school_id: undefined, g: Number(r.g), v: Number(r.v) },
    ]),
  );
}

describe(`the demo network's data looks real [${testEngine()}]`, () => {
  let t: TestApp;
  let demo: LoadedDemo;
  beforeAll(async () => {
    t = await createTestApp();
    demo = await loadDemo(t);
  }, 120_000);
  afterAll(async () => t.close());

  it("gives every school a cohort of 15 pupils who all meet the criteria, the finder's best proposals", async () => {
    for (const school of demo.network.schools) {
      const schoolId = demo.schoolIds[school.key] ?? "";
      const enrolmentId = demo.enrolmentIds[school.key] ?? "";
      const members = (await cohortPupilIds(t.deps.db, [enrolmentId])).map((c) => c.pupilId);
      expect(members, school.key).toHaveLength(COHORT_TARGET);
      const pupils = await t.deps.db
        .selectFrom("pupils")
        .selectAll()
        .where("id", "in", members)
        .execute();
      for (const p of pupils) {
        expect(p.pupil_premium, `${school.key} ${p.upn} disadvantaged`).toBe(true);
        expect(EXAM_YEARS, `${school.key} ${p.upn} not in an exam year`).not.toContain(
          p.year_group,
        );
        expect(p.other_intervention, `${school.key} ${p.upn} no other intervention`).toBe(false);
      }
      // The finder, on the data the cohort was chosen from, proposes every member, and
      // the members are its 15 best proposals.
      const first = await firstPointWithData(t.deps.db, schoolId);
      const { ranked } = await findCandidates(
        t.deps.db,
        { id: schoolId, disadvantage_rule: "pupil_premium" },
        enrolmentId,
        { today: "2026-11-23", pointId: first ?? undefined },
      );
      const proposed = ranked.filter((c) => c.status === "proposed").map((c) => c.id);
      expect(proposed.slice(0, COHORT_TARGET).sort(), school.key).toEqual([...members].sort());
    }
  });

  it("leaves enough other disadvantaged pupils in the cohort's year groups for a comparison", async () => {
    for (const school of demo.network.schools) {
      const schoolId = demo.schoolIds[school.key] ?? "";
      const members = new Set(
        (await cohortPupilIds(t.deps.db, [demo.enrolmentIds[school.key] ?? ""])).map(
          (c) => c.pupilId,
        ),
      );
      const pupils = await t.deps.db
        .selectFrom("pupils")
        .select(["id", "year_group", "pupil_premium"])
        .where("school_id", "=", schoolId)
        .execute();
      const years = new Set(pupils.filter((p) => members.has(p.id)).map((p) => p.year_group));
      const others = pupils.filter(
        (p) => !members.has(p.id) && p.pupil_premium && years.has(p.year_group),
      );
      // More than five: a comparison group the evidence page may show (DfE's small-number rule).
      expect(others.length, school.key).toBeGreaterThan(5);
    }
  });

  it("records only the measures that fit each phase and year group", async () => {
    const rows = await t.deps.db
      .selectFrom("observations")
      .innerJoin("measures", "measures.id", "observations.measure_id")
      .innerJoin("pupils", "pupils.id", "observations.pupil_id")
      .innerJoin("schools", "schools.id", "pupils.school_id")
      .select(["measures.key", "measures.kind", "pupils.year_group", "schools.phase"])
      .distinct()
      .execute();
    const year = (y: string) => (y === "R" ? 0 : Number(y));
    const attainment = rows.filter((r) => r.kind === "attainment");
    expect(attainment.length).toBeGreaterThan(0);
    // No key-stage scale in Reception: neither teacher assessments nor KS2 scaled scores.
    expect(attainment.filter((r) => r.year_group === "R")).toEqual([]);
    // KS2 scaled scores only in Year 6, the year of the tests.
    const scaled = attainment.filter((r) => r.key.endsWith("-scaled"));
    expect(scaled.length).toBeGreaterThan(0);
    expect(new Set(scaled.map((r) => r.year_group))).toEqual(new Set(["6"]));
    // Grades from Year 7; primary-style teacher assessments after Year 6 only in special schools.
    for (const r of attainment.filter((x) => x.key.endsWith("-grade")))
      expect(year(r.year_group), `${r.key} in Year ${r.year_group}`).toBeGreaterThanOrEqual(7);
    for (const r of attainment.filter((x) => x.key.endsWith("-ta") && year(x.year_group) >= 7))
      expect(r.phase, `${r.key} in Year ${r.year_group}`).toBe("special");
    // Every pupil from Year 1 has attainment of some kind; everyone has attendance and themes.
    const pupilsWithout = await t.deps.db
      .selectFrom("pupils")
      .select(["pupils.upn", "pupils.year_group"])
      .where("pupils.year_group", "!=", "R")
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("observations")
              .innerJoin("measures", "measures.id", "observations.measure_id")
              .select("observations.id")
              .whereRef("observations.pupil_id", "=", "pupils.id")
              .where("measures.kind", "=", "attainment"),
          ),
        ),
      )
      .execute();
    expect(pupilsWithout).toEqual([]);
    const reception = rows.filter((r) => r.year_group === "R").map((r) => r.key);
    expect(reception).toEqual(expect.arrayContaining(["attendance", "theme-resilient"]));
  });

  it("trials strategies that differ, and the evidence page shows several pools, not one strategy many times", async () => {
    const strategies = await t.deps.db
      .selectFrom("strategies")
      .leftJoin("eef_strands", "eef_strands.id", "strategies.eef_strand_id")
      .leftJoin("measures", "measures.id", "strategies.success_measure_id")
      .select(["strategies.title", "eef_strands.key as strand", "measures.kind", "cost_pounds"])
      .execute();
    expect(strategies).toHaveLength(demo.network.schools.length);
    expect(new Set(strategies.map((s) => s.strand)).size).toBeGreaterThanOrEqual(5);
    expect(new Set(strategies.map((s) => s.kind)).size).toBeGreaterThanOrEqual(3);
    expect(new Set(strategies.map((s) => Number(s.cost_pounds))).size).toBeGreaterThanOrEqual(4);

    const admin = new TestClient(t.app);
    const login = await admin.post("/api/auth/login", {
      email: demo.credentials[0]?.email,
      password: PASSWORD,
    });
    expect(login.statusCode).toBe(200);
    const page = json<EvidenceGroup & { groups: EvidenceGroup[] }>(
      await admin.get("/api/evidence"),
    );
    const strandPools = page.groups.filter((g) => g.kind === "strand");
    expect(new Set(strandPools.map((g) => g.key)).size).toBeGreaterThanOrEqual(4);
    expect(new Set(strandPools.map((g) => g.design)).size).toBe(2);
    expect(new Set(strandPools.map((g) => g.outcomeFamily)).size).toBeGreaterThanOrEqual(4);
    // No pool is one strategy copied across the network.
    expect(Math.max(...strandPools.map((g) => g.k))).toBeLessThan(page.studies.length / 2);
    // Every shared result is shown and pooled (the demo shares only what the rules allow).
    expect(page.studies.length).toBeGreaterThanOrEqual(7);
    expect(page.studies.every((s) => s.included && s.g !== null)).toBe(true);
    // Honest results: some help, some make no difference or go the wrong way.
    const gs = page.studies.map((s) => s.g ?? Number.NaN);
    expect(Math.max(...gs)).toBeGreaterThan(0.2);
    expect(Math.min(...gs)).toBeLessThan(0.1);
    // Peer tutoring still pools three or more schools on one theme rating (HKSJ, prediction interval).
    const peer = strandPools.find((g) => g.key === "peer-tutoring");
    expect(peer?.k).toBeGreaterThanOrEqual(3);
    expect(peer?.piLow).not.toBeNull();
  });

  it("is the same data every time for the same seed, whatever ids the database gives", async () => {
    const other = await createTestApp();
    try {
      const again = await loadDemo(other);
      expect(await cohortsByUpn(other, again)).toEqual(await cohortsByUpn(t, demo));
      expect(await sharedByKey(other, again)).toEqual(await sharedByKey(t, demo));
    } finally {
      await other.close();
    }
  }, 180_000);
});
