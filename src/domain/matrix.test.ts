import { describe, expect, it } from "vitest";
import {
  type Axis,
  axisInfo,
  axisSpec,
  axisValue,
  DEFAULT_X,
  DEFAULT_Y,
  type Move,
  missingPositions,
  movementSummary,
  parseAxis,
  QUADRANT_DESCRIPTIONS,
  QUADRANT_LABELS,
  QUADRANTS,
  quadrantOf,
  quadrantTexts,
  spreadDots,
} from "./matrix.ts";
import { type MeasureDefinition, measureCatalogue, type Phase } from "./measures.ts";

function measuresFor(phase: Phase): Map<string, MeasureDefinition> {
  return new Map(measureCatalogue(phase).map((measure) => [measure.key, measure]));
}

const values = (entries: Record<string, number>): Map<string, number> =>
  new Map(Object.entries(entries));

const ATTAINMENT: Axis = { kind: "composite", name: "attainment" };
const BEHAVIOURS: Axis = { kind: "composite", name: "learning-behaviours" };

describe("parseAxis", () => {
  it("reads the two composites and the defaults", () => {
    expect(parseAxis("composite:attainment")).toEqual(ATTAINMENT);
    expect(parseAxis("composite:learning-behaviours")).toEqual(BEHAVIOURS);
    expect(parseAxis(DEFAULT_X)).toEqual(ATTAINMENT);
    expect(parseAxis(DEFAULT_Y)).toEqual(BEHAVIOURS);
  });

  it("reads a measure key, which may itself contain a colon", () => {
    expect(parseAxis("measure:maths-grade")).toEqual({ kind: "measure", key: "maths-grade" });
    expect(parseAxis("measure:custom:reading")).toEqual({
      kind: "measure",
      key: "custom:reading",
    });
  });

  it.each([
    "",
    "composite:",
    "composite:attendance",
    "Composite:attainment",
    "measure:",
    "measure: ",
    "measure: maths-grade",
    "maths-grade",
    "attainment",
  ])("rejects %j", (spec) => {
    expect(parseAxis(spec)).toBeNull();
  });

  it("round-trips through axisSpec", () => {
    for (const spec of [DEFAULT_X, DEFAULT_Y, "measure:attendance"]) {
      const axis = parseAxis(spec);
      expect(axis).not.toBeNull();
      if (axis) expect(axisSpec(axis)).toBe(spec);
    }
  });
});

