import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeUser, signIn, type TestUser } from "../../../../test/support/factories.ts";
import { SoftAuthenticator } from "../../../../test/support/soft-authenticator.ts";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../../test/support/test-app.ts";
import { createSession } from "../../access/sessions.ts";
import { PASSKEY_LIMITS } from "./passwordless-routes.ts";

type Options = { challenge: string; rpId?: string; rp?: { id: string }; user?: { id: string } };

describe(`passkeys [${testEngine()}]`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const db = () => t.deps.db;

  async function register(client: TestClient, authenticator: SoftAuthenticator, name = "Laptop") {
    const start = await client.post("/api/passkeys/registration/options", {
      password: "plum orchard lantern 42",
    });
    expect(start.statusCode).toBe(200);
    const { response, credential } = authenticator.register(json<Options>(start));
    const done = await client.post("/api/passkeys", { name, response });
    expect(done.statusCode).toBe(201);
    return { passkey: json<{ id: string; name: string }>(done), credential };
  }

  /** A person with one passkey, and their signed-in client. */
  async function withPasskey(options: Parameters<typeof makeUser>[1] = {}) {
    const user = await makeUser(t, options);
    const client = await signIn(t, user);
    const authenticator = new SoftAuthenticator(TEST_ORIGIN);
    const { passkey } = await register(client, authenticator);
    return { user, client, authenticator, passkey };
  }

  async function methodOfLatestSession(userId: string) {
    const row = await db()
      .selectFrom("sessions")
      .select("method")
      .where("user_id", "=", userId)
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    return row.method;
  }

  async function audits(action: string, where: { actor?: string; target?: string } = {}) {
    return db()
      .selectFrom("audit_events")
      .select(["action", "details", "target_id", "actor_user_id"])
      .where("action", "=", action)
      .$if(where.actor !== undefined, (q) => q.where("actor_user_id", "=", where.actor as string))
      .$if(where.target !== undefined, (q) => q.where("target_id", "=", where.target as string))
      .orderBy("id")
      .execute();
  }

  /** The passwordless ceremony's start: its options and the cookie that binds them. */
  async function passwordlessStart(ip = "203.0.113.20") {
    const response = await new TestClient(t.app, { ip }).post("/api/auth/passkey/options");
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === "cascade_passkey");
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Strict");
    return { options: json<Options>(response), cookie: `cascade_passkey=${cookie?.value}` };
  }

  async function passwordless(cookie: string | null, body: unknown, ip = "203.0.113.20") {
    const client = new TestClient(t.app, { ip });
    const response = await client.request(
      "POST",
      "/api/auth/passkey",
      body,
      cookie ? { cookie } : {},
    );
    return { response, client };
  }

  /** The password step: the second-factor cookie. */
  async function passwordStep(user: TestUser) {
    const response = await new TestClient(t.app).post("/api/auth/login", {
      email: user.email,
      password: user.password,
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === "cascade_second_factor");
    return { answer: json(response), cookie: `cascade_second_factor=${cookie?.value}` };
  }

  async function secondStep(cookie: string, authenticator: SoftAuthenticator, spoil = {}) {
    const client = new TestClient(t.app);
    const start = await client.request("POST", "/api/auth/login/passkey/options", undefined, {
      cookie,
    });
    expect(start.statusCode).toBe(200);
    const options = json<Options & { allowCredentials: { id: string }[] }>(start);
    const response = await client.request(
      "POST",
      "/api/auth/login/passkey",
      { response: authenticator.assert(options, undefined, spoil) },
      { cookie },
    );
    return { response, client, options };
  }

  it("registers a passkey after the password, names it, lists it, and ends the other sessions", async () => {
    const user = await makeUser(t);
    const client = await signIn(t, user);
    const other = await signIn(t, user, "198.51.100.9");
    const wrong = await client.post("/api/passkeys/registration/options", { password: "nope" });
    expect(wrong.statusCode).toBe(401);
    const start = await client.post("/api/passkeys/registration/options", {
      password: user.password,
    });
    expect(start.statusCode).toBe(200);
    const options = json<
      Options & { rp: { id: string; name: string }; authenticatorSelection: unknown }
    >(start);
    expect(options.rp).toEqual({ id: "cascade.test", name: "Cascade" });
    expect(options.authenticatorSelection).toMatchObject({
      residentKey: "required",
      userVerification: "required",
    });
    expect(options.user?.id).toBe(Buffer.from(user.id).toString("base64url"));
    const authenticator = new SoftAuthenticator(TEST_ORIGIN);
    const { response } = authenticator.register(options);
    const blank = await client.post("/api/passkeys", { name: "  ", response });
    expect(blank.statusCode).toBe(400);
    const done = await client.post("/api/passkeys", { name: "  Work laptop ", response });
    expect(done.statusCode).toBe(201);
    expect(json(done)).toMatchObject({ name: "Work laptop", lastUsedAt: null });
    // The session is new and counts as multi-factor; the other one is over.
    expect(await methodOfLatestSession(user.id)).toBe("passkey");
    expect((await other.get("/api/me")).statusCode).toBe(401);
    const list = json<{ passkeys: { name: string; createdAt: string }[] }>(
      await client.get("/api/passkeys"),
    );
    expect(list.passkeys).toEqual([
      expect.objectContaining({ name: "Work laptop", createdAt: t.clock.now().toISOString() }),
    ]);
    expect(json(await client.get("/api/mfa"))).toMatchObject({ passkeys: 1, standing: "ok" });
    const added = await audits("passkey.added", { actor: user.id });
    expect(added).toHaveLength(1);
    expect(added[0]?.details).toEqual({ otherSessionsEnded: 1 });
    // The same answer again: the challenge is spent.
    const replay = await client.post("/api/passkeys", { name: "Again", response });
    expect(replay.statusCode).toBe(401);
    expect(json(replay).detail).toMatch(/timed out or was already used/);
  });

  it("refuses a registration for another origin, RP ID, challenge or session, or without user verification", async () => {
    const user = await makeUser(t);
    const client = await signIn(t, user);
    const elsewhere = await signIn(t, user, "198.51.100.10");
    const authenticator = new SoftAuthenticator(TEST_ORIGIN);
    const cases = [
      { origin: "https://evil.test" },
      { rpId: "evil.test" },
      { challenge: randomBytes(32).toString("base64url") },
      { userVerified: false },
      { type: "webauthn.get" },
    ];
    for (const spoil of cases) {
      const start = await client.post("/api/passkeys/registration/options", {
        password: user.password,
      });
      const { response } = authenticator.register(json<Options>(start), spoil);
      const refused = await client.post("/api/passkeys", { name: "Bad", response });
      expect(refused.statusCode, JSON.stringify(spoil)).toBe(401);
      expect(refused.headers["content-type"]).toContain("application/problem+json");
    }
    // A challenge handed to one session does not register from another.
    const start = await client.post("/api/passkeys/registration/options", {
      password: user.password,
    });
    const { response } = authenticator.register(json<Options>(start));
    expect((await elsewhere.post("/api/passkeys", { name: "Other", response })).statusCode).toBe(
      401,
    );
    // Five minutes on, it has expired.
    const late = await client.post("/api/passkeys/registration/options", {
      password: user.password,
    });
    t.clock.advance(5 * 60 * 1000 + 1);
    const lateAnswer = authenticator.register(json<Options>(late)).response;
    expect(
      (await client.post("/api/passkeys", { name: "Late", response: lateAnswer })).statusCode,
    ).toBe(401);
    expect(json(await client.get("/api/passkeys")).passkeys).toEqual([]);
    expect((await audits("passkey.registration_refused", { actor: user.id })).length).toBe(7);
  });

  it("asks for the passkey after the password, and signs in with it as the second factor", async () => {
    const { user, authenticator, passkey } = await withPasskey();
    const { answer, cookie } = await passwordStep(user);
    expect(answer).toEqual({ secondFactor: "required", methods: ["passkey"] });
    const { response, options } = await secondStep(cookie, authenticator);
    expect(options.allowCredentials.map((c) => c.id)).toEqual([authenticator.credentials[0]?.id]);
    expect(options.rpId).toBe("cascade.test");
    expect(response.statusCode).toBe(200);
    expect(json(response)).toMatchObject({ id: user.id });
    expect(response.cookies.find((c) => c.name === "cascade_session")?.value).toBeTruthy();
    expect(await methodOfLatestSession(user.id)).toBe("passkey");
    const signedIn = await audits("auth.signed_in", { actor: user.id });
    expect(signedIn.at(-1)).toMatchObject({
      target_id: passkey.id,
      details: { via: "passkey", keepSignedIn: false },
    });
    const list = json<{ passkeys: { lastUsedAt: string | null }[] }>(
      await new TestClient(t.app).request("GET", "/api/passkeys", undefined, {
        cookie: `cascade_session=${response.cookies.find((c) => c.name === "cascade_session")?.value}`,
      }),
    );
    expect(list.passkeys[0]?.lastUsedAt).toBe(t.clock.now().toISOString());
    // The password step is finished: its cookie opens nothing more.
    const again = await new TestClient(t.app).request(
      "POST",
      "/api/auth/login/passkey/options",
      undefined,
      { cookie },
    );
    expect(again.statusCode).toBe(401);
  });

  it("offers both factors to a person with an authenticator app and a passkey, and the app still works", async () => {
    const { user } = await withPasskey();
    await db()
      .insertInto("user_totp")
      .values({
        user_id: user.id,
        secret: "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
        created_at: t.clock.now(),
        confirmed_at: t.clock.now(),
        last_used_step: null,
      })
      .execute();
    expect((await passwordStep(user)).answer).toEqual({
      secondFactor: "required",
      methods: ["totp", "passkey"],
    });
  });

  it("refuses a second step with a wrong challenge, origin, key, another person's passkey or a disabled account", async () => {
    const { user, authenticator } = await withPasskey();
    const stranger = await withPasskey();
    const failures: [string, object, SoftAuthenticator][] = [
      ["wrong challenge", { challenge: randomBytes(32).toString("base64url") }, authenticator],
      ["wrong origin", { origin: "https://evil.test" }, authenticator],
      ["wrong RP ID", { rpId: "evil.test" }, authenticator],
      ["wrong key", { wrongKey: true }, authenticator],
      ["no user verification", { userVerified: false }, authenticator],
      ["another's passkey", {}, stranger.authenticator],
    ];
    for (const [why, spoil, who] of failures) {
      const { cookie } = await passwordStep(user);
      const { response } = await secondStep(cookie, who, spoil);
      expect(response.statusCode, why).toBe(401);
      expect(json(response).title, why).toBe("Passkey not accepted");
      expect(
        response.cookies.find((c) => c.name === "cascade_session"),
        why,
      ).toBeUndefined();
    }
    const refused = await audits("auth.passkey_refused");
    expect(
      refused.filter((r) => r.details?.purpose === "second_factor").length,
    ).toBeGreaterThanOrEqual(6);

    const { cookie } = await passwordStep(user);
    await db()
      .updateTable("users")
      .set({ disabled_at: t.clock.now() })
      .where("id", "=", user.id)
      .execute();
    const disabled = await new TestClient(t.app).request(
      "POST",
      "/api/auth/login/passkey/options",
      undefined,
      { cookie },
    );
    expect(disabled.statusCode).toBe(401);
  });

  it("signs in without a password: usernameless, user verification required, with the new-device email", async () => {
    const { user, authenticator, passkey } = await withPasskey();
    // An earlier sign-in from elsewhere, so this device is new to the account.
    const { options, cookie } = await passwordlessStart();
    expect(options).toMatchObject({ rpId: "cascade.test", userVerification: "required" });
    expect(options).not.toHaveProperty("allowCredentials.0");
    const { response, client } = await passwordless(cookie, {
      response: authenticator.assert(options),
    });
    expect(response.statusCode).toBe(200);
    expect(json(response)).toMatchObject({ id: user.id, email: user.email });
    expect(await methodOfLatestSession(user.id)).toBe("passkey");
    expect(client.cookie).toMatch(/^cascade_session=/);
    expect((await client.get("/api/mfa")).statusCode).toBe(200);
    expect(json(await client.get("/api/mfa")).standing).toBe("ok");
    const signedIn = await audits("auth.signed_in", { actor: user.id });
    expect(signedIn.at(-1)).toMatchObject({
      target_id: passkey.id,
      details: { via: "passkey", passwordless: true },
    });
    const notices = await db()
      .selectFrom("outbox")
      .select("subject")
      .where("to_email", "=", user.email)
      .where("kind", "=", "account-security")
      .execute();
    expect(notices.map((n) => n.subject)).toEqual(["New sign-in to your Cascade account"]);
    // The same answer again: its challenge is spent.
    const replay = await passwordless(cookie, { response: authenticator.assert(options) });
    expect(replay.response.statusCode).toBe(401);
    expect(json(replay.response).detail).toMatch(/timed out or was already used/);
  });

  it("refuses a passwordless sign-in without its cookie, for another origin, an unknown or removed passkey, a disabled account", async () => {
    const { user, client, authenticator, passkey } = await withPasskey();
    const startOf = async () => passwordlessStart();

    let s = await startOf();
    expect(
      (await passwordless(null, { response: authenticator.assert(s.options) })).response.statusCode,
    ).toBe(401);
    s = await startOf();
    const other = await startOf();
    // A challenge is bound to its own cookie.
    expect(
      (await passwordless(other.cookie, { response: authenticator.assert(s.options) })).response
        .statusCode,
    ).toBe(401);
    s = await startOf();
    const wrongOrigin = authenticator.assert(s.options, undefined, {
      origin: "http://localhost:3000",
    });
    expect((await passwordless(s.cookie, { response: wrongOrigin })).response.statusCode).toBe(401);
    s = await startOf();
    const unknown = new SoftAuthenticator(TEST_ORIGIN);
    unknown.register({ challenge: "x", rp: { id: "cascade.test" }, user: { id: "dXNlcg" } });
    const unknownAnswer = await passwordless(s.cookie, { response: unknown.assert(s.options) });
    expect(unknownAnswer.response.statusCode).toBe(401);
    expect(json(unknownAnswer.response).detail).toMatch(/not registered/);
    s = await startOf();
    const badHandle = authenticator.assert(s.options, undefined, {
      userHandle: Buffer.from("someone-else").toString("base64url"),
    });
    expect((await passwordless(s.cookie, { response: badHandle })).response.statusCode).toBe(401);

    await db()
      .updateTable("users")
      .set({ disabled_at: t.clock.now() })
      .where("id", "=", user.id)
      .execute();
    s = await startOf();
    const disabled = await passwordless(s.cookie, { response: authenticator.assert(s.options) });
    expect(disabled.response.statusCode).toBe(401);
    expect(await audits("auth.passkey_refused", { target: passkey.id })).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ details: { reason: "account_disabled", purpose: "sign_in" } }),
      ]),
    );
    await db().updateTable("users").set({ disabled_at: null }).where("id", "=", user.id).execute();

    // Removed: it opens nothing any more.
    const removed = await client.post(`/api/passkeys/${passkey.id}/remove`, {
      password: user.password,
    });
    expect(removed.statusCode).toBe(204);
    s = await startOf();
    const gone = await passwordless(s.cookie, { response: authenticator.assert(s.options) });
    expect(gone.response.statusCode).toBe(401);
    expect(json(gone.response).detail).toMatch(/not registered/);
  });

  it("refuses and audits a counter that goes backwards", async () => {
    const { user, authenticator, passkey } = await withPasskey();
    let s = await passwordlessStart();
    expect(
      (
        await passwordless(s.cookie, {
          response: authenticator.assert(s.options, undefined, { counter: 7 }),
        })
      ).response.statusCode,
    ).toBe(200);
    for (const counter of [7, 3]) {
      s = await passwordlessStart();
      const cloned = authenticator.assert(s.options, undefined, { counter });
      const refused = await passwordless(s.cookie, { response: cloned });
      expect(refused.response.statusCode).toBe(401);
      expect(json(refused.response).detail).toMatch(/may have been copied/);
    }
    const regressions = await audits("passkey.counter_regressed", { target: passkey.id });
    expect(regressions).toHaveLength(2);
    s = await passwordlessStart();
    expect(
      (
        await passwordless(s.cookie, {
          response: authenticator.assert(s.options, undefined, { counter: 8 }),
        })
      ).response.statusCode,
    ).toBe(200);
    const stored = await db()
      .selectFrom("passkeys")
      .select("counter")
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(Number(stored.counter)).toBe(8);
  });

  it("throttles failed passwordless sign-ins per address with 429 and Retry-After", async () => {
    const ip = "192.0.2.201";
    const stranger = new SoftAuthenticator(TEST_ORIGIN);
    stranger.register({ challenge: "x", rp: { id: "cascade.test" }, user: { id: "dXNlcg" } });
    for (let i = 0; i < PASSKEY_LIMITS.failures; i++) {
      const s = await passwordlessStart(ip);
      const { response } = await passwordless(
        s.cookie,
        { response: stranger.assert(s.options) },
        ip,
      );
      expect(response.statusCode).toBe(401);
    }
    const s = await passwordlessStart(ip);
    const { response } = await passwordless(s.cookie, { response: stranger.assert(s.options) }, ip);
    expect(response.statusCode).toBe(429);
    expect(Number(response.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("removes a passkey only with the password, only one's own, and ends the other sessions", async () => {
    const { user, client, passkey } = await withPasskey();
    const other = await withPasskey();
    // A session begun without the passkey (a password alone is not enough now).
    const begun = await createSession(
      db(),
      user.id,
      t.clock.now(),
      { ip: "198.51.100.11", userAgent: null },
      "sign_in_link",
    );
    const elsewhere = new TestClient(t.app, { ip: "198.51.100.11" });
    elsewhere.cookie = `cascade_session=${begun.token}`;
    expect(
      (await client.post(`/api/passkeys/${other.passkey.id}/remove`, { password: user.password }))
        .statusCode,
    ).toBe(404);
    expect(
      (await client.post(`/api/passkeys/${passkey.id}/remove`, { password: "nope" })).statusCode,
    ).toBe(401);
    expect(
      (await client.post(`/api/passkeys/not-a-uuid/remove`, { password: user.password }))
        .statusCode,
    ).toBe(400);
    expect(
      await db().selectFrom("passkeys").select("id").where("user_id", "=", user.id).execute(),
    ).toHaveLength(1);
    // `elsewhere` never passed the passkey, so it may not remove it either.
    expect(
      (await elsewhere.post(`/api/passkeys/${passkey.id}/remove`, { password: user.password }))
        .statusCode,
    ).toBe(403);
    const removed = await client.post(`/api/passkeys/${passkey.id}/remove`, {
      password: user.password,
    });
    expect(removed.statusCode).toBe(204);
    expect((await elsewhere.get("/api/me")).statusCode).toBe(401);
    expect(json(await client.get("/api/passkeys")).passkeys).toEqual([]);
    // No factor left: this session is a password session again, and needs nothing more.
    expect(await methodOfLatestSession(user.id)).toBe("password");
    expect(json(await client.get("/api/mfa")).standing).toBe("ok");
    expect(await audits("passkey.removed", { target: passkey.id })).toEqual([
      expect.objectContaining({ actor_user_id: user.id, details: { otherSessionsEnded: 1 } }),
    ]);
    expect((await passwordStep(user)).answer).toMatchObject({ id: user.id });
  });

  it("counts a passkey as a factor: a session without it must pass it, and may not add another", async () => {
    const { user, authenticator } = await withPasskey();
    // A session begun without the factor (an emailed link, say).
    const session = await createSession(
      db(),
      user.id,
      t.clock.now(),
      { ip: null, userAgent: null },
      "sign_in_link",
    );
    const client = new TestClient(t.app);
    client.cookie = `cascade_session=${session.token}`;
    expect(json(await client.get("/api/mfa")).standing).toBe("second-factor-required");
    expect((await client.get("/api/passkeys")).statusCode).toBe(403);
    expect(
      (await client.post("/api/passkeys/registration/options", { password: user.password }))
        .statusCode,
    ).toBe(403);
    const start = await client.post("/api/passkeys/verify/options");
    expect(start.statusCode).toBe(200);
    const wrong = await client.post("/api/passkeys/verify", {
      response: authenticator.assert(json<Options>(start), undefined, {
        origin: "https://evil.test",
      }),
    });
    expect(wrong.statusCode).toBe(401);
    const again = await client.post("/api/passkeys/verify/options");
    const passed = await client.post("/api/passkeys/verify", {
      response: authenticator.assert(json<Options>(again)),
    });
    expect(passed.statusCode).toBe(204);
    expect(json(await client.get("/api/mfa")).standing).toBe("ok");
    expect((await client.get("/api/passkeys")).statusCode).toBe(200);
  });

  it("lets a person the network requires to enrol do so with a passkey", async () => {
    const strict = await createTestApp({ secondFactorRequired: true });
    try {
      const user = await makeUser(strict, { role: "network_admin" });
      const client = await signIn(strict, user);
      expect(json(await client.get("/api/mfa")).standing).toBe("enrolment-required");
      expect((await client.get("/api/passkeys")).statusCode).toBe(403);
      const start = await client.post("/api/passkeys/registration/options", {
        password: user.password,
      });
      expect(start.statusCode).toBe(200);
      const authenticator = new SoftAuthenticator(TEST_ORIGIN);
      const done = await client.post("/api/passkeys", {
        name: "Phone",
        response: authenticator.register(json<Options>(start)).response,
      });
      expect(done.statusCode).toBe(201);
      expect(json(await client.get("/api/mfa")).standing).toBe("ok");
      expect((await client.get("/api/passkeys")).statusCode).toBe(200);
    } finally {
      await strict.close();
    }
  });

  it("rejects malformed answers with 400 and changes nothing", async () => {
    const { user, client, authenticator } = await withPasskey();
    const before = await db()
      .selectFrom("passkeys")
      .select(["id", "counter"])
      .where("user_id", "=", user.id)
      .execute();
    const s = await passwordlessStart();
    const good = authenticator.assert(s.options);
    const bodies = [
      {},
      { response: { ...good, type: "password" } },
      { response: { ...good, extra: 1 } },
      { response: { ...good, response: { ...good.response, signature: "not base64url!" } } },
      { response: good, more: true },
    ];
    for (const body of bodies) {
      const { response } = await passwordless(s.cookie, body);
      expect(response.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect(
      (await client.post("/api/passkeys", { name: "x".repeat(61), response: {} })).statusCode,
    ).toBe(400);
    const after = await db()
      .selectFrom("passkeys")
      .select(["id", "counter"])
      .where("user_id", "=", user.id)
      .execute();
    expect(after).toEqual(before);
    // Bad input spent nothing: the challenge still works.
    expect((await passwordless(s.cookie, { response: good })).response.statusCode).toBe(200);
  });
});
