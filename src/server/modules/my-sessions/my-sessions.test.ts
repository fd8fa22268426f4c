import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeUser, type TestUser } from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { MySession } from "../../../contracts/my-sessions.ts";

const CHROME_WINDOWS =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const SAFARI_IPHONE =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";
const DAY = 24 * 60 * 60 * 1000;

describe(`my sessions [${testEngine()}]`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  /** Signs in from a given address and browser, as a real one would. */
  async function signInFrom(user: TestUser, ip: string, userAgent: string): Promise<TestClient> {
    const client = new TestClient(t.app, { ip });
    const response = await client.request(
      "POST",
      "/api/auth/login",
      { email: user.email, password: user.password },
      { "user-agent": userAgent },
    );
    expect(response.statusCode).toBe(200);
    return client;
  }

  async function list(client: TestClient): Promise<MySession[]> {
    const response = await client.get("/api/me/sessions");
    expect(response.statusCode).toBe(200);
    return json<{ items: MySession[] }>(response).items;
  }

  it("lists my sessions with device, address, times and method, this one first", async () => {
    const user = await makeUser(t, { role: null });
    const laptop = await signInFrom(user, "192.0.2.1", CHROME_WINDOWS);
    t.clock.advance(5 * 60 * 1000);
    const phone = await signInFrom(user, "192.0.2.2", SAFARI_IPHONE);
    const other = await makeUser(t, { role: null });
    await signInFrom(other, "192.0.2.3", CHROME_WINDOWS);

    const fromPhone = await list(phone);
    expect(fromPhone).toHaveLength(2);
    expect(fromPhone[0]).toMatchObject({
      device: "Safari on iPhone",
      ip: "192.0.2.2",
      method: "password",
      current: true,
    });
    expect(fromPhone[1]).toMatchObject({
      device: "Chrome on Windows",
      ip: "192.0.2.1",
      current: false,
    });
    expect(Date.parse(fromPhone[1]?.createdAt ?? "")).toBeLessThan(
      Date.parse(fromPhone[0]?.createdAt ?? ""),
    );
    const fromLaptop = await list(laptop);
    expect(fromLaptop.filter((s) => s.current).map((s) => s.device)).toEqual(["Chrome on Windows"]);
  });

  it("ends one of my sessions, and answers 404 for another person's", async () => {
    const user = await makeUser(t, { role: null });
    const laptop = await signInFrom(user, "192.0.2.11", CHROME_WINDOWS);
    const phone = await signInFrom(user, "192.0.2.12", SAFARI_IPHONE);
    const other = await makeUser(t, { role: null });
    const theirs = await signInFrom(other, "192.0.2.13", CHROME_WINDOWS);
    const [theirSession] = await list(theirs);

    const refused = await laptop.delete(`/api/me/sessions/${theirSession?.id}`);
    expect(refused.statusCode).toBe(404);
    expect((await theirs.get("/api/me")).statusCode).toBe(200);
    const unknown = await laptop.delete("/api/me/sessions/00000000-0000-4000-8000-000000000abc");
    expect(unknown.statusCode).toBe(404);
    expect((await laptop.delete("/api/me/sessions/not-a-uuid")).statusCode).toBe(400);

    const phoneSession = (await list(laptop)).find((s) => !s.current);
    const ended = await laptop.delete(`/api/me/sessions/${phoneSession?.id}`);
    expect(ended.statusCode).toBe(204);
    expect((await phone.get("/api/me")).statusCode).toBe(401);
    expect((await laptop.get("/api/me")).statusCode).toBe(200);
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select(["target_id", "details"])
      .where("action", "=", "session.ended")
      .where("actor_user_id", "=", user.id)
      .execute();
    expect(audit).toEqual([{ target_id: phoneSession?.id, details: { current: false } }]);
  });

  it("ending this session signs me out", async () => {
    const user = await makeUser(t, { role: null });
    const laptop = await signInFrom(user, "192.0.2.21", CHROME_WINDOWS);
    const [mine] = await list(laptop);
    const ended = await laptop.delete(`/api/me/sessions/${mine?.id}`);
    expect(ended.statusCode).toBe(204);
    expect(ended.headers["clear-site-data"]).toBe('"cache", "storage"');
    expect((await laptop.get("/api/me")).statusCode).toBe(401);
  });

  it("ends all my other sessions and keeps this one", async () => {
    const user = await makeUser(t, { role: null });
    const laptop = await signInFrom(user, "192.0.2.31", CHROME_WINDOWS);
    const phone = await signInFrom(user, "192.0.2.32", SAFARI_IPHONE);
    const tablet = await signInFrom(user, "192.0.2.33", SAFARI_IPHONE);
    const other = await makeUser(t, { role: null });
    const theirs = await signInFrom(other, "192.0.2.34", CHROME_WINDOWS);
    const response = await laptop.post("/api/me/sessions/end-others");
    expect(response.statusCode).toBe(200);
    expect(json(response)).toEqual({ sessionsEnded: 2 });
    expect((await laptop.get("/api/me")).statusCode).toBe(200);
    expect((await phone.get("/api/me")).statusCode).toBe(401);
    expect((await tablet.get("/api/me")).statusCode).toBe(401);
    expect((await theirs.get("/api/me")).statusCode).toBe(200);
    expect(await list(laptop)).toHaveLength(1);
  });

  it("is for signed-in people only", async () => {
    const anonymous = new TestClient(t.app);
    expect((await anonymous.get("/api/me/sessions")).statusCode).toBe(401);
    expect((await anonymous.post("/api/me/sessions/end-others")).statusCode).toBe(401);
  });
});

