import { isSchoolLeaderOf, worksAtSchool } from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/** What a rule needs to know about a team: whose school it is. */
export interface TeamFacts {
  schoolId: string;
}

/** What a rule needs to know about an action: its team's school, who owns it and who created it. */
export interface ActionFacts extends TeamFacts {
  ownerUserId: string | null;
  createdBy: string | null;
}

/**
 * Who may do what with a school team's actions: they are the team's own
 * business. Its staff (leaders, teachers, para-professionals) read the list and
 * add to it; a leader changes any of the team's actions, anyone else those they
 * own or created. Nobody outside the school reaches an action at all (the store
 * answers 404 first). Pure.
 */
export const actionPolicy = {
  list: (actor: Actor, team: TeamFacts): boolean => worksAtSchool(actor, team.schoolId),
  add: (actor: Actor, team: TeamFacts): boolean => worksAtSchool(actor, team.schoolId),
  edit: (actor: Actor, a: ActionFacts): boolean =>
    worksAtSchool(actor, a.schoolId) &&
    (a.ownerUserId === actor.userId ||
      a.createdBy === actor.userId ||
      isSchoolLeaderOf(actor, a.schoolId)),
};

export type ActionRule = keyof typeof actionPolicy;
