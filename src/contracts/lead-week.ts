import { z } from "zod";

const ref = z.object({ id: z.uuid(), name: z.string() });
const schoolRef = ref.extend({ shortCode: z.string() });
const days = z.number().int().nonnegative();

/**
 * The programme lead's week (GET /api/lead/week): across the schools of the
 * clusters they lead this academic year, what is overdue and what waits for a
 * school. It shows no more than the lead already sees elsewhere: actions agreed
 * at a visit by title (as on the visit's page), the team's own actions only as a
 * count (as on the cluster's progress), and never a pupil.
 */
export const leadWeekSchema = z.object({
  /** London's today, which "overdue" and the day counts are measured from. */
  today: z.string(),
  /** The clusters the week covers: those the caller leads in the current academic year. */
  clusters: z.array(ref.extend({ academicYear: z.string() })),
  /** Actions agreed at a visit, past their due date and not done; most overdue first. */
  overdueVisitActions: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      dueOn: z.string(),
      daysOverdue: days,
      status: z.enum(["open", "in_progress"]),
      visit: z.object({ id: z.uuid(), visitOn: z.string() }),
      school: schoolRef,
      cluster: ref,
    }),
  ),
  /** The teams' own actions (not agreed at a visit) that are overdue, counted per school. */
  overdueTeamActions: z.array(
    z.object({
      enrolmentId: z.uuid(),
      school: schoolRef,
      cluster: ref,
      count: z.number().int().positive(),
      /** The earliest due date among them, and how many days ago it was. */
      oldestDueOn: z.string(),
      daysOverdue: days,
    }),
  ),
  /** Visits held and written up whose school has not responded yet; longest waiting first. */
  awaitingResponse: z.array(
    z.object({
      visitId: z.uuid(),
      visitOn: z.string(),
      /** Days since the visit (its record, and the school's response, open on its day). */
      daysWaiting: days,
      agreedActions: z.number().int().nonnegative(),
      school: schoolRef,
      cluster: ref,
    }),
  ),
});
export type LeadWeek = z.infer<typeof leadWeekSchema>;
