import { describe, expect, it } from "vitest";
import {
  excelSerialToIso,
  NAME_MAX_LENGTH,
  parseDate,
  parseDateOfBirth,
  parseFlag,
  parseGender,
  parseName,
  parseSenStatus,
  parseYearGroup,
  YEAR_GROUPS,
  yearGroupLabel,
} from "./pupil-fields.ts";

const HINT = "Use a date like 23/11/2015 (day/month/year) or 2015-11-23.";

/** The message of a failed parse, or a marker that makes the test fail readably. */
function messageOf(result: { ok: true } | { ok: false; message: string }): string {
  return result.ok ? "<parsed successfully>" : result.message;
}

describe("parseDate", () => {
  it.each([
    ["23/11/2015", "2015-11-23"],
    ["01/02/2015", "2015-02-01"],
    ["1/2/2015", "2015-02-01"],
    ["23-11-2015", "2015-11-23"],
    ["23.11.2015", "2015-11-23"],
    ["  23/11/2015  ", "2015-11-23"],
    ["2015-11-23", "2015-11-23"],
    ["2015-11-23T00:00:00", "2015-11-23"],
    ["2015-11-23T23:30:00.000Z", "2015-11-23"],
    ["2015-11-23 00:00:00", "2015-11-23"],
    ["23/11/2015 00:00", "2015-11-23"],
    ["23/11/2015 00:00:00", "2015-11-23"],
    ["23 Nov 2015", "2015-11-23"],
    ["23-Nov-2015", "2015-11-23"],
    ["3 September 2015", "2015-09-03"],
    ["29/02/2020", "2020-02-29"],
    ["29/02/2000", "2000-02-29"],
    ["31/12/2099", "2099-12-31"],
    ["01/01/1900", "1900-01-01"],
  ])("reads %j as %s", (raw, iso) => {
    expect(parseDate(raw)).toEqual({ ok: true, value: iso });
  });

  describe("Excel serial numbers (1900 date system)", () => {
    it.each([
      [1, "1900-01-01"],
      [2, "1900-01-02"],
      [59, "1900-02-28"],
      [61, "1900-03-01"],
      [36526, "2000-01-01"],
      [42331, "2015-11-23"],
      [45292, "2024-01-01"],
      [45292.75, "2024-01-01"],
    ])("reads %d as %s", (serial, iso) => {
      expect(parseDate(serial)).toEqual({ ok: true, value: iso });
      expect(parseDate(String(serial))).toEqual({ ok: true, value: iso });
      expect(excelSerialToIso(serial)).toEqual({ ok: true, value: iso });
    });

    it("rejects serial 60, Excel's non-existent 29 February 1900", () => {
      expect(messageOf(parseDate(60))).toContain("29/02/1900, which never existed");
      expect(messageOf(parseDate("60"))).toContain(HINT);
    });

    it.each([0, -1, 0.5, 2958466, Number.NaN, Number.POSITIVE_INFINITY])("rejects %d", (n) => {
      expect(messageOf(parseDate(n))).toContain(HINT);
    });

    it("reads a bare four-digit year as a year, not as a day in 1905", () => {
      expect(parseDate(2015)).toEqual({
        ok: false,
        message: `2015 looks like a year on its own. ${HINT}`,
      });
      expect(parseDate(" 2015 ").ok).toBe(false);
    });
  });

  it.each([
    ["31/02/2020", "February 2020 has 29 days"],
    ["29/02/2019", "February 2019 has 28 days"],
    ["31/04/2021", "April 2021 has 30 days"],
    ["00/01/2020", "January 2020 has 31 days"],
    ["2020-02-30", "February 2020 has 29 days"],
    ["29/02/1900", "February 1900 has 28 days"],
  ])("rejects the impossible date %s", (raw, reason) => {
    const message = messageOf(parseDate(raw));
    expect(message).toContain("not a real date");
    expect(message).toContain(reason);
    expect(message).toContain(HINT);
  });

  it.each([
    "23/11/15",
    "23-11-15",
    "23.11.15",
    "23 Nov 15",
    "23/11/015",
  ])("rejects the short year in %s", (raw) => {
    const message = messageOf(parseDate(raw));
    expect(message).toMatch(/^Write the year with four digits/);
    expect(message).toContain(HINT);
  });

  it("explains American month/day/year dates and suggests the fix", () => {
    expect(parseDate("12/25/2020")).toEqual({
      ok: false,
      message:
        "This looks like month/day/year, but dates here are day/month/year: write 25/12/2020.",
    });
    expect(messageOf(parseDate("2-13-2021"))).toContain("write 13-2-2021");
    expect(messageOf(parseDate("02/30/2020"))).toBe(
      `This looks like month/day/year, but dates here are day/month/year. ${HINT}`,
    );
  });

  it("treats ambiguous dates as day/month/year", () => {
    expect(parseDate("03/04/2020")).toEqual({ ok: true, value: "2020-04-03" });
  });

  it("rejects a month over 12 when the day is also over 12", () => {
    expect(messageOf(parseDate("13/13/2020"))).toBe(
      `There is no month 13: months run from 1 to 12. ${HINT}`,
    );
  });

  it("rejects years outside 1900–2099", () => {
    expect(messageOf(parseDate("01/01/1899"))).toBe(
      "The year 1899 is out of range: use a year from 1900 to 2099.",
    );
    expect(parseDate("2100-01-01").ok).toBe(false);
  });

  it.each([
    "",
    "   ",
    "abc",
    "23/11-2015",
    "2015/11/23",
    "23 Smarch 2015",
    "1st May 2015",
    "45,292",
  ])("rejects %j with the date hint", (raw) => {
    expect(messageOf(parseDate(raw))).toContain(HINT);
  });
});

