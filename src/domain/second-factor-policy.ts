import type { Role } from "./roles.ts";
import { isMultiFactor, type SignInMethod } from "./sign-in-method.ts";

/**
 * Which roles the network's second-factor policy covers: those that can open
 * named pupil data (school staff) and the administrators who can grant it. A
 * programme lead sees only pseudonyms and aggregates, so is not covered.
 */
export const SECOND_FACTOR_ROLES: readonly Role[] = [
  "network_admin",
  "school_leader",
  "teacher",
  "para_professional",
];

/** Whether the policy, when on, covers someone holding these roles. */
export function policyCovers(roles: readonly Role[]): boolean {
  return roles.some((r) => SECOND_FACTOR_ROLES.includes(r));
}

/**
 * Where a session stands with the second factor:
 * - `ok`: it may do what its roles allow;
 * - `enrolment-required`: the policy covers the person and they have no factor
 *   yet, so they may only enrol (and see who they are, and sign out);
 * - `second-factor-required`: the person has a factor but this session did not
 *   pass it (a one-time emailed link, say), so it must pass it first.
 *
 * A person who has a factor is always asked for it, whether or not the policy
 * covers their role: they chose it, and a link in an email, the usual way in
 * when a password is under attack, must not be a way round it.
 */
export type SecondFactorStanding = "ok" | "enrolment-required" | "second-factor-required";

export function secondFactorStanding(input: {
  policyOn: boolean;
  roles: readonly Role[];
  hasFactor: boolean;
  sessionMethod: SignInMethod;
}): SecondFactorStanding {
  if (isMultiFactor(input.sessionMethod)) return "ok";
  if (input.hasFactor) return "second-factor-required";
  if (input.policyOn && policyCovers(input.roles)) return "enrolment-required";
  return "ok";
}
