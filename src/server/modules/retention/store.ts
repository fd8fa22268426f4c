import { type Kysely, sql } from "kysely";
import type { LegalHold, LegalHoldBody, RetentionReport } from "../../../contracts/retention.ts";
import { inIds } from "../../../db/in-ids.ts";
import type { DB } from "../../../db/schema.ts";
import { londonToUtc } from "../../../domain/calendar.ts";
import type { RetentionSettings, ScheduleYear } from "../../../domain/retention.ts";
import { erasePupils } from "../../data-protection/erase-pupil.ts";
import { NotFound } from "../../errors.ts";

/** The network's retention settings (the migration writes the one row). */
export async function readRetentionSettings(
  db: Kysely<DB>,
): Promise<RetentionSettings & { updatedAt: Date }> {
  const row = await db
    .selectFrom("retention_settings")
    .select(["pupil_data_years", "audit_log_years", "updated_at"])
    .executeTakeFirstOrThrow();
  return {
    pupilDataYears: row.pupil_data_years,
    auditLogYears: row.audit_log_years,
    updatedAt: row.updated_at,
  };
}

export async function writeRetentionSettings(
  trx: Kysely<DB>,
  settings: RetentionSettings,
  userId: string,
  now: Date,
): Promise<RetentionSettings> {
  const before = await readRetentionSettings(trx);
  await trx
    .updateTable("retention_settings")
    .set({
      pupil_data_years: settings.pupilDataYears,
      audit_log_years: settings.auditLogYears,
      updated_at: now,
      updated_by: userId,
    })
    .execute();
  return { pupilDataYears: before.pupilDataYears, auditLogYears: before.auditLogYears };
}

// ---------------------------------------------------------------- legal holds

const activeHold = (db: Kysely<DB>) =>
  db.selectFrom("legal_holds").where("legal_holds.released_at", "is", null);

export async function listActiveHolds(db: Kysely<DB>): Promise<LegalHold[]> {
  const rows = await activeHold(db)
    .leftJoin("schools", "schools.id", "legal_holds.school_id")
    .leftJoin("programme_years", "programme_years.id", "legal_holds.programme_year_id")
    .leftJoin("programmes", "programmes.id", "programme_years.programme_id")
    .leftJoin("users", "users.id", "legal_holds.placed_by")
    .select([
      "legal_holds.id",
      "legal_holds.scope_type",
      "legal_holds.school_id",
      "legal_holds.programme_year_id",
      "legal_holds.reason",
      "legal_holds.placed_at",
      "schools.name as school_name",
      "programmes.name as programme_name",
      "programme_years.academic_year",
      "users.name as placed_by_name",
    ])
    .orderBy("legal_holds.placed_at", "desc")
    .execute();
  return rows.map((row) => ({
    id: row.id,
    scope: row.scope_type,
    label:
      row.scope_type === "school"
        ? (row.school_name ?? "(school)")
        : `${row.programme_name ?? "Programme"} ${row.academic_year ?? ""}`.trim(),
    schoolId: row.school_id,
    programmeYearId: row.programme_year_id,
    reason: row.reason,
    placedAt: row.placed_at.toISOString(),
    placedBy: row.placed_by_name,
  }));
}

