import type { SeededRandom } from "./random.ts";

/**
 * The demo network's strategies: a few different things schools really try,
 * from different EEF Toolkit strands, measured on different outcomes, with
 * different designs, doses and costs, and different results (one that makes no
 * difference and one that goes the wrong way). All but the first school share
 * their result, so the network evidence page has several pools to show.
 *
 * The demo data are fiction, so each strategy's result is planted: `benefit`
 * is the true effect, in baseline standard deviations of its measure, that
 * participants gain by the latest point over everyone else (negative: they
 * fall behind). Sampling noise and rounding to the measure's scale do the rest.
 */
export type DemoComparison = "disadvantaged" | "non_participants" | "none";

export interface DemoStrategy {
  title: string;
  description: string;
  strandKey: string;
  /** The programme theme's key, or null when the strategy serves none of the three. */
  themeKey: string | null;
  evidence: string;
  /** The success measure's catalogue key. */
  measureKey: string;
  comparison: DemoComparison;
  sessionsPerWeek: number;
  minutesPerSession: number;
  costPounds: number;
  staffHours: number;
  /** The change the team hopes for on its success measure. */
  successChange: number;
  benefit: number;
  review: { done: string; dataShows: string; decision: string };
}

const READING_BUDDIES: Omit<DemoStrategy, "benefit"> = {
  title: "Reading buddies",
  description:
    "Older pupils read with cohort pupils twice a week, practising bouncing back from mistakes out loud.",
  strandKey: "peer-tutoring",
  themeKey: "resilient",
  evidence: "EEF Toolkit: peer tutoring.",
  measureKey: "theme-resilient",
  comparison: "disadvantaged",
  sessionsPerWeek: 2,
  minutesPerSession: 20,
  costPounds: 450,
  staffHours: 30,
  successChange: 0.5,
  review: {
    done: "Two sessions a week since the start of term, with a few missed for trips.",
    dataShows: "Resilience ratings moved a little for some pupils; too early to say.",
    decision:
      "Keep going to the end of the next half-term, then evaluate against other disadvantaged pupils.",
  },
};

const RECIPROCAL_READING: Omit<DemoStrategy, "benefit"> = {
  title: "Reciprocal reading",
  description:
    "Small groups take turns to predict, question, clarify and summarise a shared text, led by an English teacher.",
  strandKey: "reading-comprehension-strategies",
  themeKey: "academically-competent",
  evidence: "EEF Toolkit: reading comprehension strategies; EEF guidance on improving literacy.",
  measureKey: "english-grade",
  comparison: "disadvantaged",
  sessionsPerWeek: 2,
  minutesPerSession: 30,
  costPounds: 350,
  staffHours: 40,
  successChange: 1,
  review: {
    done: "Two groups of seven or eight, twice a week in tutor time.",
    dataShows: "Most of the group can now summarise a paragraph unaided.",
    decision: "Evaluate on the English grades at the next data drop.",
  },
};

const ATTENDANCE_CALLS: Omit<DemoStrategy, "benefit"> = {
  title: "Attendance calls home",
  description:
    "A weekly call to each family to share something that went well and talk through any absence.",
  strandKey: "parental-engagement",
  themeKey: null,
  evidence:
    "EEF Toolkit: parental engagement; DfE guidance on working together to improve attendance.",
  measureKey: "attendance",
  comparison: "non_participants",
  sessionsPerWeek: 1,
  minutesPerSession: 10,
  costPounds: 150,
  staffHours: 25,
  successChange: 2,
  review: {
    done: "Calls most weeks; a few families are hard to reach.",
    dataShows: "Families say they like the calls; attendance looks much the same.",
    decision: "Keep the calls for another half-term and compare attendance with everyone else.",
  },
};

/** Each demo school's strategy, by the network's school key. */
export const DEMO_STRATEGIES: Readonly<Record<string, DemoStrategy>> = {
  "school-1": { ...READING_BUDDIES, benefit: 0.3 },
  "school-2": {
    ...READING_BUDDIES,
    title: "Year 10 reading mentors",
    description:
      "Year 10 volunteers, trained by the library team, read with cohort pupils and talk about getting stuck and carrying on.",
    benefit: 0.35,
  },
  "school-3": { ...READING_BUDDIES, benefit: 0.45 },
  "school-4": { ...ATTENDANCE_CALLS, benefit: 0.05 },
  "school-5": {
    title: "Lunchtime mentoring",
    description:
      "Each cohort pupil meets a member of staff once a week at lunchtime to talk through the week and set a small goal.",
    strandKey: "mentoring",
    themeKey: "self-aware",
    evidence: "EEF Toolkit: mentoring (small average effect, varies widely).",
    measureKey: "theme-self-aware",
    comparison: "none",
    sessionsPerWeek: 1,
    minutesPerSession: 30,
    costPounds: 900,
    staffHours: 60,
    successChange: 1,
    // Self-awareness ratings slipped a little: the honest result the evidence page shows as it is.
    benefit: -0.2,
    review: {
      done: "Weekly meetings, though some were cut short by lunchtime duties.",
      dataShows: "Pupils like the meetings, but their self-awareness ratings have not moved.",
      decision: "Stop at Christmas unless the next half-term looks different.",
    },
  },
  "school-6": { ...RECIPROCAL_READING, benefit: 0.3 },
  "school-7": { ...READING_BUDDIES, benefit: 0.15 },
  "school-8": {
    title: "Maths catch-up groups",
    description:
      "A teaching assistant takes groups of three for 30 minutes, four times a week, on the gaps the last assessment showed.",
    strandKey: "small-group-tuition",
    themeKey: "academically-competent",
    evidence: "EEF Toolkit: small group tuition; EEF guidance on teaching assistants.",
    measureKey: "maths-ta",
    comparison: "disadvantaged",
    sessionsPerWeek: 4,
    minutesPerSession: 30,
    costPounds: 2400,
    staffHours: 120,
    successChange: 1,
    benefit: 0.4,
    review: {
      done: "Four sessions a week with the same teaching assistant.",
      dataShows: "Most of the group moved up in the weekly quizzes.",
      decision: "Evaluate against other disadvantaged pupils on the maths assessment.",
    },
  },
  "school-9": { ...RECIPROCAL_READING, benefit: 0.2 },
  "school-10": { ...ATTENDANCE_CALLS, benefit: -0.05 },
};

export interface MeasureScale {
  min: number;
  max: number;
  decimals: number;
  higherIsBetter: boolean;
}

/**
 * A participant's values with a strategy's planted effect: from the first
 * point (when the strategy starts) to the latest, a share t/(n − 1) of
 * `benefit` × `sd` in the better direction, rounded to the scale at random in
 * proportion (so the effect survives coarse scales on average) and kept in range.
 */
export function plantEffect(
  series: readonly number[],
  options: { benefit: number; sd: number; scale: MeasureScale; random: SeededRandom },
): number[] {
  const { benefit, sd, scale, random } = options;
  const last = series.length - 1;
  if (last < 1) return [...series];
  const step = 10 ** scale.decimals;
  const direction = scale.higherIsBetter ? 1 : -1;
  return series.map((value, t) => {
    if (t === 0) return value;
    const shifted = (value + direction * benefit * sd * (t / last)) * step;
    const floor = Math.floor(shifted);
    const rounded = (floor + (random.chance(shifted - floor) ? 1 : 0)) / step;
    return Math.min(scale.max, Math.max(scale.min, rounded));
  });
}
