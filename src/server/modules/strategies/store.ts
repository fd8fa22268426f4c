import type { Kysely } from "kysely";
import { jsonArrayFrom, jsonObjectFrom } from "kysely/helpers/postgres";
import type { z } from "zod";
import type {
  createStrategySchema,
  Strategy,
  strategySummarySchema,
} from "../../../contracts/strategies.ts";
import type { DB } from "../../../db/schema.ts";
import { isRowDisadvantaged } from "../../../domain/disadvantage.ts";
import { pupilDisplayName } from "../../../domain/pupil-name.ts";
import {
  flagsFor,
  pupilViewAtSchool,
  seenIn,
  seesCohortOf,
} from "../../access/pupil-visibility.ts";
import { schoolIdsOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";
import { NotFound, ValidationProblem } from "../../errors.ts";
import { foundOr, refuseBadReferences } from "../../references.ts";
import { presentStrand, type StrandRow } from "../eef-strands/store.ts";
import { strategyAbilities } from "./policy.ts";

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
  const abilities = strategyAbilities(actor, { schoolId: row.school_id });
  const view = await pupilViewAtSchool(db, actor, row.school_id);
  // One query: the strategy's named things and its children as JSON.
  const found = await db
    .selectFrom("strategies")
    .innerJoin("schools", "schools.id", "strategies.school_id")
    .leftJoin("programme_themes", "programme_themes.id", "strategies.theme_id")
    .leftJoin("users as owner", "owner.id", "strategies.owner_user_id")
    .leftJoin("measures", "measures.id", "strategies.success_measure_id")
    .select((eb) => [
      "schools.disadvantage_rule",
      "programme_themes.id as theme_id",
      "programme_themes.name as theme_name",
      "owner.id as owner_id",
      "owner.name as owner_name",
      "measures.id as measure_id",
      "measures.name as measure_name",
      jsonObjectFrom(
        eb
          .selectFrom("eef_strands")
          .leftJoin("users as confirmer", "confirmer.id", "eef_strands.confirmed_by")
          .selectAll("eef_strands")
          .select("confirmer.name as confirmed_by_name")
          .whereRef("eef_strands.id", "=", "strategies.eef_strand_id"),
      ).as("strand"),
      jsonArrayFrom(
        eb
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
            (inner) =>
              inner
                .exists(
                  inner
                    .selectFrom("cohort_members")
                    .select("cohort_members.id")
                    .whereRef("cohort_members.pupil_id", "=", "pupils.id")
                    .where("cohort_members.left_on", "is", null),
                )
                .as("in_cohort"),
          ])
          .whereRef("strategy_participants.strategy_id", "=", "strategies.id")
          .where(seenIn(view))
          .orderBy("pupils.last_name"),
      ).as("participants"),
      jsonArrayFrom(
        eb
          .selectFrom("strategy_reviews")
          .leftJoin("users", "users.id", "strategy_reviews.author_id")
          .select([
            "strategy_reviews.id",
            "strategy_reviews.reviewed_on",
            "strategy_reviews.done",
            "strategy_reviews.data_shows",
            "strategy_reviews.decision",
            "users.name as author",
          ])
          .whereRef("strategy_reviews.strategy_id", "=", "strategies.id")
          .orderBy("strategy_reviews.reviewed_on")
          .orderBy("strategy_reviews.created_at"),
      ).as("reviews"),
      jsonArrayFrom(
        eb
          .selectFrom("strategy_stage_changes")
          .leftJoin("users", "users.id", "strategy_stage_changes.decided_by")
          .select([
            "strategy_stage_changes.from_stage",
            "strategy_stage_changes.to_stage",
            "strategy_stage_changes.evidence",
            "users.name as decided_by",
            "strategy_stage_changes.decided_at",
          ])
          .whereRef("strategy_stage_changes.strategy_id", "=", "strategies.id")
          .orderBy("strategy_stage_changes.decided_at"),
      ).as("stage_changes"),
      jsonObjectFrom(
        eb
          .selectFrom("shared_results")
          .select([
            "shared_results.g",
            "shared_results.ci_low",
            "shared_results.ci_high",
            "shared_results.named",
            "shared_results.shared_at",
            "shared_results.measure_name",
          ])
          .whereRef("shared_results.strategy_id", "=", "strategies.id")
          .where("shared_results.withdrawn_at", "is", null)
          .limit(1),
      ).as("shared"),
    ])
    .where("strategies.id", "=", row.id)
    .executeTakeFirstOrThrow();
  const { participants, reviews, stage_changes: stageChanges, shared, strand } = found;
  // Whether a participant is in the cohort says they are disadvantaged: only for those who see the cohort.
  const seesAnyCohort =
    view.teamEnrolmentIds.some((id) => seesCohortOf(view, id)) || view.sight.allPupils;
  const num = (v: number | null) => (v === null ? null : Number(v));
  const named = (id: string | null, name: string | null) =>
    id !== null && name !== null ? { id, name } : null;
  return {
    id: row.id,
    schoolId: row.school_id,
    title: row.title,
    description: row.description,
    theme: named(found.theme_id, found.theme_name),
    eefStrand: strand ? presentStrand(strand as unknown as StrandRow) : null,
    evidenceReferences: row.evidence_references,
    owner: named(found.owner_id, found.owner_name),
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    sessionsPerWeek: num(row.sessions_per_week),
    minutesPerSession: num(row.minutes_per_session),
    costPounds: num(row.cost_pounds),
    staffHours: num(row.staff_hours),
    successMeasure: named(found.measure_id, found.measure_name),
    successChange: num(row.success_change),
    status: row.status as Strategy["status"],
    cascadeStage: row.cascade_stage as Strategy["cascadeStage"],
    version: row.version,
    participants: participants.map((p) => ({
      pupilId: p.id,
      name: pupilDisplayName(p),
      yearGroup: p.year_group,
      disadvantaged: flagsFor(view, {
        disadvantaged: isRowDisadvantaged(p, found.disadvantage_rule),
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
      decidedAt: new Date(c.decided_at).toISOString(),
    })),
    shared: shared
      ? {
          // A result stored before flat data was refused may hold NaN: never let it break the page.
          g: finiteOrNull(shared.g),
          ciLow: finiteOrNull(shared.ci_low),
          ciHigh: finiteOrNull(shared.ci_high),
          named: shared.named,
          sharedAt: new Date(shared.shared_at).toISOString(),
          measureName: shared.measure_name,
        }
      : null,
    canManage: abilities.edit,
    abilities,
  };
}

function finiteOrNull(value: unknown): number | null {
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Checks that the references a strategy names belong to its school (and programme). */
export async function checkReferences(
  db: Kysely<DB>,
  schoolId: string,
  body: {
    themeId?: string | null;
    eefStrandId?: string | null;
    ownerUserId?: string | null;
    successMeasureId?: string | null;
    startsOn?: string | null;
    endsOn?: string | null;
  },
  /** The strand the strategy is already linked to: it may stay even if since retired. */
  linkedStrandId: string | null = null,
) {
  await refuseBadReferences(
    "The strategy refers to things it cannot use.",
    [
      {
        field: "themeId",
        id: body.themeId,
        problem: foundOr(
          (id) =>
            db.selectFrom("programme_themes").select("id").where("id", "=", id).executeTakeFirst(),
          "Choose one of the programme's themes.",
        ),
      },
      {
        field: "eefStrandId",
        id: body.eefStrandId,
        problem: async (id) => {
          const strand = await db
            .selectFrom("eef_strands")
            .select(["id", "name", "status"])
            .where("id", "=", id)
            .executeTakeFirst();
          if (!strand) return "Choose a strand of the EEF Toolkit.";
          return strand.status === "retired" && strand.id !== linkedStrandId
            ? `${strand.name} is no longer a strand of the EEF Toolkit (retired): choose a current strand.`
            : null;
        },
      },
      {
        field: "ownerUserId",
        id: body.ownerUserId,
        problem: foundOr(
          (id) =>
            db
              .selectFrom("memberships")
              .select("id")
              .where("user_id", "=", id)
              .where("pending", "=", false)
              .where("scope_type", "=", "school")
              .where("scope_id", "=", schoolId)
              .executeTakeFirst(),
          "The owner must be one of the school's staff in Cascade.",
        ),
      },
      {
        field: "successMeasureId",
        id: body.successMeasureId,
        problem: foundOr(
          (id) =>
            db
              .selectFrom("measures")
              .select("id")
              .where("id", "=", id)
              .where("school_id", "=", schoolId)
              .executeTakeFirst(),
          "Choose one of the school's measures.",
        ),
      },
    ],
    body.startsOn && body.endsOn && body.endsOn < body.startsOn
      ? [{ field: "endsOn", message: "The end comes on or after the start." }]
      : [],
  );
}

export const columns = (body: z.infer<typeof createStrategySchema>) => {
  const map: Record<string, unknown> = {
    title: body.title,
    description: body.description,
    theme_id: body.themeId,
    eef_strand_id: body.eefStrandId,
    evidence_references: body.evidenceReferences,
    owner_user_id: body.ownerUserId,
    starts_on: body.startsOn,
    ends_on: body.endsOn,
    sessions_per_week: body.sessionsPerWeek,
    minutes_per_session: body.minutesPerSession,
    cost_pounds: body.costPounds,
    staff_hours: body.staffHours,
    success_measure_id: body.successMeasureId,
    success_change: body.successChange,
  };
  return Object.fromEntries(Object.entries(map).filter(([, v]) => v !== undefined));
};

/** The school's strategies, newest first, with counts for the list. */
export async function listStrategies(db: Kysely<DB>, schoolId: string) {
  const rows = await db
    .selectFrom("strategies")
    .leftJoin("programme_themes", "programme_themes.id", "strategies.theme_id")
    .leftJoin("eef_strands", "eef_strands.id", "strategies.eef_strand_id")
    .leftJoin("users", "users.id", "strategies.owner_user_id")
    .select((eb) => [
      "strategies.id",
      "strategies.title",
      "strategies.status",
      "strategies.cascade_stage",
      "strategies.starts_on",
      "strategies.ends_on",
      "programme_themes.name as theme_name",
      "eef_strands.name as strand_name",
      "users.name as owner_name",
      eb
        .selectFrom("strategy_participants")
        .select((s) => s.fn.countAll<number>().as("n"))
        .whereRef("strategy_participants.strategy_id", "=", "strategies.id")
        .as("participants"),
      eb
        .exists(
          eb
            .selectFrom("shared_results")
            .select("shared_results.id")
            .whereRef("shared_results.strategy_id", "=", "strategies.id")
            .where("shared_results.withdrawn_at", "is", null),
        )
        .as("shared"),
    ])
    .where("strategies.school_id", "=", schoolId)
    .orderBy("strategies.created_at", "desc")
    .execute();
  type Summary = z.infer<typeof strategySummarySchema>;
  return rows.map(
    (row): Summary => ({
      id: row.id,
      title: row.title,
      status: row.status as Summary["status"],
      cascadeStage: row.cascade_stage as Summary["cascadeStage"],
      themeName: row.theme_name,
      strandName: row.strand_name,
      ownerName: row.owner_name,
      participants: Number(row.participants ?? 0),
      startsOn: row.starts_on,
      endsOn: row.ends_on,
      shared: Boolean(row.shared),
    }),
  );
}

export async function insertStrategy(
  trx: Kysely<DB>,
  now: Date,
  values: {
    body: z.infer<typeof createStrategySchema>;
    schoolId: string;
    programmeYearId: string | null;
    createdBy: string;
  },
) {
  return trx
    .insertInto("strategies")
    .values({
      ...(columns(values.body) as { title: string }),
      school_id: values.schoolId,
      programme_year_id: values.programmeYearId,
      created_by: values.createdBy,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Writes a change at the version the editor saw; undefined when someone else changed it since. */
export async function updateStrategyAt(
  trx: Kysely<DB>,
  now: Date,
  id: string,
  version: number,
  set: Record<string, unknown>,
) {
  return trx
    .updateTable("strategies")
    .set({ ...set, version: version + 1, updated_at: now })
    .where("id", "=", id)
    .where("version", "=", version)
    .returningAll()
    .executeTakeFirst();
}

export async function insertStageChange(
  trx: Kysely<DB>,
  change: {
    strategyId: string;
    fromStage: string;
    toStage: string;
    evidence: string;
    decidedBy: string;
    decidedAt: Date;
  },
): Promise<void> {
  await trx
    .insertInto("strategy_stage_changes")
    .values({
      strategy_id: change.strategyId,
      from_stage: change.fromStage,
      to_stage: change.toStage,
      evidence: change.evidence,
      decided_by: change.decidedBy,
      decided_at: change.decidedAt,
    })
    .execute();
}

export async function insertReview(
  trx: Kysely<DB>,
  now: Date,
  review: {
    strategyId: string;
    reviewedOn: string;
    done: string;
    dataShows: string;
    decision: string;
    authorId: string;
  },
) {
  return trx
    .insertInto("strategy_reviews")
    .values({
      strategy_id: review.strategyId,
      reviewed_on: review.reviewedOn,
      done: review.done,
      data_shows: review.dataShows,
      decision: review.decision,
      author_id: review.authorId,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
}

/** Sets the strategy's participants to exactly `wanted`, every one a pupil of its school (else 400). */
export async function replaceParticipants(
  trx: Kysely<DB>,
  row: StrategyRow,
  wanted: string[],
  addedOn: string,
): Promise<void> {
  const found = wanted.length
    ? new Set(
        (
          await trx
            .selectFrom("pupils")
            .select("id")
            .where("school_id", "=", row.school_id)
            .where("id", "in", wanted)
            .execute()
        ).map((p) => p.id),
      )
    : new Set<string>();
  const errors = wanted.flatMap((id, i) =>
    found.has(id) ? [] : [{ field: `pupilIds.${i}`, message: "Not a pupil of this school." }],
  );
  if (errors.length > 0) throw new ValidationProblem("Some pupils cannot take part.", errors);
  await trx
    .deleteFrom("strategy_participants")
    .where("strategy_id", "=", row.id)
    .where((eb) => (wanted.length ? eb("pupil_id", "not in", wanted) : eb.lit(true)))
    .execute();
  if (wanted.length > 0) {
    await trx
      .insertInto("strategy_participants")
      .values(
        wanted.map((pupilId) => ({ strategy_id: row.id, pupil_id: pupilId, added_on: addedOn })),
      )
      .onConflict((oc) => oc.columns(["strategy_id", "pupil_id"]).doNothing())
      .execute();
  }
}

/** Withdraws the strategy's shared result; 404 when none is shared. */
export async function withdrawSharedResult(trx: Kysely<DB>, strategyId: string, now: Date) {
  const done = await trx
    .updateTable("shared_results")
    .set({ withdrawn_at: now })
    .where("strategy_id", "=", strategyId)
    .where("withdrawn_at", "is", null)
    .executeTakeFirst();
  if (Number(done.numUpdatedRows) === 0) throw new NotFound("shared result");
}

/** What a strategy of the school may name: its programme's themes and its staff as owners. */
export async function strategyOptions(
  db: Kysely<DB>,
  schoolId: string,
  programmeYearId: string | null,
) {
  const themes = programmeYearId
    ? await db
        .selectFrom("programme_themes")
        .innerJoin(
          "programme_years",
          "programme_years.programme_id",
          "programme_themes.programme_id",
        )
        .select(["programme_themes.id", "programme_themes.key", "programme_themes.name"])
        .where("programme_years.id", "=", programmeYearId)
        .orderBy("programme_themes.position")
        .execute()
    : [];
  const members = await db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.name", "memberships.role"])
    .where("memberships.scope_type", "=", "school")
    .where("memberships.scope_id", "=", schoolId)
    .where("memberships.pending", "=", false)
    .where("users.disabled_at", "is", null)
    .orderBy("users.name")
    .execute();
  const staff = new Map<string, { userId: string; name: string; leader: boolean }>();
  for (const m of members) {
    const known = staff.get(m.id);
    const leader = m.role === "school_leader";
    if (known) known.leader ||= leader;
    else staff.set(m.id, { userId: m.id, name: m.name, leader });
  }
  return { themes, staff: [...staff.values()] };
}
