import { describe, expect, it } from "vitest";
import {
  distanceFromExpected,
  formatMeasureValue,
  isAtOrAboveExpected,
  type MeasureDefinition,
  measureCatalogue,
  type Phase,
  parseMeasureValue,
  roundTo,
} from "./measures.ts";

/** The built-in measure with this key in the all-through catalogue, which has every one. */
function measure(key: string): MeasureDefinition {
  const found = measureCatalogue("all_through").find((candidate) => candidate.key === key);
  if (!found) throw new Error(`No built-in measure ${key}`);
  return found;
}

const keys = (phase: Phase): string[] => measureCatalogue(phase).map((m) => m.key);
const COMMON = [
  "attendance",
  "behaviour-incidents",
  "theme-academically-competent",
  "theme-self-aware",
  "theme-resilient",
];
const PRIMARY = ["reading-ta", "writing-ta", "maths-ta", "reading-scaled", "maths-scaled"];
const SECONDARY = ["english-grade", "maths-grade", "science-grade"];

function messageOf(result: { ok: true } | { ok: false; message: string }): string {
  return result.ok ? "<parsed successfully>" : result.message;
}

describe("measureCatalogue", () => {
  it("gives each phase its measures", () => {
    expect(keys("primary")).toEqual([...PRIMARY, ...COMMON]);
    expect(keys("special")).toEqual([...PRIMARY, ...COMMON]);
    expect(keys("secondary")).toEqual([...SECONDARY, ...COMMON]);
    expect(keys("all_through")).toEqual([...PRIMARY, ...SECONDARY, ...COMMON]);
  });

  it.each([
    "primary",
    "secondary",
    "special",
    "all_through",
  ] as const)("has unique keys and consistent scales for %s", (phase) => {
    const catalogue = measureCatalogue(phase);
    expect(new Set(catalogue.map((m) => m.key)).size).toBe(catalogue.length);
    for (const m of catalogue) {
      expect(m.min).toBeLessThan(m.max);
      if (m.expected !== null) {
        expect(m.expected).toBeGreaterThanOrEqual(m.min);
        expect(m.expected).toBeLessThanOrEqual(m.max);
      }
      expect(m.decimals).toBeGreaterThanOrEqual(0);
      expect(m.decimals).toBeLessThanOrEqual(3);
      const hasLevels = m.scale === "ordinal" || m.scale === "rating";
      expect(m.levels.length > 0).toBe(hasLevels);
      for (const level of m.levels) {
        expect(level.value).toBeGreaterThanOrEqual(m.min);
        expect(level.value).toBeLessThanOrEqual(m.max);
      }
    }
  });

  it("returns fresh objects, so one school's edits do not leak into another's", () => {
    const first = measureCatalogue("primary");
    const readingTa = first[0];
    if (!readingTa) throw new Error("empty catalogue");
    readingTa.expected = 4;
    const level = readingTa.levels[0];
    if (level) level.label = "Changed";
    const second = measureCatalogue("primary");
    expect(second[0]?.expected).toBe(3);
    expect(second[0]?.levels[0]?.label).toBe("Pre-key stage");
    expect(measureCatalogue("primary")[1]?.levels[0]?.label).toBe("Pre-key stage");
  });

  it("defines the primary teacher assessments", () => {
    for (const subject of ["reading", "writing", "maths"]) {
      const m = measure(`${subject}-ta`);
      expect(m).toMatchObject({
        kind: "attainment",
        scale: "ordinal",
        min: 1,
        max: 4,
        expected: 3,
        higherIsBetter: true,
        subject,
        core: true,
        decimals: 0,
      });
      expect(m.levels).toEqual([
        { value: 1, code: "PKS", label: "Pre-key stage" },
        { value: 2, code: "WTS", label: "Working towards" },
        { value: 3, code: "EXS", label: "Expected standard" },
        { value: 4, code: "GDS", label: "Greater depth" },
      ]);
    }
  });

  it("defines the KS2-style scaled scores", () => {
    for (const subject of ["reading", "maths"]) {
      expect(measure(`${subject}-scaled`)).toMatchObject({
        scale: "numeric",
        min: 80,
        max: 120,
        expected: 100,
        subject,
        core: false,
        levels: [],
      });
    }
  });

  it("defines the secondary grades 9–1 and U", () => {
    const english = measure("english-grade");
    expect(english).toMatchObject({ scale: "ordinal", min: 0, max: 9, expected: 4, core: true });
    expect(english.levels[0]).toEqual({ value: 0, code: "U", label: "U (ungraded)" });
    expect(english.levels[9]).toEqual({ value: 9, code: "9", label: "Grade 9" });
    expect(english.levels).toHaveLength(10);
    expect(measure("maths-grade")).toMatchObject({ subject: "maths", core: true });
    expect(measure("science-grade")).toMatchObject({ subject: "science", core: false });
  });

  it("defines attendance and behaviour", () => {
    expect(measure("attendance")).toMatchObject({
      kind: "attendance",
      scale: "percentage",
      min: 0,
      max: 100,
      expected: 96,
      higherIsBetter: true,
      decimals: 1,
      subject: null,
    });
    expect(measure("behaviour-incidents")).toMatchObject({
      kind: "behaviour",
      scale: "count",
      min: 0,
      max: 999,
      expected: null,
      higherIsBetter: false,
    });
  });

  it("defines the three themes with a descriptor for every level", () => {
    const names = COMMON.slice(2).map((key) => measure(key).name);
    expect(names).toEqual([
      "Academically Competent Learner",
      "Self-Aware Learner",
      "Resilient Learner",
    ]);
    for (const key of COMMON.slice(2)) {
      const m = measure(key);
      expect(m).toMatchObject({ kind: "theme", scale: "rating", min: 1, max: 5, expected: 3 });
      expect(m.levels.map((level) => level.label)).toEqual([
        "Not yet",
        "Emerging",
        "Secure",
        "Strong",
        "Exemplary",
      ]);
      for (const level of m.levels) {
        expect(level.code).toBe(String(level.value));
        expect(level.descriptor).toMatch(/^[A-Z].{20,}\.$/);
      }
    }
  });
});

