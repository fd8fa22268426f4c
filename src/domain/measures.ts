import type { SchoolPhase } from "./phases.ts";
/**
 * Measures (what is recorded about a pupil at an assessment point), their
 * scales, and the built-in catalogue each school starts from and may edit.
 */
import type { ParseResult } from "./pupil-fields.ts";

export type ScaleKind = "ordinal" | "numeric" | "percentage" | "count" | "rating";
export type MeasureKind = "attainment" | "attendance" | "behaviour" | "theme" | "other";
export interface ScaleLevel {
  value: number;
  code: string;
  label: string;
  descriptor?: string;
}
export interface MeasureDefinition {
  /** Stable across schools, e.g. "reading-ta", "maths-grade", "attendance", "theme-resilient". */
  key: string;
  name: string;
  kind: MeasureKind;
  scale: ScaleKind;
  min: number;
  max: number;
  /** The value at which a pupil is "at expected". */
  expected: number | null;
  higherIsBetter: boolean;
  /** For ordinal and rating scales (value ↔ code/label), else []. */
  levels: ScaleLevel[];
  /** "reading" | "writing" | "maths" | "english" | "science" | … or null. */
  subject: string | null;
  /** Core subjects feed the "attainment against expected" composite. */
  core: boolean;
  /** Display and storage precision: 0 for grades, 1 for attendance %, etc. */
  decimals: number;
}
/** A school's phase: the catalogue of measures differs by it. */
export type Phase = SchoolPhase;

// ---------------------------------------------------------------- catalogue

const TA_LEVELS: ScaleLevel[] = [
  { value: 1, code: "PKS", label: "Pre-key stage" },
  { value: 2, code: "WTS", label: "Working towards" },
  { value: 3, code: "EXS", label: "Expected standard" },
  { value: 4, code: "GDS", label: "Greater depth" },
];

const GRADE_LEVELS: ScaleLevel[] = [
  { value: 0, code: "U", label: "U (ungraded)" },
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9].map((grade) => ({
    value: grade,
    code: String(grade),
    label: `Grade ${grade}`,
  })),
];

const RATING_LABELS = ["Not yet", "Emerging", "Secure", "Strong", "Exemplary"] as const;

/** One descriptor per rating level 1–5, in order. */
const THEMES: ReadonlyArray<{ key: string; name: string; descriptors: readonly string[] }> = [
  {
    key: "theme-academically-competent",
    name: "Academically Competent Learner",
    descriptors: [
      "Does not yet read, write, calculate or reason well enough to get on with most class work without support.",
      "Uses reading, writing and number skills in familiar tasks, with prompting to explain their thinking.",
      "Reads, writes and calculates confidently for their age and can give reasons for an answer.",
      "Applies literacy and numeracy across subjects and questions ideas and evidence independently.",
      "Uses academic language and reasoning fluently, weighs evidence critically and helps others think things through.",
    ],
  },
  {
    key: "theme-self-aware",
    name: "Self-Aware Learner",
    descriptors: [
      "Cannot yet say what they find easy or hard, or how they go about learning something.",
      "Can name some strengths and difficulties when asked, but rarely changes how they work.",
      "Knows how they learn best, plans simple steps and checks their own progress.",
      "Chooses strategies that suit the task, notices when one is not working and adapts.",
      "Reflects accurately and routinely on their learning and sets and pursues their own goals.",
    ],
  },
  {
    key: "theme-resilient",
    name: "Resilient Learner",
    descriptors: [
      "Gives up quickly or avoids tasks when work becomes difficult or they make a mistake.",
      "Keeps going with encouragement and is beginning to recover from setbacks.",
      "Persists with challenging work and bounces back from mistakes with little support.",
      "Welcomes challenge, treats mistakes as part of learning and keeps trying different approaches.",
      "Sustains effort through long or hard tasks, recovers quickly from setbacks and encourages others to persevere.",
    ],
  },
];

function taMeasure(subject: string, name: string): MeasureDefinition {
  return {
    key: `${subject}-ta`,
    name: `${name} (teacher assessment)`,
    kind: "attainment",
    scale: "ordinal",
    min: 1,
    max: 4,
    expected: 3,
    higherIsBetter: true,
    levels: TA_LEVELS.map((level) => ({ ...level })),
    subject,
    core: true,
    decimals: 0,
  };
}

