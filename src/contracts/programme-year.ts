import { z } from "zod";
import { isoDate } from "./dates.ts";

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Use a time like 09:30.");
const text = (max: number) => z.string().trim().max(max);

export const ATTENDANCE = ["present", "absent", "apologies"] as const;
export const ACTION_STATUSES = ["open", "in_progress", "done"] as const;
export const TASK_KINDS = ["pre_work", "follow_up"] as const;

export const workshopInputSchema = z
  .strictObject({
    clusterId: z.uuid(),
    /** A workshop of the programme's plan this one delivers, if any: title, focus and theme default from it. */
    planWorkshopId: z.uuid().nullish(),
    title: text(160).min(1, "Give the workshop a title.").optional(),
    focus: text(2000).optional(),
    date: isoDate,
    startTime: clock,
    endTime: clock,
    venue: text(300).optional(),
    onlineLink: z
      .url({ protocol: /^https?$/, error: "Use a web address starting https://." })
      .max(500)
      .optional()
      .or(z.literal("")),
  })
  .refine((w) => w.endTime > w.startTime, {
    message: "The workshop ends after it starts.",
    path: ["endTime"],
  });

export const workshopUpdateSchema = z
  .strictObject({
    title: text(160).min(1).optional(),
    focus: text(2000).optional(),
    date: isoDate.optional(),
    startTime: clock.optional(),
    endTime: clock.optional(),
    venue: text(300).optional(),
    onlineLink: z
      .url({ protocol: /^https?$/, error: "Use a web address starting https://." })
      .max(500)
      .optional()
      .or(z.literal("")),
    summary: text(5000).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Give at least one field to change.");

export const taskInputSchema = z.strictObject({
  kind: z.enum(TASK_KINDS),
  title: text(200).min(1, "Give the task a title."),
  description: text(2000).optional(),
  dueOn: isoDate.nullish(),
});

export const linkMaterialSchema = z.strictObject({
  title: text(200).min(1, "Give the material a title."),
  url: z.url({ protocol: /^https?$/, error: "Use a web address starting https://." }).max(1000),
});

export const registerInputSchema = z.strictObject({
  entries: z.array(z.strictObject({ userId: z.uuid(), status: z.enum(ATTENDANCE) })).max(500),
});

export const workshopSchema = z.object({
  id: z.uuid(),
  clusterId: z.uuid(),
  clusterName: z.string(),
  title: z.string(),
  focus: z.string(),
  theme: z.string().nullable(),
  startsAt: z.string(),
  endsAt: z.string(),
  venue: z.string(),
  onlineLink: z.string(),
  summary: z.string().nullable(),
  materials: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      url: z.string().nullable(),
      fileName: z.string().nullable(),
      sizeBytes: z.number().nullable(),
      /** The library's resource made from this material, when it has been put in the library. */
      libraryResourceId: z.uuid().nullable(),
    }),
  ),
  tasks: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(TASK_KINDS),
      title: z.string(),
      description: z.string(),
      dueOn: z.string().nullable(),
    }),
  ),
  canManage: z.boolean(),
});
export type Workshop = z.infer<typeof workshopSchema>;

/** One workshop of the programme's plan, with the date it suggests for this cluster's year. */
export const planWorkshopSchema = z.object({
  id: z.uuid(),
  position: z.number().int(),
  month: z.number().int(),
  title: z.string(),
  focus: z.string(),
  theme: z.string().nullable(),
  /** The second Tuesday of the plan's month in the cluster's academic year. */
  suggestedDate: z.string().nullable(),
  /** How many of the cluster's workshops deliver this one. */
  scheduled: z.number().int(),
});
export type PlanWorkshop = z.infer<typeof planWorkshopSchema>;

export const registerSchema = z.object({
  workshopId: z.uuid(),
  schools: z.array(
    z.object({
      enrolmentId: z.uuid(),
      schoolName: z.string(),
      members: z.array(
        z.object({
          userId: z.uuid(),
          name: z.string(),
          teamRole: z.string(),
          status: z.enum(ATTENDANCE).nullable(),
        }),
      ),
    }),
  ),
});

