import { z } from "zod";
import { SCHOOL_PHASES } from "../domain/phases.ts";
import { TEAM_ROLES } from "../domain/roles.ts";
import { emailSchema } from "./auth.ts";

export { PHASE_LABELS, SCHOOL_PHASES } from "../domain/phases.ts";
export { TEAM_ROLE_LABELS, TEAM_ROLES } from "../domain/roles.ts";

export const schoolPhaseSchema = z.enum(SCHOOL_PHASES, {
  error: "Choose primary, secondary, special or all_through.",
});
export const teamRoleSchema = z.enum(TEAM_ROLES);

const trimmed = (label: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, `Enter ${label}.`)
    .max(max, `${label[0]?.toUpperCase()}${label.slice(1)} has at most ${max} characters.`);

export const urnSchema = z
  .string()
  .trim()
  .regex(/^[0-9]{6}$/, "A URN is the school's 6-digit DfE number, e.g. 100123.");

export const shortCodeSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/, "A short code is exactly 3 letters, e.g. RVB."));

/** UK postcode shape, normalised to upper case with one space before the inward code. */
export const postcodeSchema = z
  .string()
  .trim()
  .transform((s) => s.toUpperCase().replaceAll(/\s+/g, ""))
  .pipe(
    z
      .string()
      .regex(/^[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][A-Z]{2}$/, "Enter a UK postcode, e.g. SW1A 1AA.")
      .transform((s) => `${s.slice(0, -3)} ${s.slice(-3)}`),
  );

export const hubSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  archived: z.boolean(),
  schoolCount: z.number().int(),
});
export type Hub = z.infer<typeof hubSchema>;

export const createHubSchema = z.strictObject({ name: trimmed("a hub name", 120) });
const atLeastOneField = (value: object) => Object.keys(value).length > 0;
const NOTHING_TO_CHANGE = "Give at least one field to change.";

export const updateHubSchema = z
  .strictObject({
    name: trimmed("a hub name", 120).optional(),
    archived: z.boolean().optional(),
  })
  .refine(atLeastOneField, NOTHING_TO_CHANGE);

export const schoolSchema = z.object({
  id: z.uuid(),
  urn: z.string(),
  name: z.string(),
  phase: schoolPhaseSchema,
  localAuthority: z.string(),
  postcode: z.string(),
  hubId: z.uuid().nullable(),
  hubName: z.string().nullable(),
  shortCode: z.string(),
  archived: z.boolean(),
});
export type School = z.infer<typeof schoolSchema>;

export const createSchoolSchema = z.strictObject({
  urn: urnSchema,
  name: trimmed("the school's name", 200),
  phase: schoolPhaseSchema,
  localAuthority: trimmed("the local authority", 120),
  postcode: postcodeSchema,
  hubId: z.uuid().nullish(),
  /** Left out, one is proposed from the name. */
  shortCode: shortCodeSchema.optional(),
});
export type CreateSchool = z.infer<typeof createSchoolSchema>;

export const updateSchoolSchema = z
  .strictObject({
    name: trimmed("the school's name", 200).optional(),
    phase: schoolPhaseSchema.optional(),
    localAuthority: trimmed("the local authority", 120).optional(),
    postcode: postcodeSchema.optional(),
    hubId: z.uuid().nullable().optional(),
    shortCode: shortCodeSchema.optional(),
    archived: z.boolean().optional(),
  })
  .refine(atLeastOneField, NOTHING_TO_CHANGE);

export const listSchoolsQuerySchema = z.strictObject({
  search: z.string().trim().max(100).optional(),
  hubId: z.uuid().optional(),
  includeArchived: z.enum(["true", "false"]).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

export const importErrorSchema = z.object({
  row: z.number().int(),
  column: z.string(),
  value: z.string(),
  message: z.string(),
});
export type ImportError = z.infer<typeof importErrorSchema>;

export const schoolImportResultSchema = z.object({
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
});

export const themeSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  name: z.string(),
  description: z.string(),
});
export const workshopPlanSchema = z.object({
  id: z.uuid(),
  position: z.number().int(),
  month: z.number().int(),
  title: z.string(),
  focus: z.string(),
  themeId: z.uuid().nullable(),
});
export const programmeSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  templateKey: z.string().nullable(),
  themes: z.array(themeSchema),
  workshops: z.array(workshopPlanSchema),
  years: z.array(z.object({ id: z.uuid(), academicYear: z.string() })),
});
export type Programme = z.infer<typeof programmeSchema>;

