import { describe, expect, it } from "vitest";
import {
  amrShowsMfa,
  emailDomain,
  emailDomainAllowed,
  emailVerified,
  emailVerifiedClaim,
  invitationMatchesEmail,
  judgeClaims,
  matchAccount,
} from "./single-sign-on.ts";

describe("emailDomain", () => {
  it.each([
    ["ada@school.org", "school.org"],
    ["Ada@School.ORG", "school.org"],
    ["odd@name@school.org", "school.org"],
    ["no-at-sign", undefined],
    ["@school.org", undefined],
    ["ada@", undefined],
  ])("%s → %s", (email, expected) => {
    expect(emailDomain(email)).toBe(expected);
  });
});

describe("emailDomainAllowed", () => {
  const allowed = ["school.org", "@Trust.Example"];
  it.each([
    ["ada@school.org", true],
    ["ADA@SCHOOL.ORG", true],
    ["ada@trust.example", true],
    ["ada@evil.school.org", false],
    ["ada@notschool.org", false],
    ["ada@school.org.evil.example", false],
    ["school.org", false],
  ])("%s → %s", (email, expected) => {
    expect(emailDomainAllowed(email, allowed)).toBe(expected);
  });

  it("allows no one when no domain is listed", () => {
    expect(emailDomainAllowed("ada@school.org", [])).toBe(false);
  });
});

describe("emailVerified", () => {
  it.each([
    [true, true],
    ["true", true],
    [false, false],
    ["false", false],
    [undefined, false],
    [null, false],
    [1, false],
  ])("%s → %s", (claim, expected) => {
    expect(emailVerified(claim)).toBe(expected);
  });
});

describe("emailVerifiedClaim", () => {
  it("prefers email_verified, and takes Entra's xms_edov only in its absence", () => {
    expect(emailVerifiedClaim({ email_verified: true })).toBe(true);
    expect(emailVerifiedClaim({ email_verified: false, xms_edov: true })).toBe(false);
    expect(emailVerifiedClaim({ xms_edov: true })).toBe(true);
    expect(emailVerifiedClaim({ xms_edov: false })).toBe(false);
    expect(emailVerifiedClaim({})).toBeUndefined();
  });
});

describe("amrShowsMfa", () => {
  it.each([
    [["pwd", "mfa"], true],
    [["otp"], true],
    [["hwk"], true],
    [["swk"], true],
    [["fido"], true],
    [["pop"], true],
    [["pwd"], false],
    [["pwd", "kba"], false],
    [[], false],
    [undefined, false],
    ["mfa", false],
    [[{ mfa: true }], false],
  ])("%j → %s", (amr, expected) => {
    expect(amrShowsMfa(amr)).toBe(expected);
  });
});

describe("judgeClaims", () => {
  const base = { subject: "s1", email: "Ada@School.org", emailVerified: true, amr: ["pwd"] };
  it("accepts a verified email in an allowed domain, lower-cased, without MFA", () => {
    expect(judgeClaims(base, ["school.org"])).toEqual({
      ok: true,
      email: "ada@school.org",
      mfa: false,
    });
  });
  it("reports MFA from amr", () => {
    expect(judgeClaims({ ...base, amr: ["pwd", "mfa"] }, ["school.org"])).toMatchObject({
      ok: true,
      mfa: true,
    });
  });
  it("refuses a missing email", () => {
    expect(judgeClaims({ ...base, email: undefined }, ["school.org"])).toEqual({
      ok: false,
      reason: "no_email",
    });
  });
  it("refuses an unverified email before looking at its domain", () => {
    expect(judgeClaims({ ...base, emailVerified: false }, [])).toEqual({
      ok: false,
      reason: "email_unverified",
    });
  });
  it("refuses an email outside the allowed domains", () => {
    expect(judgeClaims(base, ["other.org"])).toEqual({ ok: false, reason: "domain_not_allowed" });
  });
});

describe("matchAccount", () => {
  it("prefers the account bound to the subject over the email", () => {
    expect(
      matchAccount({
        byIdentity: { userId: "u1" },
        byEmail: { userId: "u2", hasIdentityAtProvider: true },
      }),
    ).toEqual({ kind: "identity", userId: "u1" });
  });
  it("binds the subject to the account with the email when it has none at the provider", () => {
    expect(
      matchAccount({
        byIdentity: undefined,
        byEmail: { userId: "u2", hasIdentityAtProvider: false },
      }),
    ).toEqual({ kind: "bind", userId: "u2" });
  });
  it("refuses to bind a second subject to an account that has one at the provider", () => {
    expect(
      matchAccount({
        byIdentity: undefined,
        byEmail: { userId: "u2", hasIdentityAtProvider: true },
      }),
    ).toEqual({ kind: "bound_to_another_subject", userId: "u2" });
  });
  it("finds no one when neither matches", () => {
    expect(matchAccount({ byIdentity: undefined, byEmail: undefined })).toEqual({ kind: "none" });
  });
});

describe("invitationMatchesEmail", () => {
  it.each([
    ["ada@school.org", "ada@school.org", true],
    ["Ada@School.org", "ada@school.org", true],
    ["ada@school.org", "bob@school.org", false],
  ])("%s vs %s → %s", (invited, verified, expected) => {
    expect(invitationMatchesEmail(invited, verified)).toBe(expected);
  });
});
