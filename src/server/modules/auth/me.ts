import type { Kysely } from "kysely";
import type { Me, MySchool, SchoolAbilities } from "../../../contracts/auth.ts";
import type { Membership } from "../../../contracts/roles.ts";
import type { DB } from "../../../db/schema.ts";
import { SCHOOL_ROLES } from "../../../domain/roles.ts";
import type { Actor } from "../../context.ts";
import { auditPolicy } from "../audit/policy.ts";
import { cohortPolicy } from "../cohort/policy.ts";
import { dataRightsPolicy } from "../data-rights/policy.ts";
import { importPolicy } from "../imports/policy.ts";
import { measurePolicy } from "../measures/policy.ts";
import { nationalPolicy } from "../national/policy.ts";
import { pupilPolicy } from "../pupils/policy.ts";
import { retentionPolicy } from "../retention/policy.ts";
import { strategyPolicy } from "../strategies/policy.ts";
import { listMemberships } from "../users/store.ts";

/**
 * What the actor may do at one school, from the rule of the module that owns each
 * action (the same rule its route refuses by), for the web app to offer only that.
 */
export function schoolAbilities(actor: Actor, school: { id: string }): SchoolAbilities {
  return {
    importData: importPolicy.importInto(actor, school),
    readAccessHistory: auditPolicy.readAccessHistory(actor, school),
    planStrategy: strategyPolicy.plan(actor, { schoolId: school.id }),
    addPoints: measurePolicy.addPoints(actor, school),
    confirmCohort: cohortPolicy.confirm(actor, school),
    editPupils: pupilPolicy.edit(actor, { school_id: school.id }),
    mapNationalMeasure: nationalPolicy.mapMeasure(actor, school),
    readRetentionSchedule: retentionPolicy.viewSchedule(actor, school),
    exportPupilData: dataRightsPolicy.exportPupil(actor, { school_id: school.id }),
    readPupilHistory: dataRightsPolicy.readHistory(actor, { school_id: school.id }),
    erasePupils: dataRightsPolicy.erasePupil(actor, { school_id: school.id }),
  };
}

/** The schools among the memberships (any school role), once each, with the actor's abilities there. */
export function schoolsOf(actor: Actor, memberships: Membership[]): MySchool[] {
  const schools: MySchool[] = [];
  for (const m of memberships) {
    if (m.scopeType !== "school" || !m.scopeId || !SCHOOL_ROLES.includes(m.role)) continue;
    if (schools.some((s) => s.id === m.scopeId)) continue;
    schools.push({
      id: m.scopeId,
      name: m.scopeName,
      abilities: schoolAbilities(actor, { id: m.scopeId }),
    });
  }
  return schools;
}

/**
 * The signed-in person as every sign-in answer and `/api/me` present them: their
 * memberships, their schools with what they may do there, and (when asked) the
 * roles still waiting for approval. The rules read only the active memberships,
 * which are exactly the session's, so the person is judged as their session will be.
 */
export async function presentMe(
  db: Kysely<DB>,
  user: { id: string; name: string; email: string },
  options: { withPending?: boolean } = {},
): Promise<Me> {
  const memberships = await listMemberships(db, user.id);
  const actor: Actor = {
    userId: user.id,
    name: user.name,
    email: user.email,
    sessionId: "",
    memberships: memberships.map(({ role, scopeType, scopeId }) => ({ role, scopeType, scopeId })),
  };
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    memberships,
    schools: schoolsOf(actor, memberships),
    ...(options.withPending
      ? { pendingMemberships: await listMemberships(db, user.id, { pending: true }) }
      : {}),
  };
}