describe("parseMeasureValue", () => {
  const readingTa = measure("reading-ta");
  const maths = measure("maths-grade");
  const resilient = measure("theme-resilient");
  const attendance = measure("attendance");
  const behaviour = measure("behaviour-incidents");
  const scaled = measure("reading-scaled");

  it.each([
    ["3", 3],
    [3, 3],
    ["EXS", 3],
    ["exs", 3],
    [" GDS ", 4],
    ["Greater depth", 4],
    ["greater  DEPTH", 4],
    ["PKS", 1],
    ["Working towards", 2],
  ])("reads teacher assessment %j as %d", (raw, value) => {
    expect(parseMeasureValue(readingTa, raw)).toEqual({ ok: true, value });
  });

  it.each(["EX", "5", "0", "2.5", "Expected", ""])("rejects teacher assessment %j", (raw) => {
    expect(messageOf(parseMeasureValue(readingTa, raw))).toMatch(
      /\. Use one of PKS, WTS, EXS, GDS \(or 1–4\)\.$/,
    );
  });

  it("says what was wrong with a teacher assessment", () => {
    expect(parseMeasureValue(readingTa, "EX")).toEqual({
      ok: false,
      message: '"EX" is not on this scale. Use one of PKS, WTS, EXS, GDS (or 1–4).',
    });
    expect(messageOf(parseMeasureValue(readingTa, " "))).toMatch(/^This cell is empty\./);
  });

  it.each([
    ["U", 0],
    ["u", 0],
    ["U (ungraded)", 0],
    ["0", 0],
    ["9", 9],
    [6, 6],
    ["Grade 4", 4],
  ])("reads grade %j as %d", (raw, value) => {
    expect(parseMeasureValue(maths, raw)).toEqual({ ok: true, value });
  });

  it.each(["10", "A*", "6+", "X", "-1"])("rejects grade %j", (raw) => {
    expect(parseMeasureValue(maths, raw)).toEqual({
      ok: false,
      message: `"${raw}" is not on this scale. Use a grade from 9 to 1, or U.`,
    });
  });

  it("reads theme ratings by number or label", () => {
    expect(parseMeasureValue(resilient, "4")).toEqual({ ok: true, value: 4 });
    expect(parseMeasureValue(resilient, "secure")).toEqual({ ok: true, value: 3 });
    expect(parseMeasureValue(resilient, "6")).toEqual({
      ok: false,
      message:
        '"6" is not on this scale. Use a rating from 1 to 5 (or Not yet, Emerging, Secure, Strong, Exemplary).',
    });
  });

  it("explains an ordinal measure without levels", () => {
    const broken: MeasureDefinition = { ...readingTa, levels: [] };
    expect(messageOf(parseMeasureValue(broken, "EXS"))).toContain("no levels set up yet");
  });

  it.each([
    ["95", 95],
    ["95.5", 95.5],
    ["95%", 95],
    ["95.5 %", 95.5],
    [" 100 ", 100],
    ["0", 0],
    [96.35, 96.4],
    ["96.25", 96.3],
    ["0.955", 1],
    ["0.04", 0],
    [".5", 0.5],
  ])("reads attendance %j as %d", (raw, value) => {
    expect(parseMeasureValue(attendance, raw)).toEqual({ ok: true, value });
  });

  it("does not guess that a small decimal is a fraction", () => {
    expect(parseMeasureValue(attendance, "0.955")).toEqual({ ok: true, value: 1 });
    expect(parseMeasureValue(attendance, "0.955")).not.toEqual({ ok: true, value: 95.5 });
  });

  it.each([
    ["101", "101 is out of range"],
    ["-1", "-1 is out of range"],
    ["100.04", "100.04 is out of range"],
    ["95,5", '"95,5" is not a number'],
    ["ninety", '"ninety" is not a number'],
    ["%", '"%" is not a number'],
    ["1e2", '"1e2" is not a number'],
  ])("rejects attendance %j", (raw, what) => {
    expect(parseMeasureValue(attendance, raw)).toEqual({
      ok: false,
      message: `${what}. Use a percentage from 0 to 100, like 95.5 or 95.5%.`,
    });
  });

  it("reads behaviour counts as whole numbers from 0 to 999", () => {
    expect(parseMeasureValue(behaviour, "0")).toEqual({ ok: true, value: 0 });
    expect(parseMeasureValue(behaviour, 12)).toEqual({ ok: true, value: 12 });
    expect(parseMeasureValue(behaviour, "999")).toEqual({ ok: true, value: 999 });
    expect(parseMeasureValue(behaviour, "3.0")).toEqual({ ok: true, value: 3 });
    for (const raw of ["2.5", "-1", "1000", "1,000", "lots"]) {
      expect(messageOf(parseMeasureValue(behaviour, raw))).toMatch(
        /\. Use a whole number from 0 to 999\.$/,
      );
    }
    expect(messageOf(parseMeasureValue(behaviour, "2.5"))).toBe(
      "2.5 is not a whole number. Use a whole number from 0 to 999.",
    );
  });

  it("rounds numeric values half away from zero and checks the range as given", () => {
    expect(parseMeasureValue(scaled, "104")).toEqual({ ok: true, value: 104 });
    expect(parseMeasureValue(scaled, "100.5")).toEqual({ ok: true, value: 101 });
    expect(parseMeasureValue(scaled, "100.49")).toEqual({ ok: true, value: 100 });
    expect(parseMeasureValue(scaled, 80)).toEqual({ ok: true, value: 80 });
    expect(parseMeasureValue(scaled, "120.4")).toEqual({
      ok: false,
      message: "120.4 is out of range. Use a number from 80 to 120.",
    });
    expect(messageOf(parseMeasureValue(scaled, "79"))).toContain("out of range");
    expect(messageOf(parseMeasureValue(scaled, Number.NaN))).toContain("is not a number");
  });

  it("mentions decimal places for numeric measures that have them", () => {
    const custom: MeasureDefinition = {
      ...scaled,
      key: "reading-age",
      min: 4,
      max: 16,
      decimals: 1,
    };
    expect(parseMeasureValue(custom, "9.75")).toEqual({ ok: true, value: 9.8 });
    expect(messageOf(parseMeasureValue(custom, "17"))).toBe(
      "17 is out of range. Use a number from 4 to 16, with up to 1 decimal places.",
    );
  });
});

