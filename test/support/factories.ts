import { randomBytes } from "node:crypto";
import type { Role, ScopeType } from "../../src/contracts/roles.ts";
import { ROLE_SCOPE } from "../../src/contracts/roles.ts";
import { hashPassword } from "../../src/server/modules/auth/passwords.ts";
import { addMembership, insertUser } from "../../src/server/modules/users/store.ts";
import { TestClient } from "./client.ts";
import type { TestApp } from "./test-app.ts";

export const TEST_PASSWORD = "plum orchard lantern 42";
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
}

/** A user with one membership (or none), inserted through the real stores. */
export async function makeUser(
  t: TestApp,
  options: { role?: Role | null; scopeId?: string | null; name?: string; email?: string } = {},
): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const suffix = randomBytes(4).toString("hex");
  const email = options.email ?? `person-${suffix}@school.test`;
  const name = options.name ?? `Test Person ${suffix}`;
  const id = await insertUser(t.deps.db, {
    email,
    name,
    passwordHash: await passwordHash,
    createdAt: t.clock.now(),
  });
  const role = options.role === undefined ? "network_admin" : options.role;
  if (role) {
    const scopeType: ScopeType = ROLE_SCOPE[role];
    await addMembership(t.deps.db, {
      userId: id,
      role,
      scopeType,
      scopeId: scopeType === "network" ? null : (options.scopeId ?? null),
    });
  }
  return { id, email, name, password: TEST_PASSWORD };
}

export async function signIn(t: TestApp, user: TestUser, ip?: string): Promise<TestClient> {
  const client = new TestClient(t.app, ip ? { ip } : {});
  const response = await client.post("/api/auth/login", {
    email: user.email,
    password: user.password,
  });
  if (response.statusCode !== 200) {
    throw new Error(`sign-in failed for ${user.email}: ${response.statusCode} ${response.body}`);
  }
  return client;
}
