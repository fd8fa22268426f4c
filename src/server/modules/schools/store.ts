import { randomInt } from "node:crypto";
import { type Kysely, sql } from "kysely";
import type { z } from "zod";
import type {
  listSchoolsQuerySchema,
  School,
  updateSchoolSchema,
} from "../../../contracts/network.ts";
import { containing } from "../../../db/like.ts";
import type { DB } from "../../../db/schema.ts";
import type { Phase } from "../../../domain/measures.ts";
import type { SchoolPhase } from "../../../domain/phases.ts";
import { proposeShortCode } from "../../../domain/short-code.ts";
import { visibleSchools } from "../../access/visible-schools.ts";
import type { Actor } from "../../context.ts";
import { Conflict, NotFound, ValidationProblem } from "../../errors.ts";
import { ensureCatalogueMeasures } from "./catalogue-measures.ts";

/** Which schools an actor may see (the rule lives in access/visible-schools.ts). */
export { visibleSchools };

export const schoolQuery = (db: Kysely<DB>) =>
  db
    .selectFrom("schools")
    .leftJoin("hubs", "hubs.id", "schools.hub_id")
    .select([
      "schools.id",
      "schools.urn",
      "schools.name",
      "schools.phase",
      "schools.local_authority",
      "schools.postcode",
      "schools.hub_id",
      "hubs.name as hub_name",
      "schools.short_code",
      "schools.archived_at",
    ]);

type SchoolRow = Awaited<ReturnType<ReturnType<typeof schoolQuery>["executeTakeFirstOrThrow"]>>;

export function presentSchool(row: SchoolRow): School {
  return {
    id: row.id,
    urn: row.urn,
    name: row.name,
    phase: row.phase as School["phase"],
    localAuthority: row.local_authority,
    postcode: row.postcode,
    hubId: row.hub_id,
    hubName: row.hub_name,
    shortCode: row.short_code,
    archived: row.archived_at !== null,
  };
}

/** The school if the actor may see it; 404 otherwise, whether it exists or not. */
export async function schoolInScope(db: Kysely<DB>, actor: Actor, id: string): Promise<School> {
  const row = await schoolQuery(db)
    .where("schools.id", "=", id)
    .where(visibleSchools(actor))
    .executeTakeFirst();
  if (!row) throw new NotFound("school");
  return presentSchool(row);
}

export async function takenShortCodes(db: Kysely<DB>): Promise<Set<string>> {
  const rows = await db.selectFrom("schools").select("short_code").execute();
  return new Set(rows.map((r) => r.short_code));
}

export async function assertHubExists(
  db: Kysely<DB>,
  hubId: string | null | undefined,
): Promise<void> {
  if (!hubId) return;
  const hub = await db.selectFrom("hubs").select("id").where("id", "=", hubId).executeTakeFirst();
  if (!hub)
    throw new ValidationProblem("No such hub.", [
      { field: "hubId", message: "Choose one of the network's hubs." },
    ]);
}

export async function assertUniqueSchool(
  db: Kysely<DB>,
  fields: { urn?: string; shortCode?: string },
  exceptId?: string,
): Promise<void> {
  if (fields.urn) {
    const clash = await db
      .selectFrom("schools")
      .select(["id", "name"])
      .where("urn", "=", fields.urn)
      .$if(Boolean(exceptId), (q) => q.where("id", "!=", exceptId as string))
      .executeTakeFirst();
    if (clash) {
      throw new Conflict(`URN ${fields.urn} already belongs to ${clash.name}.`, {
        errors: [{ field: "urn", message: `Already used by ${clash.name}.` }],
      });
    }
  }
  if (fields.shortCode) {
    const clash = await db
      .selectFrom("schools")
      .select(["id", "name"])
      .where("short_code", "=", fields.shortCode)
      .$if(Boolean(exceptId), (q) => q.where("id", "!=", exceptId as string))
      .executeTakeFirst();
    if (clash) {
      throw new Conflict(`The short code ${fields.shortCode} already belongs to ${clash.name}.`, {
        errors: [
          {
            field: "shortCode",
            message: `Already used by ${clash.name}. Pupils' pseudonyms need it unique.`,
          },
        ],
      });
    }
  }
}

export interface NewSchool {
  urn: string;
  name: string;
  phase: SchoolPhase;
  localAuthority: string;
  postcode: string;
  hubId: string | null;
  shortCode?: string;
}