describe("roundTo", () => {
  it.each([
    [1.005, 2, 1.01],
    [2.5, 0, 3],
    [-2.5, 0, -3],
    [0.125, 2, 0.13],
    [-0.125, 2, -0.13],
    [96.35, 1, 96.4],
    [1e-7, 1, 0],
    [123.456, 0, 123],
  ])("rounds %d to %d places as %d", (value, decimals, expected) => {
    expect(roundTo(value, decimals)).toBe(expected);
  });

  it("never returns negative zero", () => {
    expect(Object.is(roundTo(-0.04, 1), 0)).toBe(true);
  });
});

describe("formatMeasureValue", () => {
  it("shows level codes on ordinal and rating scales", () => {
    expect(formatMeasureValue(measure("reading-ta"), 3)).toBe("EXS");
    expect(formatMeasureValue(measure("maths-grade"), 6)).toBe("6");
    expect(formatMeasureValue(measure("maths-grade"), 0)).toBe("U");
    expect(formatMeasureValue(measure("theme-self-aware"), 5)).toBe("5");
  });

  it("falls back to the number when no level matches", () => {
    expect(formatMeasureValue(measure("reading-ta"), 2.5)).toBe("3");
  });

  it("shows numbers with the measure's decimals", () => {
    expect(formatMeasureValue(measure("attendance"), 96)).toBe("96.0%");
    expect(formatMeasureValue(measure("attendance"), 95.55)).toBe("95.6%");
    expect(formatMeasureValue(measure("behaviour-incidents"), 4)).toBe("4");
    expect(formatMeasureValue(measure("maths-scaled"), 101)).toBe("101");
  });
});

