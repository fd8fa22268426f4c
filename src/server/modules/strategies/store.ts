import type { Kysely } from "kysely";
import type { Strategy } from "../../../contracts/strategies.ts";
import type { DB } from "../../../db/schema.ts";
import { type DisadvantageRule, isDisadvantaged } from "../../../domain/disadvantage.ts";
import { pupilDisplayName } from "../../../domain/pupil-name.ts";
import {
  flagsFor,
  pupilViewAtSchool,
  seenIn,
  seesCohortOf,
} from "../../access/pupil-visibility.ts";
import { isSchoolLeaderOf, schoolIdsOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";
import { NotFound } from "../../errors.ts";
import { presentStrand, strandById } from "../eef-strands/store.ts";

/** A strategy of one of the actor's own schools; 404 for anyone else's. */
export async function strategyInScope(db: Kysely<DB>, actor: Actor, id: string) {
  const schools = schoolIdsOf(actor);
  if (schools.length === 0) throw new NotFound("strategy");
  const row = await db
    .selectFrom("strategies")
    .selectAll()
    .where("id", "=", id)
    .where("school_id", "in", schools)
    .executeTakeFirst();
  if (!row) throw new NotFound("strategy");
  return row;
}

export type StrategyRow = Awaited<ReturnType<typeof strategyInScope>>;

/** A strategy as `actor` may see it: its participants only those the actor sees, with their flags as they may. */
export async function presentStrategy(
  db: Kysely<DB>,
  row: StrategyRow,
  actor: Actor,
): Promise<Strategy> {
  const canManage = isSchoolLeaderOf(actor, row.school_id);
  const view = await pupilViewAtSchool(db, actor, row.school_id);
  const [theme, strand, owner, measure, school] = await Promise.all([
    row.theme_id
      ? db
          .selectFrom("programme_themes")
          .select(["id", "name"])
          .where("id", "=", row.theme_id)
          .executeTakeFirst()
      : undefined,
    row.eef_strand_id ? strandById(db, row.eef_strand_id) : undefined,
    row.owner_user_id
      ? db
          .selectFrom("users")
          .select(["id", "name"])
          .where("id", "=", row.owner_user_id)
          .executeTakeFirst()
      : undefined,
    row.success_measure_id
      ? db
          .selectFrom("measures")
          .select(["id", "name"])
          .where("id", "=", row.success_measure_id)
          .executeTakeFirst()
      : undefined,
    db
      .selectFrom("schools")
      .select("disadvantage_rule")
      .where("id", "=", row.school_id)
      .executeTakeFirstOrThrow(),
  ]);
  const participants = await db
    .selectFrom("strategy_participants")
    .innerJoin("pupils", "pupils.id", "strategy_participants.pupil_id")
    .select([
      "pupils.id",
      "pupils.legal_first_name",
      "pupils.preferred_first_name",
      "pupils.last_name",
      "pupils.year_group",
      "pupils.pupil_premium",
      "pupils.fsm",
      "pupils.ever6_fsm",
      "pupils.looked_after",
      "pupils.previously_looked_after",
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom("cohort_members")
              .select("cohort_members.id")
              .whereRef("cohort_members.pupil_id", "=", "pupils.id")
              .where("cohort_members.left_on", "is", null),
          )
          .as("in_cohort"),
    ])
    .where("strategy_participants.strategy_id", "=", row.id)
    .where(seenIn(view))
    .orderBy("pupils.last_name")
    .execute();
  const reviews = await db
    .selectFrom("strategy_reviews")
    .leftJoin("users", "users.id", "strategy_reviews.author_id")
    .select([
      "strategy_reviews.id",
      "reviewed_on",
      "done",
      "data_shows",
      "decision",
      "users.name as author",
    ])
    .where("strategy_id", "=", row.id)
    .orderBy("reviewed_on")
    .orderBy("strategy_reviews.created_at")
    .execute();
  const stageChanges = await db
    .selectFrom("strategy_stage_changes")
    .leftJoin("users", "users.id", "strategy_stage_changes.decided_by")
    .select(["from_stage", "to_stage", "evidence", "users.name as decided_by", "decided_at"])
    .where("strategy_id", "=", row.id)
    .orderBy("decided_at")
    .execute();
  const shared = await db
    .selectFrom("shared_results")
    .select(["g", "ci_low", "ci_high", "named", "shared_at", "measure_name"])
    .where("strategy_id", "=", row.id)
    .where("withdrawn_at", "is", null)
    .executeTakeFirst();
  // Whether a participant is in the cohort says they are disadvantaged: only for those who see the cohort.
  const seesAnyCohort =
    view.teamEnrolmentIds.some((id) => seesCohortOf(view, id)) || view.sight.allPupils;
  const num = (v: number | null) => (v === null ? null : Number(v));
  return {
    id: row.id,
    schoolId: row.school_id,
    title: row.title,
    description: row.description,
    theme: theme ?? null,
    eefStrand: strand ? presentStrand(strand) : null,
    evidenceReferences: row.evidence_references,
    owner: owner ?? null,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    sessionsPerWeek: num(row.sessions_per_week),
    minutesPerSession: num(row.minutes_per_session),
    costPounds: num(row.cost_pounds),
    staffHours: num(row.staff_hours),
    successMeasure: measure ?? null,
    successChange: num(row.success_change),
    status: row.status as Strategy["status"],
    cascadeStage: row.cascade_stage as Strategy["cascadeStage"],
    version: row.version,
    participants: participants.map((p) => ({
      pupilId: p.id,
      name: pupilDisplayName(p),
      yearGroup: p.year_group,
      disadvantaged: flagsFor(view, {
        disadvantaged: isDisadvantaged(
          {
            pupilPremium: p.pupil_premium,
            fsm: p.fsm,
            ever6Fsm: p.ever6_fsm,
            lookedAfter: p.looked_after,
            previouslyLookedAfter: p.previously_looked_after,
          },
          school.disadvantage_rule as DisadvantageRule,
        ),
      }).disadvantaged,
      inCohort: seesAnyCohort ? Boolean(p.in_cohort) : null,
    })),
    reviews: reviews.map((r) => ({
      id: r.id,
      reviewedOn: r.reviewed_on,
      done: r.done,
      dataShows: r.data_shows,
      decision: r.decision,
      author: r.author,
    })),
    stageChanges: stageChanges.map((c) => ({
      fromStage: c.from_stage,
      toStage: c.to_stage,
      evidence: c.evidence,
      decidedBy: c.decided_by,
      decidedAt: c.decided_at.toISOString(),
    })),
    shared: shared
      ? {
          // A result stored before flat data was refused may hold NaN: never let it break the page.
          g: finiteOrNull(shared.g),
          ciLow: finiteOrNull(shared.ci_low),
          ciHigh: finiteOrNull(shared.ci_high),
          named: shared.named,
          sharedAt: shared.shared_at.toISOString(),
          measureName: shared.measure_name,
        }
      : null,
    canManage,
  };
}

function finiteOrNull(value: unknown): number | null {
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}
