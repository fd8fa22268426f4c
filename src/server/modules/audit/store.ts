import { type ExpressionBuilder, type Kysely, sql } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { pupilDisplayName, pupilShownAs } from "../../../domain/pupil-name.ts";

type Events = ExpressionBuilder<DB, "audit_events">;

/**
 * Rows that concern a school: about the school itself (including a write that
 * names several schools), about one of its pupils, or a refused attempt on one
 * of its routes. The one definition behind the administrators' school filter and
 * the leaders' access history.
 */
export function concernsSchool(eb: Events, schoolId: string) {
  return eb.or([
    eb.and([
      eb("audit_events.target_type", "=", "school"),
      eb(sql<number>`strpos(audit_events.target_id, ${schoolId})`, ">", 0),
    ]),
    eb.and([
      eb("audit_events.target_type", "=", "pupil"),
      eb(
        "audit_events.target_id",
        "in",
        eb
          .selectFrom("pupils")
          .select(sql<string>`pupils.id::text`.as("id"))
          .where("pupils.school_id", "=", schoolId),
      ),
    ]),
    eb.and([
      eb("audit_events.action", "=", "access.denied"),
      eb(sql<string>`audit_events.details->>'id'`, "=", schoolId),
    ]),
  ]);
}

/** `occurred_at` within London days `from`..`to`, both included. */
function withinDays(eb: Events, from: string | undefined, to: string | undefined) {
  const parts = [];
  if (from) {
    parts.push(
      eb(
        "audit_events.occurred_at",
        ">=",
        sql<Date>`(${from}::date)::timestamp at time zone 'Europe/London'`,
      ),
    );
  }
  if (to) {
    parts.push(
      eb(
        "audit_events.occurred_at",
        "<",
        sql<Date>`((${to}::date) + 1)::timestamp at time zone 'Europe/London'`,
      ),
    );
  }
  return eb.and(parts);
}

export interface AuditFilters {
  actorId?: string;
  action?: string;
  schoolId?: string;
  from?: string;
  to?: string;
  offset: number;
  limit: number;
}

