import { type Kysely, sql } from "kysely";
import type { ImportSummary } from "../../../contracts/pupil-data.ts";
import { inIds } from "../../../db/in-ids.ts";
import type { DB } from "../../../db/schema.ts";
import { schoolIdsOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";
import { Conflict, NotFound } from "../../errors.ts";

/** The school's imports with who made them, newest first (the last 200). */
export async function importsOfSchool(db: Kysely<DB>, schoolId: string) {
  return db
    .selectFrom("imports")
    .leftJoin("users", "users.id", "imports.created_by")
    .select([
      "imports.id",
      "imports.school_id",
      "imports.kind",
      "imports.file_name",
      "imports.rows",
      "imports.created",
      "imports.updated",
      "imports.unchanged",
      "imports.marked_left",
      "imports.created_at",
      "imports.undone_at",
      "users.name as created_by_name",
    ])
    .where("imports.school_id", "=", schoolId)
    .orderBy("imports.seq", "desc")
    .limit(200)
    .execute();
}

export type ImportRow = Awaited<ReturnType<typeof importsOfSchool>>[number];

/** One import as the API shows it; `canUndo` is the caller's to say. */
export function presentImport(row: ImportRow, canUndo: boolean): ImportSummary {
  return {
    id: row.id,
    kind: row.kind,
    fileName: row.file_name,
    rows: row.rows,
    created: row.created,
    updated: row.updated,
    unchanged: row.unchanged,
    markedLeft: row.marked_left,
    createdAt: row.created_at.toISOString(),
    createdBy: row.created_by_name,
    undoneAt: row.undone_at?.toISOString() ?? null,
    canUndo,
  };
}

/**
 * The import, locked for undoing, if it was made in a school the actor leads
 * (404 otherwise, so an import elsewhere is not revealed). Run it in the undo's
 * transaction.
 */
export async function importToUndo(trx: Kysely<DB>, actor: Actor, importId: string) {
  const row = await trx
    .selectFrom("imports")
    .select(["id", "school_id", "seq", "undone_at"])
    .where("id", "=", importId)
    .where("school_id", "in", inIds(schoolIdsOf(actor, ["school_leader"])))
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new NotFound("import");
  return { id: row.id, schoolId: row.school_id, seq: row.seq, undoneAt: row.undone_at };
}

/** The first key of the imports' advisory locks: "CIMP", so no other lock shares it. */
export const IMPORT_LOCK_CLASS = 0x43494d50;

export const IMPORT_RUNNING =
  "Another import into this school is running. Nothing was imported: try again when it has finished.";

/**
 * Claims the school's imports for the caller's transaction, or refuses at once with 409
 * when another transaction (on any app server sharing the database) holds the claim. A
 * PostgreSQL advisory lock, released by the commit or rollback, or by the database when
 * the holder's connection dies: a crashed server leaves nothing to clear up.
 */
export async function claimSchoolImports(trx: Kysely<DB>, schoolId: string): Promise<void> {
  const { rows } = await sql<{ claimed: boolean }>`
    select pg_try_advisory_xact_lock(${IMPORT_LOCK_CLASS}, hashtext(${schoolId})) as claimed`.execute(
    trx,
  );
  if (rows[0]?.claimed !== true) throw new Conflict(IMPORT_RUNNING);
}
