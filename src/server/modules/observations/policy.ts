import { worksAtSchool } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/**
 * Who may read and record a school's observations: its own staff (which pupils
 * they see is access/pupil-visibility.ts's to decide). Pure.
 */
export const observationPolicy = {
  readGrid: (actor: Actor, school: { id: string }) => worksAtSchool(actor, school.id),
  record: (actor: Actor, school: { id: string }) => worksAtSchool(actor, school.id),
};
