import { describe, expect, it } from "vitest";
import { academicYearOf, parseAcademicYear } from "./academic-year.ts";

describe("parseAcademicYear", () => {
  it("reads the normal form and gives the year's first and last days", () => {
    expect(parseAcademicYear("2026/27")).toEqual({
      ok: true,
      label: "2026/27",
      startYear: 2026,
      startsOn: "2026-09-01",
      endsOn: "2027-08-31",
    });
  });

  it.each([
    "2026/27",
    "  2026/27  ",
    "\t2026/27\n",
    "2026-27",
    "2026/2027",
    "2026-2027",
    "2026–27",
    "2026 / 27",
  ])("normalises %j to 2026/27", (text) => {
    expect(parseAcademicYear(text)).toMatchObject({ ok: true, label: "2026/27", startYear: 2026 });
  });

  it("accepts the first and last years of the range, including the turn of a century", () => {
    expect(parseAcademicYear("2000/01")).toMatchObject({
      ok: true,
      label: "2000/01",
      startsOn: "2000-09-01",
      endsOn: "2001-08-31",
    });
    expect(parseAcademicYear("2009/10")).toMatchObject({ ok: true, label: "2009/10" });
    expect(parseAcademicYear("2099/00")).toEqual({
      ok: true,
      label: "2099/00",
      startYear: 2099,
      startsOn: "2099-09-01",
      endsOn: "2100-08-31",
    });
    expect(parseAcademicYear("2099/2100")).toMatchObject({ ok: true, label: "2099/00" });
  });

  it.each([
    "2026/28",
    "2026/26",
    "2026/2028",
    "2026/25",
  ])("refuses %j because the second year does not follow the first", (text) => {
    expect(parseAcademicYear(text)).toEqual({
      ok: false,
      reason: "Write the academic year like 2026/27: the second year follows the first.",
    });
  });

  it.each(["1999/00", "2100/01", "1999/2000"])("refuses %j as outside 2000–2099", (text) => {
    const result = parseAcademicYear(text);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ reason: expect.stringContaining("between 2000 and 2099") });
  });

  it.each([
    "",
    "   ",
    "next year",
    "2026",
    "26/27",
    "2026/7",
    "2026/027",
    "2026_27",
    "2026/27x",
  ])("refuses garbage %j and shows the expected form", (text) => {
    expect(parseAcademicYear(text)).toEqual({
      ok: false,
      reason: "Write the academic year like 2026/27.",
    });
  });
});

describe("academicYearOf", () => {
  it.each([
    ["2026-09-01", "2026/27"],
    ["2026-12-31", "2026/27"],
    ["2027-01-01", "2026/27"],
    ["2027-08-31", "2026/27"],
    ["2027-09-01", "2027/28"],
    ["2026-08-31", "2025/26"],
    ["2100-03-15", "2099/00"],
    ["2000-01-10", "1999/00"],
  ])("%s falls in %s", (date, label) => {
    expect(academicYearOf(date)).toBe(label);
  });

  it("agrees with parseAcademicYear about the first and last days", () => {
    const year = parseAcademicYear("2031/32");
    if (!year.ok) throw new Error("expected a valid year");
    expect(academicYearOf(year.startsOn)).toBe("2031/32");
    expect(academicYearOf(year.endsOn)).toBe("2031/32");
  });

  it.each([
    "2026-13-01",
    "2026-00-10",
    "2026-09-32",
    "1/9/2026",
    "2026-9-1",
    "",
  ])("throws on a malformed date %j", (date) => {
    expect(() => academicYearOf(date)).toThrow(RangeError);
  });
});
