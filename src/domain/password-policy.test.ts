import { describe, expect, it } from "vitest";
import { checkNewPassword } from "./password-policy.ts";

const ok = (password: string, context: string[] = []) => checkNewPassword(password, context).ok;

describe("the password policy", () => {
  it.each([
    ["eleven char", false],
    ["twelve chars", true],
    ["glacier ukulele marmalade ".repeat(2).trim(), true],
    ["ünïcødé pässphrase 🦉", true],
    ["x".repeat(257), false],
  ])("length: %j → %s", (password, expected) => {
    expect(ok(password)).toBe(expected);
  });

  it("counts characters, not bytes or UTF-16 units", () => {
    expect(ok("🦉🐙🦊🐝🐢🦔🐸🦉🐙🦊🐝")).toBe(false);
    expect(checkNewPassword("🦉🐙🦊🐝🐢🦔🐸🦉🐙🦊🐝")).toMatchObject({
      reason: expect.stringContaining("at least 12"),
    });
    expect(ok("🦉🐙🦊🐝🐢🦔🐸🦋🐙🦊🐝🐞")).toBe(true);
  });

  it.each([
    ["aaaaaaaaaaaaaaaa", "repeats"],
    ["            ", "only spaces"],
    ["\t \t \t \t \t \t ", "only spaces"],
    ["abababababababab", "repeats"],
    ["🦉".repeat(12), "repeats"],
    ["iloveyou1234", "easy to guess"],
    ["Welcome2026!", "easy to guess"],
    ["password1234", "commonly used"],
    ["QWERTY123456", "commonly used"],
  ])("refuses %j (%s)", (password, why) => {
    expect(checkNewPassword(password)).toMatchObject({
      ok: false,
      reason: expect.stringContaining(why),
    });
  });

  it("refuses the product's and programme's names with a few characters added", () => {
    expect(ok("Cascade2026!")).toBe(false);
    expect(ok("ChallengeTheGap1")).toBe(false);
    expect(ok("cascade of spring water falls")).toBe(true);
  });

  it("refuses the school's own name, the person's name and their email", () => {
    const context = ["sam.sharma@moorland.sch.uk", "Sam Sharma", "Moorland Primary School"];
    expect(ok("Moorland Primary School", context)).toBe(false);
    expect(ok("moorlandprimary!", context)).toBe(false);
    expect(ok("MoorlandPrimary2026", context)).toBe(false);
    expect(ok("SamSharma2026!", context)).toBe(false);
    expect(ok("sam.sharma1234", context)).toBe(false);
    expect(ok("MargaretThatcher1", ["Margaret Thatcher"])).toBe(false);
    // The same passwords are fine for someone else at another school.
    expect(ok("Moorland Primary School 7 otters", ["Sam Sharma"])).toBe(true);
  });

  it("has no composition rules: long unrelated words pass", () => {
    expect(ok("all lower case words")).toBe(true);
    expect(ok("saffron lighthouse 1987")).toBe(true);
    expect(ok("plum orchard lantern 42")).toBe(true);
  });
});