describe("parseYearGroup", () => {
  it.each([
    ["7", "7"],
    ["07", "7"],
    ["Y7", "7"],
    ["Y07", "7"],
    ["y7", "7"],
    ["Yr 7", "7"],
    ["Yr7", "7"],
    ["Year 7", "7"],
    ["year7", "7"],
    ["YEAR 07", "7"],
    ["NC Year 7", "7"],
    ["Year-7", "7"],
    [" 11 ", "11"],
    ["1", "1"],
    ["Year 13", "13"],
    ["R", "R"],
    ["r", "R"],
    ["Rec", "R"],
    ["Reception", "R"],
    ["YR", "R"],
    ["Year R", "R"],
  ])("reads %j as %s", (raw, value) => {
    expect(parseYearGroup(raw)).toEqual({ ok: true, value });
  });

  it("reads numbers from Excel cells", () => {
    expect(parseYearGroup(9)).toEqual({ ok: true, value: "9" });
  });

  it("reads every year group it can return", () => {
    for (const group of YEAR_GROUPS) {
      expect(parseYearGroup(`Year ${group}`)).toEqual({ ok: true, value: group });
    }
  });

  it.each(["N1", "N2", "n 1", "Nursery", "Nursery 2", "FS1"])("rejects nursery: %s", (raw) => {
    expect(messageOf(parseYearGroup(raw))).toMatch(/^Nursery pupils are not included\./);
  });

  it.each(["14", "Year 14", "0", "Y0"])("rejects %s as out of range", (raw) => {
    expect(messageOf(parseYearGroup(raw))).toMatch(/^There is no Year \d+ in school\./);
  });

  it.each(["", "X", "7A", "Year Seven", "Yes", "7.5"])("rejects %j", (raw) => {
    expect(messageOf(parseYearGroup(raw))).toContain(
      "Use a year group from Reception (R) to Year 13, like R, 7, Y7 or Year 7.",
    );
  });
});

describe("parseFlag", () => {
  it.each([
    "Y",
    "y",
    "Yes",
    "YES",
    "1",
    "TRUE",
    "true",
    "T",
    "t",
    " yes ",
  ])("reads %j as true", (raw) => {
    expect(parseFlag(raw)).toEqual({ ok: true, value: true });
  });

  it.each(["N", "n", "No", "NO", "0", "FALSE", "false", "F", "f"])("reads %j as false", (raw) => {
    expect(parseFlag(raw)).toEqual({ ok: true, value: false });
  });

  it("reads an empty cell as false, because MIS exports leave flags blank for no", () => {
    expect(parseFlag("")).toEqual({ ok: true, value: false });
    expect(parseFlag("   ")).toEqual({ ok: true, value: false });
  });

  it("reads numbers and booleans from Excel cells", () => {
    expect(parseFlag(1)).toEqual({ ok: true, value: true });
    expect(parseFlag(0)).toEqual({ ok: true, value: false });
    expect(parseFlag(true)).toEqual({ ok: true, value: true });
    expect(parseFlag(false)).toEqual({ ok: true, value: false });
  });

  it.each(["Maybe", "2", "-", "YN", "Ye"])("rejects %j", (raw) => {
    expect(messageOf(parseFlag(raw))).toBe(
      `"${raw}" is not yes or no. Use Y or N (or Yes/No, True/False, 1/0); a blank cell means no.`,
    );
  });
});

