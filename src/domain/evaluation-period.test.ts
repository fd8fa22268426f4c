import { describe, expect, it } from "vitest";
import {
  coverageWarning,
  defaultEvaluationMeasure,
  defaultEvaluationPeriod,
  periodCoverage,
} from "./evaluation-period.ts";

const point = (id: string, startsOn: string, endsOn: string, observationCount = 10) => ({
  id,
  startsOn,
  endsOn,
  observationCount,
});
const points = [
  point("a1", "2026-09-01", "2026-10-23"),
  point("a2", "2026-11-02", "2026-12-18"),
  point("s1", "2027-01-05", "2027-02-12"),
  point("s2", "2027-02-22", "2027-03-31"),
  point("u1", "2027-04-19", "2027-05-21", 0),
];

describe("the default evaluation period", () => {
  it("is the last point before the start and the latest point since", () => {
    expect(defaultEvaluationPeriod(points, "2026-11-10", "2027-04-01")).toEqual({
      from: "a2",
      to: "s2",
    });
    expect(defaultEvaluationPeriod(points, "2026-10-01", "2027-04-01")).toEqual({
      from: "a1",
      to: "s2",
    });
  });

  it("never picks two points both before the start when a later one has data", () => {
    const p = defaultEvaluationPeriod(points, "2027-01-10", "2027-04-01");
    expect(p).toEqual({ from: "s1", to: "s2" });
  });

  it("falls back to the latest two points without a start date", () => {
    expect(defaultEvaluationPeriod(points, null, "2027-04-01")).toEqual({ from: "s1", to: "s2" });
  });

  it("leaves out points that have not begun or have no data; with none since the start it falls back (and the coverage check warns)", () => {
    const p = defaultEvaluationPeriod(points, "2026-11-10", "2027-01-01");
    expect(p).toEqual({ from: "a1", to: "a2" });
    expect(periodCoverage(points[0] as never, points[1] as never, "2026-11-10")).toBe(
      "after-not-since-start",
    );
  });
});

describe("whether a period covers the strategy", () => {
  const [a1, a2, s1, s2] = points as [
    (typeof points)[0],
    (typeof points)[0],
    (typeof points)[0],
    (typeof points)[0],
  ];
  it("covers when before is at or before the start and after is later", () => {
    expect(periodCoverage(a2, s2, "2026-11-10")).toBe("covers");
    expect(coverageWarning("covers", "10 Nov 2026")).toBeNull();
  });

  it("ends before the start: refused for sharing and stage changes", () => {
    expect(periodCoverage(a1, a2, "2027-01-10")).toBe("ends-before-start");
    expect(coverageWarning("ends-before-start", "10 Jan 2027")).toContain("cannot be shared");
  });

  it("warns when before comes after the start, or after is not since the start", () => {
    expect(periodCoverage(s1, s2, "2026-11-10")).toBe("starts-after-start");
    expect(periodCoverage(a1, a2, "2026-11-10")).toBe("after-not-since-start");
  });

  it("cannot check without a start date", () => {
    expect(periodCoverage(a1, a2, null)).toBe("unknown");
  });
});

describe("the default evaluation measure", () => {
  const measures = [
    { id: "attendance", core: false },
    { id: "reading", core: true },
    { id: "maths", core: true },
  ];
  it("is the success measure when the school has it", () => {
    expect(defaultEvaluationMeasure(measures, "maths")?.id).toBe("maths");
  });
  it("falls back to the first core measure, then to the first measure", () => {
    expect(defaultEvaluationMeasure(measures, null)?.id).toBe("reading");
    expect(defaultEvaluationMeasure(measures, "gone")?.id).toBe("reading");
    expect(defaultEvaluationMeasure([{ id: "a", core: false }], null)?.id).toBe("a");
    expect(defaultEvaluationMeasure([], null)).toBeUndefined();
  });
});
