import type { Expression, ExpressionBuilder, Kysely, SqlBool } from "kysely";
import type { DB } from "../../db/schema.ts";
import {
  type ParaPupilAccess,
  type PupilSight,
  pupilSight,
  withholdPovertyFlags,
} from "../../domain/pupil-visibility.ts";
import type { Actor } from "../context.ts";
import { worksAtSchool } from "./scope.ts";

/**
 * The one place the server decides which of a school's pupils a member of its
 * staff sees, and with which flags (the rule itself: src/domain/pupil-visibility.ts).
 * Every route that lists, names or flags pupils asks this module; none decides
 * for itself. Leaders and teachers see the whole school; a para-professional,
 * unless the school's leaders widened it, sees the pupils they work with:
 * - the current target cohort of an enrolment whose programme team they are on;
 * - the participants of the school's strategies they own (deliver).
 */
export interface PupilView {
  userId: string;
  schoolId: string;
  sight: PupilSight;
  /** The school's enrolments whose programme team the actor is on. */
  teamEnrolmentIds: string[];
}

/** The actor's school roles at one school. */
const rolesAt = (actor: Actor, schoolId: string) =>
  actor.memberships
    .filter((m) => m.scopeType === "school" && m.scopeId === schoolId)
    .map((m) => m.role);

/** How the actor sees one school's pupils; `setting` is the school's `para_pupil_access`. */
export async function pupilViewAt(
  db: Kysely<DB>,
  actor: Actor,
  school: { id: string; para_pupil_access: string },
): Promise<PupilView> {
  const sight = pupilSight(rolesAt(actor, school.id), school.para_pupil_access as ParaPupilAccess);
  const teams = await db
    .selectFrom("team_members")
    .innerJoin("enrolments", "enrolments.id", "team_members.enrolment_id")
    .select("enrolments.id")
    .where("team_members.user_id", "=", actor.userId)
    .where("enrolments.school_id", "=", school.id)
    .execute();
  return {
    userId: actor.userId,
    schoolId: school.id,
    sight,
    teamEnrolmentIds: teams.map((t) => t.id),
  };
}

/** How the actor sees the pupils of the school with this id (for routes that start from a pupil). */
export async function pupilViewAtSchool(
  db: Kysely<DB>,
  actor: Actor,
  schoolId: string,
): Promise<PupilView> {
  const school = await db
    .selectFrom("schools")
    .select(["id", "para_pupil_access"])
    .where("id", "=", schoolId)
    .executeTakeFirstOrThrow();
  return pupilViewAt(db, actor, school);
}

/**
 * SQL: the `pupils` row is one the view may see. Callers still filter by school;
 * this only narrows within it.
 */
export function seenIn(view: PupilView) {
  return (eb: ExpressionBuilder<DB, "pupils">): Expression<SqlBool> => {
    if (view.sight.allPupils) return eb.lit(true);
    const inTeamsCohort =
      view.teamEnrolmentIds.length === 0
        ? eb.lit(false)
        : eb.exists(
            eb
              .selectFrom("cohort_members")
              .select("cohort_members.id")
              .whereRef("cohort_members.pupil_id", "=", "pupils.id")
              .where("cohort_members.left_on", "is", null)
              .where("cohort_members.enrolment_id", "in", view.teamEnrolmentIds),
          );
    const inOwnStrategy = eb.exists(
      eb
        .selectFrom("strategy_participants")
        .innerJoin("strategies", "strategies.id", "strategy_participants.strategy_id")
        .select("strategy_participants.pupil_id")
        .whereRef("strategy_participants.pupil_id", "=", "pupils.id")
        .where("strategies.owner_user_id", "=", view.userId)
        .where("strategies.school_id", "=", view.schoolId),
    );
    return eb.and([
      eb("pupils.school_id", "=", view.schoolId),
      eb.or([inTeamsCohort, inOwnStrategy]),
    ]);
  };
}

/** Which of these pupil ids (of the view's school) the view may see. */
export async function pupilsSeen(
  db: Kysely<DB>,
  view: PupilView,
  pupilIds: readonly string[],
): Promise<Set<string>> {
  if (pupilIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("pupils")
    .select("pupils.id")
    .where("pupils.school_id", "=", view.schoolId)
    .where("pupils.id", "in", [...pupilIds])
    .where(seenIn(view))
    .execute();
  return new Set(rows.map((r) => r.id));
}

/**
 * Which of these pupils the actor may see named, school by school: none of a
 * school the actor does not work at.
 */
export async function pupilsSeenByActor(
  db: Kysely<DB>,
  actor: Actor,
  pupils: readonly { id: string; school_id: string }[],
): Promise<Set<string>> {
  const seen = new Set<string>();
  for (const schoolId of new Set(pupils.map((p) => p.school_id))) {
    if (!worksAtSchool(actor, schoolId)) continue;
    const view = await pupilViewAtSchool(db, actor, schoolId);
    const ids = pupils.filter((p) => p.school_id === schoolId).map((p) => p.id);
    for (const id of await pupilsSeen(db, view, ids)) seen.add(id);
  }
  return seen;
}

/**
 * Whether the view sees the target cohort as a cohort (its list, its matrix, who
 * of a strategy's participants is in it): the whole school's staff can, a
 * para-professional when on that enrolment's programme team. Telling anyone else
 * who is in the cohort would tell them who is disadvantaged.
 */
export const seesCohortOf = (view: PupilView, enrolmentId: string): boolean =>
  view.sight.allPupils || view.teamEnrolmentIds.includes(enrolmentId);

/** A presented pupil (or pupil-shaped row) with its poverty flags as the view may see them. */
export const flagsFor = <T extends Parameters<typeof withholdPovertyFlags>[0]>(
  view: PupilView,
  pupil: T,
) => withholdPovertyFlags(pupil, view.sight);
