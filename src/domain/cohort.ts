/**
 * The target cohort candidate finder. The programme asks each school for about
 * 15 'invisible', underachieving, disadvantaged pupils, ideally not in an exam
 * year and not already receiving other interventions. Every pupil gets a score
 * and the reasons behind it, so the weights are never hidden.
 */
import { roundTo } from "./measures.ts";
import { parseYearGroup } from "./pupil-fields.ts";

export interface CandidatePupil {
  id: string;
  /** The pupil's UPN: breaks ties in score, so the same school always ranks the same way. */
  upn: string;
  yearGroup: string;
  disadvantaged: boolean;
  otherIntervention: boolean;
  /** Already taking part in one of the team's strategies. */
  inStrategy: boolean;
  /** Each core measure's distanceFromExpected at the latest point (null when no value). */
  coreDistances: Array<{ measureName: string; distance: number | null }>;
  /** Composite attainment against expected at the latest point. */
  attainmentNow: number | null;
  /** Composite attainment against expected at the previous point. */
  attainmentBefore: number | null;
  /** Behaviour incidents at the latest point. */
  behaviourIncidents: number | null;
  /** Attendance % at the latest point. */
  attendance: number | null;
}

export interface Weights {
  disadvantaged: number;
  belowExpected: number;
  progressBehind: number;
  goodBehaviour: number;
  middlingAttendance: number;
}

export type ReasonCode =
  | "disadvantaged"
  | "not-disadvantaged"
  | "below-expected"
  | "not-underachieving"
  | "no-attainment-data"
  | "progress-behind"
  | "exam-year"
  | "other-intervention"
  | "in-strategy"
  | "good-behaviour"
  | "middling-attendance"
  | "low-attendance";

export interface Reason {
  code: ReasonCode;
  text: string;
  points: number;
}

export type CandidateStatus = "proposed" | "held-back";

export interface Candidate {
  id: string;
  score: number;
  status: CandidateStatus;
  reasons: Reason[];
}

export interface ProgressBand {
  /** 1 for the lowest starting points, up to 5. */
  band: number;
  /** The lowest and highest starting point (attainmentBefore) in the band. */
  lowest: number;
  highest: number;
  pupils: number;
  /** The median change in attainment (now − before) of the band's pupils. */
  medianChange: number;
}

export const DEFAULT_WEIGHTS: Readonly<Weights> = {
  disadvantaged: 3,
  belowExpected: 3,
  progressBehind: 2,
  goodBehaviour: 1,
  middlingAttendance: 1,
};

export const COHORT_TARGET = 15;
export const COHORT_MIN = 10;
export const COHORT_MAX = 20;

/** How far below its band's median change a pupil's change must be to count as behind (a share of scale). */
export const PROGRESS_THRESHOLD = 0.02;
/** Bands with fewer pupils than this are too small to judge anyone's progress against. */
export const MIN_BAND_PUPILS = 5;
/** Exam years: Year 6 (key stage 2 tests), Year 11 (GCSEs), Year 13 (A levels). */
export const EXAM_YEARS: readonly string[] = ["6", "11", "13"];

/** Attendance from this % up to (not including) {@link ATTENDANCE_HIGH} is "middling". */
export const ATTENDANCE_LOW = 90;
export const ATTENDANCE_HIGH = 97;
/** At most this many behaviour incidents is a good record. */
export const GOOD_BEHAVIOUR_MAX_INCIDENTS = 1;

const BANDS = 5;
/** Guards comparisons against binary rounding artefacts (e.g. 1/9 − 1/9). */
const EPSILON = 1e-9;

export interface WeightExplanation {
  code: ReasonCode;
  points: number;
  text: string;
}

/** What each criterion is worth and why, for the page to show verbatim. */
export function weightExplanations(
  weights: Readonly<Weights> = DEFAULT_WEIGHTS,
): WeightExplanation[] {
  const row = (code: ReasonCode, points: number, text: string): WeightExplanation => ({
    code,
    points,
    text,
  });
  return [
    row(
      "disadvantaged",
      weights.disadvantaged,
      "Disadvantaged under the school's rule. Pupils who are not are held back.",
    ),
    row(
      "below-expected",
      weights.belowExpected,
      "Below expected in at least one core subject at the latest assessment point.",
    ),
    row(
      "progress-behind",
      weights.progressBehind,
      `Less progress since the previous assessment point than pupils who started at a similar level: a change in attainment against expected more than ${PROGRESS_THRESHOLD} of the scale below the median change of the fifth of the school with the nearest starting points.`,
    ),
    row(
      "good-behaviour",
      weights.goodBehaviour,
      "No more than one behaviour incident at the latest point: a quiet pupil whom no behaviour list picks out.",
    ),
    row(
      "middling-attendance",
      weights.middlingAttendance,
      `Attendance from ${ATTENDANCE_LOW}% up to ${ATTENDANCE_HIGH}%: not low enough for the attendance list to pick them out.`,
    ),
    row(
      "low-attendance",
      0,
      `Attendance below ${ATTENDANCE_LOW}%: no points, as the pupil is likely already on the attendance list.`,
    ),
    row("exam-year", 0, "Held back: in an exam year (Year 6, 11 or 13)."),
    row("other-intervention", 0, "Held back: already receiving another intervention."),
    row("in-strategy", 0, "Held back: already in one of the team's strategies."),
    row(
      "not-underachieving",
      0,
      "Held back: neither below expected nor behind peers on the latest data.",
    ),
    row("no-attainment-data", 0, "Held back: no attainment data at the latest assessment point."),
  ];
}

