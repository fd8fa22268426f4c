import { describe, expect, it } from "vitest";
import { isMultiFactor, SIGN_IN_METHODS } from "./sign-in-method.ts";

describe("which sign-in methods count as a second factor", () => {
  it.each([
    ["password", false],
    ["sign_in_link", false],
    ["setup", false],
    ["invitation", false],
    ["oidc", false],
    ["password_totp", true],
    ["recovery_code", true],
    ["passkey", true],
    ["oidc_mfa", true],
  ] as const)("%s → %s", (method, expected) => {
    expect(isMultiFactor(method)).toBe(expected);
  });

  it("covers every method", () => {
    expect(SIGN_IN_METHODS).toHaveLength(9);
  });
});
