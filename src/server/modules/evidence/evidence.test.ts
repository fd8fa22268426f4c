import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, type TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  makeCluster,
  makeSchoolYear,
  makeStaff,
  makeStrategy,
  makeUser,
  repeat,
  signIn,
  type TestUser,
} from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { Evaluation, EvidenceGroup, Strategy } from "../../../contracts/strategies.ts";
import { EVIDENCE_SUPPRESS_AT_OR_BELOW } from "../../../domain/statistics/evidence-pools.ts";

type EvidenceAnswer = EvidenceGroup & { groups: EvidenceGroup[] };

/** Every signed-in role: the evidence page is the network's, so each must get the same answer. */
const ROLES = [
  "no_role",
  "network_admin",
  "programme_lead",
  "school_leader",
  "teacher",
  "para_professional",
];

/**
 * A fresh cluster with one school: 15 disadvantaged pupils in its target
 * cohort, 8 other disadvantaged pupils and 5 others, all in year 5 with Autumn
 * 1 and 2 values; its leader, teacher and para-professional, the cluster's
 * programme lead, an administrator and a person with no role.
 */
describe(`network evidence at the edges: flat data, small numbers, like with like [${testEngine()}]`, () => {
  let t: TestApp;
  let school: string;
  let leader: TestUser;
  let measureId: string;
  let points: { from: string; to: string; fromStarts: string };
  const clients = new Map<string, TestClient>();
  const as = (key: string): TestClient => {
    const client = clients.get(key);
    if (!client) throw new Error(key);
    return client;
  };
  /** A strategy row to hang a shared result on (results are unique per strategy). */
  const bareStrategy = async (title: string) =>
    (await makeStrategy(t, { schoolId: school, createdBy: leader.id, title })).id;
  const shareRow = async (
    strandKey: string,
    figures: {
      nT: number;
      nC: number | null;
      g: number;
      v: number;
      kind?: string;
      comparison?: string;
    },
  ) => {
    const strategyId = await bareStrategy(`Result n=${figures.nT}`);
    const half = 1.959963984540054 * Math.sqrt(Math.max(figures.v, 0));
    await t.deps.db
      .insertInto("shared_results")
      .values({
        strategy_id: strategyId,
        school_id: school,
        strand_key: strandKey,
        theme_key: null,
        title: `Result n=${figures.nT}`,
        measure_name: "Reading",
        measure_kind: figures.kind ?? "attainment",
        from_label: "Autumn 1 2026/27",
        to_label: "Autumn 2 2026/27",
        comparison: figures.comparison ?? "disadvantaged",
        n_t: figures.nT,
        mean_before_t: 100,
        sd_before_t: 10,
        mean_after_t: 104,
        sd_after_t: 10,
        n_c: figures.nC,
        mean_before_c: 100,
        sd_before_c: 10,
        mean_after_c: 102,
        sd_after_c: 10,
        g: figures.g,
        v: figures.v,
        ci_low: figures.g - half,
        ci_high: figures.g + half,
        months: 2,
        named: false,
        shared_by: null,
        shared_at: t.clock.now(),
        withdrawn_at: null,
      })
      .execute();
  };
  const evidence = async (role: string, query = "") => {
    const response = await as(role).get(`/api/evidence${query}`);
    expect(response.statusCode, `${role} ${query}`).toBe(200);
    expect(response.body).not.toMatch(/NaN|Infinity/);
    return json<EvidenceAnswer>(response);
  };

  beforeAll(async () => {
    t = await createTestApp();
    const cluster = await makeCluster(t);
    school = (
      await makeSchoolYear(t, {
        clusterId: cluster.id,
        pupils: [
          ...repeat(15, { pupilPremium: true, inCohort: true }),
          ...repeat(8, { pupilPremium: true }),
          ...repeat(5, {}),
        ],
      })
    ).schoolId;
    leader = await makeStaff(t, { role: "school_leader", schoolId: school });
    const people: [string, TestUser][] = [
      ["no_role", await makeUser(t, { role: null })],
      ["network_admin", await makeStaff(t, { role: "network_admin" })],
      ["programme_lead", await makeStaff(t, { role: "programme_lead", clusterId: cluster.id })],
      ["school_leader", leader],
      ["teacher", await makeStaff(t, { role: "teacher", schoolId: school })],
      ["para_professional", await makeStaff(t, { role: "para_professional", schoolId: school })],
    ];
    for (const [key, user] of people) clients.set(key, await signIn(t, user));
    const rows = await t.deps.db
      .selectFrom("assessment_points")
      .select(["id", "starts_on"])
      .where("school_id", "=", school)
      .orderBy("starts_on")
      .limit(2)
      .execute();
    points = {
      from: rows[0]?.id ?? "",
      to: rows[1]?.id ?? "",
      fromStarts: String(rows[0]?.starts_on ?? ""),
    };
    measureId = (
      await t.deps.db
        .selectFrom("measures")
        .select("id")
        .where("school_id", "=", school)
        .where("key", "=", "reading-ta")
        .executeTakeFirstOrThrow()
    ).id;
  });
  afterAll(async () => t.close());

  it("a flat-data strategy: the evaluation says why there is no effect, sharing is refused and stores nothing", async () => {
    const strands = json<{ items: { id: string; key: string }[] }>(
      await as("teacher").get("/api/eef-strands"),
    ).items;
    const created = json<Strategy>(
      await as("school_leader").post(`/api/schools/${school}/strategies`, {
        title: "Same again",
        eefStrandId: strands.find((s) => s.key === "feedback")?.id ?? strands[0]?.id,
        startsOn: points.fromStarts,
      }),
    );
    const cohort = json<{ members: { pupilId: string }[] }>(
      await as("school_leader").get(`/api/schools/${school}/cohort`),
    ).members;
    await as("school_leader").put(`/api/strategies/${created.id}/participants`, {
      pupilIds: cohort.map((m) => m.pupilId),
    });
    // No pupil's score changes between the two points.
    const before = await t.deps.db
      .selectFrom("observations")
      .select(["pupil_id", "value"])
      .where("measure_id", "=", measureId)
      .where("assessment_point_id", "=", points.from)
      .execute();
    for (const o of before)
      await t.deps.db
        .updateTable("observations")
        .set({ value: o.value })
        .where("measure_id", "=", measureId)
        .where("assessment_point_id", "=", points.to)
        .where("pupil_id", "=", o.pupil_id)
        .execute();
    const query = `measureId=${measureId}&from=${points.from}&to=${points.to}&comparison=non_participants`;
    const response = await as("teacher").get(`/api/strategies/${created.id}/evaluation?${query}`);
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toMatch(/NaN|Infinity/);
    const evaluation = json<Evaluation>(response);
    expect(evaluation.hedgesG).toBeNull();
    expect(evaluation.months).toBeNull();
    expect(evaluation.warnings.map((w) => w.code)).toContain("no-variance");

    const shared = await as("school_leader").post(`/api/strategies/${created.id}/share`, {
      measureId,
      from: points.from,
      to: points.to,
      comparison: "non_participants",
    });
    expect(shared.statusCode).toBe(409);
    expect(json<{ detail: string }>(shared).detail).toContain("No usable variance");
    const stored = await t.deps.db
      .selectFrom("shared_results")
      .select("id")
      .where("strategy_id", "=", created.id)
      .execute();
    expect(stored).toHaveLength(0);
    for (const role of ROLES) await evidence(role);

    // From == to has its own message.
    const same = await as("teacher").get(
      `/api/strategies/${created.id}/evaluation?measureId=${measureId}&from=${points.from}&to=${points.from}`,
    );
    expect(same.statusCode).toBe(400);
    expect(JSON.stringify(json(same))).toContain("Before and after are the same point");
  });

  it("a period that ends before the strategy began can be neither shared nor cited for a wider stage", async () => {
    const created = json<Strategy>(
      await as("school_leader").post(`/api/schools/${school}/strategies`, {
        title: "Starts later",
        startsOn: "2027-01-10",
      }),
    );
    const choice = {
      measureId,
      from: points.from,
      to: points.to,
      comparison: "non_participants" as const,
    };
    const evaluation = json<Evaluation>(
      await as("teacher").get(
        `/api/strategies/${created.id}/evaluation?measureId=${measureId}&from=${points.from}&to=${points.to}&comparison=none`,
      ),
    );
    expect(evaluation.coverage).toBe("ends-before-start");
    expect(evaluation.warnings.find((w) => w.code === "period")?.text).toContain(
      "ends before the strategy began (10 Jan 2027)",
    );
    const shared = await as("school_leader").post(`/api/strategies/${created.id}/share`, choice);
    expect(shared.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(shared).errors[0]?.field).toBe("to");
    const widened = await as("school_leader").patch(`/api/strategies/${created.id}`, {
      version: created.version,
      cascadeStage: "year_group",
      stageEvidence: "It worked.",
      stageEvaluation: choice,
    });
    expect(widened.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(widened).errors[0]?.field).toBe("stageEvaluation");
    const after = json<Strategy>(await as("school_leader").get(`/api/strategies/${created.id}`));
    expect(after.cascadeStage).toBe("target_cohort");
    expect(after.shared).toBeNull();
  });

  it("a flat result already stored (before this guard) is listed as left out and why, and the page answers 200 for every role", async () => {
    await shareRow("flat-strand", { nT: 12, nC: 30, g: 0.3, v: 0.05 });
    await shareRow("flat-strand", { nT: 14, nC: 25, g: 0.5, v: 0.06 });
    await shareRow("flat-strand", { nT: 10, nC: 20, g: 0, v: -2e-17 });
    await shareRow("flat-strand", { nT: 10, nC: 20, g: 0, v: 2e-16 });
    // The old bug stored a NaN interval: the school's strategy page and the evidence page still answer.
    const legacy = await t.deps.db
      .updateTable("shared_results")
      .set({ ci_low: Number.NaN, ci_high: Number.NaN })
      .where("strand_key", "=", "flat-strand")
      .where("v", "<", 0)
      .returning("strategy_id")
      .executeTakeFirstOrThrow();
    const strategyPage = await as("teacher").get(`/api/strategies/${legacy.strategy_id}`);
    expect(strategyPage.statusCode).toBe(200);
    expect(json<Strategy>(strategyPage).shared).toMatchObject({ ciLow: null, ciHigh: null });
    for (const role of ROLES) {
      const page = await evidence(role, "?strand=flat-strand");
      expect(page.studies).toHaveLength(4);
      const left = page.studies.filter((s) => !s.included);
      expect(left).toHaveLength(2);
      for (const s of left) {
        expect(s.note).toContain("no usable variance");
        expect(s.g).toBeNull();
      }
      expect(page.k).toBe(2);
      expect(page.pooledG).not.toBeNull();
      // Two results, v 0.05 and 0.06, τ² from Q: the flat ones change nothing.
      expect(page.intervalMethod).toBe("knha");
      expect(page.note).toContain("no usable variance");
      await evidence(role);
    }
  });

  it(`the small-number rule: ${EVIDENCE_SUPPRESS_AT_OR_BELOW} participants is left out and shows no figure to every role; 6 is pooled`, async () => {
    await shareRow("small-strand", { nT: 5, nC: 40, g: 0.987654, v: 0.25 });
    await shareRow("small-strand", { nT: 6, nC: 6, g: 0.2, v: 0.34 });
    for (const role of ROLES) {
      const page = await evidence(role, "?strand=small-strand");
      const five = page.studies.find((s) => s.title === "Result n=5");
      const six = page.studies.find((s) => s.title === "Result n=6");
      expect(five).toMatchObject({
        included: false,
        g: null,
        ciLow: null,
        ciHigh: null,
        nParticipants: null,
        nComparison: null,
      });
      expect(five?.note).toContain("5 or fewer pupils");
      expect(six).toMatchObject({ included: true, g: 0.2, nParticipants: 6, nComparison: 6 });
      expect(page.k).toBe(1);
      expect(page.pooledG).toBeCloseTo(0.2, 12);
      expect(JSON.stringify(page)).not.toContain("0.987654");
    }
  });

  it("pools only like with like: a strand mixing designs and outcome families shows a breakdown, each pool named", async () => {
    await shareRow("mixed-strand", { nT: 12, nC: 30, g: 0.3, v: 0.05 });
    await shareRow("mixed-strand", { nT: 15, nC: 28, g: 0.45, v: 0.07 });
    await shareRow("mixed-strand", { nT: 20, nC: 33, g: 0.1, v: 0.04 });
    await shareRow("mixed-strand", { nT: 12, nC: null, g: 0.8, v: 0.09, comparison: "none" });
    await shareRow("mixed-strand", { nT: 12, nC: 30, g: -0.85, v: 0.05, kind: "attendance" });
    const page = await evidence("teacher", "?strand=mixed-strand");
    expect(page.pooledG).toBeNull();
    expect(page.months).toBeNull();
    expect(page.note).toContain("Only like is pooled with like");
    expect(page.groups).toHaveLength(3);
    const attainment = page.groups.find(
      (g) => g.design === "comparison-group" && g.outcomeFamily === "attainment",
    );
    expect(attainment?.k).toBe(3);
    expect(attainment?.intervalMethod).toBe("knha");
    expect(attainment?.q).not.toBeNull();
    expect(attainment?.qP).toBeGreaterThan(0);
    expect(attainment?.piLow).toBeLessThanOrEqual(attainment?.ciLow ?? Number.NaN);
    expect(attainment?.months).not.toBeNull();
    expect(attainment?.poolLabel).toContain("attainment");
    const prePost = page.groups.find((g) => g.design === "pre-post");
    expect(prePost?.months).toBeNull();
    const attendance = page.groups.find((g) => g.outcomeFamily === "attendance");
    expect(attendance?.months).toBeNull();
    expect(attendance?.pooledG).toBeCloseTo(-0.85, 12);

    const all = await evidence("teacher");
    expect(all.pooledG).toBeNull();
    expect(all.note).toContain("Only like is pooled with like");
    // The pools of every strand shared in this file: flat-strand's one, small-strand's one, mixed-strand's three.
    expect(all.groups).toHaveLength(5);
  });
});
