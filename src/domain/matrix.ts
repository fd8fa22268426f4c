/**
 * The matrix: each pupil is a dot, x = attainment against expected and y =
 * learning behaviours (either axis may be any measure or composite), with two
 * assessment points compared as an arrow from the old position to the new.
 */
import { distanceFromExpected, type MeasureDefinition } from "./measures.ts";

export type CompositeName = "attainment" | "learning-behaviours";
export type Axis = { kind: "composite"; name: CompositeName } | { kind: "measure"; key: string };

export interface AxisInfo {
  label: string;
  /** The expected line drawn across the chart; null when the measure has no expected value. */
  expected: number | null;
  min: number;
  max: number;
  description: string;
}

export type Quadrant = "thriving" | "ready-to-learn" | "coasting" | "priority";

export const DEFAULT_X = "composite:attainment";
export const DEFAULT_Y = "composite:learning-behaviours";

/** The three theme ratings whose mean is the learning-behaviours composite. */
export const THEME_KEYS = [
  "theme-academically-competent",
  "theme-self-aware",
  "theme-resilient",
] as const;

/** Quadrants in display order. */
export const QUADRANTS: readonly Quadrant[] = [
  "thriving",
  "ready-to-learn",
  "coasting",
  "priority",
];

export const QUADRANT_LABELS: Readonly<Record<Quadrant, string>> = {
  thriving: "Thriving",
  "ready-to-learn": "Ready to learn",
  coasting: "Coasting",
  priority: "Priority",
};

export const QUADRANT_DESCRIPTIONS: Readonly<Record<Quadrant, string>> = {
  thriving: "At or above expected in both attainment and learning behaviours.",
  "ready-to-learn":
    "Strong learning behaviours, but attainment has not yet caught up with the expected standard.",
  coasting:
    "Attaining at or above expected, but learning behaviours are below where they should be.",
  priority:
    "Below expected in both attainment and learning behaviours: the pupils to act for first.",
};

/** A quadrant's short name and one-sentence meaning, as shown beside the chart. */
export interface QuadrantText {
  label: string;
  description: string;
}

const isDefaultPair = (x: Axis, y: Axis): boolean =>
  x.kind === "composite" &&
  x.name === "attainment" &&
  y.kind === "composite" &&
  y.name === "learning-behaviours";

/**
 * An axis's name inside a sentence: a composite by its plain words, a measure by
 * its own name as the school wrote it ("Resilient Learner", "KS2 reading").
 */
function inSentence(axis: Axis, label: string): string {
  if (axis.kind === "composite")
    return axis.name === "attainment" ? "attainment" : "learning behaviours";
  return label;
}

/**
 * The names and meanings of the four quadrants for the axes chosen. "Ready to
 * learn" and "Coasting" are about attainment against learning behaviours, so
 * they are used only for that pair (x = attainment, y = learning behaviours);
 * any other pair is described in the words of its own axes, so a chart of
 * attendance against resilience never speaks of attainment.
 */
export function quadrantTexts(
  x: { axis: Axis; label: string },
  y: { axis: Axis; label: string },
): Record<Quadrant, QuadrantText> {
  if (isDefaultPair(x.axis, y.axis)) {
    return Object.fromEntries(
      QUADRANTS.map((q) => [
        q,
        { label: QUADRANT_LABELS[q], description: QUADRANT_DESCRIPTIONS[q] },
      ]),
    ) as Record<Quadrant, QuadrantText>;
  }
  const xName = inSentence(x.axis, x.label);
  const yName = inSentence(y.axis, y.label);
  if (xName === yName) {
    // The same measure on both axes: only the diagonal quadrants can hold dots.
    return {
      thriving: { label: "At or above expected", description: `At or above expected in ${xName}.` },
      "ready-to-learn": {
        label: "Not possible",
        description: `The same measure is on both axes, so no pupil is here.`,
      },
      coasting: {
        label: "Not possible",
        description: `The same measure is on both axes, so no pupil is here.`,
      },
      priority: {
        label: "Below expected",
        description: `Below expected in ${xName}: the pupils to act for first.`,
      },
    };
  }
  return {
    thriving: {
      label: "Thriving",
      description: `At or above expected in both ${xName} and ${yName}.`,
    },
    "ready-to-learn": {
      label: `Stronger in ${yName}`,
      description: `At or above expected in ${yName}, but ${xName} is below expected.`,
    },
    coasting: {
      label: `Stronger in ${xName}`,
      description: `At or above expected in ${xName}, but ${yName} is below expected.`,
    },
    priority: {
      label: "Priority",
      description: `Below expected in both ${xName} and ${yName}: the pupils to act for first.`,
    },
  };
}

