import { describe, expect, it } from "vitest";
import { defaultAssessmentPoints, latestBegunPoint } from "./assessment-points.ts";

describe("default assessment points", () => {
  it("gives six half-terms across the academic year, in order", () => {
    const points = defaultAssessmentPoints("2026/27");
    expect(points?.map((p) => p.name)).toEqual([
      "Autumn 1",
      "Autumn 2",
      "Spring 1",
      "Spring 2",
      "Summer 1",
      "Summer 2",
    ]);
    expect(points?.[0]).toEqual({ name: "Autumn 1", startsOn: "2026-09-01", endsOn: "2026-10-23" });
    expect(points?.[5]).toEqual({ name: "Summer 2", startsOn: "2027-06-01", endsOn: "2027-07-21" });
    const starts = points?.map((p) => p.startsOn) ?? [];
    expect([...starts].sort()).toEqual(starts);
    for (const p of points ?? []) expect(p.startsOn <= p.endsOn).toBe(true);
  });

  it("refuses an invalid year", () => {
    expect(defaultAssessmentPoints("2026/28")).toBeNull();
  });

  it("finds the latest point that has begun", () => {
    const points = defaultAssessmentPoints("2026/27") ?? [];
    expect(latestBegunPoint(points, "2026-11-23")?.name).toBe("Autumn 2");
    expect(latestBegunPoint(points, "2026-11-02")?.name).toBe("Autumn 2");
    expect(latestBegunPoint(points, "2026-11-01")?.name).toBe("Autumn 1");
    expect(latestBegunPoint(points, "2026-08-31")).toBeUndefined();
  });
});