function scaledMeasure(subject: string, name: string): MeasureDefinition {
  return {
    key: `${subject}-scaled`,
    name: `${name} scaled score`,
    kind: "attainment",
    scale: "numeric",
    min: 80,
    max: 120,
    expected: 100,
    higherIsBetter: true,
    levels: [],
    subject,
    core: false,
    decimals: 0,
  };
}

function gradeMeasure(subject: string, name: string, core: boolean): MeasureDefinition {
  return {
    key: `${subject}-grade`,
    name: `${name} grade`,
    kind: "attainment",
    scale: "ordinal",
    min: 0,
    max: 9,
    expected: 4,
    higherIsBetter: true,
    levels: GRADE_LEVELS.map((level) => ({ ...level })),
    subject,
    core,
    decimals: 0,
  };
}

function primaryMeasures(): MeasureDefinition[] {
  return [
    taMeasure("reading", "Reading"),
    taMeasure("writing", "Writing"),
    taMeasure("maths", "Maths"),
    scaledMeasure("reading", "Reading"),
    scaledMeasure("maths", "Maths"),
  ];
}

function secondaryMeasures(): MeasureDefinition[] {
  return [
    gradeMeasure("english", "English", true),
    gradeMeasure("maths", "Maths", true),
    gradeMeasure("science", "Science", false),
  ];
}

function commonMeasures(): MeasureDefinition[] {
  return [
    {
      key: "attendance",
      name: "Attendance",
      kind: "attendance",
      scale: "percentage",
      min: 0,
      max: 100,
      expected: 96,
      higherIsBetter: true,
      levels: [],
      subject: null,
      core: false,
      decimals: 1,
    },
    {
      key: "behaviour-incidents",
      name: "Behaviour incidents",
      kind: "behaviour",
      scale: "count",
      min: 0,
      max: 999,
      expected: null,
      higherIsBetter: false,
      levels: [],
      subject: null,
      core: false,
      decimals: 0,
    },
    ...THEMES.map(
      (theme): MeasureDefinition => ({
        key: theme.key,
        name: theme.name,
        kind: "theme",
        scale: "rating",
        min: 1,
        max: 5,
        expected: 3,
        higherIsBetter: true,
        levels: RATING_LABELS.map((label, index) => ({
          value: index + 1,
          code: String(index + 1),
          label,
          descriptor: theme.descriptors[index] ?? "",
        })),
        subject: null,
        core: false,
        decimals: 0,
      }),
    ),
  ];
}

/** The built-in measures for a phase: fresh objects each call, so the caller may edit them. */
export function measureCatalogue(phase: Phase): MeasureDefinition[] {
  switch (phase) {
    case "primary":
    case "special":
      return [...primaryMeasures(), ...commonMeasures()];
    case "secondary":
      return [...secondaryMeasures(), ...commonMeasures()];
    case "all_through":
      return [...primaryMeasures(), ...secondaryMeasures(), ...commonMeasures()];
  }
}

// ---------------------------------------------------------------- values

