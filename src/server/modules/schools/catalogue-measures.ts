import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { measureCatalogue, type Phase } from "../../../domain/measures.ts";

/*
 * A school's built-in measures come with the school: written when it is created
 * and when it changes phase. This lives with the schools so that the schools
 * module does not import the measures module (which imports the schools' scoped
 * loader): the arrow points one way, measures → schools.
 */

/**
 * Gives a school the built-in measures of its phase that it does not have yet,
 * keeping any it has edited. Keys are shared across schools, which is what
 * lets a trio compare the same measure.
 */
export async function ensureCatalogueMeasures(
  db: Kysely<DB>,
  schoolId: string,
  phase: Phase,
): Promise<void> {
  const existing = new Set(
    (await db.selectFrom("measures").select("key").where("school_id", "=", schoolId).execute()).map(
      (m) => m.key,
    ),
  );
  const missing = measureCatalogue(phase)
    .map((definition, position) => ({ definition, position }))
    .filter(({ definition }) => !existing.has(definition.key));
  if (missing.length === 0) return;
  await db
    .insertInto("measures")
    .values(
      missing.map(({ definition: d, position }) => ({
        school_id: schoolId,
        key: d.key,
        name: d.name,
        kind: d.kind,
        scale: d.scale,
        min: d.min,
        max: d.max,
        expected: d.expected,
        higher_is_better: d.higherIsBetter,
        levels: JSON.stringify(d.levels),
        subject: d.subject,
        core: d.core,
        decimals: d.decimals,
        built_in: true,
        position,
      })),
    )
    .onConflict((oc) => oc.columns(["school_id", "key"]).doNothing())
    .execute();
}