describe("axisValue", () => {
  const primary = measuresFor("primary");
  const secondary = measuresFor("secondary");

  it("averages the distance from expected over core measures (hand-computed, primary)", () => {
    // TA scale 1–4, expected 3, range 3. Reading EXS (3) → 0; writing WTS (2) → −1/3;
    // maths GDS (4) → +1/3. Mean = 0. The scaled scores are not core and are ignored.
    const pupil = values({ "reading-ta": 3, "writing-ta": 2, "maths-ta": 4, "reading-scaled": 80 });
    expect(axisValue(ATTAINMENT, primary, pupil)).toBeCloseTo(0, 12);
  });

  it("counts only the core measures that have a value (hand-computed, secondary)", () => {
    // Grades 0–9, expected 4, range 9. English 2 → −2/9; maths missing; science is not core.
    expect(
      axisValue(ATTAINMENT, secondary, values({ "english-grade": 2, "science-grade": 9 })),
    ).toBe(-2 / 9);
    // English 7 → +3/9, maths 3 → −1/9: mean = (2/9) / 2 = 1/9.
    expect(
      axisValue(ATTAINMENT, secondary, values({ "english-grade": 7, "maths-grade": 3 })),
    ).toBeCloseTo(1 / 9, 12);
  });

  it("flips the sign of a core measure where lower is better", () => {
    const lowerBetter = new Map(primary);
    lowerBetter.set("errors", {
      ...(primary.get("reading-ta") as MeasureDefinition),
      key: "errors",
      name: "Spelling errors",
      min: 0,
      max: 20,
      expected: 5,
      higherIsBetter: false,
    });
    // 15 errors: (15 − 5) / 20 = 0.5, flipped → −0.5.
    expect(axisValue(ATTAINMENT, lowerBetter, values({ errors: 15 }))).toBe(-0.5);
  });

  it("skips core measures without an expected value", () => {
    const noExpected = new Map(primary);
    noExpected.set("reading-ta", {
      ...(primary.get("reading-ta") as MeasureDefinition),
      expected: null,
    });
    expect(axisValue(ATTAINMENT, noExpected, values({ "reading-ta": 4 }))).toBeNull();
    expect(axisValue(ATTAINMENT, noExpected, values({ "reading-ta": 4, "maths-ta": 2 }))).toBe(
      -1 / 3,
    );
  });

  it("is null with no core values", () => {
    expect(axisValue(ATTAINMENT, primary, values({}))).toBeNull();
    expect(axisValue(ATTAINMENT, primary, values({ attendance: 95 }))).toBeNull();
    expect(axisValue(ATTAINMENT, new Map(), values({ "reading-ta": 3 }))).toBeNull();
  });

  it("ignores values that are not finite numbers", () => {
    expect(axisValue(ATTAINMENT, primary, values({ "reading-ta": Number.NaN }))).toBeNull();
    expect(axisValue(BEHAVIOURS, primary, values({ "theme-resilient": Number.NaN }))).toBeNull();
  });

  it("averages the theme ratings that have a value", () => {
    const all = values({
      "theme-academically-competent": 2,
      "theme-self-aware": 3,
      "theme-resilient": 5,
    });
    expect(axisValue(BEHAVIOURS, primary, all)).toBeCloseTo(10 / 3, 12);
    expect(axisValue(BEHAVIOURS, primary, values({ "theme-self-aware": 4, "maths-ta": 1 }))).toBe(
      4,
    );
    expect(axisValue(BEHAVIOURS, primary, values({ "maths-ta": 1 }))).toBeNull();
  });

  it("gives a measure's raw value, or null when missing", () => {
    const axis: Axis = { kind: "measure", key: "attendance" };
    expect(axisValue(axis, primary, values({ attendance: 93.4 }))).toBe(93.4);
    expect(axisValue(axis, primary, values({ "maths-ta": 3 }))).toBeNull();
  });
});

describe("axisInfo", () => {
  const secondary = measuresFor("secondary");

  it("describes the attainment composite", () => {
    const info = axisInfo(ATTAINMENT, secondary);
    expect(info).toMatchObject({
      label: "Attainment against expected",
      expected: 0,
      min: -1,
      max: 1,
    });
    expect(info.description).toContain(
      "mean distance from the expected standard across core subjects, as a share of each scale",
    );
  });

  it("describes the learning-behaviours composite", () => {
    const info = axisInfo(BEHAVIOURS, secondary);
    expect(info).toMatchObject({ label: "Learning behaviours", expected: 3, min: 1, max: 5 });
    expect(info.description).toContain("three theme ratings");
  });

  it("describes a measure from its definition", () => {
    expect(axisInfo({ kind: "measure", key: "maths-grade" }, secondary)).toEqual({
      label: "Maths grade",
      expected: 4,
      min: 0,
      max: 9,
      description: "Maths grade, from 0 to 9: 4 is expected.",
    });
  });

  it("says when a measure has no expected value and when lower is better", () => {
    const info = axisInfo({ kind: "measure", key: "behaviour-incidents" }, secondary);
    expect(info.expected).toBeNull();
    expect(info.description).toBe(
      "Behaviour incidents, from 0 to 999 (lower is better): this measure has no expected value.",
    );
  });

  it("throws a clear error for an unknown measure", () => {
    expect(() => axisInfo({ kind: "measure", key: "reading-ta" }, secondary)).toThrow(
      'There is no measure "reading-ta" to plot on the matrix.',
    );
  });
});

