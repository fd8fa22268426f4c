import { describe, expect, it } from "vitest";
import { today } from "./calendar.ts";
import { isRecordOpen, recordClosedReason } from "./record-window.ts";

const at = (iso: string) => ({ now: () => new Date(iso) });

describe("records open on the day of the event", () => {
  it("is closed before the day, open on it and after it", () => {
    expect(isRecordOpen("2027-01-14", "2027-01-13")).toBe(false);
    expect(isRecordOpen("2027-01-14", "2027-01-14")).toBe(true);
    expect(isRecordOpen("2027-01-14", "2027-02-01")).toBe(true);
    expect(isRecordOpen(null, "2027-01-13")).toBe(true);
  });

  it("says when it opens, as people read dates", () => {
    const register = {
      opens: "The register opens",
      opensOn: "2027-01-14",
      occasion: "the day of the workshop",
    };
    expect(recordClosedReason(register, "2026-12-01")).toBe(
      "The register opens on 14 Jan 2027, the day of the workshop.",
    );
    expect(recordClosedReason(register, "2027-01-14")).toBeNull();
    expect(recordClosedReason({ ...register, opensOn: null }, "2026-12-01")).toBeNull();
  });

  it("turns the day at London midnight in summer time, an hour before UTC does", () => {
    // 23:30 UTC on 14 June is 00:30 BST on 15 June: a visit on 15 June is open.
    expect(isRecordOpen("2027-06-15", today(at("2027-06-14T23:30:00Z")))).toBe(true);
    // 22:59 UTC is still 23:59 BST on 14 June: not yet.
    expect(isRecordOpen("2027-06-15", today(at("2027-06-14T22:59:00Z")))).toBe(false);
    // In winter London is on UTC: 23:30 UTC on 14 January is still the 14th.
    expect(isRecordOpen("2027-01-15", today(at("2027-01-14T23:30:00Z")))).toBe(false);
  });
});