/** A page of the whole audit log, newest first, with who each actor is. */
export async function listAuditEvents(db: Kysely<DB>, filters: AuditFilters) {
  const base = db
    .selectFrom("audit_events")
    .$if(Boolean(filters.actorId), (q) =>
      q.where("audit_events.actor_user_id", "=", filters.actorId ?? ""),
    )
    .$if(Boolean(filters.action), (q) => q.where("audit_events.action", "=", filters.action ?? ""))
    .$if(Boolean(filters.schoolId), (q) =>
      q.where((eb) => concernsSchool(eb, filters.schoolId ?? "")),
    )
    .where((eb) => withinDays(eb, filters.from, filters.to));
  const [rows, total, actions] = await Promise.all([
    base
      .leftJoin("users", "users.id", "audit_events.actor_user_id")
      .select([
        "audit_events.id",
        "audit_events.chain_seq",
        "audit_events.occurred_at",
        "audit_events.actor_user_id",
        "users.name as actor_name",
        "audit_events.action",
        "audit_events.target_type",
        "audit_events.target_id",
        "audit_events.ip",
        "audit_events.user_agent",
        "audit_events.details",
      ])
      .orderBy("audit_events.chain_seq", "desc")
      .offset(filters.offset)
      .limit(filters.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
    db.selectFrom("audit_events").select("action").distinct().orderBy("action").execute(),
  ]);
  const items = rows.map((row) => ({
    id: Number(row.id),
    seq: Number(row.chain_seq),
    occurredAt: row.occurred_at.toISOString(),
    actor: row.actor_user_id
      ? { id: row.actor_user_id, name: row.actor_name ?? "(account deleted)" }
      : null,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    ip: row.ip,
    userAgent: row.user_agent,
    details: parseDetails(row.details),
  }));
  return {
    items: await withoutPupilIds(db, items),
    total: Number(total.n),
    actions: actions.map((a) => a.action),
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Administrators see pupil-level data only pseudonymised, and a pupil's id is
 * something a pupil can be traced by: every pupil id a row holds (its target, or
 * a value in its details) is shown as the pupil's pseudonym, or as "a pupil of"
 * their school's code where the pupil has none yet.
 */
async function withoutPupilIds<
  T extends { targetId: string | null; details: Record<string, unknown> },
>(db: Kysely<DB>, items: T[]): Promise<T[]> {
  const ids = new Set<string>();
  for (const item of items) {
    if (item.targetId && UUID.test(item.targetId)) ids.add(item.targetId);
    for (const value of Object.values(item.details)) {
      if (typeof value === "string" && UUID.test(value)) ids.add(value);
    }
  }
  if (ids.size === 0) return items;
  const pupils = await db
    .selectFrom("pupils")
    .innerJoin("schools", "schools.id", "pupils.school_id")
    .select((eb) => [
      "pupils.id",
      "schools.short_code",
      eb
        .selectFrom("pseudonyms")
        .select("pseudonyms.code")
        .whereRef("pseudonyms.pupil_id", "=", "pupils.id")
        .orderBy("pseudonyms.created_at", "desc")
        .limit(1)
        .as("pseudonym"),
    ])
    .where("pupils.id", "in", [...ids])
    .execute();
  if (pupils.length === 0) return items;
  const shown = new Map(
    pupils.map((p) => [
      p.id,
      pupilShownAs(
        null,
        { named: false, pseudonym: p.pseudonym, schoolCode: p.short_code },
        (code) => `a pupil of ${code ?? "a school"}`,
      ),
    ]),
  );
  const mask = (value: unknown) =>
    typeof value === "string" && shown.has(value) ? shown.get(value) : value;
  return items.map((item) => ({
    ...item,
    targetId: item.targetId ? (mask(item.targetId) as string) : item.targetId,
    details: Object.fromEntries(Object.entries(item.details).map(([k, v]) => [k, mask(v)])),
  }));
}

function parseDetails(details: unknown): Record<string, unknown> {
  const value = typeof details === "string" ? JSON.parse(details) : details;
  return value && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}

/** The audit rows that concern one school, newest first, with the named pupil where there is one. */
export async function accessHistoryOfSchool(
  db: Kysely<DB>,
  schoolId: string,
  filters: { from?: string; to?: string; offset: number; limit: number },
) {
  const base = db
    .selectFrom("audit_events")
    .where((eb) => concernsSchool(eb, schoolId))
    .where((eb) => withinDays(eb, filters.from, filters.to));
  const [rows, total] = await Promise.all([
    base
      .leftJoin("users", "users.id", "audit_events.actor_user_id")
      .leftJoin("pupils", (join) =>
        join
          .on("audit_events.target_type", "=", "pupil")
          .on(sql<string>`pupils.id::text`, "=", sql<string>`audit_events.target_id`)
          .on("pupils.school_id", "=", schoolId),
      )
      .select([
        "audit_events.id",
        "audit_events.occurred_at",
        "audit_events.actor_user_id",
        "users.name as actor_name",
        "audit_events.action",
        "audit_events.details",
        "pupils.id as pupil_id",
        "pupils.legal_first_name",
        "pupils.preferred_first_name",
        "pupils.last_name",
      ])
      .orderBy("audit_events.chain_seq", "desc")
      .offset(filters.offset)
      .limit(filters.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow(),
  ]);
  return {
    items: rows.map((row) => {
      const details = parseDetails(row.details);
      const count = [details.count, details.rows, details.namedPupils].find(
        (v): v is number => typeof v === "number" && Number.isInteger(v),
      );
      return {
        id: Number(row.id),
        occurredAt: row.occurred_at.toISOString(),
        actor: row.actor_user_id
          ? { id: row.actor_user_id, name: row.actor_name ?? "(account deleted)" }
          : null,
        action: row.action,
        pupil: row.pupil_id
          ? {
              id: row.pupil_id,
              name: pupilDisplayName({
                preferred_first_name: row.preferred_first_name,
                legal_first_name: row.legal_first_name ?? "",
                last_name: row.last_name ?? "",
              }),
            }
          : null,
        count: count ?? null,
        refused: row.action === "access.denied",
      };
    }),
    total: Number(total.n),
  };
}