describe("quadrantOf", () => {
  it("places each corner", () => {
    expect(quadrantOf(0.1, 4, 0, 3)).toBe("thriving");
    expect(quadrantOf(-0.1, 4, 0, 3)).toBe("ready-to-learn");
    expect(quadrantOf(0.1, 2, 0, 3)).toBe("coasting");
    expect(quadrantOf(-0.1, 2, 0, 3)).toBe("priority");
  });

  it("counts a position on an expected line as at or above", () => {
    expect(quadrantOf(0, 3, 0, 3)).toBe("thriving");
    expect(quadrantOf(-0.01, 3, 0, 3)).toBe("ready-to-learn");
    expect(quadrantOf(0, 2.99, 0, 3)).toBe("coasting");
  });

  it("has a label and a one-sentence description for every quadrant", () => {
    expect(QUADRANTS).toEqual(["thriving", "ready-to-learn", "coasting", "priority"]);
    expect(QUADRANTS.map((q) => QUADRANT_LABELS[q])).toEqual([
      "Thriving",
      "Ready to learn",
      "Coasting",
      "Priority",
    ]);
    for (const quadrant of QUADRANTS) {
      const text = QUADRANT_DESCRIPTIONS[quadrant];
      expect(text).toMatch(/^[A-Z].*\.$/);
      expect(text.split(". ")).toHaveLength(1);
    }
  });
});

describe("quadrantTexts", () => {
  const attainment = {
    axis: { kind: "composite", name: "attainment" } as const,
    label: "Attainment against expected",
  };
  const behaviours = {
    axis: { kind: "composite", name: "learning-behaviours" } as const,
    label: "Learning behaviours",
  };
  const attendance = {
    axis: { kind: "measure", key: "attendance" } as const,
    label: "Attendance %",
  };
  const resilience = {
    axis: { kind: "measure", key: "theme-resilient" } as const,
    label: "Resilient Learner",
  };
  const ks2 = { axis: { kind: "measure", key: "ks2-reading" } as const, label: "KS2 reading" };

  it("keeps the programme's names for attainment against learning behaviours", () => {
    const texts = quadrantTexts(attainment, behaviours);
    expect(QUADRANTS.map((q) => texts[q].label)).toEqual(QUADRANTS.map((q) => QUADRANT_LABELS[q]));
    expect(texts["ready-to-learn"].description).toBe(QUADRANT_DESCRIPTIONS["ready-to-learn"]);
  });

  it("names the quadrants of any other pair from its own axes", () => {
    const texts = quadrantTexts(attendance, resilience);
    expect(texts.thriving.description).toBe(
      "At or above expected in both Attendance % and Resilient Learner.",
    );
    expect(texts["ready-to-learn"]).toEqual({
      label: "Stronger in Resilient Learner",
      description: "At or above expected in Resilient Learner, but Attendance % is below expected.",
    });
    expect(texts.coasting.label).toBe("Stronger in Attendance %");
    expect(texts.priority.description).toMatch(
      /^Below expected in both Attendance % and Resilient Learner/,
    );
    for (const q of QUADRANTS) {
      expect(texts[q].description).not.toMatch(/attainment|learning behaviours/i);
      expect(texts[q].label).not.toMatch(/ready to learn|coasting/i);
      expect(texts[q].description).toMatch(/^[A-Z].*\.$/);
    }
  });

  it("does not assume the default pair when only one axis is a default", () => {
    const texts = quadrantTexts(attainment, resilience);
    expect(texts["ready-to-learn"].label).toBe("Stronger in Resilient Learner");
    expect(texts.coasting.description).toBe(
      "At or above expected in attainment, but Resilient Learner is below expected.",
    );
  });

  it("uses a measure's own name as written", () => {
    expect(quadrantTexts(ks2, attendance).coasting.label).toBe("Stronger in KS2 reading");
  });

  it("says which quadrants cannot hold a dot when both axes are the same measure", () => {
    const texts = quadrantTexts(attendance, attendance);
    expect(texts.thriving.description).toBe("At or above expected in Attendance %.");
    expect(texts.coasting.label).toBe("Not possible");
  });
});