export const WEIGHT_EXPLANATIONS = weightExplanations();

/** The warning to show when a cohort of n pupils is outside {@link COHORT_MIN}–{@link COHORT_MAX}, else null. */
export function cohortSizeWarning(n: number): string | null {
  const aim = `About ${COHORT_TARGET} pupils is the aim`;
  if (n < COHORT_MIN) return `${aim}: ${n} is fewer than ${COHORT_MIN}.`;
  if (n > COHORT_MAX) return `${aim}: ${n} is more than ${COHORT_MAX}.`;
  return null;
}

// ---------------------------------------------------------------- progress

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  const upper = sorted[middle] ?? Number.NaN;
  return sorted.length % 2 === 1 ? upper : ((sorted[middle - 1] ?? Number.NaN) + upper) / 2;
}

/** Both attainment values, when known. */
function changeOf(
  pupil: Pick<CandidatePupil, "attainmentNow" | "attainmentBefore">,
): { before: number; change: number } | null {
  const { attainmentNow: now, attainmentBefore: before } = pupil;
  if (now === null || before === null || !Number.isFinite(now) || !Number.isFinite(before)) {
    return null;
  }
  return { before, change: now - before };
}

/**
 * Quintile bands of starting point (attainmentBefore) across the pupils with
 * both attainment values, each with its median change. The k-th cut is the
 * starting point at rank ⌈k·n/5⌉ (nearest rank); pupils with the same starting
 * point always share a band, so ties on coarse scales can leave fewer than 5.
 */
export function progressBands(
  pupils: ReadonlyArray<Pick<CandidatePupil, "attainmentNow" | "attainmentBefore">>,
): ProgressBand[] {
  const known = pupils
    .flatMap((pupil) => changeOf(pupil) ?? [])
    .sort((a, b) => a.before - b.before || a.change - b.change);
  const n = known.length;
  if (n === 0) return [];
  const cuts = Array.from({ length: BANDS }, (_, k) => known[Math.ceil(((k + 1) * n) / BANDS) - 1]);
  const uppers = [...new Set(cuts.flatMap((cut) => (cut ? [cut.before] : [])))];
  let lower = Number.NEGATIVE_INFINITY;
  return uppers.map((upper, index) => {
    const members = known.filter((pupil) => pupil.before > lower && pupil.before <= upper);
    lower = upper;
    const changes = members.map((pupil) => pupil.change).sort((a, b) => a - b);
    return {
      band: index + 1,
      lowest: members[0]?.before ?? upper,
      highest: upper,
      pupils: members.length,
      medianChange: median(changes),
    };
  });
}

/** The band a starting point falls in: the first whose highest is at least it; null above them all. */
export function bandFor(bands: readonly ProgressBand[], before: number): ProgressBand | null {
  return bands.find((band) => before <= band.highest) ?? null;
}

/**
 * Whether the pupil's change is more than `threshold` below their band's median
 * change; null when it cannot be judged (no change, or a band under {@link MIN_BAND_PUPILS}).
 */
export function isBehindPeers(
  pupil: Pick<CandidatePupil, "attainmentNow" | "attainmentBefore">,
  bands: readonly ProgressBand[],
  threshold: number = PROGRESS_THRESHOLD,
): boolean | null {
  const known = changeOf(pupil);
  if (!known) return null;
  const band = bandFor(bands, known.before);
  if (!band || band.pupils < MIN_BAND_PUPILS) return null;
  return band.medianChange - known.change > threshold + EPSILON;
}

// ---------------------------------------------------------------- ranking

/** "A", "A and B", "A, B and C". */
function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** The pupil's exam year ("6", "11" or "13"), or null. */
function examYear(yearGroup: string): string | null {
  const parsed = parseYearGroup(yearGroup);
  return parsed.ok && EXAM_YEARS.includes(parsed.value) ? parsed.value : null;
}

