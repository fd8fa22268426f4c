import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { type RecordChange, recordChanges } from "../../audit/history.ts";
import { Conflict } from "../../errors.ts";

/**
 * Puts back what an import changed. Refused while a later import has touched
 * the same pupils or values (undo that one first), or when someone has changed
 * them by hand since: undoing must never throw away newer work.
 */
export async function undoImport(
  trx: Kysely<DB>,
  input: { importId: string; schoolId: string; seq: number; userId: string; now: Date },
): Promise<{ restored: number; removed: number }> {
  // What this import touched: the values it created, and the rows it changed.
  const createdHere = trx
    .selectFrom("observations")
    .select("id")
    .where("created_import_id", "=", input.importId);
  const later = await trx
    .selectFrom("import_changes as theirs")
    .innerJoin("imports", "imports.id", "theirs.import_id")
    .select(["imports.file_name"])
    .where("imports.seq", ">", input.seq)
    .where("imports.undone_at", "is", null)
    .where((eb) =>
      eb.or([
        eb("theirs.entity_id", "in", createdHere),
        eb(
          "theirs.entity_id",
          "in",
          eb
            .selectFrom("import_changes as mine")
            .select("mine.entity_id")
            .where("mine.import_id", "=", input.importId),
        ),
      ]),
    )
    .orderBy("imports.seq", "desc")
    .limit(1)
    .executeTakeFirst();
  if (later) {
    throw new Conflict(
      `A later import (${later.file_name}) changed some of the same data. Undo that import first, then this one.`,
    );
  }

  const changes = await trx
    .selectFrom("import_changes")
    .select(["entity", "entity_id", "before", "after"])
    .where("import_id", "=", input.importId)
    .orderBy("id", "desc")
    .execute();
  const observationChanges = changes.filter((c) => c.entity === "observation");
  const pupilChanges = changes.filter((c) => c.entity === "pupil");

  // Every value this import wrote must still be as it left it: a change by hand since would be lost.
  const touchedSince = await trx
    .selectFrom("observations")
    .select("id")
    .where((eb) =>
      eb.or([
        eb("created_import_id", "=", input.importId),
        ...(observationChanges.length > 0
          ? [
              eb(
                "id",
                "in",
                observationChanges.map((c) => c.entity_id),
              ),
            ]
          : []),
      ]),
    )
    .where((eb) => eb.or([eb("import_id", "is", null), eb("import_id", "!=", input.importId)]))
    .limit(1)
    .executeTakeFirst();
  const changedRowsLeft =
    observationChanges.length === 0
      ? observationChanges.length
      : Number(
          (
            await trx
              .selectFrom("observations")
              .select((eb) => eb.fn.countAll<number>().as("n"))
              .where(
                "id",
                "in",
                observationChanges.map((c) => c.entity_id),
              )
              .executeTakeFirstOrThrow()
          ).n,
        );
  if (touchedSince || changedRowsLeft !== observationChanges.length) {
    throw new Conflict(
      "Some of these values have been changed by hand since the import. Undoing it would lose that work.",
    );
  }
  for (const change of pupilChanges) {
    const pupil = await trx
      .selectFrom("pupils")
      .select("version")
      .where("id", "=", change.entity_id)
      .executeTakeFirst();
    if (!pupil || pupil.version !== Number(change.after.version)) {
      throw new Conflict(
        "Some of these pupils have been changed since the import. Undoing it would lose that work.",
      );
    }
  }

  let restored = 0;
  let removed = 0;
  const history: RecordChange[] = [];
  const removedValues = await trx
    .deleteFrom("observations")
    .where("created_import_id", "=", input.importId)
    .returning(["pupil_id", "measure_id", "assessment_point_id", "value"])
    .execute();
  removed += removedValues.length;
  for (const row of removedValues) {
    history.push({
      pupilId: row.pupil_id,
      entity: "observation",
      field: "value",
      measureId: row.measure_id,
      assessmentPointId: row.assessment_point_id,
      oldValue: Number(row.value),
      newValue: null,
    });
  }
  for (const change of observationChanges) {
    const before = change.before as {
      value: number;
      recorded_by: string | null;
      recorded_at: string;
      import_id: string | null;
    };
    const put = await trx
      .updateTable("observations")
      .set({
        value: before.value,
        recorded_by: before.recorded_by,
        recorded_at: before.recorded_at,
        import_id: before.import_id,
      })
      .where("id", "=", change.entity_id)
      .returning(["pupil_id", "measure_id", "assessment_point_id"])
      .executeTakeFirst();
    if (put) {
      history.push({
        pupilId: put.pupil_id,
        entity: "observation",
        field: "value",
        measureId: put.measure_id,
        assessmentPointId: put.assessment_point_id,
        oldValue: (change.after as { value?: unknown }).value,
        newValue: before.value,
      });
    }
    restored++;
  }

  for (const change of pupilChanges) {
    if (change.before === null) {
      const hasData = await trx
        .selectFrom("observations")
        .select("id")
        .where("pupil_id", "=", change.entity_id)
        .limit(1)
        .executeTakeFirst();
      if (hasData) {
        throw new Conflict(
          "Some pupils this import added now have assessment data. Undo the imports of their data first.",
        );
      }
      await trx.deleteFrom("pupils").where("id", "=", change.entity_id).execute();
      removed++;
    } else {
      const { version: _version, ...fields } = change.before as Record<string, unknown>;
      const { version: _after, ...now } = change.after as Record<string, unknown>;
      for (const [field, value] of Object.entries(fields)) {
        history.push({
          pupilId: change.entity_id,
          entity: "pupil",
          field,
          oldValue: now[field],
          newValue: value,
        });
      }
      await trx
        .updateTable("pupils")
        .set({
          ...fields,
          version: Number(change.after.version) + 1,
          updated_at: input.now,
        } as never)
        .where("id", "=", change.entity_id)
        .execute();
      restored++;
    }
  }
  await recordChanges(trx, history, { by: input.userId, source: "undo", now: input.now });
  await trx
    .updateTable("imports")
    .set({ undone_at: input.now, undone_by: input.userId })
    .where("id", "=", input.importId)
    .execute();
  return { restored, removed };
}
