import type { Kysely } from "kysely";
import type { Role } from "../../../contracts/roles.ts";
import type { DB } from "../../../db/schema.ts";
import { teamRoleOf } from "../../../domain/team-composition.ts";

const pendingColumns = [
  "memberships.id",
  "memberships.user_id",
  "memberships.role",
  "memberships.scope_id",
  "memberships.granted_by",
  "memberships.created_at",
  "users.name as user_name",
  "users.email as user_email",
  "schools.name as school_name",
  "granter.name as granted_by_name",
] as const;

function pendingQuery(db: Kysely<DB>) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .innerJoin("schools", "schools.id", "memberships.scope_id")
    .leftJoin("users as granter", "granter.id", "memberships.granted_by")
    .select(pendingColumns)
    .where("memberships.pending", "=", true)
    .where("memberships.scope_type", "=", "school");
}

/** Pending school memberships, all of them or those at the given schools. */
export async function listPending(db: Kysely<DB>, schoolIds: string[] | "all") {
  if (schoolIds !== "all" && schoolIds.length === 0) return [];
  return pendingQuery(db)
    .$if(schoolIds !== "all", (q) => q.where("memberships.scope_id", "in", schoolIds as string[]))
    .orderBy("memberships.created_at")
    .orderBy("memberships.id")
    .execute();
}

export async function findPending(db: Kysely<DB>, id: string) {
  return pendingQuery(db).where("memberships.id", "=", id).executeTakeFirst();
}

export async function approvePending(db: Kysely<DB>, id: string): Promise<boolean> {
  const result = await db
    .updateTable("memberships")
    .set({ pending: false })
    .where("id", "=", id)
    .where("pending", "=", true)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Deletes a pending membership and the team places at its school it came with. */
export async function rejectPending(
  db: Kysely<DB>,
  pending: { id: string; userId: string; role: Role; schoolId: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom("memberships")
    .where("id", "=", pending.id)
    .where("pending", "=", true)
    .executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1) return false;
  const stillHeld = await db
    .selectFrom("memberships")
    .select("id")
    .where("user_id", "=", pending.userId)
    .where("role", "=", pending.role)
    .where("scope_type", "=", "school")
    .where("scope_id", "=", pending.schoolId)
    .executeTakeFirst();
  if (!stillHeld) {
    await db
      .deleteFrom("team_members")
      .where("user_id", "=", pending.userId)
      .where("team_role", "=", teamRoleOf(pending.role))
      .where("enrolment_id", "in", (eb) =>
        eb.selectFrom("enrolments").select("id").where("school_id", "=", pending.schoolId),
      )
      .execute();
  }
  return true;
}

/** Emails of the school's current leaders (approved, not disabled). */
export async function leadersOfSchool(db: Kysely<DB>, schoolId: string) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.email"])
    .where("memberships.role", "=", "school_leader")
    .where("memberships.scope_type", "=", "school")
    .where("memberships.scope_id", "=", schoolId)
    .where("memberships.pending", "=", false)
    .where("users.disabled_at", "is", null)
    .execute();
}