/** Rounds half away from zero to `decimals` places, avoiding binary artefacts (1.005 → 1.01). */
export function roundTo(value: number, decimals: number): number {
  const magnitude = Math.abs(value);
  const text = String(magnitude);
  const rounded = text.includes("e")
    ? Math.round(magnitude * 10 ** decimals) / 10 ** decimals
    : Number(`${Math.round(Number(`${text}e${decimals}`))}e-${decimals}`);
  return value < 0 && rounded !== 0 ? -rounded : rounded;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** A plain decimal number from a cell (no thousands separators, no exponent), or null. */
function readNumber(raw: string | number): number | null {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : null;
  const text = raw.trim();
  return NUMBER.test(text) ? Number(text) : null;
}

const fmt = (value: number): string => String(value);
const fold = (text: string): string => text.trim().replaceAll(/\s+/g, " ").toLowerCase();

/** Lists levels for a message: "PKS, WTS, EXS, GDS (or 1–4)", "a grade from 9 to 1, or U". */
function levelsAllowed(measure: MeasureDefinition): string {
  if (measure.levels.length === 0) {
    return "This measure has no levels set up yet: ask whoever manages your school's measures to add them.";
  }
  const numeric = measure.levels.filter((level) => level.code === String(level.value));
  const other = measure.levels.filter((level) => level.code !== String(level.value));
  const values = measure.levels.map((level) => level.value);
  const range = `${fmt(Math.min(...values))}–${fmt(Math.max(...values))}`;
  if (numeric.length === 0) {
    return `Use one of ${other.map((level) => level.code).join(", ")} (or ${range}).`;
  }
  const numbers = numeric.map((level) => level.value);
  const low = fmt(Math.min(...numbers));
  const high = fmt(Math.max(...numbers));
  if (other.length > 0) {
    const what = /grade/i.test(`${measure.key} ${measure.name}`) ? "a grade" : "a value";
    return `Use ${what} from ${high} to ${low}, or ${other.map((level) => level.code).join(" or ")}.`;
  }
  const what = measure.scale === "rating" ? "a rating" : "a value";
  const labels = numeric.map((level) => level.label).join(", ");
  return `Use ${what} from ${low} to ${high} (or ${labels}).`;
}

function parseLevel(measure: MeasureDefinition, raw: string | number): ParseResult<number> {
  const text = fold(String(raw));
  const byCode = measure.levels.find((level) => fold(level.code) === text);
  const byLabel = measure.levels.find((level) => fold(level.label) === text);
  const number = readNumber(raw);
  const byValue = measure.levels.find((level) => number !== null && level.value === number);
  const level = byCode ?? byLabel ?? byValue;
  if (level) return { ok: true, value: level.value };
  const shown = String(raw).trim();
  const what = shown === "" ? "This cell is empty" : `"${shown}" is not on this scale`;
  return { ok: false, message: `${what}. ${levelsAllowed(measure)}` };
}

/** What a numeric measure accepts, for messages. */
function rangeAllowed(measure: MeasureDefinition): string {
  const low = fmt(measure.min);
  const high = fmt(measure.max);
  switch (measure.scale) {
    case "count":
      return `Use a whole number from ${low} to ${high}.`;
    case "percentage":
      return `Use a percentage from ${low} to ${high}, like 95.5 or 95.5%.`;
    default:
      return measure.decimals === 0
        ? `Use a number from ${low} to ${high}.`
        : `Use a number from ${low} to ${high}, with up to ${measure.decimals} decimal places.`;
  }
}

/**
 * A cell's value on the measure's scale. Ordinal and rating scales take a level's
 * value, code or label (any case); percentages may end in "%" and are never read
 * as fractions ("0.955" is 0.955%); counts take whole numbers only. Numbers are
 * range-checked as given, then rounded half away from zero to `decimals`.
 */
export function parseMeasureValue(
  measure: MeasureDefinition,
  raw: string | number,
): ParseResult<number> {
  if (measure.scale === "ordinal" || measure.scale === "rating") return parseLevel(measure, raw);
  const shown = String(raw).trim();
  const text = measure.scale === "percentage" ? shown.replace(/\s*%$/, "") : shown;
  const number = readNumber(typeof raw === "number" ? raw : text);
  const fail = (what: string): ParseResult<number> => ({
    ok: false,
    message: `${what}. ${rangeAllowed(measure)}`,
  });
  if (shown === "") return fail("This cell is empty");
  if (number === null) return fail(`"${shown}" is not a number`);
  if (measure.scale === "count" && !Number.isInteger(number)) {
    return fail(`${shown} is not a whole number`);
  }
  if (number < measure.min || number > measure.max) return fail(`${shown} is out of range`);
  return { ok: true, value: roundTo(number, measure.decimals) };
}

/** A value for display: the level code on ordinal and rating scales, else the number with `decimals` (and "%"). */
export function formatMeasureValue(measure: MeasureDefinition, value: number): string {
  if (measure.scale === "ordinal" || measure.scale === "rating") {
    const level = measure.levels.find((candidate) => candidate.value === value);
    if (level) return level.code;
  }
  const text = roundTo(value, measure.decimals).toFixed(measure.decimals);
  return measure.scale === "percentage" ? `${text}%` : text;
}

/**
 * (value − expected) / (max − min): positive when better than expected, whichever
 * way the scale runs. Null when the measure has no expected value.
 */
export function distanceFromExpected(measure: MeasureDefinition, value: number): number | null {
  if (measure.expected === null || measure.max === measure.min) return null;
  const distance = (value - measure.expected) / (measure.max - measure.min);
  return measure.higherIsBetter || distance === 0 ? distance : -distance;
}

/** Whether the value is at expected or better (lower, when higher is not better); null without an expected value. */
export function isAtOrAboveExpected(measure: MeasureDefinition, value: number): boolean | null {
  if (measure.expected === null) return null;
  return measure.higherIsBetter ? value >= measure.expected : value <= measure.expected;
}
