import { describe, expect, it } from "vitest";
import { checkNewPassword } from "./password-policy.ts";

const common = new Set(["qwerty123456", "iloveyou1234", "password1234"]);

describe("the password policy", () => {
  it.each([
    ["eleven char", false],
    ["twelve chars", true],
    ["x".repeat(64), true],
    ["y".repeat(128), true],
    ["ünïcødé pässphrase 🦉", true],
  ])("length: %j → %s", (password, ok) => {
    expect(checkNewPassword(password, common).ok).toBe(ok);
  });

  it("counts characters, not bytes or UTF-16 units", () => {
    expect(checkNewPassword("🦉🦉🦉🦉🦉🦉🦉🦉🦉🦉🦉", common).ok).toBe(false);
    expect(checkNewPassword("🦉🦉🦉🦉🦉🦉🦉🦉🦉🦉🦉🦉", common).ok).toBe(true);
  });

  it("refuses common passwords whatever their case", () => {
    expect(checkNewPassword("QWERTY123456", common)).toMatchObject({ ok: false });
    expect(checkNewPassword("PassWord1234", common)).toMatchObject({ ok: false });
  });

  it("refuses the product's and programme's names with a few characters added", () => {
    expect(checkNewPassword("Cascade2026!", common).ok).toBe(false);
    expect(checkNewPassword("ChallengeTheGap1", common).ok).toBe(false);
    expect(checkNewPassword("cascade of spring water falls", common).ok).toBe(true);
  });

  it("refuses context words passed by the caller, such as the person's name", () => {
    expect(checkNewPassword("MargaretThatcher1", common, ["Margaret Thatcher"]).ok).toBe(false);
  });

  it("has no composition rules", () => {
    expect(checkNewPassword("all lower case words", common).ok).toBe(true);
  });
});
