import { describe, expect, it } from "vitest";
import { isAcademicYear, latestFigure } from "./national-figures.ts";

describe("latestFigure", () => {
  it("takes the latest academic year", () => {
    const picked = latestFigure([
      { academicYear: "2023/24", status: "revised" as const, value: 46 },
      { academicYear: "2024/25", status: "provisional" as const, value: 47 },
      { academicYear: "2018/19", status: "final" as const, value: 44 },
    ]);
    expect(picked?.value).toBe(47);
  });

  it("prefers the revised or final release of a year over the provisional one", () => {
    const rows = [
      { academicYear: "2024/25", status: "provisional" as const, value: 47 },
      { academicYear: "2024/25", status: "revised" as const, value: 48 },
    ];
    expect(latestFigure(rows)?.value).toBe(48);
    expect(latestFigure([...rows].reverse())?.value).toBe(48);
    expect(
      latestFigure([...rows, { academicYear: "2024/25", status: "final" as const, value: 49 }])
        ?.value,
    ).toBe(49);
  });

  it("is null with nothing published", () => {
    expect(latestFigure([])).toBeNull();
  });
});

describe("isAcademicYear", () => {
  it.each([
    ["2024/25", true],
    ["1999/00", true],
    ["2024/26", false],
    ["2024-25", false],
    ["24/25", false],
    ["2024/2025", false],
  ])("%s → %s", (text, ok) => {
    expect(isAcademicYear(text)).toBe(ok);
  });
});
