import type { Kysely } from "kysely";
import type { Cohort } from "../../../contracts/cohort.ts";
import type { DB } from "../../../db/schema.ts";
import { cohortSizeWarning } from "../../../domain/cohort.ts";
import { formatMeasureValue } from "../../../domain/measures.ts";
import { pupilDisplayName } from "../../../domain/pupil-name.ts";
import { type PupilView, pupilsSeen } from "../../access/pupil-visibility.ts";
import { definitionOf, measuresOfSchool } from "../measures/store.ts";
import { pointsWithData } from "./candidates.ts";
import { type CurrentEnrolment, cohortHistory, pseudonymsOf } from "./store.ts";
import { valuesOfPupils } from "./values.ts";

/**
 * The enrolment's target cohort as `view` may see it: each current member's
 * latest position on every measure and change since joining, and the history.
 * Whether the reader may see the cohort at all is the caller's to authorize first.
 */
export async function presentCohort(
  db: Kysely<DB>,
  schoolId: string,
  enrolment: CurrentEnrolment,
  view: PupilView,
  canManage: boolean,
): Promise<Cohort> {
  const everyone = await cohortHistory(db, enrolment.id);
  // A para-professional on the team sees the current cohort; past members only if they still work with them.
  const seen = await pupilsSeen(
    db,
    view,
    everyone.map((h) => h.pupil_id),
  );
  const history = everyone.filter((h) => seen.has(h.pupil_id));
  const current = history.filter((h) => h.left_on === null);
  const pseudonyms = await pseudonymsOf(
    db,
    enrolment.programmeYearId,
    current.map((c) => c.pupil_id),
  );
  const measures = await measuresOfSchool(db, schoolId);
  const points = await pointsWithData(db, schoolId);
  const values = await valuesOfPupils(
    db,
    current.map((c) => c.pupil_id),
  );
  return {
    enrolmentId: enrolment.id,
    academicYear: enrolment.academicYear,
    members: current.map((member) => ({
      pupilId: member.pupil_id,
      name: pupilDisplayName(member),
      yearGroup: member.year_group,
      pseudonym: pseudonyms.get(member.pupil_id) ?? null,
      joinedOn: member.joined_on,
      measures: measures.map((m) => {
        const series = values
          .filter((v) => v.pupilId === member.pupil_id && v.measureKey === m.key)
          .sort((a, b) => a.startsOn.localeCompare(b.startsOn));
        const latest = series.at(-1);
        // The baseline is the last value from a point that began by the day they joined, else their first.
        const atJoining =
          [...series].reverse().find((v) => v.startsOn <= member.joined_on) ?? series[0];
        const definition = definitionOf(m);
        const change =
          latest && atJoining && latest !== atJoining
            ? latest.value - atJoining.value
            : latest && atJoining
              ? 0
              : null;
        return {
          key: m.key,
          name: m.name,
          latest: latest ? formatMeasureValue(definition, latest.value) : null,
          latestPoint: latest ? (points.find((p) => p.id === latest.pointId)?.label ?? null) : null,
          atJoining: atJoining ? formatMeasureValue(definition, atJoining.value) : null,
          change: change === null ? null : Math.round(change * 1000) / 1000,
          better: change === null || change === 0 ? null : change > 0 === definition.higherIsBetter,
        };
      }),
    })),
    history: history.map((h) => ({
      pupilId: h.pupil_id,
      name: pupilDisplayName(h),
      joinedOn: h.joined_on,
      leftOn: h.left_on,
      reason: h.reason,
    })),
    size: current.length,
    warning: cohortSizeWarning(current.length),
    canManage,
  };
}