const HOLD_BACK: ReadonlySet<ReasonCode> = new Set<ReasonCode>([
  "not-disadvantaged",
  "not-underachieving",
  "no-attainment-data",
  "exam-year",
  "other-intervention",
  "in-strategy",
]);

function assess(
  pupil: CandidatePupil,
  weights: Weights,
  bands: readonly ProgressBand[],
  threshold: number,
): Candidate {
  const reasons: Reason[] = [];
  const add = (code: ReasonCode, text: string, points = 0): void => {
    reasons.push({ code, text, points });
  };

  if (pupil.disadvantaged) {
    add("disadvantaged", "Disadvantaged under the school's rule", weights.disadvantaged);
  } else {
    add("not-disadvantaged", "Not disadvantaged under the school's rule");
  }

  const known = pupil.coreDistances.filter(
    (core): core is { measureName: string; distance: number } =>
      core.distance !== null && Number.isFinite(core.distance),
  );
  const below = known.filter((core) => core.distance < 0).map((core) => core.measureName);
  const behind = known.length > 0 && isBehindPeers(pupil, bands, threshold) === true;
  if (known.length === 0) {
    add("no-attainment-data", "No attainment data at the latest point");
  } else {
    if (below.length > 0) {
      add("below-expected", `Below expected in ${listOf(below)}`, weights.belowExpected);
    }
    if (behind) {
      add(
        "progress-behind",
        "Less progress since the previous point than pupils with a similar starting point",
        weights.progressBehind,
      );
    }
    if (below.length === 0 && !behind) {
      add("not-underachieving", "Not underachieving on the latest data");
    }
  }

  const exam = examYear(pupil.yearGroup);
  if (exam !== null) add("exam-year", `In an exam year (Year ${exam})`);
  if (pupil.otherIntervention) add("other-intervention", "Already receiving another intervention");
  if (pupil.inStrategy) add("in-strategy", "Already in one of the team's strategies");

  const incidents = pupil.behaviourIncidents;
  if (incidents !== null && incidents >= 0 && incidents <= GOOD_BEHAVIOUR_MAX_INCIDENTS) {
    const count = incidents === 0 ? "no incidents" : `${incidents} incident`;
    add(
      "good-behaviour",
      `Good behaviour record (${count} at the latest point)`,
      weights.goodBehaviour,
    );
  }
  const attendance = pupil.attendance;
  if (attendance !== null && Number.isFinite(attendance)) {
    if (attendance < ATTENDANCE_LOW) {
      add(
        "low-attendance",
        `Attendance below ${ATTENDANCE_LOW}%: likely already on the attendance list`,
      );
    } else if (attendance < ATTENDANCE_HIGH) {
      add(
        "middling-attendance",
        `Attendance of ${roundTo(attendance, 1)}%: not low enough for the attendance list`,
        weights.middlingAttendance,
      );
    }
  }

  const score = reasons.reduce((total, reason) => total + reason.points, 0);
  const heldBack = reasons.some((reason) => HOLD_BACK.has(reason.code));
  return { id: pupil.id, score, status: heldBack ? "held-back" : "proposed", reasons };
}

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Scores every pupil against the cohort criteria, judging progress against
 * {@link progressBands} of the same pupils (pass the whole school). Proposed
 * pupils come first, then by score (highest first), then by UPN: a stable
 * order that does not depend on row ids, which differ between databases (so a
 * school's ranking, and the demo's cohorts, are the same wherever it is loaded).
 */
export function rankCandidates(
  pupils: readonly CandidatePupil[],
  options: { weights?: Partial<Weights>; progressThreshold?: number } = {},
): Candidate[] {
  const weights: Weights = { ...DEFAULT_WEIGHTS };
  for (const [name, points] of Object.entries(options.weights ?? {})) {
    if (Object.hasOwn(weights, name) && typeof points === "number")
      weights[name as keyof Weights] = points;
  }
  const bands = progressBands(pupils);
  const threshold = options.progressThreshold ?? PROGRESS_THRESHOLD;
  return pupils
    .map((pupil) => ({ pupil, candidate: assess(pupil, weights, bands, threshold) }))
    .sort(
      (a, b) =>
        (a.candidate.status === b.candidate.status
          ? 0
          : a.candidate.status === "proposed"
            ? -1
            : 1) ||
        b.candidate.score - a.candidate.score ||
        compareStrings(a.pupil.upn, b.pupil.upn) ||
        compareStrings(a.pupil.id, b.pupil.id),
    )
    .map(({ candidate }) => candidate);
}
