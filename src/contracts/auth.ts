import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../domain/password-limits.ts";
import { membershipSchema } from "./roles.ts";

export { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "../domain/password-limits.ts";

export const emailSchema = z
  .string()
  .trim()
  .max(254, "An email address has at most 254 characters.")
  .pipe(z.email("Enter an email address like name@school.org.uk."))
  .transform((email) => email.toLowerCase());

export const personNameSchema = z
  .string()
  .trim()
  .min(1, "Enter a name.")
  .max(120, "A name has at most 120 characters.");

/** Length only; whether it is a common password is checked by the server's policy. */
export const newPasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `A password needs at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `A password has at most ${PASSWORD_MAX_LENGTH} characters.`);

export const loginBodySchema = z.strictObject({
  email: z.string().max(254, "An email address has at most 254 characters."),
  password: z.string().max(PASSWORD_MAX_LENGTH, "That password is too long."),
  /** Ticked: the cookie outlives the browser; otherwise it ends when the browser closes. */
  keepSignedIn: z.boolean().optional(),
});

export const signInLinkRequestSchema = z.strictObject({
  email: z.string().max(254, "An email address has at most 254 characters."),
});

export const signInLinkTokenSchema = z.strictObject({
  token: z
    .string()
    .min(20, "This sign-in link is incomplete.")
    .max(100, "This sign-in link is not valid."),
});

export const setupBodySchema = z.strictObject({
  name: personNameSchema,
  email: emailSchema,
  password: newPasswordSchema,
  /** Require a second factor of staff who can see named pupil data (a fresh install's default). */
  requireSecondFactor: z.boolean().optional(),
});
export type SetupBody = z.infer<typeof setupBodySchema>;

/**
 * What the signed-in person may do at one of their schools, worked out by the
 * server from the rules of the module that owns each action, so the web app
 * offers only what the server would allow (and never decides from role names).
 */
export const schoolAbilitiesSchema = z.object({
  /** Import pupil lists and assessment data (imports). */
  importData: z.boolean(),
  /** See who has used the school's pupil data (the audit viewer). */
  readAccessHistory: z.boolean(),
  /** Plan a new strategy (strategies). */
  planStrategy: z.boolean(),
  /** Add assessment points to the school's year (measures). */
  addPoints: z.boolean(),
  /** Choose and confirm a team's cohort (cohort). */
  confirmCohort: z.boolean(),
  /** Edit a pupil's details (pupils). */
  editPupils: z.boolean(),
  /** Link one of the school's measures to a national measure (national figures). */
  mapNationalMeasure: z.boolean(),
  /** See when the school's pupil data is due to be deleted (retention). */
  readRetentionSchedule: z.boolean(),
  /** Download everything held about one of the school's pupils (data rights: subject access). */
  exportPupilData: z.boolean(),
  /** See who changed what in a pupil's record and values (data rights: rectification history). */
  readPupilHistory: z.boolean(),
  /** Erase one of the school's pupils (data rights: erasure). */
  erasePupils: z.boolean(),
  /** Read the year's pupil premium strategy statement and download it (pupil premium statement). */
  readPupilPremiumStatement: z.boolean(),
  /** Enter and save the year's pupil premium strategy statement (pupil premium statement). */
  editPupilPremiumStatement: z.boolean(),
  /** Read the school's impact report and download it as a PDF (impact). */
  readImpactReport: z.boolean(),
  /** Write the team's "what next" in the impact report (impact). */
  writeWhatNext: z.boolean(),
  /** Save resources to the school's shelf and read it (resources). */
  keepShelf: z.boolean(),
});
export type SchoolAbilities = z.infer<typeof schoolAbilitiesSchema>;

/** A school the person works at, and what they may do there. */
export const mySchoolSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  abilities: schoolAbilitiesSchema,
});
export type MySchool = z.infer<typeof mySchoolSchema>;

/**
 * What the person may do across the network (the administrator's tools), from the
 * owning modules' rules, so the navigation and the page guards never read role names.
 */
export const networkAbilitiesSchema = z.object({
  /** List, invite, disable and end the sessions of people (users, invitations). */
  manageAccounts: z.boolean(),
  /** Add and edit the network's schools (schools). */
  manageSchools: z.boolean(),
  /** Add and edit programmes (programmes). */
  manageProgrammes: z.boolean(),
  /** Add clusters and form their trios (clusters). */
  manageClusters: z.boolean(),
  /** Enrol a school in a cluster, or withdraw it (enrolments). */
  enrolSchools: z.boolean(),
  /** Correct and confirm the EEF Toolkit strands (EEF strands). */
  manageEefStrands: z.boolean(),
  /** Add the national comparison figures (national). */
  addNationalFigures: z.boolean(),
  /** Read the network's aims dashboard and download it (network aims). */
  readNetworkAims: z.boolean(),
  /** Any cluster's impact report (a lead's own cluster: its `readClusterReport`). */
  readClusterReports: z.boolean(),
  /** Read every message Cascade sent (reminders). */
  readOutbox: z.boolean(),
  /** Compile, preview and send the termly newsletter (newsletters). */
  compileNewsletter: z.boolean(),
  /** Set retention rules, run them and place legal holds (retention). */
  manageRetention: z.boolean(),
  /** Read the records of processing (retention). */
  readRecordsOfProcessing: z.boolean(),
  /** Read the whole audit log (audit). */
  readAuditLog: z.boolean(),
  /** Choose whether a second factor is required (sign-in security). */
  changeSecuritySettings: z.boolean(),
  /** Add and change the single sign-on providers (sso). */
  configureSingleSignOn: z.boolean(),
  /** Add, edit and archive the library's resources and build reading lists (resources). */
  manageResources: z.boolean(),
});
export type NetworkAbilities = z.infer<typeof networkAbilitiesSchema>;

/** What a programme lead may do in a cluster they lead. */
export const clusterAbilitiesSchema = z.object({
  /** Schedule and run the cluster's workshops (workshops). */
  scheduleWorkshops: z.boolean(),
  /** Book and record visits to the cluster's schools (visits). */
  bookVisits: z.boolean(),
  /** Open the matrix of the whole cluster and its trios (matrix). */
  openMatrix: z.boolean(),
  /** Read the cluster's impact report and download it as a PDF (impact). */
  readClusterReport: z.boolean(),
});
export type ClusterAbilities = z.infer<typeof clusterAbilitiesSchema>;

/** A cluster the person leads, and what they may do there. */
export const myClusterSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  abilities: clusterAbilitiesSchema,
});
export type MyCluster = z.infer<typeof myClusterSchema>;

export const meSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string(),
  memberships: z.array(membershipSchema),
  /** The schools the person works at (any school role), in the order of their memberships. */
  schools: z.array(mySchoolSchema),
  /** The clusters the person leads as programme lead, in the order of their memberships. */
  clusters: z.array(myClusterSchema),
  /** What the person may do across the network. */
  abilities: networkAbilitiesSchema,
  /** Roles granted but still waiting for a second person's approval: they open nothing yet. */
  pendingMemberships: z.array(membershipSchema).optional(),
});
export type Me = z.infer<typeof meSchema>;
