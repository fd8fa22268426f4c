import { isSchoolLeaderOf, worksAtSchool } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/**
 * Who may do what with a school's cost-effectiveness. Pure.
 *
 * - compare: the strategies side by side on cost and effect, read by the
 *   school's staff as its evaluations are.
 * - changeRate: the hourly cost of staff time the comparison uses: the
 *   school's leaders.
 */
export const costEffectivenessPolicy = {
  compare: (actor: Actor, school: { id: string }) => worksAtSchool(actor, school.id),
  changeRate: (actor: Actor, school: { id: string }) => isSchoolLeaderOf(actor, school.id),
};