const MEASURE_PREFIX = "measure:";

/** "composite:attainment", "composite:learning-behaviours" or "measure:<key>"; null for anything else. */
export function parseAxis(spec: string): Axis | null {
  if (spec === "composite:attainment") return { kind: "composite", name: "attainment" };
  if (spec === "composite:learning-behaviours") {
    return { kind: "composite", name: "learning-behaviours" };
  }
  if (spec.startsWith(MEASURE_PREFIX)) {
    const key = spec.slice(MEASURE_PREFIX.length);
    return key.trim() === "" || key !== key.trim() ? null : { kind: "measure", key };
  }
  return null;
}

/** The spec string for an axis: the inverse of {@link parseAxis}. */
export function axisSpec(axis: Axis): string {
  return axis.kind === "composite" ? `composite:${axis.name}` : `${MEASURE_PREFIX}${axis.key}`;
}

const mean = (values: readonly number[]): number | null =>
  values.length === 0 ? null : values.reduce((total, value) => total + value, 0) / values.length;

/** A finite value for the key, else undefined. */
function finiteValue(values: ReadonlyMap<string, number>, key: string): number | undefined {
  const value = values.get(key);
  return value !== undefined && Number.isFinite(value) ? value : undefined;
}

/**
 * One pupil's position on an axis, from their values at one assessment point
 * (keyed by measure key). `measures` is the pupil's school's measures by key.
 * Attainment: mean distance from expected over core measures that have a value
 * (and an expected value). Learning behaviours: mean of the theme ratings given.
 */
export function axisValue(
  axis: Axis,
  measures: ReadonlyMap<string, MeasureDefinition>,
  values: ReadonlyMap<string, number>,
): number | null {
  if (axis.kind === "measure") return finiteValue(values, axis.key) ?? null;
  if (axis.name === "learning-behaviours") {
    return mean(THEME_KEYS.flatMap((key) => finiteValue(values, key) ?? []));
  }
  const distances: number[] = [];
  for (const measure of measures.values()) {
    if (!measure.core) continue;
    const value = finiteValue(values, measure.key);
    const distance = value === undefined ? null : distanceFromExpected(measure, value);
    if (distance !== null) distances.push(distance);
  }
  return mean(distances);
}

const fmt = (value: number): string => String(value);

/** Label, range, expected line and an explanation for an axis. Throws for an unknown measure key. */
export function axisInfo(axis: Axis, measures: ReadonlyMap<string, MeasureDefinition>): AxisInfo {
  if (axis.kind === "composite" && axis.name === "attainment") {
    return {
      label: "Attainment against expected",
      expected: 0,
      min: -1,
      max: 1,
      description:
        "The mean distance from the expected standard across core subjects, as a share of each scale: 0 is at expected, below 0 is behind it.",
    };
  }
  if (axis.kind === "composite") {
    return {
      label: "Learning behaviours",
      expected: 3,
      min: 1,
      max: 5,
      description:
        "The mean of the three theme ratings (Academically Competent, Self-Aware and Resilient Learner), each from 1 to 5: 3 is secure.",
    };
  }
  const measure = measures.get(axis.key);
  if (!measure) throw new Error(`There is no measure "${axis.key}" to plot on the matrix.`);
  const range = `${measure.name}, from ${fmt(measure.min)} to ${fmt(measure.max)}`;
  const direction = measure.higherIsBetter ? "" : " (lower is better)";
  const expected =
    measure.expected === null
      ? ": this measure has no expected value."
      : `: ${fmt(measure.expected)} is expected.`;
  return {
    label: measure.name,
    expected: measure.expected,
    min: measure.min,
    max: measure.max,
    description: `${range}${direction}${expected}`,
  };
}

