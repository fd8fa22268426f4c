import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { isRowDisadvantaged } from "../../../domain/disadvantage.ts";
import type { PpEntered } from "../../../domain/pp-statement.ts";
import { worksAtSchool } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";
import { NotFound } from "../../errors.ts";

/**
 * The school, if the actor works there; 404 otherwise, so that a statement's
 * existence is not revealed outside its school (administrators and programme
 * leads included: the statement is the school's until it publishes it).
 */
export async function schoolForStatement(db: Kysely<DB>, actor: Actor, schoolId: string) {
  if (!worksAtSchool(actor, schoolId)) throw new NotFound("school");
  const school = await db
    .selectFrom("schools")
    .select(["id", "name", "short_code", "disadvantage_rule"])
    .where("id", "=", schoolId)
    .where("archived_at", "is", null)
    .executeTakeFirst();
  if (!school) throw new NotFound("school");
  return school;
}

export type StatementSchool = Awaited<ReturnType<typeof schoolForStatement>>;

/** The year's stored statement, or undefined when nothing has been entered. */
export async function statementOf(db: Kysely<DB>, schoolId: string, academicYear: string) {
  return db
    .selectFrom("pp_statements")
    .selectAll()
    .where("school_id", "=", schoolId)
    .where("academic_year", "=", academicYear)
    .executeTakeFirst();
}

/** Stores what was entered for the year, inside the caller's transaction; its id and whether it is new. */
export async function saveEntered(
  db: Kysely<DB>,
  input: { schoolId: string; academicYear: string; entered: PpEntered; userId: string; now: Date },
): Promise<{ id: string; created: boolean }> {
  const existing = await statementOf(db, input.schoolId, input.academicYear);
  const values = {
    entered: JSON.stringify(input.entered),
    updated_at: input.now,
    updated_by: input.userId,
  };
  if (existing) {
    await db.updateTable("pp_statements").set(values).where("id", "=", existing.id).execute();
    return { id: existing.id, created: false };
  }
  const row = await db
    .insertInto("pp_statements")
    .values({ school_id: input.schoolId, academic_year: input.academicYear, ...values })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, created: true };
}

/** Marks the year's statement published (or not), creating an empty one if need be. */
export async function setPublished(
  db: Kysely<DB>,
  input: {
    schoolId: string;
    academicYear: string;
    published: boolean;
    empty: PpEntered;
    userId: string;
    now: Date;
  },
): Promise<{ id: string | null; from: string | null; to: string | null }> {
  const found = await statementOf(db, input.schoolId, input.academicYear);
  // Nothing entered and not published: nothing to store.
  if (!found && !input.published) return { id: null, from: null, to: null };
  const existing =
    found ??
    (await db
      .insertInto("pp_statements")
      .values({
        school_id: input.schoolId,
        academic_year: input.academicYear,
        entered: JSON.stringify(input.empty),
        updated_at: input.now,
        updated_by: input.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow());
  const from = existing.published_at ? new Date(existing.published_at).toISOString() : null;
  const to = input.published ? (from ?? input.now.toISOString()) : null;
  if (from !== to)
    await db
      .updateTable("pp_statements")
      .set({ published_at: to, updated_at: input.now, updated_by: input.userId })
      .where("id", "=", existing.id)
      .execute();
  return { id: existing.id, from, to };
}

/** Pupils on roll on `today` and how many count as disadvantaged under the school's rule. */
export async function pupilCounts(
  db: Kysely<DB>,
  school: { id: string; disadvantage_rule: string },
  today: string,
): Promise<{ onRoll: number; disadvantaged: number }> {
  const rows = await db
    .selectFrom("pupils")
    .select(["pupil_premium", "fsm", "ever6_fsm", "looked_after", "previously_looked_after"])
    .where("school_id", "=", school.id)
    .where((eb) => eb.or([eb("left_on", "is", null), eb("left_on", ">", today)]))
    .execute();
  return {
    onRoll: rows.length,
    disadvantaged: rows.filter((r) => isRowDisadvantaged(r, school.disadvantage_rule)).length,
  };
}

/** Each strategy's dates and its EEF strand's headline figures. */
export async function strategyStrands(db: Kysely<DB>, schoolId: string) {
  return db
    .selectFrom("strategies")
    .leftJoin("eef_strands", "eef_strands.id", "strategies.eef_strand_id")
    .select([
      "strategies.id",
      "strategies.starts_on",
      "strategies.ends_on",
      "eef_strands.name as strand_name",
      "eef_strands.months as strand_months",
      "eef_strands.evidence as strand_evidence",
    ])
    .where("strategies.school_id", "=", schoolId)
    .execute();
}

/** The schools' leaders to remind, for schools whose statement for the year is not marked published. */
export async function leadersToRemind(db: Kysely<DB>, academicYear: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .innerJoin("schools", "schools.id", "memberships.scope_id")
    .select([
      "users.id",
      "users.email",
      "users.name",
      "schools.id as school_id",
      "schools.name as school_name",
    ])
    .where("memberships.role", "=", "school_leader")
    .where("memberships.scope_type", "=", "school")
    .where("memberships.pending", "=", false)
    .where("schools.archived_at", "is", null)
    .where("users.reminders_enabled", "=", true)
    .where("users.disabled_at", "is", null)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom("pp_statements")
            .select("pp_statements.id")
            .whereRef("pp_statements.school_id", "=", "schools.id")
            .where("pp_statements.academic_year", "=", academicYear)
            .where("pp_statements.published_at", "is not", null),
        ),
      ),
    )
    .execute();
}
