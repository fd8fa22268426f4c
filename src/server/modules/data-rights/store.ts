import { type Kysely, sql } from "kysely";
import type { HistoryEntry } from "../../../contracts/data-rights.ts";
import type { DB } from "../../../db/schema.ts";

/**
 * All of data-rights' SQL that concerns a pupil: what subject access reads and
 * what erasure deletes. The callers load the pupil within scope first
 * (pupils/store.ts's pupilInScope); these take its id as already allowed.
 */

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : String(d));

/** The pupil's school, named, for the export's heading. */
export async function schoolOf(db: Kysely<DB>, schoolId: string) {
  return db
    .selectFrom("schools")
    .select(["id", "name"])
    .where("id", "=", schoolId)
    .executeTakeFirstOrThrow();
}

/** The pupil's rectification history, oldest first, with who made each change. */
export async function historyOfPupil(db: Kysely<DB>, pupilId: string): Promise<HistoryEntry[]> {
  const rows = await db
    .selectFrom("record_changes as c")
    .leftJoin("measures", "measures.id", "c.measure_id")
    .leftJoin("assessment_points", "assessment_points.id", "c.assessment_point_id")
    .leftJoin("users", "users.id", "c.changed_by")
    .select([
      "c.entity",
      "c.field",
      "measures.name as measure",
      "assessment_points.name as point",
      "assessment_points.academic_year",
      "c.old_value",
      "c.new_value",
      "c.source",
      "c.changed_at",
      "users.name as changed_by",
    ])
    .where("c.pupil_id", "=", pupilId)
    .orderBy("c.changed_at")
    .orderBy("c.id")
    .execute();
  return rows.map((r) => ({
    entity: r.entity,
    field: r.field,
    measure: r.measure,
    assessmentPoint: r.point ? `${r.point} ${r.academic_year}` : null,
    oldValue: r.old_value,
    newValue: r.new_value,
    source: r.source,
    changedAt: iso(r.changed_at),
    changedBy: r.changed_by,
  }));
}

/** Everything else Cascade holds about one pupil, grouped, for subject access. */
export async function pupilHoldings(db: Kysely<DB>, pupilId: string) {
  const [pseudonyms, observations, cohort, strategies, imports, audit] = await Promise.all([
    db
      .selectFrom("pseudonyms")
      .innerJoin("programme_years", "programme_years.id", "pseudonyms.programme_year_id")
      .select(["programme_years.academic_year", "pseudonyms.code", "pseudonyms.created_at"])
      .where("pseudonyms.pupil_id", "=", pupilId)
      .orderBy("programme_years.academic_year")
      .execute(),
    db
      .selectFrom("observations as o")
      .innerJoin("measures", "measures.id", "o.measure_id")
      .innerJoin("assessment_points as p", "p.id", "o.assessment_point_id")
      .leftJoin("users", "users.id", "o.recorded_by")
      .select([
        "measures.name as measure",
        "p.name as point",
        "p.academic_year",
        "o.value",
        "o.recorded_at",
        "users.name as recorded_by",
      ])
      .where("o.pupil_id", "=", pupilId)
      .orderBy("p.starts_on")
      .orderBy("measures.position")
      .execute(),
    db
      .selectFrom("cohort_members as m")
      .innerJoin("enrolments", "enrolments.id", "m.enrolment_id")
      .innerJoin("clusters", "clusters.id", "enrolments.cluster_id")
      .innerJoin("programme_years", "programme_years.id", "enrolments.programme_year_id")
      .select([
        "clusters.name as cluster",
        "programme_years.academic_year",
        "m.joined_on",
        "m.left_on",
        "m.reason",
        "m.created_at",
      ])
      .where("m.pupil_id", "=", pupilId)
      .orderBy("m.joined_on")
      .execute(),
    db
      .selectFrom("strategy_participants as sp")
      .innerJoin("strategies", "strategies.id", "sp.strategy_id")
      .select(["strategies.id", "strategies.title", "sp.added_on"])
      .where("sp.pupil_id", "=", pupilId)
      .orderBy("sp.added_on")
      .execute(),
    db
      .selectFrom("import_changes as c")
      .innerJoin("imports", "imports.id", "c.import_id")
      .select(["imports.file_name", "imports.created_at", "c.entity", "c.before", "c.after"])
      .where((eb) =>
        eb.or([
          eb.and([eb("c.entity", "=", "pupil"), eb("c.entity_id", "=", pupilId)]),
          eb.and([
            eb("c.entity", "=", "observation"),
            eb(
              "c.entity_id",
              "in",
              eb
                .selectFrom("observations")
                .select("observations.id")
                .where("observations.pupil_id", "=", pupilId),
            ),
          ]),
        ]),
      )
      .orderBy("c.id")
      .execute(),
    db
      .selectFrom("audit_events as a")
      .leftJoin("users", "users.id", "a.actor_user_id")
      .select(["a.occurred_at", "a.action", "users.name", "a.target_type", "a.target_id"])
      .where((eb) =>
        eb.or([
          eb.and([eb("a.target_type", "=", "pupil"), eb("a.target_id", "=", pupilId)]),
          // Audit rows hold ids only; one that names this pupil's id among others concerns them too.
          eb(sql<string>`a.details::text`, "like", `%${pupilId}%`),
        ]),
      )
      .orderBy("a.id")
      .execute(),
  ]);
  return {
    pseudonyms: pseudonyms.map((p) => ({
      academicYear: p.academic_year,
      code: p.code,
      createdAt: iso(p.created_at),
    })),
    observations: observations.map((o) => ({
      measure: o.measure,
      assessmentPoint: o.point,
      academicYear: o.academic_year,
      value: Number(o.value),
      recordedAt: iso(o.recorded_at),
      recordedBy: o.recorded_by,
    })),
    cohortMembership: cohort.map((m) => ({
      cluster: m.cluster,
      academicYear: m.academic_year,
      joinedOn: m.joined_on,
      leftOn: m.left_on,
      reason: m.reason,
      addedAt: iso(m.created_at),
    })),
    strategies: strategies.map((s) => ({ id: s.id, title: s.title, addedOn: s.added_on })),
    imports: imports.map((c) => ({
      fileName: c.file_name,
      importedAt: iso(c.created_at),
      entity: c.entity,
      before: c.before,
      after: c.after,
    })),
    auditEntries: audit.map((a) => ({
      occurredAt: iso(a.occurred_at),
      action: a.action,
      actor: a.name,
      targetType: a.target_type,
      targetId: a.target_id,
    })),
  };
}
