import type { Kysely } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { defaultPoint } from "../../../domain/assessment-points.ts";
import { rankCandidates } from "../../../domain/cohort.ts";
import { isRowDisadvantaged } from "../../../domain/disadvantage.ts";
import { axisValue, parseAxis } from "../../../domain/matrix.ts";
import { distanceFromExpected, type MeasureDefinition } from "../../../domain/measures.ts";
import { NotFound } from "../../errors.ts";
import { pointsOfSchool } from "../measures/points-store.ts";
import { definitionOf, measuresOfSchool } from "../measures/store.ts";
import { cohortPupilIds } from "./store.ts";
import { indexValues, pointKeyOf, valuesOfPupils } from "./values.ts";

/** The school's points in date order, keyed across schools, with whether each has data. */
export async function pointsWithData(db: Kysely<DB>, schoolId: string) {
  const rows = await db
    .selectFrom("assessment_points")
    .select((eb) => [
      "assessment_points.id",
      "assessment_points.academic_year",
      "assessment_points.name",
      "assessment_points.starts_on",
      eb
        .exists(
          eb
            .selectFrom("observations")
            .select("observations.id")
            .whereRef("observations.assessment_point_id", "=", "assessment_points.id"),
        )
        .as("has_data"),
    ])
    .where("school_id", "=", schoolId)
    .orderBy("starts_on")
    .execute();
  return rows.map((p) => ({
    id: p.id,
    key: pointKeyOf(p.academic_year, p.name),
    label: `${p.name} ${p.academic_year}`,
    startsOn: p.starts_on,
    hasData: Boolean(p.has_data),
  }));
}

/**
 * Ranks a school's pupils against the programme's criteria for the target
 * cohort, at one point (the one asked for, or the default-point rule's choice)
 * compared with the latest earlier point that holds data.
 */
export async function findCandidates(
  db: Kysely<DB>,
  school: { id: string; disadvantage_rule: string },
  enrolmentId: string,
  at: { today: string; pointId?: string | undefined },
) {
  const pupils = await db
    .selectFrom("pupils")
    .selectAll()
    .where("school_id", "=", school.id)
    .where("left_on", "is", null)
    .execute();
  const measures = await measuresOfSchool(db, school.id);
  const byKey = new Map<string, MeasureDefinition>(measures.map((m) => [m.key, definitionOf(m)]));
  const points = (await pointsOfSchool(db, school.id, at.today)).map((p) => ({
    ...p,
    key: pointKeyOf(p.academicYear, p.name),
    label: `${p.name} ${p.academicYear}`,
  }));
  const chosen = at.pointId
    ? points.find((p) => p.id === at.pointId)
    : defaultPoint(
        points.filter((p) => p.pupilsWithData > 0),
        at.today,
      );
  if (at.pointId && !chosen) throw new NotFound("assessment point");
  const latest = chosen ?? null;
  const previous = latest
    ? (points.filter((p) => p.startsOn < latest.startsOn && p.pupilsWithData > 0).at(-1) ?? null)
    : null;
  // Only the two points the ranking reads: not every value the pupils ever had, which
  // grows every term (48,000 rows for a 1,000-pupil school at two years of data).
  const values = indexValues(
    await valuesOfPupils(
      db,
      pupils.map((p) => p.id),
      { points: [latest, previous].flatMap((p) => (p ? [p.key] : [])) },
    ),
  );
  const inCohort = new Set((await cohortPupilIds(db, [enrolmentId])).map((c) => c.pupilId));
  const attainment = parseAxis("composite:attainment");
  const disadvantaged = new Map(
    pupils.map((p) => [p.id, isRowDisadvantaged(p, school.disadvantage_rule)]),
  );
  const ranked = rankCandidates(
    pupils.map((p) => {
      const now = latest ? values.get(p.id)?.get(latest.key) : undefined;
      const before = previous ? values.get(p.id)?.get(previous.key) : undefined;
      return {
        id: p.id,
        upn: p.upn,
        yearGroup: p.year_group,
        disadvantaged: disadvantaged.get(p.id) ?? false,
        otherIntervention: p.other_intervention,
        // Strategy participation joins this once strategies exist.
        inStrategy: false,
        coreDistances: measures
          .filter((m) => m.core)
          .map((m) => {
            const value = now?.get(m.key);
            return {
              measureName: m.name,
              distance: value === undefined ? null : distanceFromExpected(definitionOf(m), value),
            };
          })
          .filter((d) => d.distance !== null),
        attainmentNow: attainment && now ? axisValue(attainment, byKey, now) : null,
        attainmentBefore: attainment && before ? axisValue(attainment, byKey, before) : null,
        behaviourIncidents: now?.get("behaviour-incidents") ?? null,
        attendance: now?.get("attendance") ?? null,
      };
    }),
  );
  return { pupils, ranked, points, latest, previous, inCohort, disadvantaged };
}
