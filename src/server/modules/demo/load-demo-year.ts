import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { londonToUtc, planDate, toLondon } from "../../../domain/calendar.ts";
import { currentEnrolment } from "../cohort/store.ts";
import { teamMembersOf } from "../enrolments/team-store.ts";

/**
 * The programme year so far for each demo cluster: the six workshops of the
 * plan on the second Tuesday of their months, registers and follow-up tasks for
 * those already held, a few of the first school's actions (one overdue), and a
 * visit to it.
 */
export async function loadDemoYear(
  trx: Kysely<DB>,
  input: { clusterIds: string[]; firstSchoolId: string; now: Date },
): Promise<void> {
  const today = toLondon(input.now).date;
  for (const clusterId of input.clusterIds) {
    const cluster = await trx
      .selectFrom("clusters")
      .innerJoin("programme_years", "programme_years.id", "clusters.programme_year_id")
      .select(["clusters.id", "programme_years.programme_id", "programme_years.academic_year"])
      .where("clusters.id", "=", clusterId)
      .executeTakeFirstOrThrow();
    const plan = await trx
      .selectFrom("programme_workshops")
      .selectAll()
      .where("programme_id", "=", cluster.programme_id)
      .orderBy("position")
      .execute();
    const enrolments = await trx
      .selectFrom("enrolments")
      .select("id")
      .where("cluster_id", "=", clusterId)
      .execute();
    const teams = await teamMembersOf(
      trx,
      enrolments.map((e) => e.id),
    );
    for (const item of plan) {
      const date = planDate(cluster.academic_year, item.month);
      if (!date) continue;
      const workshop = await trx
        .insertInto("workshops")
        .values({
          cluster_id: clusterId,
          plan_workshop_id: item.id,
          title: item.title,
          focus: item.focus,
          theme_id: item.theme_id,
          starts_at: londonToUtc(date, "09:30"),
          ends_at: londonToUtc(date, "15:30"),
          venue: "The facilitation school's hall (fictional)",
          created_at: input.now,
          updated_at: input.now,
          ...(date < today
            ? {
                summary:
                  "Teams shared where they are; each left with a follow-up to try before the next workshop.",
              }
            : {}),
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx
        .insertInto("workshop_tasks")
        .values([
          {
            workshop_id: workshop.id,
            kind: "pre_work",
            title: "Bring your cohort's latest data",
            position: 1,
          },
          {
            workshop_id: workshop.id,
            kind: "follow_up",
            title: "Try one idea from the workshop with your cohort",
            position: 2,
          },
        ])
        .execute();
      if (date < today) {
        const rows = [...teams.entries()].flatMap(([enrolmentId, members]) =>
          members.map((m, i) => ({
            workshop_id: workshop.id,
            user_id: m.userId,
            enrolment_id: enrolmentId,
            status: (i % 7 === 6 ? "apologies" : "present") as "present" | "apologies",
            recorded_at: input.now,
          })),
        );
        if (rows.length > 0) await trx.insertInto("workshop_attendance").values(rows).execute();
      }
    }
  }
  const enrolment = await currentEnrolment(trx, input.firstSchoolId, today);
  if (!enrolment) return;
  const dayOffset = (days: number) =>
    new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
  const visit = await trx
    .insertInto("school_visits")
    .values({
      enrolment_id: enrolment.id,
      visit_on: dayOffset(-10),
      strengths: "The team knows its cohort well and meets weekly.",
      challenges: "Data from the second half-term arrived late.",
      questions: "Which pupils moved least since September, and why?",
      created_at: input.now,
      updated_at: input.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("actions")
    .values([
      {
        enrolment_id: enrolment.id,
        title: "Agree a date for the next data drop",
        due_on: dayOffset(-3),
        visit_id: visit.id,
        created_at: input.now,
        updated_at: input.now,
      },
      {
        enrolment_id: enrolment.id,
        title: "Share the reading buddies timetable with class teachers",
        due_on: dayOffset(7),
        created_at: input.now,
        updated_at: input.now,
      },
      {
        enrolment_id: enrolment.id,
        title: "Plan the cohort review meeting",
        due_on: dayOffset(14),
        status: "in_progress",
        created_at: input.now,
        updated_at: input.now,
      },
    ])
    .execute();
}
