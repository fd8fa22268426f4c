import { describe, expect, it } from "vitest";
import {
  addYears,
  isPastRetention,
  nextDay,
  pupilDataCutoff,
  pupilDataDeletionDate,
  retentionSchedule,
  retentionSettingsProblems,
} from "./retention.ts";

describe("retention dates", () => {
  it("adds whole years, 29 February landing on 28 February", () => {
    expect(addYears("2027-08-31", 2)).toBe("2029-08-31");
    expect(addYears("2028-02-29", 1)).toBe("2029-02-28");
    expect(addYears("2028-02-29", 4)).toBe("2032-02-29");
    expect(addYears("2029-09-01", -2)).toBe("2027-09-01");
  });

  it("turns months and years over", () => {
    expect(nextDay("2029-08-31")).toBe("2029-09-01");
    expect(nextDay("2029-12-31")).toBe("2030-01-01");
    expect(nextDay("2028-02-28")).toBe("2028-02-29");
  });

  it("deletes a year's pupil data the day after its Nth anniversary", () => {
    expect(pupilDataDeletionDate("2027-08-31", 2)).toBe("2029-09-01");
    expect(isPastRetention("2027-08-31", "2029-08-31", 2)).toBe(false);
    expect(isPastRetention("2027-08-31", "2029-09-01", 2)).toBe(true);
  });

  it("agrees with the cut-off: a year is past retention exactly when it ended before the cut-off", () => {
    for (const today of ["2029-08-31", "2029-09-01", "2029-09-02", "2030-03-01"]) {
      const cutoff = pupilDataCutoff(today, 2);
      for (const endsOn of ["2027-08-30", "2027-08-31", "2027-09-01", "2028-02-29"]) {
        expect(isPastRetention(endsOn, today, 2), `${endsOn} on ${today}`).toBe(endsOn < cutoff);
      }
    }
  });
});

describe("a school's schedule", () => {
  const years = [
    { programmeYearId: "b", academicYear: "2027/28", endsOn: "2028-08-31", held: false },
    { programmeYearId: "a", academicYear: "2026/27", endsOn: "2027-08-31", held: false },
  ];

  it("lists the years oldest first with their deletion dates, the next one first to come", () => {
    const s = retentionSchedule(years, {
      today: "2028-01-10",
      pupilDataYears: 2,
      schoolHeld: false,
    });
    expect(s.entries.map((e) => [e.academicYear, e.deletionDate, e.status])).toEqual([
      ["2026/27", "2029-09-01", "kept"],
      ["2027/28", "2030-09-01", "kept"],
    ]);
    expect(s.nextDeletionDate).toBe("2029-09-01");
  });

  it("names today when a year is due and skips held years", () => {
    const held = [{ ...years[1], held: true }, years[0]] as typeof years;
    const s = retentionSchedule(held, {
      today: "2030-10-01",
      pupilDataYears: 2,
      schoolHeld: false,
    });
    expect(s.entries.map((e) => e.status)).toEqual(["held", "due"]);
    expect(s.nextDeletionDate).toBe("2030-10-01");
  });

  it("has no next deletion while the school is held", () => {
    const s = retentionSchedule(years, {
      today: "2030-10-01",
      pupilDataYears: 2,
      schoolHeld: true,
    });
    expect(s.entries.every((e) => e.status === "held")).toBe(true);
    expect(s.nextDeletionDate).toBeNull();
  });
});

describe("settings ranges", () => {
  it("accepts the defaults and refuses out-of-range or fractional years", () => {
    expect(retentionSettingsProblems({ pupilDataYears: 2, auditLogYears: 6 })).toEqual([]);
    expect(retentionSettingsProblems({ pupilDataYears: 0, auditLogYears: 21 })).toHaveLength(2);
    expect(retentionSettingsProblems({ pupilDataYears: 1.5, auditLogYears: 6 })).toHaveLength(1);
  });
});