/** Places a hold on a school or programme year that exists (404 otherwise). */
export async function insertHold(
  trx: Kysely<DB>,
  body: LegalHoldBody,
  userId: string,
  now: Date,
): Promise<string> {
  if (body.scope === "school") {
    const school = await trx
      .selectFrom("schools")
      .select("id")
      .where("id", "=", body.schoolId)
      .executeTakeFirst();
    if (!school) throw new NotFound("school");
  } else {
    const year = await trx
      .selectFrom("programme_years")
      .select("id")
      .where("id", "=", body.programmeYearId)
      .executeTakeFirst();
    if (!year) throw new NotFound("programme year");
  }
  const row = await trx
    .insertInto("legal_holds")
    .values({
      scope_type: body.scope,
      school_id: body.scope === "school" ? body.schoolId : null,
      programme_year_id: body.scope === "programme_year" ? body.programmeYearId : null,
      reason: body.reason,
      placed_by: userId,
      placed_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Releases an active hold; 404 when there is no such active hold. */
export async function releaseHold(
  trx: Kysely<DB>,
  id: string,
  userId: string,
  now: Date,
): Promise<{ id: string; scope: string }> {
  const row = await trx
    .updateTable("legal_holds")
    .set({ released_at: now, released_by: userId })
    .where("id", "=", id)
    .where("released_at", "is", null)
    .returning(["id", "scope_type"])
    .executeTakeFirst();
  if (!row) throw new NotFound("legal hold");
  return { id: row.id, scope: row.scope_type };
}

// ---------------------------------------------------------------- schedule

/** A school's programme years (those it was enrolled in) with whether each is held. */
export async function scheduleYearsOfSchool(
  db: Kysely<DB>,
  schoolId: string,
): Promise<{ years: ScheduleYear[]; schoolHeld: boolean }> {
  const rows = await db
    .selectFrom("enrolments")
    .innerJoin("programme_years", "programme_years.id", "enrolments.programme_year_id")
    .select((eb) => [
      "programme_years.id",
      "programme_years.academic_year",
      "programme_years.ends_on",
      eb
        .exists(
          activeHold(db)
            .select("legal_holds.id")
            .where(sql<boolean>`legal_holds.programme_year_id = programme_years.id`),
        )
        .as("held"),
    ])
    .where("enrolments.school_id", "=", schoolId)
    .execute();
  const schoolHold = await activeHold(db)
    .select("id")
    .where("school_id", "=", schoolId)
    .executeTakeFirst();
  return {
    years: rows.map((r) => ({
      programmeYearId: r.id,
      academicYear: r.academic_year,
      endsOn: r.ends_on,
      held: Boolean(r.held),
    })),
    schoolHeld: schoolHold !== undefined,
  };
}

// ---------------------------------------------------------------- runs

/** The first key of retention's advisory lock: "CRET", so no other lock shares it. */
const RETENTION_LOCK_CLASS = 0x43524554;

/**
 * Holds retention's lock for the caller's transaction, waiting for a run on another
 * app server to commit first: retention runs one at a time across the network.
 */
export async function lockRetention(trx: Kysely<DB>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${RETENTION_LOCK_CLASS}, 0)`.execute(trx);
}

export async function latestRun(db: Kysely<DB>) {
  const row = await db
    .selectFrom("retention_runs")
    .select(["ran_at", "trigger", "report"])
    .orderBy("ran_at", "desc")
    .limit(1)
    .executeTakeFirst();
  return row
    ? { ranAt: row.ran_at, trigger: row.trigger, report: row.report as RetentionReport }
    : null;
}

export async function insertRun(
  trx: Kysely<DB>,
  run: {
    now: Date;
    trigger: "schedule" | "command" | "admin";
    actorUserId: string | null;
    report: RetentionReport;
  },
): Promise<void> {
  await trx
    .insertInto("retention_runs")
    .values({
      ran_at: run.now,
      trigger: run.trigger,
      actor_user_id: run.actorUserId,
      pupil_cutoff: run.report.pupilCutoff,
      audit_cutoff: run.report.auditCutoff,
      report: JSON.stringify(run.report),
    })
    .execute();
}

// ---------------------------------------------------------------- deletion

/** Whether a school has an active legal hold, for `where(not(...))` over a school id column. */
const schoolHeldRef = (
  db: Kysely<DB>,
  column:
    | "enrolments.school_id"
    | "assessment_points.school_id"
    | "strategies.school_id"
    | "pupils.school_id",
) =>
  activeHold(db)
    .select("legal_holds.id")
    .where(sql<boolean>`legal_holds.school_id = ${sql.ref(column)}`);

const yearHeldRef = (db: Kysely<DB>) =>
  activeHold(db)
    .select("legal_holds.id")
    .where(sql<boolean>`legal_holds.programme_year_id = programme_years.id`);

export interface PupilErasure {
  observations: number;
  cohortPlaces: number;
  strategyParticipants: number;
  /** Rows of import history and of the rectification history (record_changes). */
  importHistory: number;
  pupilsErased: number;
}

async function deleteObservationHistory(
  trx: Kysely<DB>,
  observationIds: string[],
): Promise<number> {
  let removed = 0;
  for (let i = 0; i < observationIds.length; i += 5000) {
    const chunk = observationIds.slice(i, i + 5000);
    const result = await trx
      .deleteFrom("import_changes")
      .where("entity", "=", "observation")
      .where("entity_id", "in", inIds(chunk))
      .executeTakeFirst();
    removed += Number(result.numDeletedRows);
  }
  return removed;
}

/**
 * Erases pupils the way a leader's erasure does (`erasePupils`: every row
 * derived from them and the pupil row go, their pseudonyms are retired), and
 * counts it in the retention report's categories.
 */
export async function erasePupilData(
  trx: Kysely<DB>,
  pupilIds: readonly string[],
  now: Date,
): Promise<PupilErasure> {
  const erased = await erasePupils(trx, pupilIds, now);
  return {
    observations: erased.observations,
    cohortPlaces: erased.cohortMemberships,
    strategyParticipants: erased.strategyParticipations,
    importHistory: erased.importRows + erased.historyRows,
    pupilsErased: erased.pupilsErased,
  };
}

/**
 * Deletes the pupil-level data of every programme year that ended before
 * `cutoff`, except what a legal hold keeps, then erases the pupils nothing
 * else is kept of. Returns the counts per category.
 */
export async function deleteExpiredPupilData(
  trx: Kysely<DB>,
  cutoff: string,
  now: Date,
): Promise<PupilErasure> {
  const places = await trx
    .deleteFrom("cohort_members")
    .where("enrolment_id", "in", (eb) =>
      eb
        .selectFrom("enrolments")
        .innerJoin("programme_years", "programme_years.id", "enrolments.programme_year_id")
        .select("enrolments.id")
        .where("programme_years.ends_on", "<", cutoff)
        .where((w) => w.not(w.exists(yearHeldRef(trx))))
        .where((w) => w.not(w.exists(schoolHeldRef(trx, "enrolments.school_id")))),
    )
    .executeTakeFirst();
  const participants = await trx
    .deleteFrom("strategy_participants")
    .where("strategy_id", "in", (eb) =>
      eb
        .selectFrom("strategies")
        .innerJoin("programme_years", "programme_years.id", "strategies.programme_year_id")
        .select("strategies.id")
        .where("programme_years.ends_on", "<", cutoff)
        .where((w) => w.not(w.exists(yearHeldRef(trx))))
        .where((w) => w.not(w.exists(schoolHeldRef(trx, "strategies.school_id")))),
    )
    .executeTakeFirst();
  // An observation belongs to the programme year of its academic year at its
  // school, or, when the school was not enrolled that year, ends with its point.
  const observations = await trx
    .deleteFrom("observations")
    .where("assessment_point_id", "in", (eb) =>
      eb
        .selectFrom("assessment_points")
        .select("assessment_points.id")
        .where("assessment_points.ends_on", "<", cutoff)
        .where((w) => w.not(w.exists(schoolHeldRef(trx, "assessment_points.school_id"))))
        .where((w) =>
          w.not(
            w.exists(
              w
                .selectFrom("enrolments")
                .innerJoin("programme_years", "programme_years.id", "enrolments.programme_year_id")
                .select("enrolments.id")
                .whereRef("enrolments.school_id", "=", "assessment_points.school_id")
                .whereRef("programme_years.academic_year", "=", "assessment_points.academic_year")
                .where((y) =>
                  y.or([y("programme_years.ends_on", ">=", cutoff), y.exists(yearHeldRef(trx))]),
                ),
            ),
          ),
        ),
    )
    .returning("id")
    .execute();
  const observationHistory = await deleteObservationHistory(
    trx,
    observations.map((o) => o.id),
  );
  const lastChangedBefore = londonToUtc(cutoff, "00:00");
  const spent = await trx
    .selectFrom("pupils")
    .select("pupils.id")
    .where("pupils.updated_at", "<", lastChangedBefore)
    .where((w) => w.not(w.exists(schoolHeldRef(trx, "pupils.school_id"))))
    .where((w) =>
      w.not(
        w.exists(
          w
            .selectFrom("observations")
            .select("observations.id")
            .whereRef("observations.pupil_id", "=", "pupils.id"),
        ),
      ),
    )
    .where((w) =>
      w.not(
        w.exists(
          w
            .selectFrom("cohort_members")
            .select("cohort_members.id")
            .whereRef("cohort_members.pupil_id", "=", "pupils.id"),
        ),
      ),
    )
    .execute();
  const erased = await erasePupilData(
    trx,
    spent.map((p) => p.id),
    now,
  );
  return {
    observations: observations.length + erased.observations,
    cohortPlaces: Number(places.numDeletedRows) + erased.cohortPlaces,
    strategyParticipants: Number(participants.numDeletedRows) + erased.strategyParticipants,
    importHistory: observationHistory + erased.importHistory,
    pupilsErased: erased.pupilsErased,
  };
}

/** Prunes the audit rows written before `cutoff` (never within a year of the newest), anchoring the chain. */
export async function pruneAuditLog(trx: Kysely<DB>, cutoff: Date, now: Date): Promise<number> {
  const result = await sql<{ removed: string | number }>`
    select audit_prune_before(${cutoff}, ${now}) as removed
  `.execute(trx);
  return Number(result.rows[0]?.removed ?? 0);
}

export async function countActiveHolds(
  db: Kysely<DB>,
): Promise<{ heldSchools: number; heldProgrammeYears: number }> {
  const row = await activeHold(db)
    .select((eb) => [
      eb.fn.count<string>("school_id").distinct().as("schools"),
      eb.fn.count<string>("programme_year_id").distinct().as("years"),
    ])
    .executeTakeFirstOrThrow();
  return { heldSchools: Number(row.schools), heldProgrammeYears: Number(row.years) };
}

/** How many records of each category Cascade holds now, for the records of processing. */
export async function processingCounts(db: Kysely<DB>): Promise<Record<string, number>> {
  const count = async (query: {
    executeTakeFirstOrThrow(): Promise<{ n: string | number | bigint }>;
  }) => Number((await query.executeTakeFirstOrThrow()).n);
  const livePupils = db.selectFrom("pupils");
  const [pupils, observations, disadvantaged, accounts, auditRows, sessions] = await Promise.all([
    count(livePupils.select((eb) => eb.fn.countAll<string>().as("n"))),
    count(db.selectFrom("observations").select((eb) => eb.fn.countAll<string>().as("n"))),
    count(
      livePupils
        .where((eb) => eb.or([eb("pupil_premium", "=", true), eb("fsm", "=", true)]))
        .select((eb) => eb.fn.countAll<string>().as("n")),
    ),
    count(db.selectFrom("users").select((eb) => eb.fn.countAll<string>().as("n"))),
    count(db.selectFrom("audit_events").select((eb) => eb.fn.countAll<string>().as("n"))),
    count(db.selectFrom("sessions").select((eb) => eb.fn.countAll<string>().as("n"))),
  ]);
  return {
    pupil_identity: pupils,
    pupil_attainment: observations,
    disadvantage: disadvantaged,
    staff_accounts: accounts,
    sign_in_audit: auditRows + sessions,
  };
}
