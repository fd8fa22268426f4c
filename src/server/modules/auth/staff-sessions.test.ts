import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeUser, signIn, type TestUser } from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";

const MINUTE = 60 * 1000;

/** Staff with named pupil data get a short idle limit and, unless they ask, a browser-session cookie. */
describe(`sessions of staff with named pupil data [${testEngine()}]`, () => {
  let t: TestApp;
  let teacher: TestUser;
  beforeAll(async () => {
    t = await createTestApp({ config: { staffIdleMinutes: 45 } });
    teacher = await makeUser(t, { role: "teacher", scopeId: crypto.randomUUID() });
  });
  afterAll(async () => t.close());

  it.each([
    ["school_leader"],
    ["teacher"],
    ["para_professional"],
  ] as const)("ends a %s's session after the configured idle minutes", async (role) => {
    const client = await signIn(t, await makeUser(t, { role, scopeId: crypto.randomUUID() }));
    t.clock.advance(44 * MINUTE);
    expect((await client.get("/api/me")).statusCode).toBe(200);
    t.clock.advance(44 * MINUTE); // 44 minutes since the last request: still alive
    expect((await client.get("/api/me")).statusCode).toBe(200);
    t.clock.advance(45 * MINUTE + 1000);
    expect((await client.get("/api/me")).statusCode).toBe(401);
  });

  it("keeps the 12-hour idle limit for roles without named pupil data", async () => {
    const lead = await signIn(
      t,
      await makeUser(t, { role: "programme_lead", scopeId: crypto.randomUUID() }),
    );
    t.clock.advance(3 * 60 * MINUTE);
    expect((await lead.get("/api/me")).statusCode).toBe(200);
  });

  it("gives a browser-session cookie unless “keep me signed in” is ticked", async () => {
    const plain = await new TestClient(t.app).post("/api/auth/login", {
      email: teacher.email,
      password: teacher.password,
    });
    const plainCookie = plain.cookies.find((c) => c.name === "cascade_session");
    expect(plainCookie).toBeDefined();
    expect(plainCookie?.expires).toBeUndefined();
    expect(plainCookie?.maxAge).toBeUndefined();

    const kept = await new TestClient(t.app).post("/api/auth/login", {
      email: teacher.email,
      password: teacher.password,
      keepSignedIn: true,
    });
    const keptCookie = kept.cookies.find((c) => c.name === "cascade_session");
    const lifetime = (keptCookie?.expires?.getTime() ?? 0) - t.clock.now().getTime();
    expect(lifetime).toBe(7 * 24 * 60 * MINUTE);
  });

  it("refuses a keepSignedIn that is not true or false, naming the field", async () => {
    const response = await new TestClient(t.app).post("/api/auth/login", {
      email: teacher.email,
      password: teacher.password,
      keepSignedIn: "yes",
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("keepSignedIn");
  });
});
