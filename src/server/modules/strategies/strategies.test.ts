import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, type TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  defaultValues,
  type MadeStaff,
  makeCluster,
  makeSchool,
  makeSchoolYear,
  makeSharedStrategy,
  makeStaff,
  repeat,
  signIn,
} from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { Evaluation, EvidenceGroup, Strategy } from "../../../contracts/strategies.ts";
import { prePostControl } from "../../../domain/statistics/effect-size.ts";
import { poolStudies } from "../../../domain/statistics/meta-analysis.ts";

/**
 * A school's year for strategies: 15 disadvantaged pupils in the target cohort,
 * 8 other disadvantaged pupils and 5 others, all in year 5, with Autumn 1 and 2
 * values. Reading (1–4) moves up a step for two cohort pupils in three and for
 * one other disadvantaged pupil in four, so both groups have spread before,
 * after and in their change; `shift` moves which pupils gain.
 */
const PUPILS = [
  ...repeat(15, { pupilPremium: true, inCohort: true }),
  ...repeat(8, { pupilPremium: true }),
  ...repeat(5, {}),
];
function readingOf(index: number, point: number, shift: number): number {
  const before = 1 + (index % 2);
  if (point === 0) return before;
  const gains = index < 15 ? (index + shift) % 3 !== 0 : (index + shift) % 4 === 0;
  return before + (gains ? 1 : 0);
}
async function strategySchoolYear(
  t: TestApp,
  options: { clusterId: string; schoolId?: string; shift?: number },
) {
  return makeSchoolYear(t, {
    clusterId: options.clusterId,
    ...(options.schoolId ? { schoolId: options.schoolId } : {}),
    pupils: PUPILS,
    values: (pupil, point) => ({
      ...defaultValues(pupil, point),
      "reading-ta": readingOf(pupil.index, point, options.shift ?? 0),
    }),
  });
}

/**
 * Northbrook's year as above in a fresh cluster, its leader and teacher, the
 * cluster's programme lead; two more schools of the cluster that each shared
 * a peer-tutoring result through the API.
 */