/** Inserts a school; the short code is proposed from the name when none is given. */
export async function insertSchool(
  db: Kysely<DB>,
  school: NewSchool,
  now: Date,
  taken?: Set<string>,
): Promise<string> {
  const codes = taken ?? (await takenShortCodes(db));
  const shortCode = school.shortCode ?? proposeShortCode(school.name, codes);
  codes.add(shortCode);
  const row = await db
    .insertInto("schools")
    .values({
      urn: school.urn,
      name: school.name,
      phase: school.phase,
      local_authority: school.localAuthority,
      postcode: school.postcode,
      hub_id: school.hubId,
      short_code: shortCode,
      created_at: now,
      updated_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await ensureCatalogueMeasures(db, row.id, school.phase as Phase);
  return row.id;
}

/** Serialises writers of the schools table (imports and creations) so short codes stay unique. */
export async function lockSchools(db: Kysely<DB>): Promise<void> {
  await sql`lock table schools in share row exclusive mode`.execute(db);
}

export type SchoolListQuery = z.infer<typeof listSchoolsQuerySchema>;

/** A page of the schools the actor may see, by name, filtered and searched. */
export async function schoolPage(
  db: Kysely<DB>,
  actor: Actor,
  { search, hubId, includeArchived, offset, limit }: SchoolListQuery,
): Promise<{ items: School[]; total: number }> {
  const filtered = db
    .selectFrom("schools")
    .where(visibleSchools(actor))
    .$if(includeArchived !== "true", (q) => q.where("schools.archived_at", "is", null))
    .$if(Boolean(hubId), (q) => q.where("schools.hub_id", "=", hubId as string))
    .$if(Boolean(search), (q) =>
      q.where((eb) =>
        eb.or([
          eb("schools.name", "ilike", containing(search ?? "")),
          eb("schools.urn", "=", search ?? ""),
          eb("schools.short_code", "=", (search ?? "").toUpperCase()),
        ]),
      ),
    );
  const [rows, total] = await Promise.all([
    schoolQuery(db)
      .where("schools.id", "in", filtered.select("schools.id"))
      .orderBy("schools.name")
      .orderBy("schools.id")
      .offset(offset)
      .limit(limit)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(presentSchool), total: Number(total.n) };
}

export type SchoolChanges = z.infer<typeof updateSchoolSchema>;

/**
 * Edits or archives a school; 404 when it does not exist. A school that changes
 * phase gains that phase's built-in measures (and keeps its data).
 */
export async function updateSchool(
  trx: Kysely<DB>,
  id: string,
  body: SchoolChanges,
  now: Date,
): Promise<void> {
  const updated = await trx
    .updateTable("schools")
    .set({
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.phase !== undefined ? { phase: body.phase } : {}),
      ...(body.localAuthority !== undefined ? { local_authority: body.localAuthority } : {}),
      ...(body.postcode !== undefined ? { postcode: body.postcode } : {}),
      ...(body.hubId !== undefined ? { hub_id: body.hubId } : {}),
      ...(body.shortCode !== undefined ? { short_code: body.shortCode } : {}),
      ...(body.archived !== undefined ? { archived_at: body.archived ? now : null } : {}),
      updated_at: now,
    })
    .where("id", "=", id)
    .returning("id")
    .executeTakeFirst();
  if (!updated) throw new NotFound("school");
  if (body.phase !== undefined) await ensureCatalogueMeasures(trx, id, body.phase);
}

const LABEL_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

/**
 * Gives each school that has none its random label (two letters and a digit,
 * e.g. "KP4"), the pseudonym a school goes by outside itself: on the evidence
 * page and the network's aims. Locks the schools' rows it reads, so two
 * requests never hand out one label twice.
 */
export async function ensureEvidenceLabels(trx: Kysely<DB>, schoolIds: string[]): Promise<void> {
  if (schoolIds.length === 0) return;
  const unlabelled = await trx
    .selectFrom("schools")
    .select("id")
    .where("id", "in", schoolIds)
    .where("evidence_label", "is", null)
    .orderBy("id")
    .forUpdate()
    .execute();
  if (unlabelled.length === 0) return;
  const taken = new Set(
    (
      await trx
        .selectFrom("schools")
        .select("evidence_label")
        .where("evidence_label", "is not", null)
        .execute()
    ).map((s) => s.evidence_label),
  );
  const letter = () => LABEL_LETTERS[randomInt(LABEL_LETTERS.length)];
  for (const school of unlabelled) {
    let label = "";
    do label = `${letter()}${letter()}${randomInt(10)}`;
    while (taken.has(label));
    taken.add(label);
    await trx
      .updateTable("schools")
      .set({ evidence_label: label })
      .where("id", "=", school.id)
      .execute();
  }
}