describe(`an administrator ends all of a user's sessions [${testEngine()}]`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it("ends every session of the user, audited, and the account stays enabled", async () => {
    const admin = await makeUser(t);
    const adminClient = new TestClient(t.app);
    await adminClient.post("/api/auth/login", { email: admin.email, password: admin.password });
    const user = await makeUser(t, { role: null });
    const one = new TestClient(t.app, { ip: "192.0.2.41" });
    await one.post("/api/auth/login", { email: user.email, password: user.password });
    const two = new TestClient(t.app, { ip: "192.0.2.42" });
    await two.post("/api/auth/login", { email: user.email, password: user.password });

    const response = await adminClient.post(`/api/users/${user.id}/sessions/end-all`);
    expect(response.statusCode).toBe(200);
    expect(json(response)).toEqual({ sessionsEnded: 2 });
    expect((await one.get("/api/me")).statusCode).toBe(401);
    expect((await two.get("/api/me")).statusCode).toBe(401);
    expect((await adminClient.get("/api/me")).statusCode).toBe(200);
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select(["actor_user_id", "target_id", "details"])
      .where("action", "=", "user.sessions_ended")
      .execute();
    expect(audit).toEqual([
      { actor_user_id: admin.id, target_id: user.id, details: { sessionsEnded: 2 } },
    ]);
    // Not disabled: the owner signs in again.
    const again = new TestClient(t.app, { ip: "192.0.2.41" });
    expect(
      (await again.post("/api/auth/login", { email: user.email, password: user.password }))
        .statusCode,
    ).toBe(200);
  });

  it("answers 404 for no such user, and 403 to anyone not an administrator", async () => {
    const admin = await makeUser(t);
    const adminClient = new TestClient(t.app);
    await adminClient.post("/api/auth/login", { email: admin.email, password: admin.password });
    const missing = await adminClient.post(
      "/api/users/00000000-0000-4000-8000-000000000def/sessions/end-all",
    );
    expect(missing.statusCode).toBe(404);
    const user = await makeUser(t, { role: null });
    const userClient = new TestClient(t.app, { ip: "192.0.2.50" });
    await userClient.post("/api/auth/login", { email: user.email, password: user.password });
    const refused = await userClient.post(`/api/users/${admin.id}/sessions/end-all`);
    expect(refused.statusCode).toBe(403);
    expect((await adminClient.get("/api/me")).statusCode).toBe(200);
  });
});

describe(`a sign-in from a new device is told to its owner [${testEngine()}]`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  async function signInFrom(user: TestUser, ip: string, userAgent: string) {
    const client = new TestClient(t.app, { ip });
    const response = await client.request(
      "POST",
      "/api/auth/login",
      { email: user.email, password: user.password },
      { "user-agent": userAgent },
    );
    expect(response.statusCode).toBe(200);
    return client;
  }

  async function notices(user: TestUser) {
    return t.deps.db
      .selectFrom("outbox")
      .select(["subject", "body"])
      .where("to_email", "=", user.email)
      .where("kind", "=", "account-security")
      .orderBy("created_at")
      .execute();
  }

  it("sends nothing for a first sign-in or the same device again; sends for a new one", async () => {
    const user = await makeUser(t, { role: null });
    const laptop = await signInFrom(user, "192.0.2.61", CHROME_WINDOWS);
    expect(await notices(user)).toEqual([]);
    await laptop.post("/api/auth/logout");
    t.clock.advance(DAY);
    // Same browser and address, a newer browser version, after signing out: known.
    await signInFrom(user, "192.0.2.61", CHROME_WINDOWS.replace("131.0", "132.0"));
    expect(await notices(user)).toEqual([]);

    t.clock.advance(60 * 1000);
    await signInFrom(user, "198.51.100.200", SAFARI_IPHONE);
    const [notice, ...more] = await notices(user);
    expect(more).toEqual([]);
    expect(notice?.subject).toBe("New sign-in to your Cascade account");
    expect(notice?.body).toContain("Device: Safari on iPhone");
    expect(notice?.body).toContain("Address: 198.51.100.200");
    expect(notice?.body).toContain("http://cascade.test/account/sessions");
    // That device is known now.
    await signInFrom(user, "198.51.100.200", SAFARI_IPHONE);
    expect(await notices(user)).toHaveLength(1);
  });

  it("counts the same kind of browser at a new address as a new device", async () => {
    const user = await makeUser(t, { role: null });
    await signInFrom(user, "192.0.2.71", CHROME_WINDOWS);
    await signInFrom(user, "192.0.2.72", CHROME_WINDOWS);
    expect(await notices(user)).toHaveLength(1);
  });

  it("forgets a device not used for 90 days", async () => {
    const user = await makeUser(t, { role: null });
    await signInFrom(user, "192.0.2.81", CHROME_WINDOWS);
    await signInFrom(user, "192.0.2.82", SAFARI_IPHONE);
    expect(await notices(user)).toHaveLength(1);
    t.clock.advance(91 * DAY);
    await signInFrom(user, "192.0.2.82", SAFARI_IPHONE);
    // Its old session has passed its absolute limit and its known-device row is too old.
    expect(await notices(user)).toHaveLength(2);
  });

  it("knows a device from the person's earlier audited activity", async () => {
    const user = await makeUser(t, { role: null });
    await signInFrom(user, "192.0.2.91", CHROME_WINDOWS);
    // An earlier sign-in from the phone, recorded only in the audit log (e.g. before known devices).
    await t.deps.db
      .insertInto("audit_events")
      .values({
        occurred_at: new Date(t.clock.now().getTime() - DAY),
        actor_user_id: user.id,
        action: "auth.signed_in",
        ip: "192.0.2.92",
        user_agent: SAFARI_IPHONE,
        details: JSON.stringify({}),
      })
      .execute();
    await signInFrom(user, "192.0.2.92", SAFARI_IPHONE);
    expect(await notices(user)).toEqual([]);
  });
});
