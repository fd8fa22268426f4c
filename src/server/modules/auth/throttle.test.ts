import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeUser } from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import { THROTTLE_LIMITS } from "./throttle.ts";

const MINUTE = 60 * 1000;

async function auditCount(t: TestApp, action: string): Promise<number> {
  const rows = await t.deps.db
    .selectFrom("audit_events")
    .select("id")
    .where("action", "=", action)
    .execute();
  return rows.length;
}

describe(`sign-in throttling [${testEngine()}]`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it("after 10 failures from one address for one account answers that pair 429 with Retry-After, while the owner elsewhere still signs in", async () => {
    const victim = await makeUser(t);
    const attacker = new TestClient(t.app, { ip: "192.0.2.66" });
    for (let i = 0; i < THROTTLE_LIMITS.pair; i++) {
      const response = await attacker.post("/api/auth/login", {
        email: victim.email,
        password: `wrong guess number ${i}`,
      });
      expect(response.statusCode).toBe(401);
      t.clock.advance(1000);
    }
    const blocked = await attacker.post("/api/auth/login", {
      email: victim.email,
      password: victim.password,
    });
    expect(blocked.statusCode).toBe(429);
    expect(Number(blocked.headers["retry-after"])).toBeGreaterThan(0);
    expect(Number(blocked.headers["retry-after"])).toBeLessThanOrEqual(15 * 60);
    expect(blocked.headers["content-type"]).toContain("application/problem+json");
    expect(await auditCount(t, "auth.sign_in_throttled")).toBeGreaterThan(0);

    // The attacker cannot lock the owner out: another address has its own budget.
    const owner = await new TestClient(t.app, { ip: "192.0.2.200" }).post("/api/auth/login", {
      email: victim.email,
      password: victim.password,
    });
    expect(owner.statusCode).toBe(200);

    t.clock.advance(15 * MINUTE);
    const later = await attacker.post("/api/auth/login", {
      email: victim.email,
      password: victim.password,
    });
    expect(later.statusCode).toBe(200);
  });

  it("after 30 failures from one address (many accounts) answers 429 there, while other addresses keep their budget", async () => {
    const someone = await makeUser(t);
    const attacker = { ip: "198.51.100.66" };
    for (let i = 0; i < THROTTLE_LIMITS.address; i++) {
      await new TestClient(t.app, attacker).post("/api/auth/login", {
        email: `guess-${i}@school.test`,
        password: "spray spray spray",
      });
    }
    const fromAttacker = await new TestClient(t.app, attacker).post("/api/auth/login", {
      email: someone.email,
      password: someone.password,
    });
    expect(fromAttacker.statusCode).toBe(429);
    const fromElsewhere = await new TestClient(t.app, { ip: "198.51.100.67" }).post(
      "/api/auth/login",
      { email: someone.email, password: someone.password },
    );
    expect(fromElsewhere.statusCode).toBe(200);
  });

  it("ignores X-Forwarded-For when no proxy is trusted", async () => {
    const target = await makeUser(t);
    const ip = "198.51.100.90";
    for (let i = 0; i < THROTTLE_LIMITS.address; i++) {
      await new TestClient(t.app, { ip }).request(
        "POST",
        "/api/auth/login",
        { email: `x-${i}@school.test`, password: "spray spray spray" },
        { "x-forwarded-for": `10.0.0.${i}` },
      );
    }
    const response = await new TestClient(t.app, { ip }).request(
      "POST",
      "/api/auth/login",
      { email: target.email, password: target.password },
      { "x-forwarded-for": "10.9.9.9" },
    );
    expect(response.statusCode).toBe(429);
  });

  it("evaluates at most the limit of 40 concurrent wrong guesses (count and check are one statement)", async () => {
    const victim = await makeUser(t);
    const before = await auditCount(t, "auth.sign_in_failed");
    const client = new TestClient(t.app, { ip: "192.0.2.77" });
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        client.clone().post("/api/auth/login", {
          email: victim.email,
          password: `concurrent wrong guess ${i}`,
        }),
      ),
    );
    const codes = responses.map((r) => r.statusCode);
    // Every password that was checked left a failure audit row; the rest were refused unchecked.
    const evaluated = (await auditCount(t, "auth.sign_in_failed")) - before;
    expect(evaluated).toBeLessThanOrEqual(THROTTLE_LIMITS.pair);
    expect(codes.filter((c) => c === 401)).toHaveLength(evaluated);
    expect(codes.filter((c) => c === 429)).toHaveLength(40 - evaluated);
    expect(evaluated).toBe(THROTTLE_LIMITS.pair);
  });
});