describe("parseSenStatus", () => {
  it.each([
    ["N", "N"],
    ["n", "N"],
    ["No SEN", "N"],
    ["None", "N"],
    ["", "N"],
    ["  ", "N"],
    ["N - No Special Educational Need", "N"],
    ["K", "K"],
    ["SEN Support", "K"],
    ["SEN support", "K"],
    ["K - SEN Support", "K"],
    ["E", "E"],
    ["EHC Plan", "E"],
    ["EHCP", "E"],
    ["Education, Health and Care Plan", "E"],
    ["E - Education, Health and Care Plan", "E"],
    ["Statement", "E"],
    ["S", "E"],
  ])("reads %j as %s", (raw, value) => {
    expect(parseSenStatus(raw)).toEqual({ ok: true, value });
  });

  it.each(["A", "P", "School Action", "K - EHC Plan", "Yes", "ASD"])("rejects %j", (raw) => {
    expect(messageOf(parseSenStatus(raw))).toBe(
      `"${raw}" is not an SEN status. Use N (no SEN), K (SEN support) or E (EHC plan); a blank cell means no SEN.`,
    );
  });
});

describe("parseGender", () => {
  it.each([
    ["F", "F"],
    ["f", "F"],
    ["Female", "F"],
    ["Girl", "F"],
    ["M", "M"],
    ["Male", "M"],
    ["BOY", "M"],
    ["X", "X"],
    ["Other", "X"],
    ["Not known", "X"],
    ["Unknown", "X"],
    ["Non-binary", "X"],
    ["non binary", "X"],
    ["U", "X"],
    [" male ", "M"],
  ])("reads %j as %s", (raw, value) => {
    expect(parseGender(raw)).toEqual({ ok: true, value });
  });

  it.each(["", "W", "Femal", "1"])("rejects %j", (raw) => {
    expect(messageOf(parseGender(raw))).toContain(
      "Use F, M or X (or Female, Male, Girl, Boy, Other or Not known).",
    );
  });
});

describe("parseName", () => {
  it("trims and collapses inner whitespace", () => {
    expect(parseName("  Mary   Jane \t Smith ", "Legal first name")).toEqual({
      ok: true,
      value: "Mary Jane Smith",
    });
    expect(parseName("Ann\u00a0Marie", "Legal first name")).toEqual({
      ok: true,
      value: "Ann Marie",
    });
  });

  it("keeps hyphens, apostrophes and accented letters, in composed form", () => {
    expect(parseName("O'Brien-Łukasz", "Last name")).toEqual({
      ok: true,
      value: "O'Brien-Łukasz",
    });
    expect(parseName("Zoe\u0301", "Legal first name")).toEqual({ ok: true, value: "Zoé" });
  });

  it("rejects an empty name, naming the field", () => {
    expect(parseName("   ", "Last name")).toEqual({
      ok: false,
      message: "Last name is empty: enter a name of up to 100 characters.",
    });
  });

  it("allows 100 characters and rejects 101", () => {
    expect(parseName("a".repeat(NAME_MAX_LENGTH), "Last name").ok).toBe(true);
    expect(parseName("a".repeat(101), "Last name")).toEqual({
      ok: false,
      message: "Last name has 101 characters: use at most 100.",
    });
  });

  it("counts characters, not UTF-16 code units", () => {
    expect(parseName("𝒜".repeat(100), "Last name").ok).toBe(true);
  });

  it.each([
    "Mary\nJane",
    "Mary\r\nJane",
    "Mary\u0000",
    "Ma\u0007ry",
  ])("rejects control characters in %j", (raw) => {
    expect(messageOf(parseName(raw, "Preferred first name"))).toMatch(
      /^Preferred first name contains a line break or other hidden control character/,
    );
  });

  it("ignores line breaks at either end", () => {
    expect(parseName("\nMary\r\n", "Legal first name")).toEqual({ ok: true, value: "Mary" });
  });
});

describe("parseDateOfBirth", () => {
  const today = "2026-11-23";
  it("accepts a birth on or before today, however the date is written", () => {
    expect(parseDateOfBirth("23/11/2026", today)).toEqual({ ok: true, value: "2026-11-23" });
    expect(parseDateOfBirth("2013-03-14", today)).toEqual({ ok: true, value: "2013-03-14" });
    expect(parseDateOfBirth(41000, today)).toEqual({ ok: true, value: "2012-04-01" });
  });
  it("refuses a birth after today, naming the date", () => {
    expect(messageOf(parseDateOfBirth("24/11/2026", today))).toBe(
      "24 Nov 2026 is in the future: a date of birth is on or before today.",
    );
    expect(messageOf(parseDateOfBirth("2031-05-01", today))).toContain("1 May 2031");
  });
  it("passes on the reason an unreadable date was refused", () => {
    expect(messageOf(parseDateOfBirth("31/02/2013", today))).toBe(
      messageOf(parseDate("31/02/2013")),
    );
  });
});

describe("yearGroupLabel", () => {
  it("says Reception for R and Year n for the rest", () => {
    expect(YEAR_GROUPS.map(yearGroupLabel).slice(0, 3)).toEqual(["Reception", "Year 1", "Year 2"]);
    expect(yearGroupLabel("13")).toBe("Year 13");
  });
});
