import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeUser, signIn, type TestUser } from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import { hashToken } from "../../access/sessions.ts";

const HOUR = 60 * 60 * 1000;

describe(`sign-in, sessions and sign-out [${testEngine()}]`, () => {
  let t: TestApp;
  let user: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    user = await makeUser(t, { name: "Sam Sharma" });
  });
  afterAll(async () => t.close());

  it("answers 401 on /api/me without a session", async () => {
    const response = await new TestClient(t.app).get("/api/me");
    expect(response.statusCode).toBe(401);
    expect(response.headers["content-type"]).toContain("application/problem+json");
  });

  it("signs in, sets a hardened cookie and shows who I am", async () => {
    const client = new TestClient(t.app);
    const response = await client.post("/api/auth/login", {
      email: user.email.toUpperCase(),
      password: user.password,
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === "cascade_session");
    expect(cookie).toBeDefined();
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
    expect(cookie?.path).toBe("/");
    expect(cookie?.secure).toBeFalsy();
    expect(Buffer.from(cookie?.value ?? "", "base64url").length).toBeGreaterThanOrEqual(32);
    const me = json<{ id: string; name: string; memberships: unknown[] }>(
      await client.get("/api/me"),
    );
    expect(me).toMatchObject({ id: user.id, name: "Sam Sharma", email: user.email });
    expect(me.memberships).toEqual([
      { role: "network_admin", scopeType: "network", scopeId: null, scopeName: "The network" },
    ]);
    // Only a digest of the token is stored.
    const stored = await t.deps.db.selectFrom("sessions").select("token_hash").execute();
    expect(stored.map((s) => s.token_hash)).toContain(hashToken(cookie?.value ?? ""));
    expect(stored.map((s) => s.token_hash)).not.toContain(cookie?.value);
  });

  it("answers unknown email and wrong password with the same 401", async () => {
    const client = new TestClient(t.app, { ip: "198.51.100.1" });
    const unknown = await client.post("/api/auth/login", {
      email: "nobody@school.test",
      password: user.password,
    });
    const wrong = await client.post("/api/auth/login", {
      email: user.email,
      password: "not the password at all",
    });
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.body).toBe(wrong.body);
  });

  it("issues a new token at every sign-in and ends the one the browser came with", async () => {
    const client = await signIn(t, user);
    const first = client.cookie;
    await client.post("/api/auth/login", { email: user.email, password: user.password });
    expect(client.cookie).not.toBe(first);
    const old = new TestClient(t.app);
    old.cookie = first;
    expect((await old.get("/api/me")).statusCode).toBe(401);
  });

  it("refuses a token with one character changed", async () => {
    const client = await signIn(t, user);
    const value = client.cookie?.split("=")[1] ?? "";
    const flipped = (value[0] === "A" ? "B" : "A") + value.slice(1);
    const forged = new TestClient(t.app);
    forged.cookie = `cascade_session=${flipped}`;
    expect((await forged.get("/api/me")).statusCode).toBe(401);
  });

  it("signs out: 204, the session is deleted server-side and the cookie cleared", async () => {
    const client = await signIn(t, user);
    const token = client.cookie?.split("=")[1] ?? "";
    const response = await client.post("/api/auth/logout");
    expect(response.statusCode).toBe(204);
    expect(response.headers["clear-site-data"]).toContain("cache");
    const row = await t.deps.db
      .selectFrom("sessions")
      .select("id")
      .where("token_hash", "=", hashToken(token))
      .executeTakeFirst();
    expect(row).toBeUndefined();
    const replay = new TestClient(t.app);
    replay.cookie = `cascade_session=${token}`;
    expect((await replay.get("/api/me")).statusCode).toBe(401);
  });

  it("ends a session idle for 12 hours", async () => {
    const client = await signIn(t, user);
    t.clock.advance(11 * HOUR);
    expect((await client.get("/api/me")).statusCode).toBe(200);
    t.clock.advance(11 * HOUR); // 11 h since the last request: still alive
    expect((await client.get("/api/me")).statusCode).toBe(200);
    t.clock.advance(12 * HOUR + 1000);
    expect((await client.get("/api/me")).statusCode).toBe(401);
  });

  it("ends any session 7 days after sign-in, however active", async () => {
    const client = await signIn(t, user);
    for (let hours = 0; hours < 7 * 24 - 10; hours += 10) {
      t.clock.advance(10 * HOUR);
      expect((await client.get("/api/me")).statusCode).toBe(200);
    }
    t.clock.advance(11 * HOUR);
    expect((await client.get("/api/me")).statusCode).toBe(401);
  });

  it("audits sign-in, failed sign-in and sign-out", async () => {
    const actions = (await t.deps.db.selectFrom("audit_events").select("action").execute()).map(
      (e) => e.action,
    );
    expect(actions).toContain("auth.signed_in");
    expect(actions).toContain("auth.sign_in_failed");
    expect(actions).toContain("auth.signed_out");
  });
});

describe(`cookies over HTTPS [${testEngine()}]`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { publicUrl: "https://cascade.test" } });
  });
  afterAll(async () => t.close());

  it("uses a __Host- cookie marked Secure when the public address is https", async () => {
    const user = await makeUser(t);
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { origin: "https://cascade.test", "content-type": "application/json" },
      payload: JSON.stringify({ email: user.email, password: user.password }),
    });
    expect(response.statusCode).toBe(200);
    const cookie = response.cookies.find((c) => c.name === "__Host-cascade_session");
    expect(cookie?.secure).toBe(true);
    expect(cookie?.path).toBe("/");
    expect(cookie?.domain).toBeUndefined();
  });
});