describe(`an account under attack from many addresses [${testEngine()}]`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  async function attackFromEverywhere(email: string): Promise<void> {
    for (let i = 0; i < THROTTLE_LIMITS.account; i++) {
      const response = await new TestClient(t.app, {
        ip: `10.${Math.floor(i / 250)}.${i % 250}.9`,
      }).post("/api/auth/login", { email, password: `distributed guess ${i}` });
      expect(response.statusCode).toBe(401);
    }
  }

  function linkIn(body: string): string {
    const match = body.match(/\/sign-in\/link#token=([A-Za-z0-9_-]+)/);
    if (!match?.[1]) throw new Error("no sign-in link in the message");
    return match[1];
  }

  it("pauses password sign-in at the account's ceiling and lets the owner in with a one-time emailed link", async () => {
    const owner = await makeUser(t);
    await attackFromEverywhere(owner.email);
    const home = new TestClient(t.app, { ip: "192.0.2.10" });
    const paused = await home.post("/api/auth/login", {
      email: owner.email,
      password: owner.password,
    });
    expect(paused.statusCode).toBe(429);
    expect(json(paused)).toMatchObject({ signInLink: true });

    const asked = await home.post("/api/auth/sign-in-link", { email: owner.email });
    expect(asked.statusCode).toBe(202);
    // No mail server: the message waits in the outbox, addressed to the owner only.
    const mail = await t.deps.db
      .selectFrom("outbox")
      .selectAll()
      .where("to_email", "=", owner.email)
      .execute();
    expect(mail).toHaveLength(1);
    const token = linkIn(mail[0]?.body ?? "");
    expect(mail[0]?.body).toContain("http://cascade.test/sign-in/link#token=");
    // Only a digest of the link is stored.
    const stored = await t.deps.db.selectFrom("sign_in_links").select("token_hash").execute();
    expect(stored.map((s) => s.token_hash)).not.toContain(token);

    const redeemed = await home.post("/api/auth/sign-in-link/redeem", { token });
    expect(redeemed.statusCode).toBe(200);
    expect(json(redeemed)).toMatchObject({ id: owner.id });
    expect((await home.get("/api/me")).statusCode).toBe(200);
    const cookie = redeemed.cookies.find((c) => c.name === "cascade_session");
    expect(cookie?.expires).toBeUndefined();

    const again = await new TestClient(t.app).post("/api/auth/sign-in-link/redeem", { token });
    expect(again.statusCode).toBe(410);
    expect(await auditCount(t, "auth.sign_in_link_sent")).toBe(1);
    expect(await auditCount(t, "auth.sign_in_link_requested")).toBe(0);
    expect(await auditCount(t, "auth.sign_in_link_refused")).toBe(1);
    const signedIn = await t.deps.db
      .selectFrom("audit_events")
      .select("details")
      .where("action", "=", "auth.signed_in")
      .where("actor_user_id", "=", owner.id)
      .execute();
    expect(signedIn.map((r) => r.details)).toContainEqual({ via: "sign_in_link" });
  });

  it("sends no link for an account not under attack, or an unknown email, with the same answer", async () => {
    const calm = await makeUser(t);
    const before = await t.deps.db.selectFrom("outbox").select("id").execute();
    const known = await new TestClient(t.app).post("/api/auth/sign-in-link", {
      email: calm.email,
    });
    const unknown = await new TestClient(t.app).post("/api/auth/sign-in-link", {
      email: "nobody-here@school.test",
    });
    expect(known.statusCode).toBe(202);
    expect(unknown.statusCode).toBe(202);
    expect(known.body).toBe(unknown.body);
    const after = await t.deps.db.selectFrom("outbox").select("id").execute();
    expect(after).toHaveLength(before.length);
  });

  it("refuses a link after 15 minutes, and a disabled account's link", async () => {
    const owner = await makeUser(t);
    await attackFromEverywhere(owner.email);
    await new TestClient(t.app).post("/api/auth/sign-in-link", { email: owner.email });
    await new TestClient(t.app).post("/api/auth/sign-in-link", { email: owner.email });
    const mail = await t.deps.db
      .selectFrom("outbox")
      .selectAll()
      .where("to_email", "=", owner.email)
      .orderBy("created_at")
      .execute();
    expect(mail).toHaveLength(2);
    const [first, second] = mail.map((m) => linkIn(m.body));
    t.clock.advance(15 * MINUTE + 1000);
    expect(
      (await new TestClient(t.app).post("/api/auth/sign-in-link/redeem", { token: first }))
        .statusCode,
    ).toBe(410);
    t.clock.advance(-(15 * MINUTE + 1000) + MINUTE);
    await t.deps.db
      .updateTable("users")
      .set({ disabled_at: t.clock.now() })
      .where("id", "=", owner.id)
      .execute();
    expect(
      (await new TestClient(t.app).post("/api/auth/sign-in-link/redeem", { token: second }))
        .statusCode,
    ).toBe(410);
  });
});
