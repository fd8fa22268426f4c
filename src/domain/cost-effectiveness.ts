/**
 * Cost-effectiveness of a school's strategies (issue 12): what a strategy costs
 * per pupil, with its staff hours costed at the rate the school sets, and what
 * it costs per pupil for each month's progress it bought.
 *
 * Months come from the evaluation only: they exist where the EEF's scale
 * applies (monthsApply: attainment against a comparison group) and there is a
 * usable effect size. This file never converts an effect size to months
 * itself, and never divides by zero or by a negative number of months: a
 * strategy with no progress, or less progress than its comparison group, has
 * no cost per month, and the reason says so.
 */
import { type Design, monthsApply } from "./statistics/months.ts";

/** The highest hourly staff cost a school may set, in pounds: well above any school's on-costed rate. */
export const MAX_HOURLY_RATE = 250;

const pence = (pounds: number) => Math.round(pounds * 100) / 100;

const money = new Intl.NumberFormat("en-GB", {
  style: "currency",
  currency: "GBP",
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});
/** £1,234.50 */
export const formatPounds = (pounds: number) => money.format(pounds);

const hoursText = (hours: number) =>
  `${Number.isInteger(hours) ? hours : hours.toFixed(1)} staff hour${hours === 1 ? "" : "s"}`;

/** Why a strategy has no cost per pupil, or no cost per month's progress. */
export type CostGap =
  | "no-cost"
  | "no-participants"
  | "no-evaluation"
  | "no-effect"
  | "months-not-apply"
  | "no-progress"
  | "less-progress";

export interface StrategyCost {
  directCost: number | null;
  staffHours: number | null;
  hourlyRate: number | null;
  /** Staff hours × the school's rate; null without hours or without a rate. */
  staffCost: number | null;
  /** Direct cost plus staff cost, to the penny; null when neither is recorded. */
  totalCost: number | null;
  /** Staff hours are recorded but the school has set no rate: the total leaves them out. */
  staffUncosted: boolean;
  /** How the total was reached, in words: "£450.00 direct + 30 staff hours × £25.50 = £1,215.00". */
  workings: string;
  participants: number;
  costPerPupil: number | null;
  /** Why there is no cost per pupil (null when there is one). */
  costPerPupilGap: { code: "no-cost" | "no-participants"; text: string } | null;
}

/**
 * A strategy's cost: its direct cost plus its staff hours at the school's
 * hourly rate, and that total shared among everyone who took part.
 */
export function strategyCost(input: {
  directCost: number | null;
  staffHours: number | null;
  hourlyRate: number | null;
  participants: number;
}): StrategyCost {
  const { directCost, staffHours, hourlyRate, participants } = input;
  const staffCost =
    staffHours !== null && hourlyRate !== null ? pence(staffHours * hourlyRate) : null;
  const staffUncosted = staffHours !== null && staffHours > 0 && hourlyRate === null;
  const totalCost =
    directCost === null && staffCost === null ? null : pence((directCost ?? 0) + (staffCost ?? 0));

  const parts: string[] = [];
  if (directCost !== null) parts.push(`${formatPounds(directCost)} direct`);
  if (staffHours !== null && hourlyRate !== null)
    parts.push(`${hoursText(staffHours)} × ${formatPounds(hourlyRate)} an hour`);
  let workings =
    totalCost === null
      ? "No cost recorded"
      : parts.length > 1
        ? `${parts.join(" + ")} = ${formatPounds(totalCost)}`
        : `${parts[0]} = ${formatPounds(totalCost)}`;
  if (staffUncosted && staffHours !== null)
    workings += `; ${hoursText(staffHours)} not costed (the school has not set an hourly rate)`;

  const costPerPupilGap =
    totalCost === null
      ? {
          code: "no-cost" as const,
          text: "No cost recorded: add the strategy's cost or staff hours to its plan.",
        }
      : participants <= 0
        ? {
            code: "no-participants" as const,
            text: "No participants yet, so there is nobody to share the cost among.",
          }
        : null;
  return {
    directCost,
    staffHours,
    hourlyRate,
    staffCost,
    totalCost,
    staffUncosted,
    workings,
    participants,
    costPerPupil:
      costPerPupilGap === null && totalCost !== null ? pence(totalCost / participants) : null,
    costPerPupilGap,
  };
}

/** What the cost per month needs from an evaluation: its design, measure kind, g and months. */
export interface EvaluationForCost {
  designKind: Design;
  measureKind: string;
  /** Whether the evaluation gave a usable effect size. */
  hasEffect: boolean;
  /** The evaluation's months' progress: null wherever months do not apply or there is no g. */
  months: number | null;
}

export interface CostPerMonth {
  /** £ per pupil per month's progress, to the penny; null with a reason otherwise. */
  value: number | null;
  gap: { code: CostGap; text: string } | null;
}

/**
 * Cost per pupil per month's progress: cost per pupil divided by the
 * evaluation's months, only when it has months and they are more than zero.
 */
export function costPerMonth(
  cost: Pick<StrategyCost, "totalCost" | "participants" | "costPerPupilGap">,
  evaluation: EvaluationForCost | null,
): CostPerMonth {
  if (cost.costPerPupilGap) return { value: null, gap: cost.costPerPupilGap };
  if (!evaluation)
    return {
      value: null,
      gap: {
        code: "no-evaluation",
        text: "No evaluation yet: it needs participants and values of a measure at two assessment points.",
      },
    };
  const { months } = evaluation;
  if (months === null) {
    if (
      !monthsApply({ design: evaluation.designKind, measureKind: evaluation.measureKind }) &&
      evaluation.hasEffect
    )
      return {
        value: null,
        gap: {
          code: "months-not-apply",
          text:
            evaluation.designKind === "pre-post"
              ? "No months' progress: the EEF's months assume a comparison group, and this is before and after only."
              : `No months' progress: months are the EEF's scale for attainment, and this is a ${evaluation.measureKind} measure.`,
        },
      };
    return {
      value: null,
      gap: {
        code: "no-effect",
        text: "No months' progress: the evaluation gave no usable effect size.",
      },
    };
  }
  if (months === 0)
    return {
      value: null,
      gap: {
        code: "no-progress",
        text: "About the same progress as the comparison group (0 months): there is no progress to put a cost on.",
      },
    };
  if (months < 0)
    return {
      value: null,
      gap: {
        code: "less-progress",
        text: `Pupils made about ${Math.abs(months)} month${months === -1 ? "'s" : "s'"} less progress than the comparison group: there is no progress to put a cost on.`,
      },
    };
  const total = cost.totalCost ?? 0;
  return { value: pence(total / cost.participants / months), gap: null };
}

/**
 * A school's hourly staff cost as typed: more than nothing, at most
 * MAX_HOURLY_RATE, in pounds and pence. Returns the message for a bad value.
 */
export function hourlyRateProblem(rate: number): string | null {
  if (!Number.isFinite(rate)) return "Give the hourly cost as a number of pounds.";
  if (rate <= 0) return "The hourly cost must be more than £0.";
  if (rate > MAX_HOURLY_RATE)
    return `At most ${formatPounds(MAX_HOURLY_RATE)} an hour: give the cost of an hour of staff time, including on-costs.`;
  if (Math.abs(rate * 100 - Math.round(rate * 100)) > 1e-6)
    return "Give pounds and pence: at most 2 decimal places.";
  return null;
}
