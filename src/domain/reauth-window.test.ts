import { describe, expect, test } from "vitest";
import { REAUTH_WINDOW_MINUTES, reauthStillFresh, signInProvesPassword } from "./reauth-window.ts";

describe("the re-authentication window", () => {
  const at = new Date("2026-11-23T09:00:00Z");
  const later = (ms: number) => new Date(at.getTime() + ms);

  test("is five minutes", () => {
    expect(REAUTH_WINDOW_MINUTES).toBe(5);
  });

  test("a proof stands until the window ends, and not after", () => {
    expect(reauthStillFresh(at, at)).toBe(true);
    expect(reauthStillFresh(at, later(5 * 60_000 - 1))).toBe(true);
    expect(reauthStillFresh(at, later(5 * 60_000))).toBe(false);
    expect(reauthStillFresh(at, later(60 * 60_000))).toBe(false);
  });

  test("no proof, or one dated in the future, does not stand", () => {
    expect(reauthStillFresh(null, at)).toBe(false);
    expect(reauthStillFresh(later(1000), at)).toBe(false);
  });

  test("only sign-ins that asked for the password count as a proof", () => {
    expect(signInProvesPassword("password")).toBe(true);
    expect(signInProvesPassword("password_totp")).toBe(true);
    expect(signInProvesPassword("recovery_code")).toBe(true);
    expect(signInProvesPassword("sign_in_link")).toBe(false);
    expect(signInProvesPassword("setup")).toBe(false);
    expect(signInProvesPassword("invitation")).toBe(false);
  });
});
