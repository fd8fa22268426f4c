import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { testEngine } from "./support/engines.ts";

/**
 * "Today" is London's date, from one function: `today(clock)` in
 * src/domain/calendar.ts. The UTC date that `now.toISOString().slice(0, 10)`
 * gives is yesterday from midnight to 1 a.m. in British Summer Time, which moves
 * due dates, reminders and the current programme year. Date arithmetic on dates
 * already in UTC midnight is fine; taking today from the clock that way is not.
 */
const UTC_TODAY =
  /(?:\.now\(\)|\bnow|new Date\(\))\.toISOString\(\)\.(?:slice|substring)\(0, 10\)|(?:\.now\(\)|\bnow|new Date\(\))\.toISOString\(\)\.split\("T"\)/;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe.skipIf(testEngine() === "postgres")("one today", () => {
  it("no source takes today's date from the clock in UTC", () => {
    const offending = sources(path.resolve("src")).flatMap((file) =>
      fs
        .readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) =>
          UTC_TODAY.test(line)
            ? [`${path.relative(process.cwd(), file)}:${i + 1}: ${line.trim()}`]
            : [],
        ),
    );
    expect(offending, "use today(clock) from src/domain/calendar.ts").toEqual([]);
  });

  it("would catch the forms it is meant to", () => {
    expect(UTC_TODAY.test("const d = deps.clock.now().toISOString().slice(0, 10);")).toBe(true);
    expect(UTC_TODAY.test("added_on: now.toISOString().slice(0, 10),")).toBe(true);
    expect(UTC_TODAY.test('new Date().toISOString().split("T")[0]')).toBe(true);
    expect(UTC_TODAY.test("return result.toISOString().slice(0, 10);")).toBe(false);
  });
});
