import { hash, verify } from "@node-rs/argon2";
import { checkNewPassword, type PasswordVerdict } from "../../../domain/password-policy.ts";
import { ValidationProblem } from "../../errors.ts";

/** OWASP's minimum for argon2id; stored in the hash, so it can be raised later. */
const ARGON2_OPTIONS = {
  algorithm: 2, // Algorithm.Argon2id (a const enum, not importable under verbatimModuleSyntax)
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Context words: the person's name, email (and its local part) and school. */
export function judgeNewPassword(password: string, contextWords: string[] = []): PasswordVerdict {
  return checkNewPassword(password, contextWords);
}

/** Throws a field error when the policy refuses the password. */
export function assertAcceptablePassword(password: string, contextWords: string[] = []): void {
  const verdict = judgeNewPassword(password, contextWords);
  if (!verdict.ok) {
    throw new ValidationProblem("The password cannot be used.", [
      { field: "password", message: verdict.reason },
    ]);
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a password against a stored hash. With no user, it still hashes against
 * a dummy, so an unknown email takes as long to refuse as a wrong password.
 */
export async function verifyPassword(
  storedHash: string | undefined,
  password: string,
): Promise<boolean> {
  if (storedHash === undefined) {
    dummyHash ??= hashPassword("not-a-real-password-for-timing");
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  try {
    return await verify(storedHash, password);
  } catch {
    return false;
  }
}