describe(`strategies: plan, review, evaluate, cascade and share [${testEngine()}]`, () => {
  let t: TestApp;
  let school: string;
  let strategy: Strategy;
  let points: { from: string; to: string };
  let measureId: string;
  let leader: MadeStaff;
  let teacher: MadeStaff;
  const clients = new Map<string, TestClient>();
  const as = (key: string): TestClient => {
    const client = clients.get(key);
    if (!client) throw new Error(key);
    return client;
  };
  const measureOf = async (schoolId: string) =>
    (
      await t.deps.db
        .selectFrom("measures")
        .select("id")
        .where("school_id", "=", schoolId)
        .where("key", "=", "reading-ta")
        .executeTakeFirstOrThrow()
    ).id;
  /** A peer-tutoring strategy of another school of the cluster, its cohort taking part, shared. */
  const sharePeerTutoring = async (clusterId: string, shift: number) =>
    makeSharedStrategy(t, {
      year: await strategySchoolYear(t, { clusterId, shift }),
      title: `Reading buddies ${shift}`,
      strandKey: "peer-tutoring",
    });
  beforeAll(async () => {
    t = await createTestApp();
    const cluster = await makeCluster(t);
    school = (await makeSchool(t, { name: "Northbrook Fictional Primary School" })).id;
    const year = await strategySchoolYear(t, { clusterId: cluster.id, schoolId: school });
    points = { from: year.pointIds.get("Autumn 1") ?? "", to: year.pointIds.get("Autumn 2") ?? "" };
    measureId = await measureOf(school);
    leader = await makeStaff(t, { role: "school_leader", schoolId: school });
    teacher = await makeStaff(t, { role: "teacher", schoolId: school });
    const lead = await makeStaff(t, { role: "programme_lead", clusterId: cluster.id });
    clients.set("school_leader", await signIn(t, leader));
    clients.set("teacher", await signIn(t, teacher));
    clients.set("programme_lead", await signIn(t, lead));
    await sharePeerTutoring(cluster.id, 1);
    await sharePeerTutoring(cluster.id, 2);
  });
  afterAll(async () => t.close());

  it("plans a strategy with its evidence, dose, cost and success measure, refusing bad references", async () => {
    const strands = json<{ items: { id: string; key: string; months: number }[] }>(
      await as("teacher").get("/api/eef-strands"),
    ).items;
    const metacognition = strands.find((s) => s.key === "metacognition-and-self-regulation");
    const bad = await as("school_leader").post(`/api/schools/${school}/strategies`, {
      title: "Thinking aloud",
      successMeasureId: crypto.randomUUID(),
      endsOn: "2026-09-01",
      startsOn: "2026-10-01",
    });
    expect(bad.statusCode).toBe(400);
    expect(
      json<{ errors: { field: string }[] }>(bad)
        .errors.map((e) => e.field)
        .sort(),
    ).toEqual(["endsOn", "successMeasureId"]);
    const created = await as("school_leader").post(`/api/schools/${school}/strategies`, {
      title: "Thinking aloud",
      description: "Modelling how to plan, monitor and evaluate a task.",
      eefStrandId: metacognition?.id,
      sessionsPerWeek: 3,
      minutesPerSession: 15,
      costPounds: 300,
      staffHours: 20,
      successMeasureId: measureId,
      successChange: 0.5,
      startsOn: "2026-09-07",
    });
    expect(created.statusCode).toBe(201);
    strategy = json<Strategy>(created);
    expect(strategy).toMatchObject({
      status: "planned",
      cascadeStage: "target_cohort",
      eefStrand: { months: metacognition?.months },
    });
    expect(
      (await as("teacher").post(`/api/schools/${school}/strategies`, { title: "Nope" })).statusCode,
    ).toBe(403);
  });

  it("offers the programme's themes and the school's staff as owners, to the school's staff only", async () => {
    const response = await as("teacher").get(`/api/schools/${school}/strategy-options`);
    expect(response.statusCode).toBe(200);
    const options = json<{
      themes: { key: string; name: string }[];
      staff: { userId: string; name: string; leader: boolean }[];
    }>(response);
    expect(options.themes.map((t) => t.key)).toContain("resilient");
    expect(options.themes).toHaveLength(3);
    expect(options.staff).toContainEqual(
      expect.objectContaining({ userId: leader.id, name: leader.name, leader: true }),
    );
    expect(options.staff).toContainEqual(
      expect.objectContaining({ userId: teacher.id, leader: false }),
    );
    expect(Object.keys(options.staff[0] ?? {}).sort()).toEqual(["leader", "name", "userId"]);
    expect(
      (await as("programme_lead").get(`/api/schools/${school}/strategy-options`)).statusCode,
    ).toBe(403);
  });

  it("takes participants from the cohort, and reviews from teachers", async () => {
    const cohort = json<{ members: { pupilId: string }[] }>(
      await as("school_leader").get(`/api/schools/${school}/cohort`),
    ).members;
    const withParticipants = json<Strategy>(
      await as("school_leader").put(`/api/strategies/${strategy.id}/participants`, {
        pupilIds: cohort.map((m) => m.pupilId),
      }),
    );
    expect(withParticipants.participants).toHaveLength(15);
    expect(withParticipants.participants.every((p) => p.inCohort)).toBe(true);
    const reviewed = await as("teacher").post(`/api/strategies/${strategy.id}/reviews`, {
      reviewedOn: "2026-11-20",
      done: "Three short sessions a week.",
      dataShows: "Reading assessments moved for most.",
      decision: "Continue to the end of term.",
    });
    expect(reviewed.statusCode).toBe(201);
    expect(json<Strategy>(reviewed).reviews.at(-1)).toMatchObject({
      decision: "Continue to the end of term.",
    });
    expect(
      (await as("teacher").put(`/api/strategies/${strategy.id}/participants`, { pupilIds: [] }))
        .statusCode,
    ).toBe(403);

    // Reading the named participants is audited with their count, not their names.
    expect((await as("teacher").get(`/api/strategies/${strategy.id}`)).statusCode).toBe(200);
    const viewed = await t.deps.db
      .selectFrom("audit_events")
      .select(["target_id", "details"])
      .where("action", "=", "strategy.viewed")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(viewed.target_id).toBe(strategy.id);
    expect(
      typeof viewed.details === "string" ? JSON.parse(viewed.details) : viewed.details,
    ).toEqual({ namedPupils: 15 });
  });

  // The cohort leaves 8 other disadvantaged pupils in its year group.
  it("evaluates participants against other disadvantaged pupils, as the statistics say", async () => {
    const response = await as("teacher").get(
      `/api/strategies/${strategy.id}/evaluation?measureId=${measureId}&from=${points.from}&to=${points.to}&comparison=disadvantaged`,
    );
    expect(response.statusCode).toBe(200);
    const evaluation = json<Evaluation>(response);
    expect(evaluation.groups).toHaveLength(2);
    const participants = evaluation.groups[0];
    const comparison = evaluation.groups[1];
    expect((participants?.n ?? 0) + (participants?.missing ?? 0)).toBe(15);
    const group = (name: "participants" | "comparison") =>
      evaluation.pupils.filter((p) => p.group === name);
    const expected = prePostControl(
      {
        pre: group("participants").map((p) => p.before),
        post: group("participants").map((p) => p.after),
      },
      {
        pre: group("comparison").map((p) => p.before),
        post: group("comparison").map((p) => p.after),
      },
    );
    expect(evaluation.hedgesG).toBeCloseTo(expected?.g ?? Number.NaN, 10);
    expect(comparison?.n).toBe(group("comparison").length);
    expect(comparison?.n).toBe(8);
    expect(evaluation.costPerPupil).toBe(20);
    expect(evaluation.months).not.toBeNull();
    const none = json<Evaluation>(
      await as("teacher").get(
        `/api/strategies/${strategy.id}/evaluation?measureId=${measureId}&from=${points.from}&to=${points.to}&comparison=none`,
      ),
    );
    expect(none.groups).toHaveLength(1);
    expect(none.warnings.map((w) => w.code)).toContain("no-comparison");
    const backwards = await as("teacher").get(
      `/api/strategies/${strategy.id}/evaluation?measureId=${measureId}&from=${points.to}&to=${points.from}&comparison=none`,
    );
    expect(backwards.statusCode).toBe(400);
  });

  it("moves to a wider cascade stage only with the evidence, recording who decided; only leaders", async () => {
    const noEvidence = await as("school_leader").patch(`/api/strategies/${strategy.id}`, {
      version: 1,
      cascadeStage: "year_group",
    });
    expect(noEvidence.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(noEvidence).errors[0]?.field).toBe(
      "stageEvidence",
    );
    const current = json<Strategy>(await as("school_leader").get(`/api/strategies/${strategy.id}`));
    const moved = await as("school_leader").patch(`/api/strategies/${strategy.id}`, {
      version: current.version,
      cascadeStage: "year_group",
      status: "scaled_up",
      stageEvidence: "g of 0.4 against other disadvantaged pupils over a half-term.",
    });
    expect(moved.statusCode).toBe(200);
    const after = json<Strategy>(moved);
    expect(after).toMatchObject({ cascadeStage: "year_group", status: "scaled_up" });
    expect(after.stageChanges).toEqual([
      expect.objectContaining({
        fromStage: "target_cohort",
        toStage: "year_group",
        decidedBy: leader.name,
      }),
    ]);
    const stale = await as("school_leader").patch(`/api/strategies/${strategy.id}`, {
      version: current.version,
      staffHours: 2,
    });
    expect(stale.statusCode).toBe(409);
    expect(
      (
        await as("teacher").patch(`/api/strategies/${strategy.id}`, {
          version: after.version,
          status: "stopped",
        })
      ).statusCode,
    ).toBe(403);
  });

  it("shares aggregates only, pooled on the network evidence page with the school pseudonymised unless named", async () => {
    const shared = await as("school_leader").post(`/api/strategies/${strategy.id}/share`, {
      measureId,
      from: points.from,
      to: points.to,
      comparison: "disadvantaged",
      named: false,
    });
    expect(shared.statusCode).toBe(200);
    expect(json<Strategy>(shared).shared).not.toBeNull();
    const evidence = json<EvidenceGroup & { groups: EvidenceGroup[] }>(
      await as("programme_lead").get("/api/evidence?strand=metacognition-and-self-regulation"),
    );
    expect(evidence.studies).toHaveLength(1);
    const study = evidence.studies[0];
    expect(study?.school).toMatch(/^School [A-Z]{2}\d$/);
    expect(study?.named).toBe(false);
    expect(study?.included).toBe(true);
    expect(study?.nParticipants).toBe(15);
    expect(evidence.toolkit?.months).toBe(8);
    expect(evidence.note).toContain("One school's result");
    const text = JSON.stringify(evidence);
    expect(text).not.toContain("Northbrook");
    expect(text).not.toContain('pupils":[');

    // The two other schools shared peer tutoring: both pooled, as the meta-analysis pools them.
    const peer = json<EvidenceGroup>(await as("teacher").get("/api/evidence?strand=peer-tutoring"));
    expect(peer.studies).toHaveLength(2);
    expect(peer.studies.every((s) => s.included && s.nParticipants === 15)).toBe(true);
    expect(peer.schools).toBe(2);
    expect(new Set(peer.studies.map((s) => s.school)).size).toBe(2);
    const peerRows = await t.deps.db
      .selectFrom("shared_results")
      .select(["g", "v"])
      .where("strand_key", "=", "peer-tutoring")
      .execute();
    const pooled = poolStudies(peerRows.map((r) => ({ g: Number(r.g), v: Number(r.v) })));
    expect(pooled).not.toBeNull();
    expect(peer.pooledG).toBeCloseTo(pooled?.estimate ?? Number.NaN, 10);

    const named = await as("school_leader").post(`/api/strategies/${strategy.id}/share`, {
      measureId,
      from: points.from,
      to: points.to,
      comparison: "disadvantaged",
      named: true,
    });
    expect(named.statusCode).toBe(200);
    const again = json<EvidenceGroup>(
      await as("programme_lead").get("/api/evidence?strand=metacognition-and-self-regulation"),
    );
    expect(again.studies[0]?.school).toBe("Northbrook Fictional Primary School");

    expect(
      (await as("school_leader").delete(`/api/strategies/${strategy.id}/share`)).statusCode,
    ).toBe(200);
    expect(
      (await as("programme_lead").get("/api/evidence?strand=metacognition-and-self-regulation"))
        .statusCode,
    ).toBe(404);
  });
});
