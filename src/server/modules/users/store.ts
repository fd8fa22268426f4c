import type { Kysely } from "kysely";
import type { Membership, Role, ScopeType } from "../../../contracts/roles.ts";
import { containing } from "../../../db/like.ts";
import type { DB } from "../../../db/schema.ts";
import { deleteSessionsOfUser } from "../../access/sessions.ts";
import { NotFound } from "../../errors.ts";

export async function countUsers(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function findUserByEmail(db: Kysely<DB>, email: string) {
  return db
    .selectFrom("users")
    .select(["id", "name", "email", "password_hash", "disabled_at"])
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
}

export async function insertUser(
  db: Kysely<DB>,
  user: { email: string; name: string; passwordHash: string; createdAt: Date },
): Promise<string> {
  const row = await db
    .insertInto("users")
    .values({
      email: user.email,
      name: user.name,
      password_hash: user.passwordHash,
      created_at: user.createdAt,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Adds a membership unless the person already holds it (pending or not).
 * Returns the new row's id, or undefined when nothing was added.
 */
export async function addMembership(
  db: Kysely<DB>,
  membership: {
    userId: string;
    role: Role;
    scopeType: ScopeType;
    scopeId: string | null;
    pending?: boolean;
    grantedBy?: string | null;
  },
): Promise<string | undefined> {
  const row = await db
    .insertInto("memberships")
    .values({
      user_id: membership.userId,
      role: membership.role,
      scope_type: membership.scopeType,
      scope_id: membership.scopeId,
      pending: membership.pending ?? false,
      granted_by: membership.grantedBy ?? null,
    })
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .executeTakeFirst();
  return row?.id;
}

/** What a membership or an invitation is held over, as its row stores it. */
export interface ScopeRef {
  scope_type: ScopeType;
  scope_id: string | null;
}

/**
 * Readable names for the scopes of many memberships or invitations at once ("The
 * network", a school's name, a cluster with its academic year): one query for the
 * schools and one for the clusters named. The lookup answers undefined for a school
 * or cluster that does not exist (any more).
 */
export async function scopeNamesOf(
  db: Kysely<DB>,
  scopes: readonly ScopeRef[],
): Promise<(scope: ScopeRef) => string | undefined> {
  const idsOf = (type: ScopeType) => [
    ...new Set(
      scopes.flatMap((s) => (s.scope_type === type && s.scope_id !== null ? [s.scope_id] : [])),
    ),
  ];
  const schoolIds = idsOf("school");
  const clusterIds = idsOf("cluster");
  const schools =
    schoolIds.length === 0
      ? []
      : await db
          .selectFrom("schools")
          .select(["id", "name"])
          .where("id", "in", schoolIds)
          .execute();
  const clusters =
    clusterIds.length === 0
      ? []
      : await db
          .selectFrom("clusters")
          .innerJoin("programme_years", "programme_years.id", "clusters.programme_year_id")
          .select(["clusters.id", "clusters.name", "programme_years.academic_year"])
          .where("clusters.id", "in", clusterIds)
          .execute();
  const names = new Map<string, string>([
    ...schools.map((r) => [`school:${r.id}`, r.name] as const),
    ...clusters.map((r) => [`cluster:${r.id}`, `${r.name} (${r.academic_year})`] as const),
  ]);
  return (scope) =>
    scope.scope_type === "network"
      ? "The network"
      : names.get(`${scope.scope_type}:${scope.scope_id}`);
}

/** A readable name for what a membership is held over; undefined when it does not exist. */
export async function scopeName(
  db: Kysely<DB>,
  scopeType: ScopeType,
  scopeId: string | null,
): Promise<string | undefined> {
  const scope = { scope_type: scopeType, scope_id: scopeId };
  return (await scopeNamesOf(db, [scope]))(scope);
}

/** What a list shows for a scope whose school or cluster has gone. */
export const REMOVED_SCOPE = "(removed)";

/**
 * Memberships of many users at once, each with a readable scope name: the ones
 * in force, or (with `pending`) the ones still waiting for approval.
 */
export async function membershipsOfUsers(
  db: Kysely<DB>,
  userIds: string[],
  { pending = false }: { pending?: boolean } = {},
): Promise<Map<string, Membership[]>> {
  const result = new Map<string, Membership[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return result;
  const rows = await db
    .selectFrom("memberships")
    .select(["user_id", "role", "scope_type", "scope_id"])
    .where("user_id", "in", userIds)
    .where("pending", "=", pending)
    .orderBy("created_at")
    .execute();
  const nameOf = await scopeNamesOf(db, rows);
  for (const row of rows) {
    result.get(row.user_id)?.push({
      role: row.role,
      scopeType: row.scope_type,
      scopeId: row.scope_id,
      scopeName: nameOf(row) ?? REMOVED_SCOPE,
    });
  }
  return result;
}

export async function listMemberships(
  db: Kysely<DB>,
  userId: string,
  options: { pending?: boolean } = {},
): Promise<Membership[]> {
  return (await membershipsOfUsers(db, [userId], options)).get(userId) ?? [];
}

export interface UserRow {
  id: string;
  name: string;
  email: string;
  created_at: Date;
  disabled_at: Date | null;
}

/** A page of everyone with an account, by name, optionally searched by part of a name or email. */
export async function userPage(
  db: Kysely<DB>,
  { search, offset, limit }: { search?: string | undefined; offset: number; limit: number },
): Promise<{ rows: UserRow[]; total: number }> {
  const base = db
    .selectFrom("users")
    .$if(Boolean(search), (q) =>
      q.where((eb) =>
        eb.or([
          eb("name", "ilike", containing(search ?? "")),
          eb("email", "ilike", containing(search ?? "")),
        ]),
      ),
    );
  const [rows, total] = await Promise.all([
    base
      .select(["id", "name", "email", "created_at", "disabled_at"])
      .orderBy("name")
      .orderBy("id")
      .offset(offset)
      .limit(limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/**
 * Disables an account (ending its sessions at once) or enables it again; 404
 * when there is no such user. Returns the user and how many sessions ended.
 */
export async function setUserDisabled(
  trx: Kysely<DB>,
  id: string,
  disabled: boolean,
  now: Date,
): Promise<{ user: UserRow; sessionsEnded: number }> {
  const user = await trx
    .updateTable("users")
    .set({ disabled_at: disabled ? now : null })
    .where("id", "=", id)
    .returning(["id", "name", "email", "created_at", "disabled_at"])
    .executeTakeFirst();
  if (!user) throw new NotFound("user");
  const sessionsEnded = disabled ? await deleteSessionsOfUser(trx, id) : 0;
  return { user, sessionsEnded };
}

/** Ends every session of an existing user (404 when there is none); answers how many ended. */
export async function endSessionsOfUser(trx: Kysely<DB>, id: string): Promise<number> {
  const user = await trx.selectFrom("users").select("id").where("id", "=", id).executeTakeFirst();
  if (!user) throw new NotFound("user");
  return deleteSessionsOfUser(trx, id);
}

/** A user's name and email by id. */
export async function userById(db: Kysely<DB>, id: string) {
  return db
    .selectFrom("users")
    .select(["id", "name", "email"])
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
}

/** A user's account by id, or undefined when there is none. */
export async function findUserById(db: Kysely<DB>, id: string) {
  return db
    .selectFrom("users")
    .select(["id", "name", "email", "disabled_at"])
    .where("id", "=", id)
    .executeTakeFirst();
}
