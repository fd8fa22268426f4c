import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { businessDigest } from "../../../../test/support/digest.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  makeAssessmentPoints,
  makeEnrolment,
  makePupil,
  makeSchool,
  makeStaff,
  makeTeamMember,
  signIn,
  type TestUser,
} from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { CostComparison, StrategyCostRow } from "../../../contracts/cost-effectiveness.ts";
import type { Evaluation, Strategy } from "../../../contracts/strategies.ts";
import { measuresOfSchool } from "../measures/store.ts";

describe(`cost-effectiveness: staff hourly rate and strategies side by side [${testEngine()}]`, () => {
  let t: TestApp;
  let school: string;
  let elsewhere: string;
  let reading: string;
  let points: { from: string; to: string };
  let leader: TestUser;
  const clients = new Map<string, TestClient>();
  const as = (key: string): TestClient => {
    const client = clients.get(key);
    if (!client) throw new Error(key);
    return client;
  };
  const url = () => `/api/schools/${school}/cost-effectiveness`;
  const rateUrl = () => `/api/schools/${school}/staff-hourly-rate`;
  const storedRate = async () =>
    (
      await t.deps.db
        .selectFrom("schools")
        .select("staff_hourly_rate")
        .where("id", "=", school)
        .executeTakeFirstOrThrow()
    ).staff_hourly_rate;
  const compare = async (query = "") => {
    const response = await as("teacher").get(`${url()}${query}`);
    expect(response.statusCode).toBe(200);
    return json<CostComparison>(response);
  };
  const row = (c: CostComparison, title: string): StrategyCostRow => {
    const found = c.strategies.find((s) => s.title === title);
    if (!found) throw new Error(`no row for ${title}`);
    return found;
  };
  /** Moves the given pupils' reading values at the second point by `by`. */
  const shift = async (pupilIds: string[], by: number) => {
    for (const id of pupilIds) {
      const obs = await t.deps.db
        .selectFrom("observations")
        .select(["id", "value"])
        .where("pupil_id", "=", id)
        .where("measure_id", "=", reading)
        .where("assessment_point_id", "=", points.to)
        .executeTakeFirstOrThrow();
      await t.deps.db
        .updateTable("observations")
        .set({ value: Number(obs.value) + by })
        .where("id", "=", obs.id)
        .execute();
    }
  };
  const plan = async (body: Record<string, unknown>, pupilIds: string[]) => {
    const created = json<Strategy>(
      await as("school_leader").post(`/api/schools/${school}/strategies`, body),
    );
    if (pupilIds.length > 0)
      expect(
        (await as("school_leader").put(`/api/strategies/${created.id}/participants`, { pupilIds }))
          .statusCode,
      ).toBe(200);
    return created;
  };

  beforeAll(async () => {
    t = await createTestApp();
    const enrolment = await makeEnrolment(t);
    school = enrolment.schoolId;
    elsewhere = (await makeSchool(t)).id;
    leader = (await makeTeamMember(t, { enrolmentId: enrolment.id, role: "school_leader" })).user;
    clients.set("school_leader", await signIn(t, leader));
    for (const role of ["teacher", "para_professional"] as const) {
      const member = await makeTeamMember(t, { enrolmentId: enrolment.id, role });
      clients.set(role, await signIn(t, member.user));
    }
    const lead = await makeStaff(t, { role: "programme_lead", clusterId: enrolment.clusterId });
    clients.set("programme_lead", await signIn(t, lead));
    clients.set("signed_out", new TestClient(t.app));

    // School 1: its half-term points, and 27 pupils of Year 5 with reading and
    // resilience at the first two; the first 15 are the confirmed cohort.
    const made = await makeAssessmentPoints(t, { schoolId: school });
    points = { from: made.ids.get("Autumn 1") ?? "", to: made.ids.get("Autumn 2") ?? "" };
    const measures = await measuresOfSchool(t.deps.db, school);
    const measure = (key: string) => {
      const found = measures.find((m) => m.key === key);
      if (!found) throw new Error(key);
      return found.id;
    };
    reading = measure("reading-ta");
    const resilience = measure("theme-resilient");
    const pupils: string[] = [];
    for (let i = 0; i < 27; i += 1) {
      pupils.push((await makePupil(t, { schoolId: school, yearGroup: "5" })).id);
    }
    const observations = pupils.flatMap((pupilId, i) =>
      [
        { measureId: reading, from: 2 + (i % 2), to: 2 + (i % 3) },
        {
          measureId: resilience,
          from: 1 + (i % 4),
          to: Math.min(5, 1 + (i % 4) + (i % 3 === 0 ? 1 : 0)),
        },
      ].flatMap((v) => [
        { pupilId, measureId: v.measureId, assessmentPointId: points.from, value: v.from },
        { pupilId, measureId: v.measureId, assessmentPointId: points.to, value: v.to },
      ]),
    );
    const saved = await as("school_leader").put("/api/observations", { observations });
    expect(saved.statusCode, saved.body).toBe(200);
    const cohort = pupils.slice(0, 15);
    const confirmed = await as("school_leader").put(`/api/schools/${school}/cohort`, {
      pupilIds: cohort,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    // Reading buddies: £450 and 30 staff hours for the cohort, judged on resilience.
    await plan(
      {
        title: "Reading buddies",
        costPounds: 450,
        staffHours: 30,
        successMeasureId: resilience,
        startsOn: "2026-09-07",
      },
      cohort,
    );
  });
  afterAll(async () => t.close());

  it("leaves staff hours uncosted, and says so, until a leader sets the rate", async () => {
    const before = await compare();
    expect(before.rate).toEqual({ poundsPerHour: null, canChange: false });
    // Reading buddies: £450 and 30 staff hours, for the 15 pupils of the cohort.
    const buddies = row(before, "Reading buddies");
    expect(buddies).toMatchObject({
      participants: 15,
      directCost: 450,
      staffHours: 30,
      staffCost: null,
      totalCost: 450,
      staffUncosted: true,
      costPerPupil: 30,
    });
    expect(buddies.workings).toContain("30 staff hours not costed");
  });

  it("lets a leader set the hourly rate, audited; refuses bad rates with the field and changes nothing", async () => {
    for (const [body, message] of [
      [{ poundsPerHour: 0 }, "more than £0"],
      [{ poundsPerHour: -12 }, "more than £0"],
      [{ poundsPerHour: 250.01 }, "At most £250.00"],
      [{ poundsPerHour: 25.555 }, "2 decimal places"],
      [{ poundsPerHour: "25" }, "number of pounds"],
      [{}, ""],
    ] as const) {
      const bad = await as("school_leader").put(rateUrl(), body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
      const errors = json<{ errors: { field: string; message: string }[] }>(bad).errors;
      expect(errors[0]?.field).toBe("poundsPerHour");
      expect(errors[0]?.message).toContain(message);
      expect(await storedRate()).toBeNull();
    }
    const extra = await as("school_leader").put(rateUrl(), { poundsPerHour: 20, schoolId: school });
    expect(extra.statusCode).toBe(400);
    expect(await storedRate()).toBeNull();
    expect((await as("teacher").put(rateUrl(), { poundsPerHour: 20 })).statusCode).toBe(403);
    expect(await storedRate()).toBeNull();

    const set = await as("school_leader").put(rateUrl(), { poundsPerHour: 25.5 });
    expect(set.statusCode).toBe(200);
    expect(json(set)).toEqual({ poundsPerHour: 25.5, canChange: true });
    expect(Number(await storedRate())).toBe(25.5);
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select(["target_id", "details", "actor_user_id"])
      .where("action", "=", "school.staff_hourly_rate_changed")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(audit.target_id).toBe(school);
    expect(audit.actor_user_id).toBe(leader.id);
    expect(typeof audit.details === "string" ? JSON.parse(audit.details) : audit.details).toEqual({
      from: null,
      to: 25.5,
    });

    // Its 30 hours now cost 30 × £25.50 = £765: £1,215 in all, £81 a pupil.
    const buddies = row(await compare(), "Reading buddies");
    expect(buddies).toMatchObject({
      staffCost: 765,
      totalCost: 1215,
      staffUncosted: false,
      costPerPupil: 81,
    });
    expect(buddies.workings).toBe("£450.00 direct + 30 staff hours × £25.50 an hour = £1,215.00");
    expect((await compare()).rate).toEqual({ poundsPerHour: 25.5, canChange: false });
  });

  it("refuses any rate that is not pounds and pence above £0 and up to £250, changing nothing", async () => {
    const invalid = fc.oneof(
      fc.double({ max: 0, noNaN: true, noDefaultInfinity: true }),
      fc.double({ min: 250.001, max: 1e9, noNaN: true, noDefaultInfinity: true }),
      // A fraction of a penny: 0.013, 12.343…
      fc.integer({ min: 1, max: 24_999 }).map((n) => n / 100 + 0.003),
      fc.string(),
      fc.boolean(),
      fc.array(fc.integer(), { maxLength: 2 }),
    );
    const before = await businessDigest(t.database);
    await fc.assert(
      fc.asyncProperty(invalid, async (poundsPerHour) => {
        const response = await as("school_leader").put(rateUrl(), { poundsPerHour });
        expect(response.statusCode).toBe(400);
        expect(json<{ errors: { field: string }[] }>(response).errors[0]?.field).toBe(
          "poundsPerHour",
        );
      }),
      { numRuns: 30 },
    );
    expect(await businessDigest(t.database)).toEqual(before);
  });

  it("gives cost per pupil per month's progress from the evaluation's months, and says why not elsewhere", async () => {
    const cohort = json<{ members: { pupilId: string }[] }>(
      await as("school_leader").get(`/api/schools/${school}/cohort`),
    ).members.map((m) => m.pupilId);
    const cohortYears = (
      await t.deps.db
        .selectFrom("pupils")
        .select("year_group")
        .distinct()
        .where("id", "in", cohort)
        .execute()
    ).map((p) => p.year_group);
    // Ten other pupils of the cohort's year groups with reading at both points.
    const others = (
      await t.deps.db
        .selectFrom("pupils")
        .innerJoin("observations", "observations.pupil_id", "pupils.id")
        .select("pupils.id")
        .where("pupils.school_id", "=", school)
        .where("pupils.id", "not in", cohort)
        .where("pupils.year_group", "in", cohortYears)
        .where("observations.measure_id", "=", reading)
        .where("observations.assessment_point_id", "in", [points.from, points.to])
        .groupBy("pupils.id")
        .having((eb) => eb.fn.countAll(), "=", 2)
        .orderBy("pupils.id")
        .limit(10)
        .execute()
    ).map((p) => p.id);
    expect(others).toHaveLength(10);
    // £300 + 20 h × £25.50 = £810 among the 15: £54 a pupil.
    const worked = await plan(
      {
        title: "Reading fluency",
        costPounds: 300,
        staffHours: 20,
        successMeasureId: reading,
        startsOn: "2026-09-07",
      },
      cohort,
    );
    await plan(
      {
        title: "Reading drill",
        costPounds: 100,
        successMeasureId: reading,
        startsOn: "2026-09-07",
      },
      others,
    );
    await plan({ title: "Not started", costPounds: 80 }, []);
    // The cohort moved well ahead of everyone else; the drill's pupils fell behind.
    await shift(cohort, 3);
    await shift(others, -3);

    const c = await compare("?comparison=non_participants");
    expect(c.comparison).toBe("non_participants");
    const fluency = row(c, "Reading fluency");
    expect(fluency.costPerPupil).toBe(54);
    // The same evaluation the strategy's page shows by default.
    const evaluation = json<Evaluation>(
      await as("teacher").get(
        `/api/strategies/${worked.id}/evaluation?measureId=${reading}&from=${points.from}&to=${points.to}&comparison=non_participants`,
      ),
    );
    expect(fluency.evaluation).toMatchObject({
      measureName: evaluation.measure.name,
      designKind: "comparison-group",
      nParticipants: evaluation.groups[0]?.n,
      nComparison: evaluation.groups[1]?.n,
      hedgesG: evaluation.hedgesG,
      months: evaluation.months,
    });
    const months = evaluation.months ?? 0;
    expect(months).toBeGreaterThan(0);
    expect(fluency.costPerMonth).toBe(Math.round((54 / months) * 100) / 100);
    expect(fluency.costPerMonthGap).toBeNull();

    const drill = row(c, "Reading drill");
    expect(drill.evaluation?.months ?? 0).toBeLessThan(0);
    expect(drill.costPerMonth).toBeNull();
    expect(drill.costPerMonthGap?.code).toBe("less-progress");
    expect(drill.costPerPupil).toBe(10);

    // Resilience (a theme measure): g, but no months on the EEF's scale, so no cost per month.
    const buddies = row(c, "Reading buddies");
    expect(buddies.evaluation?.hedgesG).not.toBeNull();
    expect(buddies.evaluation?.months).toBeNull();
    expect(buddies.costPerMonthGap?.code).toBe("months-not-apply");
    // Before and after only: the weakest design, where months never apply either.
    const prePost = row(await compare("?comparison=none"), "Reading fluency");
    expect(prePost.evaluation?.designKind).toBe("pre-post");
    expect(prePost.evaluation?.months).toBeNull();
    expect(prePost.costPerMonthGap?.code).toBe("months-not-apply");

    const idle = row(c, "Not started");
    expect(idle).toMatchObject({
      participants: 0,
      costPerPupil: null,
      evaluation: null,
      costPerMonth: null,
      costPerPupilGap: { code: "no-participants" },
    });
    expect(idle.evaluationGap).toContain("No participants");

    // Aggregates only: no pupil's name or list leaves through this page.
    const text = JSON.stringify(c);
    expect(text).not.toContain('"pupils"');
    const names = await t.deps.db
      .selectFrom("pupils")
      .select("last_name")
      .where("id", "in", cohort)
      .execute();
    for (const n of names) expect(text).not.toContain(n.last_name);
  });

  it("answers the school's staff only: 403 for a programme lead, 404 for another school, 400 for a bad query", async () => {
    expect((await as("para_professional").get(url())).statusCode).toBe(200);
    expect((await as("programme_lead").get(url())).statusCode).toBe(403);
    expect((await as("signed_out").get(url())).statusCode).toBe(401);
    expect(
      (await as("teacher").get(`/api/schools/${elsewhere}/cost-effectiveness`)).statusCode,
    ).toBe(404);
    expect(
      (
        await as("school_leader").put(`/api/schools/${elsewhere}/staff-hourly-rate`, {
          poundsPerHour: 30,
        })
      ).statusCode,
    ).toBe(404);
    expect((await as("teacher").get(`${url()}?comparison=everyone`)).statusCode).toBe(400);
  });

  it("clears the rate with null, audited, and the staff hours go uncosted again", async () => {
    const cleared = await as("school_leader").put(rateUrl(), { poundsPerHour: null });
    expect(cleared.statusCode).toBe(200);
    expect(await storedRate()).toBeNull();
    expect(row(await compare(), "Reading buddies").staffUncosted).toBe(true);
    const last = await t.deps.db
      .selectFrom("audit_events")
      .select("details")
      .where("action", "=", "school.staff_hourly_rate_changed")
      .orderBy("id", "desc")
      .executeTakeFirstOrThrow();
    expect(typeof last.details === "string" ? JSON.parse(last.details) : last.details).toEqual({
      from: 25.5,
      to: null,
    });
  });
});
