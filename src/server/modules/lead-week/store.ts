import type { Kysely } from "kysely";
import type { LeadWeek } from "../../../contracts/lead-week.ts";
import { inIds } from "../../../db/in-ids.ts";
import type { DB } from "../../../db/schema.ts";
import { inAcademicYear } from "../../../domain/calendar.ts";
import {
  awaitsSchoolResponse,
  daysBetween,
  daysOverdue,
  isActionOverdue,
} from "../../../domain/follow-up.ts";

/**
 * The week of a programme lead who leads `clusterIds` (taken from the session):
 * the clusters of the academic year `now` falls in, their schools' overdue
 * actions and the visits that wait for a school's response. It reads only
 * what the lead already sees: a visit's agreed actions by title, status and
 * due date; the team's own actions as a count; no notes, owners or pupils.
 */
export async function leadWeekOf(
  db: Kysely<DB>,
  clusterIds: string[],
  now: Date,
  today: string,
): Promise<LeadWeek> {
  const clusters = (
    await db
      .selectFrom("clusters")
      .innerJoin("programme_years", "programme_years.id", "clusters.programme_year_id")
      .select(["clusters.id", "clusters.name", "programme_years.academic_year"])
      .where("clusters.id", "in", inIds(clusterIds))
      .orderBy("clusters.name")
      .execute()
  ).filter((c) => inAcademicYear(c.academic_year, now));
  const enrolments = await db
    .selectFrom("enrolments")
    .innerJoin("schools", "schools.id", "enrolments.school_id")
    .select([
      "enrolments.id",
      "enrolments.cluster_id",
      "schools.id as school_id",
      "schools.name as school_name",
      "schools.short_code",
    ])
    .where("enrolments.cluster_id", "in", inIds(clusters.map((c) => c.id)))
    .execute();
  const enrolmentIds = inIds(enrolments.map((e) => e.id));
  const [actions, visits] = await Promise.all([
    db
      .selectFrom("actions")
      .leftJoin("school_visits", "school_visits.id", "actions.visit_id")
      .select([
        "actions.id",
        "actions.enrolment_id",
        "actions.title",
        "actions.due_on",
        "actions.status",
        "actions.visit_id",
        "school_visits.visit_on",
      ])
      .where("actions.enrolment_id", "in", enrolmentIds)
      .where("actions.status", "!=", "done")
      .where("actions.due_on", "is not", null)
      .where("actions.due_on", "<", today)
      .execute(),
    db
      .selectFrom("school_visits")
      .select((eb) => [
        "school_visits.id",
        "school_visits.enrolment_id",
        "school_visits.visit_on",
        "school_visits.strengths",
        "school_visits.challenges",
        "school_visits.questions",
        "school_visits.leader_response",
        eb
          .selectFrom("actions")
          .select((a) => a.fn.countAll<string>().as("n"))
          .whereRef("actions.visit_id", "=", "school_visits.id")
          .as("agreed_actions"),
      ])
      .where("school_visits.enrolment_id", "in", enrolmentIds)
      .where("school_visits.visit_on", "<=", today)
      .execute(),
  ]);

  const clusterById = new Map(clusters.map((c) => [c.id, { id: c.id, name: c.name }]));
  const where = new Map(
    enrolments.map((e) => [
      e.id,
      {
        school: { id: e.school_id, name: e.school_name, shortCode: e.short_code },
        cluster: clusterById.get(e.cluster_id) ?? { id: e.cluster_id, name: "" },
      },
    ]),
  );
  const placeOf = (enrolmentId: string) => {
    const place = where.get(enrolmentId);
    if (!place) throw new Error(`enrolment ${enrolmentId} outside the week's clusters`);
    return place;
  };
  const bySchool = (a: { school: { name: string } }, b: { school: { name: string } }) =>
    a.school.name.localeCompare(b.school.name, "en-GB");

  const overdueVisitActions: LeadWeek["overdueVisitActions"] = [];
  const own = new Map<string, { count: number; oldestDueOn: string }>();
  for (const a of actions) {
    const due = { status: a.status, dueOn: a.due_on };
    // The query has narrowed to these already; the rule says so once more, and narrows the types.
    if (!isActionOverdue(due, today) || a.due_on === null || a.status === "done") continue;
    const days = daysOverdue(due, today);
    if (a.visit_id && a.visit_on) {
      overdueVisitActions.push({
        id: a.id,
        title: a.title,
        dueOn: a.due_on,
        daysOverdue: days,
        status: a.status,
        visit: { id: a.visit_id, visitOn: a.visit_on },
        ...placeOf(a.enrolment_id),
      });
    } else {
      const tally = own.get(a.enrolment_id);
      own.set(a.enrolment_id, {
        count: (tally?.count ?? 0) + 1,
        oldestDueOn: tally && tally.oldestDueOn < a.due_on ? tally.oldestDueOn : a.due_on,
      });
    }
  }
  overdueVisitActions.sort(
    (a, b) => b.daysOverdue - a.daysOverdue || bySchool(a, b) || a.title.localeCompare(b.title),
  );
  const overdueTeamActions = [...own.entries()]
    .map(([enrolmentId, tally]) => ({
      enrolmentId,
      ...placeOf(enrolmentId),
      count: tally.count,
      oldestDueOn: tally.oldestDueOn,
      daysOverdue: daysBetween(tally.oldestDueOn, today),
    }))
    .sort((a, b) => b.daysOverdue - a.daysOverdue || bySchool(a, b));

  const awaitingResponse = visits
    .map((v) => ({
      state: {
        visitOn: v.visit_on,
        strengths: v.strengths,
        challenges: v.challenges,
        questions: v.questions,
        agreedActions: Number(v.agreed_actions ?? 0),
        leaderResponse: v.leader_response,
      },
      v,
    }))
    .filter(({ state }) => awaitsSchoolResponse(state, today))
    .map(({ state, v }) => ({
      visitId: v.id,
      visitOn: v.visit_on,
      daysWaiting: daysBetween(v.visit_on, today),
      agreedActions: state.agreedActions,
      ...placeOf(v.enrolment_id),
    }))
    .sort((a, b) => b.daysWaiting - a.daysWaiting || bySchool(a, b));

  return {
    today,
    clusters: clusters.map((c) => ({ id: c.id, name: c.name, academicYear: c.academic_year })),
    overdueVisitActions,
    overdueTeamActions,
    awaitingResponse,
  };
}
