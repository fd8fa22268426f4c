import { makeUpn } from "../domain/upn.ts";
import { SeededRandom } from "./random.ts";

/**
 * Synthetic pupils with realistic shape: a set share disadvantaged in every
 * year group (a quarter unless asked), an attainment gap of about 0.4 SD, lower
 * attendance among the disadvantaged, theme ratings that go with attainment,
 * progress term by term, and only the measures a school of that phase records
 * for that year group ({@link attainmentMeasuresFor}). The same seed always
 * gives the same pupils. Values are keyed by the catalogue's measure keys, so
 * any school's copy of the catalogue takes them.
 */
export type Phase = "primary" | "secondary" | "special" | "all_through";

export interface GeneratedPupil {
  upn: string;
  legalFirstName: string;
  preferredFirstName: string | null;
  lastName: string;
  dateOfBirth: string;
  gender: "F" | "M" | "X";
  yearGroup: string;
  pupilPremium: boolean;
  fsm: boolean;
  ever6Fsm: boolean;
  lookedAfter: boolean;
  previouslyLookedAfter: boolean;
  senStatus: "N" | "K" | "E";
  eal: boolean;
  serviceChild: boolean;
  otherIntervention: boolean;
  /** Measure key → one value per assessment point (index 0 = the first point of the year). */
  values: Record<string, number[]>;
}

const FIRST = [
  "Aisha",
  "Alfie",
  "Amelia",
  "Arlo",
  "Ava",
  "Bilal",
  "Chloe",
  "Darius",
  "Eden",
  "Elsie",
  "Ezra",
  "Freya",
  "Hana",
  "Harvey",
  "Ibrahim",
  "Isla",
  "Jude",
  "Kai",
  "Layla",
  "Leo",
  "Lily",
  "Maya",
  "Mohammed",
  "Nia",
  "Noah",
  "Olivia",
  "Oscar",
  "Priya",
  "Reuben",
  "Rosie",
  "Sami",
  "Sofia",
  "Theo",
  "Tia",
  "Yusuf",
  "Zara",
];
const LAST = [
  "Applewood",
  "Brightwater",
  "Cobblestone",
  "Dunmore",
  "Elmsworth",
  "Fairbanks",
  "Greyfield",
  "Hollowell",
  "Ivydale",
  "Juniper",
  "Kingsmere",
  "Larchmont",
  "Meadowcroft",
  "Northgate",
  "Oakhurst",
  "Pennywhistle",
  "Quarrington",
  "Rowanby",
  "Silverdale",
  "Thistlewood",
  "Underhill",
  "Violetbank",
  "Westbrook",
  "Yarrowby",
];

const YEARS: Record<Phase, string[]> = {
  primary: ["R", "1", "2", "3", "4", "5", "6"],
  secondary: ["7", "8", "9", "10", "11"],
  special: ["3", "5", "7", "9", "11"],
  all_through: ["R", "2", "4", "6", "7", "9", "11"],
};

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

const TEACHER_ASSESSMENTS = ["reading-ta", "writing-ta", "maths-ta"] as const;
const KS2_SCALED_SCORES = ["reading-scaled", "maths-scaled"] as const;
const GRADES = ["english-grade", "maths-grade", "science-grade"] as const;

/**
 * The attainment measures of the built-in catalogue that a school of this
 * phase records for a year group: none in Reception (the early years
 * foundation stage has its own profile, not key-stage scales); teacher
 * assessments from Year 1 to Year 6; key stage 2 scaled scores only in Year 6,
 * the year of the tests; GCSE-style grades from Year 7. A special school
 * records teacher assessments (from pre-key stage up) at every age and sits
 * no key stage 2 tests.
 */
export function attainmentMeasuresFor(phase: Phase, yearGroup: string): string[] {
  if (yearGroup === "R") return [];
  const year = Number(yearGroup);
  if (phase === "special") return [...TEACHER_ASSESSMENTS];
  if (year >= 7) return phase === "primary" ? [] : [...GRADES];
  if (phase === "secondary") return [];
  return year === 6 ? [...TEACHER_ASSESSMENTS, ...KS2_SCALED_SCORES] : [...TEACHER_ASSESSMENTS];
}

/** Which of `n` pupils are disadvantaged: exactly round(share × n) of them, in a seeded order. */
function disadvantagedPlaces(n: number, share: number, random: SeededRandom): Set<number> {
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = random.int(0, i);
    [order[i], order[j]] = [order[j] ?? j, order[i] ?? i];
  }
  return new Set(order.slice(0, Math.round(share * n)));
}

