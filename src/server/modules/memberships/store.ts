import type { Kysely } from "kysely";
import type { Role } from "../../../contracts/roles.ts";
import { inIds } from "../../../db/in-ids.ts";
import type { DB } from "../../../db/schema.ts";
import { teamRoleOf } from "../../../domain/team-composition.ts";
import type { Actor } from "../../context.ts";
import { Conflict, NotFound } from "../../errors.ts";
import { membershipPolicy, type PendingFacts, pendingSchoolsOf } from "./policy.ts";

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

/** The pending school memberships the actor may see, oldest first. */
export async function listPendingInScope(db: Kysely<DB>, actor: Actor) {
  const schoolIds = pendingSchoolsOf(actor);
  return pendingQuery(db)
    .$if(schoolIds !== "all", (q) =>
      q.where("memberships.scope_id", "in", inIds(schoolIds as string[])),
    )
    .orderBy("memberships.created_at")
    .orderBy("memberships.id")
    .execute();
}

export async function findPending(db: Kysely<DB>, id: string) {
  return pendingQuery(db).where("memberships.id", "=", id).executeTakeFirst();
}

export type PendingRow = NonNullable<Awaited<ReturnType<typeof findPending>>>;

/** What the policy's rules need to know about a pending membership. */
export const pendingFactsOf = (row: PendingRow): PendingFacts => ({
  userId: row.user_id,
  grantedBy: row.granted_by,
  schoolId: row.scope_id ?? "",
});

/** A pending membership the actor may see; 404 otherwise, so its existence is not revealed. */
export async function pendingInScope(db: Kysely<DB>, actor: Actor, id: string) {
  const row = await findPending(db, id);
  if (!row || !membershipPolicy.see(actor, pendingFactsOf(row)))
    throw new NotFound("pending membership");
  return row;
}

/** Approves or rejects it inside the caller's transaction; 409 when someone else decided first. */
export async function decidePending(
  db: Kysely<DB>,
  decision: "approve" | "reject",
  row: PendingRow,
): Promise<void> {
  const done =
    decision === "approve"
      ? await approvePending(db, row.id)
      : await rejectPending(db, {
          id: row.id,
          userId: row.user_id,
          role: row.role,
          schoolId: row.scope_id ?? "",
        });
  if (!done) throw new Conflict("Someone else has already decided this.");
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

/**
 * The network's administrators (approved, not disabled) other than these
 * people: who is told of a pending role at a school with no leader yet.
 */
export async function otherAdministrators(db: Kysely<DB>, excluding: string[]) {
  return db
    .selectFrom("memberships")
    .innerJoin("users", "users.id", "memberships.user_id")
    .select(["users.id", "users.email"])
    .where("memberships.role", "=", "network_admin")
    .where("memberships.pending", "=", false)
    .where("users.disabled_at", "is", null)
    .where("users.id", "not in", inIds(excluding))
    .execute();
}