export const actionInputSchema = z.strictObject({
  title: text(200).min(1, "Give the action a title."),
  notes: text(5000).optional(),
  ownerUserId: z.uuid().nullish(),
  dueOn: isoDate.nullish(),
  status: z.enum(ACTION_STATUSES).optional(),
  workshopTaskId: z.uuid().nullish(),
  strategyId: z.uuid().nullish(),
  pupilGroup: text(120).nullish(),
});

export const actionUpdateSchema = actionInputSchema
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Give at least one field to change.");

export const actionSchema = z.object({
  id: z.uuid(),
  enrolmentId: z.uuid(),
  title: z.string(),
  notes: z.string(),
  owner: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  dueOn: z.string().nullable(),
  status: z.enum(ACTION_STATUSES),
  overdue: z.boolean(),
  workshopTask: z.object({ id: z.uuid(), title: z.string(), workshopTitle: z.string() }).nullable(),
  visitId: z.uuid().nullable(),
  strategy: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  pupilGroup: z.string().nullable(),
  /** Whether the viewer may change it: leaders any of the team's, others those they own or created. */
  canEdit: z.boolean(),
});
export type Action = z.infer<typeof actionSchema>;

export const visitInputSchema = z.strictObject({
  enrolmentId: z.uuid(),
  visitOn: isoDate,
});

export const visitUpdateSchema = z
  .strictObject({
    visitOn: isoDate.optional(),
    strengths: text(5000).optional(),
    challenges: text(5000).optional(),
    questions: text(5000).optional(),
    /** Actions agreed with the school's leader: they join the team's action list. */
    agreedActions: z
      .array(z.strictObject({ title: text(200).min(1), dueOn: isoDate.nullish() }))
      .max(20)
      .optional(),
  })
  .refine((v) => Object.keys(v).length > 0, "Give at least one field to change.");

export const visitResponseSchema = z.strictObject({
  response: text(5000).min(1, "Write the school's response."),
});

export const visitSchema = z.object({
  id: z.uuid(),
  enrolmentId: z.uuid(),
  schoolName: z.string(),
  visitOn: z.string(),
  strengths: z.string(),
  challenges: z.string(),
  questions: z.string(),
  leaderResponse: z.string().nullable(),
  responseBy: z.string().nullable(),
  bookedBy: z.string().nullable(),
  actions: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      dueOn: z.string().nullable(),
      status: z.enum(ACTION_STATUSES),
    }),
  ),
  canRecord: z.boolean(),
  canRespond: z.boolean(),
});
export type Visit = z.infer<typeof visitSchema>;

export const calendarEventSchema = z.object({
  kind: z.enum(["workshop", "assessment-point", "visit", "action"]),
  id: z.string(),
  title: z.string(),
  startsAt: z.string().nullable(),
  endsAt: z.string().nullable(),
  date: z.string(),
  detail: z.string(),
});

export const progressSchema = z.object({
  clusterId: z.uuid(),
  clusterName: z.string(),
  points: z.array(z.string()),
  workshops: z.array(
    z.object({ id: z.uuid(), title: z.string(), startsAt: z.string(), registerTaken: z.boolean() }),
  ),
  schools: z.array(
    z.object({
      enrolmentId: z.uuid(),
      schoolName: z.string(),
      compositionMeets: z.boolean(),
      compositionSummary: z.string(),
      attendance: z.object({ present: z.number().int(), recorded: z.number().int() }),
      tasks: z.object({ done: z.number().int(), total: z.number().int() }),
      actions: z.object({
        done: z.number().int(),
        open: z.number().int(),
        overdue: z.number().int(),
      }),
      cohort: z.object({
        chosen: z.boolean(),
        /** Null when suppressed: 1 to 5 pupils are not counted outside the school. */
        size: z.number().int().nullable(),
        suppressed: z.boolean(),
        /** Why the size is not shown, when it is not. */
        suppressedReason: z.string().nullable(),
      }),
      dataCollected: z.array(z.boolean()),
      strategies: z.record(z.string(), z.number().int()),
      lastVisit: z.string().nullable(),
    }),
  ),
});
export type Progress = z.infer<typeof progressSchema>;