describe("spreadDots", () => {
  const spacing = { x: 0.04, y: 0.08 };
  type Dot = { key: string; x: number; y: number };
  const byKey = <T extends { key: string }>(dots: T[]): Map<string, T> =>
    new Map(dots.map((dot) => [dot.key, dot]));

  /** A deterministic shuffle (a small linear congruential generator). */
  function shuffled<T>(items: readonly T[], seed: number): T[] {
    const copy = [...items];
    let state = seed;
    for (let i = copy.length - 1; i > 0; i--) {
      state = (state * 1103515245 + 12345) % 2 ** 31;
      const j = state % (i + 1);
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy;
  }

  const crowd: Dot[] = [
    ...Array.from({ length: 12 }, (_, i) => ({
      key: `A-${String(i).padStart(2, "0")}`,
      x: 0,
      y: 3,
    })),
    ...Array.from({ length: 5 }, (_, i) => ({ key: `B-${i}`, x: -1 / 3, y: 2 })),
    { key: "C-1", x: 0.5, y: 4 },
    { key: "C-2", x: 0.25, y: 4 },
  ];

  it("leaves dots that do not collide where they are", () => {
    const out = byKey(spreadDots(crowd, spacing));
    expect(out.get("C-1")).toMatchObject({ sx: 0.5, sy: 4 });
    expect(out.get("C-2")).toMatchObject({ sx: 0.25, sy: 4 });
  });

  it("keeps the first dot by key at the centre and places the second one unit away", () => {
    const out = byKey(spreadDots(shuffled(crowd, 7), spacing));
    expect(out.get("A-00")).toMatchObject({ sx: 0, sy: 3 });
    expect(out.get("B-0")).toMatchObject({ sx: -1 / 3, sy: 2 });
    const second = out.get("A-01");
    const angle = Math.PI * (3 - Math.sqrt(5));
    expect(second?.sx).toBeCloseTo(0.04 * Math.cos(angle), 12);
    expect(second?.sy).toBeCloseTo(3 + 0.08 * Math.sin(angle), 12);
  });

  it("gives every key the identical position whatever the input order", () => {
    const reference = byKey(spreadDots(crowd, spacing));
    for (const seed of [1, 2, 3, 42, 1234]) {
      const out = spreadDots(shuffled(crowd, seed), spacing);
      for (const dot of out) {
        const expected = reference.get(dot.key);
        expect(dot.sx).toBe(expected?.sx);
        expect(dot.sy).toBe(expected?.sy);
      }
    }
    expect(byKey(spreadDots([...crowd].reverse(), spacing))).toEqual(reference);
  });

  it("returns the dots in input order with their other fields", () => {
    const input = [
      { key: "b", x: 1, y: 1, colour: "red" },
      { key: "a", x: 1, y: 1, colour: "blue" },
    ];
    const out = spreadDots(input, spacing);
    expect(out.map((dot) => [dot.key, dot.colour])).toEqual([
      ["b", "red"],
      ["a", "blue"],
    ]);
    expect(out[1]).toMatchObject({ sx: 1, sy: 1 });
  });

  it("gives colliding dots distinct positions, at least one unit apart", () => {
    const many = Array.from({ length: 60 }, (_, i) => ({ key: `P${i}`, x: 2, y: 2 }));
    const out = spreadDots(many, { x: 1, y: 1 });
    const positions = new Set(out.map((dot) => `${dot.sx},${dot.sy}`));
    expect(positions.size).toBe(60);
    let closest = Number.POSITIVE_INFINITY;
    for (const [i, a] of out.entries()) {
      for (const b of out.slice(i + 1)) {
        closest = Math.min(closest, Math.hypot(a.sx - b.sx, a.sy - b.sy));
      }
    }
    expect(closest).toBeGreaterThanOrEqual(1 - 1e-9);
  });

  it("moves no dot further than spacing × √n on each axis", () => {
    const out = spreadDots(crowd, spacing);
    const sizes = { A: 12, B: 5, C: 1 };
    for (const dot of out) {
      const n = sizes[dot.key.charAt(0) as keyof typeof sizes];
      const original = crowd.find((c) => c.key === dot.key) as Dot;
      expect(Math.abs(dot.sx - original.x)).toBeLessThanOrEqual(spacing.x * Math.sqrt(n));
      expect(Math.abs(dot.sy - original.y)).toBeLessThanOrEqual(spacing.y * Math.sqrt(n));
      // In spacing units the displacement is at most √(n − 1).
      const units = Math.hypot(
        (dot.sx - original.x) / spacing.x,
        (dot.sy - original.y) / spacing.y,
      );
      expect(units).toBeLessThanOrEqual(Math.sqrt(n - 1) + 1e-9);
    }
  });

  it("handles an empty list and a single dot", () => {
    expect(spreadDots([], spacing)).toEqual([]);
    expect(spreadDots([{ key: "x", x: 1, y: 2 }], spacing)).toEqual([
      { key: "x", x: 1, y: 2, sx: 1, sy: 2 },
    ]);
  });

  it("treats 0 and −0 as the same position", () => {
    const out = byKey(
      spreadDots(
        [
          { key: "a", x: 0, y: 0 },
          { key: "b", x: -0, y: 0 },
        ],
        spacing,
      ),
    );
    expect(out.get("b")?.sx).not.toBe(0);
  });
});

describe("movementSummary and missingPositions", () => {
  const moves: Move[] = [
    { group: "RVB", from: "priority", to: "ready-to-learn" },
    { group: "RVB", from: "priority", to: "priority" },
    { group: "RVB", from: "coasting", to: "thriving" },
    { group: "RVB", from: "thriving", to: "thriving" },
    { group: "RVB", from: null, to: "thriving" },
    { group: "ABC", from: "ready-to-learn", to: "thriving" },
    { group: "ABC", from: "thriving", to: null },
    { group: "ZZZ", from: null, to: null },
  ];

  it("counts moves in, moves out, stays and the total now, per group and quadrant", () => {
    const rows = movementSummary(moves);
    expect(rows.map((row) => `${row.group}/${row.quadrant}`)).toEqual(
      ["ABC", "RVB", "ZZZ"].flatMap((group) => QUADRANTS.map((q) => `${group}/${q}`)),
    );
    const row = (group: string, quadrant: string) =>
      rows.find((r) => r.group === group && r.quadrant === quadrant);
    expect(row("RVB", "thriving")).toEqual({
      group: "RVB",
      quadrant: "thriving",
      movedIn: 1,
      movedOut: 0,
      stayed: 1,
      now: 2,
    });
    expect(row("RVB", "priority")).toMatchObject({ movedIn: 0, movedOut: 1, stayed: 1, now: 1 });
    expect(row("RVB", "ready-to-learn")).toMatchObject({ movedIn: 1, movedOut: 0, now: 1 });
    expect(row("RVB", "coasting")).toMatchObject({ movedIn: 0, movedOut: 1, stayed: 0, now: 0 });
    expect(row("ABC", "thriving")).toMatchObject({ movedIn: 1, movedOut: 0, stayed: 0, now: 1 });
    expect(row("ABC", "ready-to-learn")).toMatchObject({ movedOut: 1, now: 0 });
    expect(rows.filter((r) => r.group === "ZZZ").every((r) => r.now + r.movedOut === 0)).toBe(true);
  });

  it("balances: moves in equal moves out, and now sums to the pupils with both positions", () => {
    const rows = movementSummary(moves).filter((r) => r.group === "RVB");
    const sum = (pick: (r: (typeof rows)[number]) => number) =>
      rows.reduce((total, r) => total + pick(r), 0);
    expect(sum((r) => r.movedIn)).toBe(sum((r) => r.movedOut));
    expect(sum((r) => r.now)).toBe(4);
  });

  it("counts the pupils lacking a position per group", () => {
    expect(missingPositions(moves)).toEqual([
      { group: "ABC", missing: 1 },
      { group: "RVB", missing: 1 },
      { group: "ZZZ", missing: 1 },
    ]);
    expect(missingPositions([])).toEqual([]);
    expect(movementSummary([])).toEqual([]);
  });
});
