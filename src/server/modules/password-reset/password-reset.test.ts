import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeUser, signIn, type TestUser } from "../../../../test/support/factories.ts";
import { CapturingMailer, createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import { hashToken } from "../../access/sessions.ts";
import { RESET_GONE } from "./routes.ts";

const MINUTE = 60 * 1000;
const NEW_PASSWORD = "copper kettle meadow 77";

describe(`password reset by email [${testEngine()}]`, () => {
  let t: TestApp;
  let ipCounter = 0;
  /** A client from an address of its own, so the per-address limit is this test's alone. */
  const fresh = () => new TestClient(t.app, { ip: `198.51.100.${++ipCounter}` });

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  async function mailTo(email: string) {
    return t.deps.db
      .selectFrom("outbox")
      .selectAll()
      .where("to_email", "=", email)
      .orderBy("created_at")
      .orderBy("id")
      .execute();
  }

  function tokenIn(body: string): string {
    const match = body.match(/\/reset-password#token=([A-Za-z0-9_-]+)/);
    if (!match?.[1]) throw new Error("no reset link in the message");
    return match[1];
  }

  async function askForReset(user: TestUser): Promise<string> {
    const before = await mailTo(user.email);
    const response = await fresh().post("/api/auth/password-reset", { email: user.email });
    expect(response.statusCode).toBe(202);
    const mail = await mailTo(user.email);
    expect(mail).toHaveLength(before.length + 1);
    // Mail made at one frozen instant has no order: take the reset link not seen before.
    const seen = new Set(before.map((m) => m.id));
    const added = mail.filter((m) => !seen.has(m.id) && m.kind === "password-reset");
    return tokenIn(added[0]?.body ?? "");
  }

  async function auditCount(action: string, userId?: string): Promise<number> {
    const rows = await t.deps.db
      .selectFrom("audit_events")
      .select("id")
      .where("action", "=", action)
      .$if(userId !== undefined, (q) => q.where("target_id", "=", userId as string))
      .execute();
    return rows.length;
  }

  it("emails a one-time link, sets the new password, ends every session and tells the owner", async () => {
    const user = await makeUser(t);
    const laptop = await signIn(t, user);
    const phone = await signIn(t, user, "192.0.2.44");
    const token = await askForReset(user);
    // The phone was a new device, so its sign-in was told to the owner too.
    const mails = await mailTo(user.email);
    expect(mails.map((m) => m.kind).sort()).toEqual(["account-security", "password-reset"]);
    const mail = mails.find((m) => m.kind === "password-reset");
    expect(mail?.subject).toBe("Reset your Cascade password");
    expect(mail?.body).toContain("http://cascade.test/reset-password#token=");
    expect(mail?.body).toContain("within 30 minutes");
    // Only a digest of the token is stored.
    const stored = await t.deps.db.selectFrom("password_resets").select("token_hash").execute();
    expect(stored.map((s) => s.token_hash)).toContain(hashToken(token));
    expect(stored.map((s) => s.token_hash)).not.toContain(token);

    const done = await fresh().post("/api/auth/password-reset/complete", {
      token,
      password: NEW_PASSWORD,
    });
    expect(done.statusCode).toBe(200);
    expect(json(done)).toEqual({ detail: "Your password is changed. Sign in with it now." });

    // Every session of the account has ended.
    expect((await laptop.get("/api/me")).statusCode).toBe(401);
    expect((await phone.get("/api/me")).statusCode).toBe(401);
    const sessions = await t.deps.db
      .selectFrom("sessions")
      .select("id")
      .where("user_id", "=", user.id)
      .execute();
    expect(sessions).toEqual([]);
    // The old password no longer works; the new one does.
    const old = await fresh().post("/api/auth/login", {
      email: user.email,
      password: user.password,
    });
    expect(old.statusCode).toBe(401);
    await signIn(t, { ...user, password: NEW_PASSWORD });

    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select(["actor_user_id", "target_id", "details"])
      .where("action", "=", "auth.password_reset")
      .where("target_id", "=", user.id)
      .execute();
    expect(audit).toEqual([
      { actor_user_id: user.id, target_id: user.id, details: { sessionsEnded: 2 } },
    ]);
    expect(await auditCount("auth.password_reset_sent", user.id)).toBe(1);
    const notice = (await mailTo(user.email)).find((m) => m.subject.includes("was changed"));
    expect(notice?.kind).toBe("account-security");
    expect(notice?.body).toContain("every session was signed out");
  });

  it("answers an unknown email exactly like a known one, and sends nothing", async () => {
    const user = await makeUser(t);
    const outboxBefore = await t.deps.db.selectFrom("outbox").select("id").execute();
    const unknown = await fresh().post("/api/auth/password-reset", {
      email: "nobody-at-all@school.test",
    });
    const outboxAfter = await t.deps.db.selectFrom("outbox").select("id").execute();
    expect(outboxAfter).toHaveLength(outboxBefore.length);
    const known = await fresh().post("/api/auth/password-reset", { email: user.email });
    expect(unknown.statusCode).toBe(202);
    expect(known.statusCode).toBe(202);
    expect(unknown.body).toBe(known.body);
    expect(unknown.headers["content-type"]).toBe(known.headers["content-type"]);
    expect(await auditCount("auth.password_reset_requested")).toBeGreaterThanOrEqual(1);
  });

  it("sends a disabled account nothing, with the same answer, and refuses its earlier link", async () => {
    const user = await makeUser(t);
    const token = await askForReset(user);
    await t.deps.db
      .updateTable("users")
      .set({ disabled_at: t.clock.now() })
      .where("id", "=", user.id)
      .execute();
    const before = await mailTo(user.email);
    const answer = await fresh().post("/api/auth/password-reset", { email: user.email });
    const unknown = await fresh().post("/api/auth/password-reset", { email: "no-one@school.test" });
    expect(answer.statusCode).toBe(202);
    expect(answer.body).toBe(unknown.body);
    expect(await mailTo(user.email)).toHaveLength(before.length);
    const refused = await fresh().post("/api/auth/password-reset/complete", {
      token,
      password: NEW_PASSWORD,
    });
    expect(refused.statusCode).toBe(410);
  });

  it("refuses an expired link with 410 and changes nothing", async () => {
    const user = await makeUser(t);
    const token = await askForReset(user);
    const hashBefore = await t.deps.db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    t.clock.advance(30 * MINUTE + 1000);
    try {
      const late = await fresh().post("/api/auth/password-reset/complete", {
        token,
        password: NEW_PASSWORD,
      });
      expect(late.statusCode).toBe(410);
      expect(late.headers["content-type"]).toContain("application/problem+json");
      expect(json(late)).toMatchObject({ status: 410, detail: RESET_GONE });
    } finally {
      t.clock.advance(-(30 * MINUTE + 1000));
    }
    const hashAfter = await t.deps.db
      .selectFrom("users")
      .select("password_hash")
      .where("id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(hashAfter).toEqual(hashBefore);
    expect(await auditCount("auth.password_reset", user.id)).toBe(0);
  });

  it("refuses a used link and an unknown one with the same 410", async () => {
    const user = await makeUser(t);
    const token = await askForReset(user);
    const first = await fresh().post("/api/auth/password-reset/complete", {
      token,
      password: NEW_PASSWORD,
    });
    expect(first.statusCode).toBe(200);
    const again = await fresh().post("/api/auth/password-reset/complete", {
      token,
      password: "another fine password 9",
    });
    const unknown = await fresh().post("/api/auth/password-reset/complete", {
      token: "x".repeat(43),
      password: "another fine password 9",
    });
    expect(again.statusCode).toBe(410);
    expect(unknown.statusCode).toBe(410);
    expect(again.body).toBe(unknown.body);
    // The password set by the first use stands.
    await signIn(t, { ...user, password: NEW_PASSWORD });
    expect(await auditCount("auth.password_reset_refused")).toBeGreaterThanOrEqual(2);
  });

  it("voids the account's other outstanding links once one is used", async () => {
    const user = await makeUser(t);
    const first = await askForReset(user);
    const second = await askForReset(user);
    expect(
      (
        await fresh().post("/api/auth/password-reset/complete", {
          token: second,
          password: NEW_PASSWORD,
        })
      ).statusCode,
    ).toBe(200);
    expect(
      (
        await fresh().post("/api/auth/password-reset/complete", {
          token: first,
          password: NEW_PASSWORD,
        })
      ).statusCode,
    ).toBe(410);
  });

  it("refuses a weak password with a field error and leaves the link usable", async () => {
    const user = await makeUser(t);
    const token = await askForReset(user);
    const short = await fresh().post("/api/auth/password-reset/complete", {
      token,
      password: "short",
    });
    expect(short.statusCode).toBe(400);
    const common = await fresh().post("/api/auth/password-reset/complete", {
      token,
      password: "password1234",
    });
    expect(common.statusCode).toBe(400);
    expect(json(common)).toMatchObject({ errors: [{ field: "password" }] });
    const ownEmail = await fresh().post("/api/auth/password-reset/complete", {
      token,
      password: user.email,
    });
    expect(ownEmail.statusCode).toBe(400);
    expect(await auditCount("auth.password_reset", user.id)).toBe(0);
    const good = await fresh().post("/api/auth/password-reset/complete", {
      token,
      password: NEW_PASSWORD,
    });
    expect(good.statusCode).toBe(200);
  });

  it("sends at most three links per account in half an hour, answering the same", async () => {
    const user = await makeUser(t);
    for (let i = 0; i < 3; i++) await askForReset(user);
    const fourth = await fresh().post("/api/auth/password-reset", { email: user.email });
    expect(fourth.statusCode).toBe(202);
    expect(await mailTo(user.email)).toHaveLength(3);
  });

  it("throttles requests from one address with 429 and Retry-After", async () => {
    const client = new TestClient(t.app, { ip: "203.0.113.77" });
    for (let i = 0; i < 30; i++) {
      const ok = await client.post("/api/auth/password-reset", { email: `x${i}@school.test` });
      expect(ok.statusCode).toBe(202);
    }
    const refused = await client.post("/api/auth/password-reset", { email: "y@school.test" });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers["retry-after"]).toBeDefined();
    // Another address is not held back.
    expect(
      (await fresh().post("/api/auth/password-reset", { email: "y@school.test" })).statusCode,
    ).toBe(202);
  });

  it("throttles attempts at reset links from one address", async () => {
    const client = new TestClient(t.app, { ip: "203.0.113.78" });
    for (let i = 0; i < 30; i++) {
      const gone = await client.post("/api/auth/password-reset/complete", {
        token: `guess-${i}-${"y".repeat(30)}`,
        password: NEW_PASSWORD,
      });
      expect(gone.statusCode).toBe(410);
    }
    const refused = await client.post("/api/auth/password-reset/complete", {
      token: "z".repeat(43),
      password: NEW_PASSWORD,
    });
    expect(refused.statusCode).toBe(429);
  });

  it("rejects bad input before anything runs", async () => {
    const client = fresh();
    expect((await client.post("/api/auth/password-reset", {})).statusCode).toBe(400);
    expect(
      (await client.post("/api/auth/password-reset", { email: "a@b.test", extra: 1 })).statusCode,
    ).toBe(400);
    expect(
      (
        await client.post("/api/auth/password-reset/complete", {
          token: "short",
          password: NEW_PASSWORD,
        })
      ).statusCode,
    ).toBe(400);
  });
});

describe(`changing one's password while signed in [${testEngine()}]`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it("needs the current password, ends the other sessions and keeps this one", async () => {
    const user = await makeUser(t, { role: null });
    const here = await signIn(t, user);
    const elsewhere = await signIn(t, user, "192.0.2.90");
    const changed = await here.post("/api/me/password", {
      currentPassword: user.password,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.statusCode).toBe(200);
    expect(json(changed)).toMatchObject({ sessionsEnded: 1 });
    expect((await here.get("/api/me")).statusCode).toBe(200);
    expect((await elsewhere.get("/api/me")).statusCode).toBe(401);
    await signIn(t, { ...user, password: NEW_PASSWORD });
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select("details")
      .where("action", "=", "auth.password_changed")
      .where("actor_user_id", "=", user.id)
      .execute();
    expect(audit).toEqual([{ details: { sessionsEnded: 1 } }]);
    const notice = await t.deps.db
      .selectFrom("outbox")
      .select("subject")
      .where("to_email", "=", user.email)
      .where("kind", "=", "account-security")
      .execute();
    expect(notice.map((n) => n.subject)).toContain("Your Cascade password was changed");
  });

  it("refuses a wrong current password, and a weak new one, changing nothing", async () => {
    const user = await makeUser(t, { role: null });
    const here = await signIn(t, user);
    const wrong = await here.post("/api/me/password", {
      currentPassword: "not my password at all",
      newPassword: NEW_PASSWORD,
    });
    expect(wrong.statusCode).toBe(400);
    expect(json(wrong)).toMatchObject({ errors: [{ field: "currentPassword" }] });
    const weak = await here.post("/api/me/password", {
      currentPassword: user.password,
      newPassword: "password1234",
    });
    expect(weak.statusCode).toBe(400);
    expect(json(weak)).toMatchObject({ errors: [{ field: "newPassword" }] });
    // Still signed in, the old password still works.
    expect((await here.get("/api/me")).statusCode).toBe(200);
    await signIn(t, user);
  });

  it("counts wrong current passwords against the sign-in limits", async () => {
    const user = await makeUser(t, { role: null });
    const here = await signIn(t, user, "192.0.2.120");
    for (let i = 0; i < 10; i++) {
      const wrong = await here.post("/api/me/password", {
        currentPassword: `wrong guess ${i}`,
        newPassword: NEW_PASSWORD,
      });
      expect(wrong.statusCode).toBe(400);
    }
    const paused = await here.post("/api/me/password", {
      currentPassword: user.password,
      newPassword: NEW_PASSWORD,
    });
    expect(paused.statusCode).toBe(429);
  });

  it("is for signed-in people only", async () => {
    const response = await new TestClient(t.app).post("/api/me/password", {
      currentPassword: "x",
      newPassword: NEW_PASSWORD,
    });
    expect(response.statusCode).toBe(401);
  });
});

describe(`password reset with a mail server [${testEngine()}]`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ mailer: new CapturingMailer(true) });
  });
  afterAll(async () => t.close());

  it("sends the link by mail after answering, and keeps nothing in the outbox", async () => {
    const user = await makeUser(t);
    const response = await new TestClient(t.app).post("/api/auth/password-reset", {
      email: user.email,
    });
    expect(response.statusCode).toBe(202);
    await vi.waitFor(() => expect(t.mailer.sent.map((m) => m.to)).toContain(user.email));
    const [message] = t.mailer.sent.filter((m) => m.to === user.email);
    expect(message?.subject).toBe("Reset your Cascade password");
    expect(message?.text).toMatch(/\/reset-password#token=[\w-]{43}/);
    expect(await t.deps.db.selectFrom("outbox").select("id").execute()).toEqual([]);
  });
});
