import { describe, expect, it } from "vitest";
import {
  type CalendarEvent,
  formatCalendarDate,
  inAcademicYear,
  isIsoDate,
  londonOffsetMinutes,
  londonToUtc,
  monthWeeks,
  planDate,
  shiftMonth,
  today,
  toLondon,
  upcoming,
} from "./calendar.ts";

describe("London time across British Summer Time", () => {
  it("reads winter times as GMT and summer times as BST", () => {
    expect(londonToUtc("2027-01-12", "09:00").toISOString()).toBe("2027-01-12T09:00:00.000Z");
    expect(londonToUtc("2027-06-15", "09:00").toISOString()).toBe("2027-06-15T08:00:00.000Z");
  });

  it("changes on the last Sunday of March and of October (2027: 28 March, 31 October)", () => {
    expect(londonToUtc("2027-03-27", "09:00").toISOString()).toBe("2027-03-27T09:00:00.000Z");
    expect(londonToUtc("2027-03-29", "09:00").toISOString()).toBe("2027-03-29T08:00:00.000Z");
    expect(londonToUtc("2027-10-30", "09:00").toISOString()).toBe("2027-10-30T08:00:00.000Z");
    expect(londonToUtc("2027-11-01", "09:00").toISOString()).toBe("2027-11-01T09:00:00.000Z");
    expect(londonOffsetMinutes(new Date("2027-03-28T00:59:00Z"))).toBe(0);
    expect(londonOffsetMinutes(new Date("2027-03-28T01:00:00Z"))).toBe(60);
    expect(londonOffsetMinutes(new Date("2027-10-31T00:59:00Z"))).toBe(60);
    expect(londonOffsetMinutes(new Date("2027-10-31T01:00:00Z"))).toBe(0);
  });

  it("handles the hour that does not exist and the hour that repeats", () => {
    // 01:30 on 28 March 2027 never happens in London; it is read as BST.
    expect(londonToUtc("2027-03-28", "01:30").toISOString()).toBe("2027-03-28T00:30:00.000Z");
    // 01:30 on 31 October 2027 happens twice; the first (BST) is taken.
    expect(londonToUtc("2027-10-31", "01:30").toISOString()).toBe("2027-10-31T00:30:00.000Z");
  });

  it("round-trips wall-clock readings", () => {
    for (const [date, time] of [
      ["2026-09-08", "09:30"],
      ["2027-03-29", "16:00"],
      ["2027-07-13", "13:15"],
      ["2026-12-31", "23:59"],
    ] as const) {
      expect(toLondon(londonToUtc(date, time))).toEqual({ date, time });
    }
  });

  it("refuses what is not a date", () => {
    expect(() => londonToUtc("2027-02-30x", "09:00")).toThrow(RangeError);
    expect(isIsoDate("2027-02-29")).toBe(false);
    expect(isIsoDate("2028-02-29")).toBe(true);
  });
});

describe("the academic year's workshop dates", () => {
  it("puts September to December in the first year and January to July in the second", () => {
    // The second Tuesday of each month of the plan.
    expect([9, 11, 1, 3, 6, 7].map((m) => planDate("2026/27", m))).toEqual([
      "2026-09-08",
      "2026-11-10",
      "2027-01-12",
      "2027-03-09",
      "2027-06-08",
      "2027-07-13",
    ]);
  });

  it("refuses a week that runs past the month, or a bad year", () => {
    expect(planDate("2026/27", 2, 2, 5)).toBeNull();
    expect(planDate("2026/28", 9)).toBeNull();
  });

  it("knows the year's boundaries in London time", () => {
    expect(inAcademicYear("2026/27", new Date("2026-08-31T22:59:00Z"))).toBe(false);
    expect(inAcademicYear("2026/27", new Date("2026-08-31T23:00:00Z"))).toBe(true); // 00:00 BST on 1 September
    expect(inAcademicYear("2026/27", new Date("2027-08-31T22:59:00Z"))).toBe(true);
    expect(inAcademicYear("2026/27", new Date("2027-08-31T23:00:00Z"))).toBe(false);
  });
});

describe("what comes next", () => {
  const event = (id: string, date: string, title = id): CalendarEvent => ({
    kind: "action",
    id,
    title,
    startsAt: null,
    endsAt: null,
    date,
    detail: "",
  });
  it("lists events from today on, soonest first, at most the limit", () => {
    const events = [
      event("c", "2026-12-01"),
      event("a", "2026-11-22"),
      event("b", "2026-11-23"),
      event("d", "2027-01-05"),
    ];
    expect(upcoming(events, "2026-11-23", 2).map((e) => e.id)).toEqual(["b", "c"]);
  });
});

describe("formatCalendarDate", () => {
  it("writes a date as people read it", () => {
    expect(formatCalendarDate("2026-11-28")).toBe("28 Nov 2026");
    expect(formatCalendarDate("2027-01-03")).toBe("3 Jan 2027");
    expect(formatCalendarDate("2027-12-31T00:00:00Z")).toBe("31 Dec 2027");
  });
});

describe("monthWeeks", () => {
  it("lays a month out Monday to Sunday, padded at both ends", () => {
    // 1 Dec 2026 is a Tuesday; 31 Dec a Thursday.
    const weeks = monthWeeks("2026-12");
    expect(weeks).toHaveLength(5);
    expect(weeks[0]).toEqual([
      null,
      "2026-12-01",
      "2026-12-02",
      "2026-12-03",
      "2026-12-04",
      "2026-12-05",
      "2026-12-06",
    ]);
    expect(weeks[4]).toEqual([
      "2026-12-28",
      "2026-12-29",
      "2026-12-30",
      "2026-12-31",
      null,
      null,
      null,
    ]);
    expect(weeks.flat().filter((d) => d !== null)).toHaveLength(31);
  });
  it("handles a month that starts on a Monday and a leap February", () => {
    expect(monthWeeks("2027-02")[0]?.[0]).toBe("2027-02-01");
    expect(monthWeeks("2027-02").flat().filter(Boolean)).toHaveLength(28);
    expect(monthWeeks("2028-02").flat().filter(Boolean)).toHaveLength(29);
    // March 2026 starts on a Sunday: six rows.
    expect(monthWeeks("2026-03")).toHaveLength(6);
  });
});

describe("shiftMonth", () => {
  it("moves across year ends both ways", () => {
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2027-01", -1)).toBe("2026-12");
    expect(shiftMonth("2026-09", 11)).toBe("2027-08");
  });
});

describe("today in London", () => {
  it("turns the day at London midnight, not UTC midnight", () => {
    const at = (iso: string) => ({ now: () => new Date(iso) });
    expect(today(at("2026-12-01T23:30:00Z"))).toBe("2026-12-01");
    expect(today(at("2027-06-01T23:30:00Z"))).toBe("2027-06-02");
    expect(today(at("2027-06-01T22:59:00Z"))).toBe("2027-06-01");
  });
});