/** Age in years on 31 August before the academic year: R = 4, Y1 = 5, … */
function birthDate(yearGroup: string, academicStartYear: number, random: SeededRandom): string {
  const age = yearGroup === "R" ? 4 : 4 + Number(yearGroup);
  const year = academicStartYear - age - 1;
  // Born between 1 Sep (year) and 31 Aug (year + 1).
  const day = random.int(0, 364);
  const date = new Date(Date.UTC(year, 8, 1 + day));
  return date.toISOString().slice(0, 10);
}

export interface PupilGenerationOptions {
  phase: Phase;
  /** The school's LA and establishment numbers, for its pupils' UPNs. */
  la: number;
  establishment: number;
  perYearGroup: number;
  academicStartYear: number;
  /** How many assessment points to give values for (0–6). */
  points: number;
  seed: number;
  /** The share of each year group that is disadvantaged (pupil premium); 0.25 unless given. */
  disadvantagedShare?: number;
}

export function generatePupils(options: PupilGenerationOptions): GeneratedPupil[] {
  const random = new SeededRandom(options.seed);
  const pupils: GeneratedPupil[] = [];
  const years = YEARS[options.phase];
  let serial = 0;
  const special = options.phase === "special";
  for (const yearGroup of years) {
    const disadvantaged = disadvantagedPlaces(
      options.perYearGroup,
      options.disadvantagedShare ?? 0.25,
      random,
    );
    for (let i = 0; i < options.perYearGroup; i++) {
      serial++;
      const pupilPremium = disadvantaged.has(i);
      const lookedAfter = random.chance(0.01);
      const previouslyLookedAfter = !lookedAfter && random.chance(0.01);
      const fsm = pupilPremium && random.chance(0.8);
      const sen = random.next();
      // Nearly every pupil at a special school has an education, health and care plan.
      const senStatus = special
        ? sen < 0.95
          ? "E"
          : "K"
        : sen < 0.03
          ? "E"
          : sen < 0.16
            ? "K"
            : "N";
      // Latent attainment: disadvantaged pupils start about 0.4 SD behind; pupils with
      // special educational needs further, and most at a special school work below their age.
      const z =
        random.normal(pupilPremium ? -0.4 : 0, 1) -
        (senStatus === "N" ? 0 : 0.5) -
        (special ? 1 : 0);
      const growth = random.normal(0.08, 0.05);
      const behaviourTrait = random.normal(0, 1);
      const values: Record<string, number[]> = {};
      const series = (make: (t: number) => number) =>
        Array.from({ length: options.points }, (_, t) => make(t));
      const attain = (t: number) => z + growth * t + random.normal(0, 0.15);
      for (const key of attainmentMeasuresFor(options.phase, yearGroup)) {
        if (key.endsWith("-ta")) {
          values[key] = series((t) => clamp(Math.round(2.75 + 0.75 * attain(t)), 1, 4));
        } else if (key.endsWith("-scaled")) {
          values[key] = series((t) => clamp(Math.round(101 + 7 * attain(t)), 80, 120));
        } else {
          values[key] = series((t) => clamp(Math.round(4.4 + 1.7 * attain(t)), 0, 9));
        }
      }
      values.attendance = series(() =>
        clamp(
          Math.round((95.5 - (pupilPremium ? 3 : 0) + 1.2 * z + random.normal(0, 2)) * 10) / 10,
          55,
          100,
        ),
      );
      values["behaviour-incidents"] = series(() =>
        Math.max(0, Math.round(1.2 - 0.8 * behaviourTrait + random.normal(0, 1))),
      );
      for (const key of ["theme-academically-competent", "theme-self-aware", "theme-resilient"]) {
        values[key] = series((t) =>
          clamp(
            Math.round(3 + 0.6 * attain(t) + 0.3 * behaviourTrait + random.normal(0, 0.5)),
            1,
            5,
          ),
        );
      }
      const first = random.pick(FIRST);
      pupils.push({
        // Serials run to 999 per year of allocation; bigger schools spread over earlier years.
        upn: makeUpn(
          options.la,
          options.establishment,
          options.academicStartYear - 1 - Math.floor(serial / 1000),
          serial % 1000,
        ),
        legalFirstName: first,
        preferredFirstName: random.chance(0.08) ? random.pick(FIRST) : null,
        lastName: random.pick(LAST),
        dateOfBirth: birthDate(yearGroup, options.academicStartYear, random),
        gender: random.chance(0.49) ? "F" : random.chance(0.98) ? "M" : "X",
        yearGroup,
        pupilPremium,
        fsm,
        ever6Fsm: pupilPremium,
        lookedAfter,
        previouslyLookedAfter,
        senStatus,
        eal: random.chance(0.18),
        serviceChild: random.chance(0.02),
        otherIntervention: random.chance(0.1),
        values,
      });
    }
  }
  return pupils;
}
