import { describe, expect, it } from "vitest";
import { today } from "./calendar.ts";
import {
  awaitsSchoolResponse,
  daysBetween,
  daysOverdue,
  isActionOverdue,
  isVisitRecordWritten,
  type VisitRecordState,
} from "./follow-up.ts";

const at = (iso: string) => ({ now: () => new Date(iso) });

describe("what has slipped", () => {
  it("counts calendar days, across month ends, leap days and the clocks changing", () => {
    expect(daysBetween("2026-11-20", "2026-11-23")).toBe(3);
    expect(daysBetween("2026-11-23", "2026-11-23")).toBe(0);
    expect(daysBetween("2026-11-23", "2026-11-20")).toBe(-3);
    expect(daysBetween("2028-02-28", "2028-03-01")).toBe(2);
    // Clocks go back on 25 Oct 2026: still one day from the 25th to the 26th.
    expect(daysBetween("2026-10-25", "2026-10-26")).toBe(1);
    expect(daysBetween("2026-03-28", "2026-03-30")).toBe(2);
    expect(daysBetween("2026-08-31", "2026-09-01T10:00:00Z")).toBe(1);
  });

  it("makes an action overdue the day after it is due, until it is done", () => {
    const due = { status: "open", dueOn: "2026-11-20" };
    expect(isActionOverdue(due, "2026-11-20")).toBe(false);
    expect(isActionOverdue(due, "2026-11-21")).toBe(true);
    expect(daysOverdue(due, "2026-11-21")).toBe(1);
    expect(daysOverdue(due, "2026-11-30")).toBe(10);
    expect(isActionOverdue({ ...due, status: "in_progress" }, "2026-11-21")).toBe(true);
    expect(isActionOverdue({ ...due, status: "done" }, "2026-12-01")).toBe(false);
    expect(daysOverdue({ ...due, status: "done" }, "2026-12-01")).toBe(0);
    expect(isActionOverdue({ status: "open", dueOn: null }, "2030-01-01")).toBe(false);
    expect(daysOverdue(due, "2026-11-19")).toBe(0);
  });

  it("turns an action overdue at London midnight, not UTC midnight, in summer", () => {
    const due = { status: "open", dueOn: "2027-06-14" };
    // 23:30 UTC on 14 June is 00:30 BST on the 15th: overdue.
    expect(isActionOverdue(due, today(at("2027-06-14T23:30:00Z")))).toBe(true);
    expect(isActionOverdue(due, today(at("2027-06-14T22:59:00Z")))).toBe(false);
  });

  const visit: VisitRecordState = {
    visitOn: "2026-11-13",
    strengths: "",
    challenges: "",
    questions: "",
    agreedActions: 0,
    leaderResponse: null,
  };

  it("says a visit's record is written by any of its notes or an agreed action, not by blanks", () => {
    expect(isVisitRecordWritten(visit)).toBe(false);
    expect(isVisitRecordWritten({ ...visit, strengths: "   " })).toBe(false);
    expect(isVisitRecordWritten({ ...visit, strengths: "Clear roles" })).toBe(true);
    expect(isVisitRecordWritten({ ...visit, challenges: "Late data" })).toBe(true);
    expect(isVisitRecordWritten({ ...visit, questions: "Who moved least?" })).toBe(true);
    expect(isVisitRecordWritten({ ...visit, agreedActions: 1 })).toBe(true);
  });

  it("has a visit await the school's response once held and written, until a leader responds", () => {
    const written = { ...visit, questions: "Who moved least?" };
    expect(awaitsSchoolResponse(written, "2026-11-23")).toBe(true);
    expect(awaitsSchoolResponse(written, "2026-11-13")).toBe(true);
    // Not held yet (a record written early, as older versions allowed, does not count).
    expect(awaitsSchoolResponse(written, "2026-11-12")).toBe(false);
    // Nothing written: nothing to respond to.
    expect(awaitsSchoolResponse(visit, "2026-11-23")).toBe(false);
    expect(awaitsSchoolResponse({ ...written, leaderResponse: "We will." }, "2026-11-23")).toBe(
      false,
    );
    expect(awaitsSchoolResponse({ ...written, leaderResponse: "  " }, "2026-11-23")).toBe(true);
  });
});
