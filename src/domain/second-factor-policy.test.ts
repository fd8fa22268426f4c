import { describe, expect, it } from "vitest";
import { ROLES } from "./roles.ts";
import { policyCovers, secondFactorStanding } from "./second-factor-policy.ts";
import { SIGN_IN_METHODS } from "./sign-in-method.ts";

describe("second-factor policy", () => {
  it("covers the roles that can see named pupil data, and the administrators", () => {
    expect(ROLES.filter((r) => policyCovers([r]))).toEqual([
      "network_admin",
      "school_leader",
      "teacher",
      "para_professional",
    ]);
    expect(policyCovers(["programme_lead"])).toBe(false);
    expect(policyCovers(["programme_lead", "teacher"])).toBe(true);
    expect(policyCovers([])).toBe(false);
  });

  it("asks a covered person without a factor to enrol, only while the policy is on", () => {
    const base = {
      roles: ["teacher"] as const,
      hasFactor: false,
      sessionMethod: "password" as const,
    };
    expect(secondFactorStanding({ ...base, policyOn: true })).toBe("enrolment-required");
    expect(secondFactorStanding({ ...base, policyOn: false })).toBe("ok");
    expect(secondFactorStanding({ ...base, roles: ["programme_lead"], policyOn: true })).toBe("ok");
  });

  it("asks for the factor in any session that did not pass it, policy on or off", () => {
    for (const method of SIGN_IN_METHODS) {
      for (const policyOn of [true, false]) {
        const standing = secondFactorStanding({
          policyOn,
          roles: ["programme_lead"],
          hasFactor: true,
          sessionMethod: method,
        });
        const passed = ["password_totp", "recovery_code", "passkey", "oidc_mfa"].includes(method);
        expect(standing, `${method}, policy ${policyOn}`).toBe(
          passed ? "ok" : "second-factor-required",
        );
      }
    }
  });

  it("lets a multi-factor session through even without a stored factor (a provider vouched)", () => {
    expect(
      secondFactorStanding({
        policyOn: true,
        roles: ["teacher"],
        hasFactor: false,
        sessionMethod: "oidc_mfa",
      }),
    ).toBe("ok");
  });
});
