import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { json } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  makeAssessmentPoints,
  makeEnrolment,
  makePupil,
  makeStaff,
  makeStrategy,
  makeUser,
  signIn,
} from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { RetentionReport, RetentionSchedule } from "../../../contracts/retention.ts";
import { londonToUtc } from "../../../domain/calendar.ts";
import { verifyAuditChain } from "../../audit/chain.ts";
import { runRetention, runRetentionIfDue } from "./job.ts";

/** Moves the test clock to 09:00 London on a date (never backwards). */
function moveTo(t: TestApp, date: string): void {
  const target = londonToUtc(date, "09:00").getTime();
  const now = t.clock.now().getTime();
  if (target < now) throw new Error(`the clock cannot go back to ${date}`);
  t.clock.advance(target - now);
}

interface Seeded {
  schoolId: string;
  enrolmentId: string;
  programmeYearId: string;
  pupilIds: string[];
}

/** A school enrolled this year with two pupils in its cohort, an observation each, and a strategy place. */
async function seedSchool(t: TestApp): Promise<Seeded> {
  const enrolment = await makeEnrolment(t);
  const db = t.deps.db;
  const now = t.clock.now();
  const pupils = [
    await makePupil(t, { schoolId: enrolment.schoolId, pupilPremium: true }),
    await makePupil(t, { schoolId: enrolment.schoolId }),
  ];
  const points = await makeAssessmentPoints(t, { schoolId: enrolment.schoolId });
  const pointId = [...points.ids.values()][0] as string;
  let measure = await db
    .selectFrom("measures")
    .select("id")
    .where("school_id", "=", enrolment.schoolId)
    .executeTakeFirst();
  measure ??= await db
    .insertInto("measures")
    .values({
      school_id: enrolment.schoolId,
      key: "reading",
      name: "Reading",
      kind: "attainment",
      scale: "numeric",
      min: 0,
      max: 100,
      expected: null,
      higher_is_better: true,
      subject: null,
      core: true,
      decimals: 0,
      national_disadvantaged_pct: null,
      national_other_pct: null,
      archived_at: null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const strategy = await makeStrategy(t, {
    schoolId: enrolment.schoolId,
    programmeYearId: enrolment.programmeYearId,
  });
  for (const [i, pupil] of pupils.entries()) {
    await db
      .insertInto("cohort_members")
      .values({
        enrolment_id: enrolment.id,
        pupil_id: pupil.id,
        joined_on: "2026-11-23",
        left_on: null,
        reason: null,
        created_by: null,
        created_at: now,
      })
      .execute();
    await db
      .insertInto("pseudonyms")
      .values({
        pupil_id: pupil.id,
        programme_year_id: enrolment.programmeYearId,
        code: `R${enrolment.schoolId.slice(0, 6)}${i}`,
        created_at: now,
      })
      .execute();
    await db
      .insertInto("observations")
      .values({
        pupil_id: pupil.id,
        measure_id: measure.id,
        assessment_point_id: pointId,
        value: 40 + i,
        recorded_by: null,
        recorded_at: now,
      })
      .execute();
    await db
      .insertInto("strategy_participants")
      .values({ strategy_id: strategy.id, pupil_id: pupil.id, added_on: "2026-11-23" })
      .execute();
  }
  return {
    schoolId: enrolment.schoolId,
    enrolmentId: enrolment.id,
    programmeYearId: enrolment.programmeYearId,
    pupilIds: pupils.map((p) => p.id),
  };
}

/** What is left of a school's pupil-level data. */
async function remaining(t: TestApp, s: Seeded) {
  const db = t.deps.db;
  const count = async (q: Promise<{ n: string | number | bigint }>) => Number((await q).n);
  return {
    observations: await count(
      db
        .selectFrom("observations")
        .where("pupil_id", "in", s.pupilIds)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow() as Promise<{ n: string | number | bigint }>,
    ),
    cohortPlaces: await count(
      db
        .selectFrom("cohort_members")
        .where("pupil_id", "in", s.pupilIds)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow() as Promise<{ n: string | number | bigint }>,
    ),
    participants: await count(
      db
        .selectFrom("strategy_participants")
        .where("pupil_id", "in", s.pupilIds)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow() as Promise<{ n: string | number | bigint }>,
    ),
    pupils: await db
      .selectFrom("pupils")
      .select(["id", "upn", "legal_first_name", "last_name", "pupil_premium"])
      .where("id", "in", s.pupilIds)
      .execute(),
    pseudonyms: await count(
      db
        .selectFrom("pseudonyms")
        .where("pupil_id", "in", s.pupilIds)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow() as Promise<{ n: string | number | bigint }>,
    ),
    /** The school's pseudonym codes retired (kept as codes only, never issued again). */
    retired: await count(
      db
        .selectFrom("retired_pseudonyms")
        .where("programme_year_id", "=", s.programmeYearId)
        .where("code", "like", `R${s.schoolId.slice(0, 6)}%`)
        .select((eb) => eb.fn.countAll().as("n"))
        .executeTakeFirstOrThrow() as Promise<{ n: string | number | bigint }>,
    ),
  };
}

/** A network administrator signed in now (sessions lapse as the clock moves on). */
async function asAdmin(t: TestApp) {
  return signIn(t, await makeUser(t, { role: "network_admin" }));
}

async function holdSchool(t: TestApp, schoolId: string) {
  const placed = await (await asAdmin(t)).post("/api/retention/holds", {
    scope: "school",
    schoolId,
    reason: "Insurance claim about the 2026/27 cohort",
  });
  expect(placed.statusCode).toBe(201);
  return json<{ items: { id: string; scope: string }[] }>(placed).items;
}

describe(`retention, clock-driven [${testEngine()}]`, () => {
  let t: TestApp;
  let kept: Seeded;
  let held: Seeded;

  beforeEach(async () => {
    t = await createTestApp();
    kept = await seedSchool(t);
    held = await seedSchool(t);
  });
  afterEach(async () => t.close());

  it("shows a school's leaders its schedule and next deletion date (2 years after 31 August 2027)", async () => {
    const leader = await signIn(
      t,
      await makeStaff(t, { role: "school_leader", schoolId: kept.schoolId }),
    );
    const response = await leader.get(`/api/schools/${kept.schoolId}/retention`);
    expect(response.statusCode).toBe(200);
    const schedule = json<RetentionSchedule>(response);
    expect(schedule).toMatchObject({ pupilDataYears: 2, auditLogYears: 6, schoolHeld: false });
    expect(schedule.nextDeletionDate).toBe("2029-09-01");
    expect(schedule.years).toEqual([
      expect.objectContaining({
        academicYear: "2026/27",
        endsOn: "2027-08-31",
        deletionDate: "2029-09-01",
        status: "kept",
      }),
    ]);
    const teacher = await signIn(
      t,
      await makeStaff(t, { role: "teacher", schoolId: kept.schoolId }),
    );
    expect((await teacher.get(`/api/schools/${kept.schoolId}/retention`)).statusCode).toBe(403);
    expect((await leader.get(`/api/schools/${held.schoolId}/retention`)).statusCode).toBe(404);
    await holdSchool(t, kept.schoolId);
    const onHold = json<RetentionSchedule>(
      await leader.get(`/api/schools/${kept.schoolId}/retention`),
    );
    expect(onHold).toMatchObject({ schoolHeld: true, nextDeletionDate: null });
  });

  it("places a legal hold on a school, audited, and refuses a hold on an unknown school or without a reason", async () => {
    const admin = await asAdmin(t);
    const missing = await admin.post("/api/retention/holds", {
      scope: "school",
      schoolId: "00000000-0000-4000-8000-0000000000ff",
      reason: "Litigation",
    });
    expect(missing.statusCode).toBe(404);
    const blank = await admin.post("/api/retention/holds", {
      scope: "school",
      schoolId: held.schoolId,
      reason: " ",
    });
    expect(blank.statusCode).toBe(400);
    expect(json<{ items: unknown[] }>(await admin.get("/api/retention/holds")).items).toEqual([]);
    const items = await holdSchool(t, held.schoolId);
    expect(items).toHaveLength(1);
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select(["action", "target_id"])
      .where("action", "=", "retention.hold_placed")
      .execute();
    expect(audit).toEqual([{ action: "retention.hold_placed", target_id: items[0]?.id }]);
  });

  it("deletes nothing before the date; on it deletes what a dry run counted, keeps what is held, reports it, and once only", async () => {
    await holdSchool(t, held.schoolId);
    moveTo(t, "2029-08-31");
    const early = await runRetention(t.deps, { dryRun: false, trigger: "command" });
    expect(early.pupilCutoff).toBe("2027-08-31");
    expect(early.deleted).toMatchObject({ observations: 0, cohortPlaces: 0, pupilsErased: 0 });
    expect((await remaining(t, kept)).observations).toBe(2);

    moveTo(t, "2029-09-01");
    const preview = await runRetention(t.deps, { dryRun: true, trigger: "command" });
    expect(preview.dryRun).toBe(true);
    expect((await remaining(t, kept)).observations).toBe(2);

    const admin = await asAdmin(t);
    const response = await admin.post("/api/retention/run", { dryRun: false });
    expect(response.statusCode).toBe(200);
    const report = json<RetentionReport>(response);
    expect(report.deleted).toEqual(preview.deleted);
    expect(report.deleted).toMatchObject({
      observations: 2,
      cohortPlaces: 2,
      strategyParticipants: 2,
      pupilsErased: 2,
    });
    expect(report.kept).toEqual({ heldSchools: 1, heldProgrammeYears: 0 });

    const gone = await remaining(t, kept);
    expect(gone).toMatchObject({
      observations: 0,
      cohortPlaces: 0,
      participants: 0,
      pseudonyms: 0,
      retired: 2,
    });
    // Erased as a leader's erasure does: the pupil rows go, no tombstone is left.
    expect(gone.pupils).toEqual([]);
    const stay = await remaining(t, held);
    expect(stay).toMatchObject({ observations: 2, cohortPlaces: 2, participants: 2, retired: 0 });
    expect(stay.pupils).toHaveLength(2);
    expect(stay.pupils.every((p) => p.last_name === "Fictional")).toBe(true);

    const run = await t.deps.db
      .selectFrom("audit_events")
      .select("details")
      .where("action", "=", "retention.run")
      .execute();
    expect(run.map((r) => r.details)).toEqual([
      expect.objectContaining({ trigger: "command", observations: 0 }),
      expect.objectContaining({ trigger: "admin", observations: 2, pupilsErased: 2 }),
    ]);
    const settings = await admin.get("/api/retention/settings");
    expect(json<{ lastRun: { report: RetentionReport } }>(settings).lastRun.report.deleted).toEqual(
      report.deleted,
    );

    const again = await runRetention(t.deps, { dryRun: false, trigger: "command" });
    expect(again.deleted).toMatchObject({
      observations: 0,
      cohortPlaces: 0,
      strategyParticipants: 0,
      importHistory: 0,
      pupilsErased: 0,
    });
  });

  it("a programme-year hold keeps the year's data until it is released", async () => {
    const admin = await asAdmin(t);
    const yearHold = await admin.post("/api/retention/holds", {
      scope: "programme_year",
      programmeYearId: kept.programmeYearId,
      reason: "Subject access request in progress",
    });
    expect(yearHold.statusCode).toBe(201);
    const holdId = json<{ items: { id: string }[] }>(yearHold).items[0]?.id;
    moveTo(t, "2029-09-02");
    const report = await runRetention(t.deps, { dryRun: false, trigger: "command" });
    expect(report.kept).toEqual({ heldSchools: 0, heldProgrammeYears: 1 });
    expect(await remaining(t, kept)).toMatchObject({ observations: 2, cohortPlaces: 2 });

    const again = await asAdmin(t);
    expect((await again.post(`/api/retention/holds/${holdId}/release`)).statusCode).toBe(200);
    expect((await again.post(`/api/retention/holds/${holdId}/release`)).statusCode).toBe(404);
    const last = await runRetention(t.deps, { dryRun: false, trigger: "command" });
    expect(last.deleted).toMatchObject({ observations: 4, cohortPlaces: 4, pupilsErased: 4 });
    expect((await remaining(t, kept)).pupils).toEqual([]);
  });

  it("validates the settings and changes nothing on bad input", async () => {
    const admin = await asAdmin(t);
    const bad = await admin.request("PUT", "/api/retention/settings", {
      pupilDataYears: 0,
      auditLogYears: 6,
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("pupilDataYears");
    const extra = await admin.request("PUT", "/api/retention/settings", {
      pupilDataYears: 2,
      auditLogYears: 6,
      everything: true,
    });
    expect(extra.statusCode).toBe(400);
    const settings = json<{ pupilDataYears: number; auditLogYears: number }>(
      await admin.get("/api/retention/settings"),
    );
    expect(settings).toMatchObject({ pupilDataYears: 2, auditLogYears: 6 });
    const ok = await admin.request("PUT", "/api/retention/settings", {
      pupilDataYears: 3,
      auditLogYears: 7,
    });
    expect(json(ok)).toMatchObject({ pupilDataYears: 3, auditLogYears: 7 });
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select("details")
      .where("action", "=", "retention.settings_changed")
      .executeTakeFirstOrThrow();
    expect(audit.details).toMatchObject({ pupilDataYearsBefore: 2, pupilDataYears: 3 });
  });

  it("prunes the audit log past its retention; the chain still verifies and still catches tampering", async () => {
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
    const admin = await asAdmin(t);
    const changed = await admin.request("PUT", "/api/retention/settings", {
      pupilDataYears: 2,
      auditLogYears: 1,
    });
    expect(changed.statusCode).toBe(200);
    // Everything so far was written in 2026; two years on it is past a year's retention.
    moveTo(t, "2028-11-30");
    const response = await (await asAdmin(t)).post("/api/retention/run", { dryRun: false });
    const report = json<RetentionReport>(response);
    expect(report.deleted.auditRows).toBeGreaterThan(0);
    const oldest = await t.deps.db
      .selectFrom("audit_events")
      .select((eb) => eb.fn.min("occurred_at").as("at"))
      .executeTakeFirstOrThrow();
    expect(new Date(oldest.at as Date).getTime()).toBeGreaterThanOrEqual(
      Date.parse(report.auditCutoff),
    );
    const after = await verifyAuditChain(t.deps.db);
    expect(after).toMatchObject({ ok: true, firstBroken: null });
    const actions = await t.deps.db.selectFrom("audit_events").select("action").execute();
    expect(actions.map((a) => a.action)).toContain("retention.run");
    expect(actions.map((a) => a.action)).not.toContain("retention.settings_changed");

    // A second prune moves the anchor on and the chain still verifies.
    moveTo(t, "2030-01-15");
    await (await asAdmin(t)).post("/api/retention/run", { dryRun: false });
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);

    const { sql } = await import("kysely");
    await t.deps.db.transaction().execute(async (trx) => {
      await sql`alter table audit_events disable trigger audit_events_no_update`.execute(trx);
      await sql`update audit_events set action = 'tampered' where chain_seq = (select max(chain_seq) from audit_events)`.execute(
        trx,
      );
      await sql`alter table audit_events enable trigger audit_events_no_update`.execute(trx);
    });
    const check = await verifyAuditChain(t.deps.db);
    expect(check.ok).toBe(false);
    expect(check.firstBroken?.reason).toBe("altered");
  });

  it("the daily job runs once a day, whatever the number of checks", async () => {
    expect(await runRetentionIfDue(t.deps)).not.toBeNull();
    t.clock.advance(60 * 60 * 1000);
    expect(await runRetentionIfDue(t.deps)).toBeNull();
    moveTo(t, "2026-11-24");
    expect(await runRetentionIfDue(t.deps)).not.toBeNull();
    const runs = await t.deps.db.selectFrom("retention_runs").select("trigger").execute();
    expect(runs).toEqual([{ trigger: "schedule" }, { trigger: "schedule" }]);
  });

  it("the daily job runs once when several app servers check at the same moment", async () => {
    moveTo(t, "2026-11-25");
    const before = (await t.deps.db.selectFrom("retention_runs").select("id").execute()).length;
    // Each call stands for a server: all see no run today before any has run.
    const reports = await Promise.all([1, 2, 3].map(() => runRetentionIfDue(t.deps)));
    expect(reports.filter((r) => r !== null)).toHaveLength(1);
    const after = (await t.deps.db.selectFrom("retention_runs").select("id").execute()).length;
    expect(after - before).toBe(1);
  });

  it("refuses a plain delete of audit rows outside the prune", async () => {
    await expect(
      t.deps.db.deleteFrom("audit_events").where("chain_seq", "=", 1).execute(),
    ).rejects.toThrow(/append-only/);
  });
});
