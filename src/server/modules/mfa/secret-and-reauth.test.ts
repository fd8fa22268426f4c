import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeUser, signIn, type TestUser } from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import { REAUTH_WINDOW_MINUTES } from "../../../domain/reauth-window.ts";
import { timeStep } from "../../../domain/totp-window.ts";
import { createSession } from "../../access/sessions.ts";
import { buildApp } from "../../app.ts";
import { keyIdOf, keyringOf } from "../../secrets/keyring.ts";
import { totpCodeAt } from "./totp.ts";

const STEP_MS = 30_000;
const MINUTE = 60_000;

describe(`TOTP secrets at rest, and the re-authentication window [${testEngine()}]`, () => {
  let t: TestApp;
  const key = randomBytes(32);
  beforeAll(async () => {
    t = await createTestApp({ secrets: keyringOf(key) });
  });
  afterAll(async () => t.close());

  const codeNow = (secret: string) => totpCodeAt(secret, timeStep(t.clock.now().getTime()));

  async function enrol(client: TestClient): Promise<string> {
    const start = await client.post("/api/mfa/totp");
    expect(start.statusCode, start.body).toBe(201);
    const { manualKey } = json<{ manualKey: string }>(start);
    const confirm = await client.post("/api/mfa/totp/confirm", { code: codeNow(manualKey) });
    expect(confirm.statusCode, confirm.body).toBe(200);
    t.clock.advance(STEP_MS);
    return manualKey;
  }

  /** Password, then a code, on the given app: the second step's response. */
  async function signInWithCode(app: TestApp["app"], user: TestUser, secret: string) {
    const password = await new TestClient(app).post("/api/auth/login", {
      email: user.email,
      password: user.password,
    });
    expect(json(password)).toEqual({ secondFactor: "required", methods: ["totp"] });
    const challenge = password.cookies.find((c) => c.name === "cascade_second_factor");
    const client = new TestClient(app);
    const response = await client.request(
      "POST",
      "/api/auth/login/second-factor",
      { code: codeNow(secret) },
      { cookie: `cascade_second_factor=${challenge?.value}` },
    );
    t.clock.advance(STEP_MS);
    return response;
  }

  const storedSecret = async (userId: string) =>
    (
      await t.deps.db
        .selectFrom("user_totp")
        .select("secret")
        .where("user_id", "=", userId)
        .executeTakeFirstOrThrow()
    ).secret;

  it("stores the seed sealed, never its Base32, and signing in with a code still works", async () => {
    const user = await makeUser(t);
    const secret = await enrol(await signIn(t, user));
    const stored = await storedSecret(user.id);
    expect(stored.startsWith(`v1.${keyIdOf(key)}.`)).toBe(true);
    expect(stored).not.toContain(secret);
    expect(stored.toUpperCase()).not.toContain(secret.toUpperCase());
    const done = await signInWithCode(t.app, user, secret);
    expect(done.statusCode, done.body).toBe(200);
    expect(json(done)).toMatchObject({ id: user.id });
  });

  it("seals a seed stored in plain text when the app starts, and the code keeps working", async () => {
    const user = await makeUser(t);
    const secret = await enrol(await signIn(t, user));
    // As a row from before sealing came in looks.
    await t.deps.db
      .updateTable("user_totp")
      .set({ secret })
      .where("user_id", "=", user.id)
      .execute();
    const restarted = await buildApp(t.deps);
    try {
      const stored = await storedSecret(user.id);
      expect(stored.startsWith(`v1.${keyIdOf(key)}.`)).toBe(true);
      expect(stored).not.toContain(secret);
      const audit = await t.deps.db
        .selectFrom("audit_events")
        .select("details")
        .where("action", "=", "mfa.totp_secrets_sealed")
        .orderBy("occurred_at", "desc")
        .executeTakeFirstOrThrow();
      expect(audit.details).toMatchObject({ sealed: 1, resealed: 0 });
      expect((await signInWithCode(restarted.app, user, secret)).statusCode).toBe(200);
    } finally {
      await restarted.app.close();
    }
  });

  it("answers a clear 503 (not a crash) when the server has another key, and re-seals under a rotated key", async () => {
    const user = await makeUser(t);
    const secret = await enrol(await signIn(t, user));
    const wrongKey = await buildApp({ ...t.deps, secrets: keyringOf(randomBytes(32)) });
    try {
      const refused = await signInWithCode(wrongKey.app, user, secret);
      expect(refused.statusCode).toBe(503);
      expect(refused.headers["content-type"]).toContain("application/problem+json");
      expect(json(refused).detail).toContain(`key ${keyIdOf(key)}`);
      // The row is left as it was, for the right key to open.
      expect((await storedSecret(user.id)).startsWith(`v1.${keyIdOf(key)}.`)).toBe(true);
    } finally {
      await wrongKey.app.close();
    }
    const newKey = randomBytes(32);
    const rotated = await buildApp({ ...t.deps, secrets: keyringOf(newKey, [key]) });
    try {
      expect((await storedSecret(user.id)).startsWith(`v1.${keyIdOf(newKey)}.`)).toBe(true);
      expect((await signInWithCode(rotated.app, user, secret)).statusCode).toBe(200);
    } finally {
      await rotated.app.close();
    }
  });

  it("starts enrolment without the password just after a password sign-in, and asks for it after the window", async () => {
    const user = await makeUser(t);
    const client = await signIn(t, user);
    t.clock.advance(REAUTH_WINDOW_MINUTES * MINUTE - 1000);
    expect((await client.post("/api/mfa/totp")).statusCode).toBe(201);
    t.clock.advance(2000);
    const asked = await client.post("/api/mfa/totp");
    expect(asked.statusCode).toBe(401);
    expect(json(asked)).toMatchObject({
      code: "reauth_required",
      detail: "Enter your password again to continue.",
    });
    const wrong = await client.post("/api/mfa/totp", { password: "not my password" });
    expect(wrong.statusCode).toBe(401);
    expect(json(wrong).detail).toBe("That password is not right.");
    expect((await client.post("/api/mfa/totp", { password: user.password })).statusCode).toBe(201);
    // That answer opens a new window of its own.
    t.clock.advance(REAUTH_WINDOW_MINUTES * MINUTE - 1000);
    expect((await client.post("/api/mfa/totp", {})).statusCode).toBe(201);
    t.clock.advance(2000);
    expect((await client.post("/api/mfa/totp", {})).statusCode).toBe(401);
  });

  it("asks a session begun without the password (a sign-in link) for it at once", async () => {
    const user = await makeUser(t);
    const session = await createSession(
      t.deps.db,
      user.id,
      t.clock.now(),
      { ip: null, userAgent: null },
      "sign_in_link",
    );
    const client = new TestClient(t.app);
    client.cookie = `cascade_session=${session.token}`;
    const asked = await client.post("/api/mfa/totp");
    expect(asked.statusCode).toBe(401);
    expect(json(asked).code).toBe("reauth_required");
    expect(
      await t.deps.db
        .selectFrom("user_totp")
        .select("user_id")
        .where("user_id", "=", user.id)
        .executeTakeFirst(),
    ).toBeUndefined();
    expect((await client.post("/api/mfa/totp", { password: user.password })).statusCode).toBe(201);
  });
});