export const createProgrammeSchema = z.union([
  z.strictObject({ template: z.string().min(1).max(60) }),
  z.strictObject({
    name: trimmed("the programme's name", 120),
    description: z.string().trim().max(2000).default(""),
    themes: z
      .array(
        z.strictObject({
          name: trimmed("a theme name", 120),
          description: z.string().trim().max(1000).default(""),
        }),
      )
      .min(1, "A programme has at least one theme.")
      .max(12),
    workshops: z
      .array(
        z.strictObject({
          month: z.number().int().min(1, "Months are 1 to 12.").max(12, "Months are 1 to 12."),
          title: trimmed("a workshop title", 160),
          focus: z.string().trim().max(2000).default(""),
          /** Which of the themes above (0-based), if the workshop belongs to one. */
          themeIndex: z.number().int().min(0).nullable().default(null),
        }),
      )
      .max(24),
  }),
]);

export const programmeYearSchema = z.object({
  id: z.uuid(),
  programmeId: z.uuid(),
  programmeName: z.string(),
  academicYear: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  clusterCount: z.number().int(),
});
export const createProgrammeYearSchema = z.strictObject({
  programmeId: z.uuid(),
  academicYear: z.string().trim().max(20),
});

export const createClusterSchema = z.strictObject({
  programmeYearId: z.uuid(),
  name: trimmed("the cluster's name", 120),
  facilitationSchoolId: z.uuid(),
  /** Each is invited as a programme lead of the new cluster. */
  programmeLeadEmails: z
    .array(emailSchema)
    .min(1, "A cluster needs at least one programme lead.")
    .max(10),
});

export const createTrioSchema = z.strictObject({
  clusterId: z.uuid(),
  name: trimmed("the trio's name", 120),
  leadSchoolId: z.uuid(),
  acceleratorSchoolIds: z.array(z.uuid()).max(2, "A trio has at most two accelerator schools."),
});

export const createEnrolmentSchema = z.strictObject({
  schoolId: z.uuid(),
  clusterId: z.uuid(),
});

export const compositionSchema = z.object({
  meets: z.boolean(),
  rule: z.string(),
  summary: z.string(),
  items: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      required: z.number().int(),
      have: z.number().int(),
      ok: z.boolean(),
      note: z.string().nullable(),
    }),
  ),
});
export type Composition = z.infer<typeof compositionSchema>;

export const teamMemberSchema = z.object({
  id: z.uuid(),
  userId: z.uuid(),
  name: z.string(),
  email: z.string(),
  teamRole: teamRoleSchema,
  subject: z.string().nullable(),
  /** Their role at the school was given by an administrator and waits for approval. */
  awaitingApproval: z.boolean(),
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

export const pendingTeamInvitationSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  teamRole: teamRoleSchema,
  subject: z.string().nullable(),
  expiresAt: z.string(),
});

export type PendingTeamInvitation = z.infer<typeof pendingTeamInvitationSchema>;

export const teamSchema = z.object({
  enrolmentId: z.uuid(),
  schoolName: z.string(),
  phase: schoolPhaseSchema,
  members: z.array(teamMemberSchema),
  pendingInvitations: z.array(pendingTeamInvitationSchema),
  composition: compositionSchema,
  canManage: z.boolean(),
});
export type Team = z.infer<typeof teamSchema>;

export const inviteTeamMemberSchema = z.strictObject({
  email: emailSchema,
  teamRole: teamRoleSchema,
  subject: z.string().trim().max(40).nullish(),
});

export const schoolRefSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  shortCode: z.string(),
  phase: schoolPhaseSchema,
});

export const trioSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  schools: z.array(schoolRefSchema.extend({ trioRole: z.enum(["lead", "accelerator"]) })),
});

export const enrolmentSchema = z.object({
  id: z.uuid(),
  school: schoolRefSchema,
  programmeYear: z.object({ id: z.uuid(), academicYear: z.string(), programmeName: z.string() }),
  cluster: z.object({
    id: z.uuid(),
    name: z.string(),
    facilitationSchool: z.object({ id: z.uuid(), name: z.string() }),
    schools: z.array(schoolRefSchema),
  }),
  trio: trioSchema.nullable(),
  trioRole: z.enum(["lead", "accelerator"]).nullable(),
});
export type Enrolment = z.infer<typeof enrolmentSchema>;

export const clusterSummarySchema = z.object({
  id: z.uuid(),
  name: z.string(),
  programmeYearId: z.uuid(),
  academicYear: z.string(),
  programmeName: z.string(),
  facilitationSchool: z.object({ id: z.uuid(), name: z.string() }),
  schoolCount: z.number().int(),
  trioCount: z.number().int(),
  programmeLeads: z.array(z.object({ name: z.string(), email: z.string(), pending: z.boolean() })),
});
export type ClusterSummary = z.infer<typeof clusterSummarySchema>;

export const clusterDetailSchema = clusterSummarySchema.extend({
  enrolments: z.array(
    z.object({
      id: z.uuid(),
      school: schoolRefSchema,
      trioId: z.uuid().nullable(),
      trioRole: z.enum(["lead", "accelerator"]).nullable(),
      teamSize: z.number().int(),
      composition: compositionSchema,
    }),
  ),
  trios: z.array(trioSchema),
});
export type ClusterDetail = z.infer<typeof clusterDetailSchema>;
