import { isNetworkAdmin, isSchoolLeaderOf } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/**
 * Who may change the national figures and a school's use of them. Everyone
 * signed in reads the figures (no rule: they are published reference data).
 * Schools outside the actor's scope never reach these rules: the scoped
 * loaders answer 404 first. Pure.
 */
export const nationalPolicy = {
  /** Add a year's published national figures: a network administrator. */
  addFigures: (actor: Actor): boolean => isNetworkAdmin(actor),
  /** Map one of the school's measures to a national measure: the school's leaders. */
  mapMeasure: (actor: Actor, school: { id: string }): boolean => isSchoolLeaderOf(actor, school.id),
};