describe("distanceFromExpected", () => {
  it("is the distance as a fraction of the scale", () => {
    expect(distanceFromExpected(measure("reading-ta"), 4)).toBeCloseTo(1 / 3);
    expect(distanceFromExpected(measure("reading-ta"), 1)).toBeCloseTo(-2 / 3);
    expect(distanceFromExpected(measure("maths-scaled"), 110)).toBeCloseTo(0.25);
    expect(distanceFromExpected(measure("attendance"), 90)).toBeCloseTo(-0.06);
    expect(distanceFromExpected(measure("maths-grade"), 4)).toBe(0);
  });

  it("flips the sign when higher is not better", () => {
    const lowerIsBetter: MeasureDefinition = { ...measure("behaviour-incidents"), expected: 10 };
    expect(distanceFromExpected(lowerIsBetter, 0)).toBeCloseTo(10 / 999);
    expect(distanceFromExpected(lowerIsBetter, 20)).toBeCloseTo(-10 / 999);
    expect(Object.is(distanceFromExpected(lowerIsBetter, 10), 0)).toBe(true);
  });

  it("is null without an expected value", () => {
    expect(distanceFromExpected(measure("behaviour-incidents"), 3)).toBeNull();
  });
});

describe("isAtOrAboveExpected", () => {
  it("compares with the expected value", () => {
    expect(isAtOrAboveExpected(measure("reading-ta"), 3)).toBe(true);
    expect(isAtOrAboveExpected(measure("reading-ta"), 2)).toBe(false);
    expect(isAtOrAboveExpected(measure("attendance"), 96)).toBe(true);
    expect(isAtOrAboveExpected(measure("attendance"), 95.9)).toBe(false);
    expect(isAtOrAboveExpected(measure("maths-grade"), 0)).toBe(false);
  });

  it("treats lower as better when higher is not better", () => {
    const lowerIsBetter: MeasureDefinition = { ...measure("behaviour-incidents"), expected: 2 };
    expect(isAtOrAboveExpected(lowerIsBetter, 1)).toBe(true);
    expect(isAtOrAboveExpected(lowerIsBetter, 2)).toBe(true);
    expect(isAtOrAboveExpected(lowerIsBetter, 3)).toBe(false);
  });

  it("is null without an expected value", () => {
    expect(isAtOrAboveExpected(measure("behaviour-incidents"), 0)).toBeNull();
  });
});
