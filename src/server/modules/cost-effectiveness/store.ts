import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";

/** The school's hourly staff cost in pounds, or null when it has set none. */
export async function hourlyRateOf(db: Kysely<DB>, schoolId: string): Promise<number | null> {
  const row = await db
    .selectFrom("schools")
    .select("staff_hourly_rate")
    .where("id", "=", schoolId)
    .executeTakeFirstOrThrow();
  return row.staff_hourly_rate === null ? null : Number(row.staff_hourly_rate);
}

export async function setHourlyRate(
  db: Kysely<DB>,
  schoolId: string,
  poundsPerHour: number | null,
): Promise<void> {
  await db
    .updateTable("schools")
    .set({ staff_hourly_rate: poundsPerHour })
    .where("id", "=", schoolId)
    .execute();
}

/**
 * Sets the school's hourly rate inside the caller's transaction, returning
 * what changed, or null when it already was that (nothing to record).
 */
export async function changeHourlyRate(
  db: Kysely<DB>,
  schoolId: string,
  wanted: number | null,
): Promise<{ from: number | null; to: number | null } | null> {
  const current = await hourlyRateOf(db, schoolId);
  if (current === wanted) return null;
  await setHourlyRate(db, schoolId, wanted);
  return { from: current, to: wanted };
}

/** The school's strategies, newest first, with their participant counts and strand names. */
export async function strategiesOfSchool(db: Kysely<DB>, schoolId: string) {
  return db
    .selectFrom("strategies")
    .leftJoin("eef_strands", "eef_strands.id", "strategies.eef_strand_id")
    .selectAll("strategies")
    .select((eb) => [
      "eef_strands.name as strand_name",
      eb
        .selectFrom("strategy_participants")
        .select((s) => s.fn.countAll<number>().as("n"))
        .whereRef("strategy_participants.strategy_id", "=", "strategies.id")
        .as("participant_count"),
    ])
    .where("strategies.school_id", "=", schoolId)
    .orderBy("strategies.created_at", "desc")
    .execute();
}
