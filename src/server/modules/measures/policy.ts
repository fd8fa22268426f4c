import type { AssessmentPointList, MeasureList } from "../../../contracts/pupil-data.ts";
import { isSchoolLeaderOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/** The refusal every change to a school's measures and assessment points gives. */
export const LEADERS_ONLY = "Only the school's leaders can do this.";

/**
 * Who may change a school's measures and assessment points: its leaders.
 * Everyone who can see the school reads them; rows outside what the actor can
 * see never reach these rules (the scoped loaders answer 404 first). Pure.
 */
export const measurePolicy = {
  /** Add a measure of the school's own. */
  addMeasure: (actor: Actor, school: { id: string }): boolean => isSchoolLeaderOf(actor, school.id),
  /** Edit a measure: its name, expected value, national figures, or archive it. */
  editMeasure: (actor: Actor, measure: { school_id: string }): boolean =>
    isSchoolLeaderOf(actor, measure.school_id),
  /** Add assessment points to the school's year. */
  addPoints: (actor: Actor, school: { id: string }): boolean => isSchoolLeaderOf(actor, school.id),
  /** Open one of the school's assessment points for data before it begins. */
  openPointEarly: (actor: Actor, school: { id: string }): boolean =>
    isSchoolLeaderOf(actor, school.id),
};

/** What the actor may do with the school's measures, for the page to offer only that. */
export function measureAbilities(actor: Actor, school: { id: string }): MeasureList["abilities"] {
  return {
    addMeasure: measurePolicy.addMeasure(actor, school),
    editMeasure: measurePolicy.editMeasure(actor, { school_id: school.id }),
  };
}

/** What the actor may do with the school's assessment points, for the page to offer only that. */
export function pointAbilities(
  actor: Actor,
  school: { id: string },
): AssessmentPointList["abilities"] {
  return {
    addPoints: measurePolicy.addPoints(actor, school),
    openPointEarly: measurePolicy.openPointEarly(actor, school),
  };
}
