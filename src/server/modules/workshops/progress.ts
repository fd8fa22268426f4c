import type { Kysely } from "kysely";
import type { Progress } from "../../../contracts/programme-year.ts";
import type { DB } from "../../../db/schema.ts";
import { toLondon } from "../../../domain/calendar.ts";
import { isActionOverdue } from "../../../domain/follow-up.ts";
import { isRecordOpen } from "../../../domain/record-window.ts";
import { SUPPRESSION_REASON, tooSmallToCount } from "../../../domain/suppression.ts";
import { worksAtSchool } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";
import { compositionOf, teamMembersOf } from "../enrolments/team-store.ts";
import { enrolmentsWithPhase, progressFacts } from "./store.ts";

/**
 * The year at a glance for a cluster, school by school: counts and yes/no
 * marks only. A cohort of 1 to 5 is not counted for a school the actor does
 * not work at. The caller has found the cluster in the actor's scope.
 */
export async function progressOfCluster(
  db: Kysely<DB>,
  actor: Actor,
  cluster: { id: string; name: string },
  today: string,
): Promise<Progress> {
  const enrolments = await enrolmentsWithPhase(db, cluster.id);
  const ids = enrolments.map((e) => e.id);
  const [teams, [workshops, allMarks, tasks, actions, cohorts, strategies, visits, points]] =
    await Promise.all([
      teamMembersOf(db, ids),
      progressFacts(
        db,
        cluster.id,
        ids,
        enrolments.map((e) => e.school_id),
      ),
    ]);
  // Only real marks count: a register taken on or after the workshop's day
  // (marks written before it, as older versions allowed, describe nothing).
  const dayOf = new Map(workshops.map((w) => [w.id, toLondon(w.starts_at).date]));
  const attendance = allMarks.filter((a) =>
    isRecordOpen(dayOf.get(a.workshop_id) ?? null, toLondon(a.recorded_at).date),
  );
  const heldVisits = visits.filter((v) => isRecordOpen(v.visit_on, today));
  const pointNames = [...new Set(points.map((p) => p.name))];
  const taskIds = new Set(tasks.map((t) => t.id));
  return {
    clusterId: cluster.id,
    clusterName: cluster.name,
    points: pointNames,
    workshops: workshops.map((w) => ({
      id: w.id,
      title: w.title,
      startsAt: w.starts_at.toISOString(),
      registerTaken: attendance.some((a) => a.workshop_id === w.id),
    })),
    schools: enrolments.map((e) => {
      const composition = compositionOf(e.phase, teams.get(e.id) ?? []);
      const own = actions.filter((a) => a.enrolment_id === e.id);
      const marks = attendance.filter((a) => a.enrolment_id === e.id);
      const doneTasks = new Set(
        own
          .filter(
            (a) => a.status === "done" && a.workshop_task_id && taskIds.has(a.workshop_task_id),
          )
          .map((a) => a.workshop_task_id),
      );
      const strategyCounts: Record<string, number> = {};
      for (const s of strategies.filter((x) => x.school_id === e.school_id))
        strategyCounts[s.status] = (strategyCounts[s.status] ?? 0) + 1;
      const size = cohorts.filter((c) => c.enrolment_id === e.id).length;
      // A lead or administrator who also works at the school sees its own count.
      const suppressed = !worksAtSchool(actor, e.school_id) && tooSmallToCount(size);
      return {
        enrolmentId: e.id,
        schoolName: e.name,
        compositionMeets: composition.meets,
        compositionSummary: composition.summary,
        attendance: {
          present: marks.filter((m) => m.status === "present").length,
          recorded: marks.length,
        },
        tasks: { done: doneTasks.size, total: taskIds.size },
        actions: {
          done: own.filter((a) => a.status === "done").length,
          open: own.filter((a) => a.status !== "done").length,
          overdue: own.filter((a) => isActionOverdue({ status: a.status, dueOn: a.due_on }, today))
            .length,
        },
        cohort: {
          chosen: size > 0,
          size: suppressed ? null : size,
          suppressed,
          suppressedReason: suppressed ? SUPPRESSION_REASON : null,
        },
        dataCollected: pointNames.map((name) =>
          points.some((p) => p.school_id === e.school_id && p.name === name && Boolean(p.has_data)),
        ),
        strategies: strategyCounts,
        lastVisit: heldVisits.find((v) => v.enrolment_id === e.id)?.visit_on ?? null,
      };
    }),
  };
}