/** The quadrant a position falls in; a value on an expected line counts as at or above it. */
export function quadrantOf(x: number, y: number, xExpected: number, yExpected: number): Quadrant {
  const attaining = x >= xExpected;
  const behaving = y >= yExpected;
  if (attaining) return behaving ? "thriving" : "coasting";
  return behaving ? "ready-to-learn" : "priority";
}

// ---------------------------------------------------------------- spreading

/** The golden angle in radians, π(3 − √5): consecutive spiral points never line up. */
const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Spreads dots that share exactly the same (x, y) around that point on a
 * sunflower (Vogel) spiral: the i-th dot by key (0-based, string order) sits at
 * radius √i spacing units and angle i × the golden angle, so the first stays at
 * the centre and no dot moves more than √(n − 1) units. Dots that do not collide
 * keep their position. The result is in input order, and each key's position is
 * the same whatever order the dots come in (keys should be unique).
 */
export function spreadDots<T extends { key: string; x: number; y: number }>(
  dots: T[],
  spacing: { x: number; y: number },
): Array<T & { sx: number; sy: number }> {
  const groups = new Map<string, T[]>();
  for (const dot of dots) {
    const at = `${dot.x}|${dot.y}`;
    const group = groups.get(at);
    if (group) group.push(dot);
    else groups.set(at, [dot]);
  }
  const rank = new Map<T, number>();
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const ordered = [...group].sort((a, b) => compareStrings(a.key, b.key));
    ordered.forEach((dot, index) => {
      rank.set(dot, index);
    });
  }
  return dots.map((dot) => {
    const index = rank.get(dot) ?? 0;
    if (index === 0) return { ...dot, sx: dot.x, sy: dot.y };
    const radius = Math.sqrt(index);
    const angle = index * GOLDEN_ANGLE;
    return {
      ...dot,
      sx: dot.x + spacing.x * radius * Math.cos(angle),
      sy: dot.y + spacing.y * radius * Math.sin(angle),
    };
  });
}

// ---------------------------------------------------------------- movement

export interface Move {
  /** The school code (or any other grouping). */
  group: string;
  from: Quadrant | null;
  to: Quadrant | null;
}

export interface MovementRow {
  group: string;
  quadrant: Quadrant;
  /** In this quadrant now, elsewhere before. */
  movedIn: number;
  /** In this quadrant before, elsewhere now. */
  movedOut: number;
  stayed: number;
  /** In this quadrant now: movedIn + stayed. */
  now: number;
}

function groupsOf(moves: readonly Move[]): string[] {
  return [...new Set(moves.map((move) => move.group))].sort(compareStrings);
}

/**
 * Per group and quadrant, how many pupils moved in, moved out, stayed and are
 * there now. Pupils without a position at either point are left out (count them
 * with {@link missingPositions}). Every group in the input gets all four
 * quadrants, in group order then quadrant order.
 */
export function movementSummary(moves: Move[]): MovementRow[] {
  return groupsOf(moves).flatMap((group) => {
    const placed = moves.filter(
      (move) => move.group === group && move.from !== null && move.to !== null,
    );
    return QUADRANTS.map((quadrant) => {
      const movedIn = placed.filter((m) => m.to === quadrant && m.from !== quadrant).length;
      const movedOut = placed.filter((m) => m.from === quadrant && m.to !== quadrant).length;
      const stayed = placed.filter((m) => m.from === quadrant && m.to === quadrant).length;
      return { group, quadrant, movedIn, movedOut, stayed, now: movedIn + stayed };
    });
  });
}

/** Per group (in group order, every group in the input), the pupils lacking a position at either point. */
export function missingPositions(moves: Move[]): Array<{ group: string; missing: number }> {
  return groupsOf(moves).map((group) => ({
    group,
    missing: moves.filter((m) => m.group === group && (m.from === null || m.to === null)).length,
  }));
}
