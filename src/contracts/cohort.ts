import { z } from "zod";

export const candidateSchema = z.object({
  pupilId: z.uuid(),
  name: z.string(),
  yearGroup: z.string(),
  disadvantaged: z.boolean(),
  inCohort: z.boolean(),
  score: z.number(),
  status: z.enum(["proposed", "held-back"]),
  reasons: z.array(z.object({ code: z.string(), text: z.string(), points: z.number() })),
});

const candidatePointSchema = z.object({
  id: z.uuid(),
  key: z.string(),
  label: z.string(),
  begun: z.boolean(),
  pupilsWithData: z.number().int(),
});

export const candidatesQuerySchema = z.strictObject({
  /** The point to rank at; without it, the default-point rule chooses. */
  assessmentPointId: z.uuid().optional(),
});

export const candidatesSchema = z.object({
  /** The point the ranking uses. */
  latestPoint: candidatePointSchema.nullable(),
  /** The earlier point progress is measured from. */
  previousPoint: candidatePointSchema.nullable(),
  pointChosenBy: z.enum(["default", "request"]),
  /** Every point of the school, for choosing another. */
  points: z.array(candidatePointSchema),
  weights: z.array(z.object({ code: z.string(), points: z.number(), text: z.string() })),
  target: z.number().int(),
  candidates: z.array(candidateSchema),
});
export type Candidates = z.infer<typeof candidatesSchema>;

export const cohortMemberSchema = z.object({
  pupilId: z.uuid(),
  name: z.string(),
  yearGroup: z.string(),
  pseudonym: z.string().nullable(),
  joinedOn: z.string(),
  measures: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      latest: z.string().nullable(),
      latestPoint: z.string().nullable(),
      atJoining: z.string().nullable(),
      change: z.number().nullable(),
      /** Whether the change is an improvement, given which way the measure runs. */
      better: z.boolean().nullable(),
    }),
  ),
});

export const cohortSchema = z.object({
  enrolmentId: z.uuid(),
  academicYear: z.string(),
  members: z.array(cohortMemberSchema),
  history: z.array(
    z.object({
      pupilId: z.uuid(),
      name: z.string(),
      joinedOn: z.string(),
      leftOn: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
  size: z.number().int(),
  warning: z.string().nullable(),
  canManage: z.boolean(),
});
export type Cohort = z.infer<typeof cohortSchema>;

export const putCohortSchema = z.strictObject({
  pupilIds: z
    .array(z.uuid())
    .max(60, "A target cohort is about 15 pupils; 60 is the most Cascade takes."),
  reason: z.string().trim().max(500).optional(),
});

export const MATRIX_VIEWS = ["school", "trio", "cluster"] as const;

export const matrixQuerySchema = z.strictObject({
  view: z.enum(MATRIX_VIEWS).default("school"),
  /** For people in several schools, trios or clusters: which one. */
  schoolId: z.uuid().optional(),
  trioId: z.uuid().optional(),
  clusterId: z.uuid().optional(),
  from: z.string().max(80).optional(),
  to: z.string().max(80).optional(),
  x: z.string().max(80).optional(),
  y: z.string().max(80).optional(),
});

const position = z.object({ x: z.number(), y: z.number(), sx: z.number(), sy: z.number() });

export const axisSchema = z.object({
  spec: z.string(),
  label: z.string(),
  description: z.string(),
  expected: z.number().nullable(),
  min: z.number(),
  max: z.number(),
});

export const QUADRANTS = ["thriving", "ready-to-learn", "coasting", "priority"] as const;

export const matrixSchema = z.object({
  view: z.enum(MATRIX_VIEWS),
  title: z.string(),
  points: z.array(z.object({ key: z.string(), label: z.string() })),
  from: z.string().nullable(),
  to: z.string().nullable(),
  x: axisSchema,
  y: axisSchema,
  axisOptions: z.array(z.object({ spec: z.string(), label: z.string() })),
  canSaveAxes: z.object({ scopeType: z.enum(["school", "cluster"]), scopeId: z.uuid() }).nullable(),
  schools: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      own: z.boolean(),
      /** Null when suppressed: 1 to 5 pupils are not counted outside the school. */
      pupils: z.number().int().nullable(),
    }),
  ),
  quadrants: z.array(
    z.object({ key: z.enum(QUADRANTS), label: z.string(), description: z.string() }),
  ),
  dots: z.array(
    z.object({
      /** The pupil's id inside the viewer's school; its pseudonym outside. */
      key: z.string(),
      label: z.string(),
      schoolCode: z.string(),
      own: z.boolean(),
      from: position.nullable(),
      to: position.nullable(),
      quadrantFrom: z.enum(QUADRANTS).nullable(),
      quadrantTo: z.enum(QUADRANTS).nullable(),
    }),
  ),
  /**
   * Per school and quadrant. For a school other than the viewer's, any count of
   * 1 to 5 hides the school's whole summary (counts null): one hidden cell would
   * come back from the others and the school's cohort size.
   */
  summary: z.array(
    z.object({
      schoolCode: z.string(),
      quadrant: z.enum(QUADRANTS),
      movedIn: z.number().int().nullable(),
      movedOut: z.number().int().nullable(),
      stayed: z.number().int().nullable(),
      now: z.number().int().nullable(),
      suppressed: z.boolean(),
      suppressedReason: z.string().nullable(),
    }),
  ),
  /** Pupils without a position at both points; null when 1 to 5 at another school. */
  missing: z.array(z.object({ schoolCode: z.string(), pupils: z.number().int().nullable() })),
});
export type Matrix = z.infer<typeof matrixSchema>;

export const matrixSettingsSchema = z.strictObject({
  scopeType: z.enum(["school", "cluster"]),
  scopeId: z.uuid(),
  x: z.string().max(80),
  y: z.string().max(80),
});
