import type { Kysely } from "kysely";
import type {
  Me,
  MyCluster,
  MySchool,
  NetworkAbilities,
  SchoolAbilities,
} from "../../../contracts/auth.ts";
import type { Membership } from "../../../contracts/roles.ts";
import type { DB } from "../../../db/schema.ts";
import { SCHOOL_ROLES } from "../../../domain/roles.ts";
import type { Actor } from "../../context.ts";
import { auditPolicy } from "../audit/policy.ts";
import { clusterPolicy } from "../clusters/policy.ts";
import { cohortPolicy } from "../cohort/policy.ts";
import { dataRightsPolicy } from "../data-rights/policy.ts";
import { eefStrandPolicy } from "../eef-strands/policy.ts";
import { enrolmentPolicy } from "../enrolments/policy.ts";
import { impactPolicy } from "../impact/policy.ts";
import { importPolicy } from "../imports/policy.ts";
import { matrixPolicy } from "../matrix/policy.ts";
import { measurePolicy } from "../measures/policy.ts";
import { mfaPolicy } from "../mfa/policy.ts";
import { nationalPolicy } from "../national/policy.ts";
import { networkAimsPolicy } from "../network-aims/policy.ts";
import { newsletterPolicy } from "../newsletters/policy.ts";
import { ppStatementPolicy } from "../pp-statement/policy.ts";
import { programmePolicy } from "../programmes/policy.ts";
import { pupilPolicy } from "../pupils/policy.ts";
import { reminderPolicy } from "../reminders/policy.ts";
import { resourcePolicy } from "../resources/policy.ts";
import { retentionPolicy } from "../retention/policy.ts";
import { schoolPolicy } from "../schools/policy.ts";
import { ssoPolicy } from "../sso/policy.ts";
import { strategyPolicy } from "../strategies/policy.ts";
import { userPolicy } from "../users/policy.ts";
import { listMemberships } from "../users/store.ts";
import { visitPolicy } from "../visits/policy.ts";
import { workshopPolicy } from "../workshops/policy.ts";

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
    readPupilPremiumStatement: ppStatementPolicy.read(actor, school),
    editPupilPremiumStatement: ppStatementPolicy.edit(actor, school),
    readImpactReport: impactPolicy.readSchoolReport(actor, school),
    writeWhatNext: impactPolicy.writeWhatNext(actor, school),
    keepShelf: resourcePolicy.keepShelf(actor, school),
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

/** What the actor may do across the network, from the rule of the module that owns each tool. */
export function networkAbilities(actor: Actor): NetworkAbilities {
  return {
    manageAccounts: userPolicy.list(actor),
    manageSchools: schoolPolicy.manage(actor),
    manageProgrammes: programmePolicy.manage(actor),
    manageClusters: clusterPolicy.manage(actor),
    enrolSchools: enrolmentPolicy.enrol(actor),
    manageEefStrands: eefStrandPolicy.correct(actor),
    addNationalFigures: nationalPolicy.addFigures(actor),
    readNetworkAims: networkAimsPolicy.read(actor),
    readClusterReports: impactPolicy.readEveryClusterReport(actor),
    readOutbox: reminderPolicy.readOutbox(actor),
    compileNewsletter: newsletterPolicy.compile(actor),
    manageRetention: retentionPolicy.viewSettings(actor),
    readRecordsOfProcessing: retentionPolicy.viewRecords(actor),
    readAuditLog: auditPolicy.readLog(actor),
    changeSecuritySettings: mfaPolicy.changeSecuritySettings(actor),
    configureSingleSignOn: ssoPolicy.manageProviders(actor),
    manageResources: resourcePolicy.manage(actor),
  };
}

/** What the actor may do in one cluster. */
export function clusterAbilities(actor: Actor, cluster: { id: string }): MyCluster["abilities"] {
  return {
    scheduleWorkshops: workshopPolicy.schedule(actor, cluster),
    bookVisits: visitPolicy.book(actor, cluster),
    openMatrix: matrixPolicy.groupView(actor, { clusterId: cluster.id, hasOwnSchool: false }),
    readClusterReport: impactPolicy.readClusterReport(actor, cluster),
  };
}

/** The clusters the actor leads (the programme lead's memberships), once each, with what they may do there. */
export function clustersOf(actor: Actor, memberships: Membership[]): MyCluster[] {
  const clusters: MyCluster[] = [];
  for (const m of memberships) {
    if (m.role !== "programme_lead" || m.scopeType !== "cluster" || !m.scopeId) continue;
    if (clusters.some((c) => c.id === m.scopeId)) continue;
    clusters.push({
      id: m.scopeId,
      name: m.scopeName,
      abilities: clusterAbilities(actor, { id: m.scopeId }),
    });
  }
  return clusters;
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
    clusters: clustersOf(actor, memberships),
    abilities: networkAbilities(actor),
    ...(options.withPending
      ? { pendingMemberships: await listMemberships(db, user.id, { pending: true }) }
      : {}),
  };
}
