import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { isRowDisadvantaged } from "../../../domain/disadvantage.ts";

export interface ValueWithGroup {
  pupilId: string;
  measureId: string;
  pointId: string;
  yearGroup: string;
  value: number;
  disadvantaged: boolean;
}

/**
 * Every value of the given measures at the school's points, each marked with
 * whether its pupil counts as disadvantaged under the school's rule. Pupils who
 * had left before a point ended are not counted at it. Every year group comes
 * back: suppression outside the school decides on the whole breakdown.
 */
export async function valuesForGap(
  db: Kysely<DB>,
  input: {
    schoolId: string;
    rule: string;
    measureIds: string[];
    pointIds: string[];
  },
): Promise<ValueWithGroup[]> {
  if (input.measureIds.length === 0 || input.pointIds.length === 0) return [];
  const rows = await db
    .selectFrom("observations")
    .innerJoin("pupils", "pupils.id", "observations.pupil_id")
    .innerJoin("assessment_points", "assessment_points.id", "observations.assessment_point_id")
    .select([
      "observations.pupil_id",
      "observations.measure_id",
      "observations.assessment_point_id",
      "observations.value",
      "pupils.year_group",
      "pupils.pupil_premium",
      "pupils.fsm",
      "pupils.ever6_fsm",
      "pupils.looked_after",
      "pupils.previously_looked_after",
    ])
    .where("pupils.school_id", "=", input.schoolId)
    .where("observations.measure_id", "in", input.measureIds)
    .where("observations.assessment_point_id", "in", input.pointIds)
    .where((eb) =>
      eb.or([
        eb("pupils.left_on", "is", null),
        eb("pupils.left_on", ">=", eb.ref("assessment_points.ends_on")),
      ]),
    )
    .execute();
  return rows.map((r) => ({
    pupilId: r.pupil_id,
    measureId: r.measure_id,
    pointId: r.assessment_point_id,
    yearGroup: r.year_group,
    value: Number(r.value),
    disadvantaged: isRowDisadvantaged(r, input.rule),
  }));
}

/** The school's stored rule for who counts as disadvantaged. */
export async function disadvantageRuleOfSchool(db: Kysely<DB>, schoolId: string): Promise<string> {
  const row = await db
    .selectFrom("schools")
    .select("disadvantage_rule")
    .where("id", "=", schoolId)
    .executeTakeFirstOrThrow();
  return row.disadvantage_rule;
}
