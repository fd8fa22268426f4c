import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeUser, signIn, type TestUser } from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import { REAUTH_WINDOW_MINUTES } from "../../../domain/reauth-window.ts";
import { timeStep } from "../../../domain/totp-window.ts";
import { createSession } from "../../access/sessions.ts";
import { setSecondFactorRequired } from "./store.ts";
import { totpCodeAt } from "./totp.ts";

const STEP_MS = 30_000;

interface Enrolled {
  secret: string;
  recoveryCodes: string[];
}

describe(`TOTP second factor [${testEngine()}]`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const codeNow = (secret: string, offsetSteps = 0) =>
    totpCodeAt(secret, timeStep(t.clock.now().getTime()) + offsetSteps);

  async function enrol(client: TestClient): Promise<Enrolled> {
    const start = await client.post("/api/mfa/totp");
    expect(start.statusCode, start.body).toBe(201);
    const { manualKey } = json<{ manualKey: string }>(start);
    const confirm = await client.post("/api/mfa/totp/confirm", { code: codeNow(manualKey) });
    expect(confirm.statusCode).toBe(200);
    // The code just used is spent: move on a step, as a person would.
    t.clock.advance(STEP_MS);
    return { secret: manualKey, recoveryCodes: json<Enrolled>(confirm).recoveryCodes };
  }

  /** The password step: answers the challenge cookie to send with the second step. */
  async function passwordStep(user: TestUser, ip = "203.0.113.10"): Promise<string> {
    const response = await new TestClient(t.app, { ip }).post("/api/auth/login", {
      email: user.email,
      password: user.password,
    });
    expect(response.statusCode).toBe(200);
    expect(json(response)).toEqual({ secondFactor: "required", methods: ["totp"] });
    expect(response.cookies.find((c) => c.name === "cascade_session")).toBeUndefined();
    const cookie = response.cookies.find((c) => c.name === "cascade_second_factor");
    expect(cookie?.httpOnly).toBe(true);
    return `cascade_second_factor=${cookie?.value}`;
  }

  async function secondStep(challenge: string, body: unknown, ip = "203.0.113.10") {
    const client = new TestClient(t.app, { ip });
    const response = await client.request("POST", "/api/auth/login/second-factor", body, {
      cookie: challenge,
    });
    return { response, client };
  }

  async function countSessions(userId: string): Promise<number> {
    const rows = await t.deps.db
      .selectFrom("sessions")
      .select("id")
      .where("user_id", "=", userId)
      .execute();
    return rows.length;
  }

  async function methodOfLatestSession(userId: string) {
    const row = await t.deps.db
      .selectFrom("sessions")
      .select("method")
      .where("user_id", "=", userId)
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    return row.method;
  }

  it("enrols with a QR code and manual key, confirms with a code, and shows 10 recovery codes once", async () => {
    const user = await makeUser(t);
    const client = await signIn(t, user);
    const other = await signIn(t, user, "198.51.100.7");
    const start = await client.post("/api/mfa/totp");
    expect(start.statusCode, start.body).toBe(201);
    const body = json<{ manualKey: string; otpauthUri: string; qrCode: string }>(start);
    expect(body.manualKey).toMatch(/^[A-Z2-7]{32}$/);
    expect(body.otpauthUri).toMatch(/^otpauth:\/\/totp\/Cascade:/);
    expect(body.otpauthUri).toContain(`secret=${body.manualKey}`);
    expect(body.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(body.qrCode.split(",")[1] ?? "", "base64").toString()).toContain("<svg");

    const wrong = await client.post("/api/mfa/totp/confirm", {
      code: codeNow(body.manualKey) === "000000" ? "111111" : "000000",
    });
    expect(wrong.statusCode).toBe(401);
    const notDigits = await client.post("/api/mfa/totp/confirm", { code: "12ab56" });
    expect(notDigits.statusCode).toBe(400);

    const confirm = await client.post("/api/mfa/totp/confirm", { code: codeNow(body.manualKey) });
    expect(confirm.statusCode).toBe(200);
    const { recoveryCodes } = json<{ recoveryCodes: string[] }>(confirm);
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    for (const code of recoveryCodes) expect(code).toMatch(/^[A-Z2-7]{4}(-[A-Z2-7]{4}){3}$/);
    // Only digests are kept.
    const stored = await t.deps.db
      .selectFrom("recovery_codes")
      .select("code_hash")
      .where("user_id", "=", user.id)
      .execute();
    expect(stored).toHaveLength(10);
    for (const code of recoveryCodes) {
      expect(stored.map((s) => s.code_hash).join(" ")).not.toContain(code.replaceAll("-", ""));
    }
    // The secret is never sent again: a new start is refused while the factor is on.
    expect((await client.post("/api/mfa/totp")).statusCode).toBe(409);
    const status = json(await client.get("/api/mfa"));
    expect(status).toMatchObject({ totpEnabled: true, recoveryCodesLeft: 10, standing: "ok" });
    expect(JSON.stringify(status)).not.toContain(body.manualKey);
    // The session that confirmed now counts as multi-factor; the other one ended.
    expect(await methodOfLatestSession(user.id)).toBe("password_totp");
    expect((await other.get("/api/me")).statusCode).toBe(401);
    expect((await client.get("/api/me")).statusCode).toBe(200);
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select(["action", "details"])
      .where("actor_user_id", "=", user.id)
      .where("action", "like", "mfa.%")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual(["mfa.totp_enrolment_started", "mfa.totp_enabled"]);
    expect(audit[1]?.details).toMatchObject({ recoveryCodes: 10, otherSessionsEnded: 1 });
  });

  it("signs in with the password and then a code; the code is not accepted twice", async () => {
    const user = await makeUser(t);
    const { secret } = await enrol(await signIn(t, user));
    const challenge = await passwordStep(user);
    const code = codeNow(secret);
    const { response, client } = await secondStep(challenge, { code });
    expect(response.statusCode).toBe(200);
    expect(json(response)).toMatchObject({ id: user.id, email: user.email });
    expect(response.cookies.find((c) => c.name === "cascade_second_factor")?.value).toBe("");
    expect((await client.get("/api/me")).statusCode).toBe(200);
    expect(await methodOfLatestSession(user.id)).toBe("password_totp");

    // The same code again, with a new challenge, within its window: a replay.
    const again = await secondStep(await passwordStep(user), { code });
    expect(again.response.statusCode).toBe(401);
    expect(json(again.response).detail).toMatch(/already been used/);
    // An earlier step's code is closed too; the next step's code works.
    const earlier = await secondStep(await passwordStep(user), { code: codeNow(secret, -1) });
    expect(earlier.response.statusCode).toBe(401);
    t.clock.advance(STEP_MS);
    const next = await secondStep(await passwordStep(user), { code: codeNow(secret) });
    expect(next.response.statusCode).toBe(200);
  });

  it("accepts a code one step early or late, not two", async () => {
    const user = await makeUser(t);
    const { secret } = await enrol(await signIn(t, user));
    t.clock.advance(5 * STEP_MS);
    const far = await secondStep(await passwordStep(user), { code: codeNow(secret, 2) });
    expect(far.response.statusCode).toBe(401);
    const late = await secondStep(await passwordStep(user), { code: codeNow(secret, -1) });
    expect(late.response.statusCode).toBe(200);
    const early = await secondStep(await passwordStep(user), { code: codeNow(secret, 1) });
    expect(early.response.statusCode).toBe(200);
  });

  it("a challenge works once and for five minutes only", async () => {
    const user = await makeUser(t);
    const { secret } = await enrol(await signIn(t, user));
    const challenge = await passwordStep(user);
    expect((await secondStep(challenge, { code: codeNow(secret) })).response.statusCode).toBe(200);
    t.clock.advance(STEP_MS);
    const reused = await secondStep(challenge, { code: codeNow(secret) });
    expect(reused.response.statusCode).toBe(401);
    expect(json(reused.response).detail).toMatch(/Sign in again/);

    const late = await passwordStep(user);
    t.clock.advance(5 * 60 * 1000 + 1000);
    const expired = await secondStep(late, { code: codeNow(secret) });
    expect(expired.response.statusCode).toBe(401);
    expect(json(expired.response).detail).toMatch(/timed out/);
    // No challenge at all, or a made-up one.
    const none = await new TestClient(t.app).post("/api/auth/login/second-factor", {
      code: codeNow(secret),
    });
    expect(none.statusCode).toBe(401);
    const forged = await secondStep("cascade_second_factor=forged-token-value", {
      code: codeNow(secret),
    });
    expect(forged.response.statusCode).toBe(401);
    // Only the challenge's digest is stored.
    const tokens = await t.deps.db
      .selectFrom("second_factor_challenges")
      .select("token_hash")
      .execute();
    expect(tokens.map((r) => r.token_hash)).not.toContain(late.split("=")[1]);
  });

  it("counts wrong codes like failed sign-ins and stops guessing after 10", async () => {
    const user = await makeUser(t);
    const { secret } = await enrol(await signIn(t, user));
    const right = codeNow(secret);
    const wrongCode = right === "123456" ? "654321" : "123456";
    const challenge = await passwordStep(user, "198.51.100.20");
    for (let i = 0; i < 10; i++) {
      const { response } = await secondStep(challenge, { code: wrongCode }, "198.51.100.20");
      expect(response.statusCode).toBe(401);
    }
    const throttled = await secondStep(challenge, { code: right }, "198.51.100.20");
    expect(throttled.response.statusCode).toBe(429);
    expect(throttled.response.headers["retry-after"]).toBeDefined();
    // From another address too: the limit is the person's.
    const elsewhere = await secondStep(challenge, { code: right }, "198.51.100.21");
    expect(elsewhere.response.statusCode).toBe(429);
    const failures = await t.deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("target_id", "=", user.id)
      .where("action", "in", ["auth.second_factor_failed", "auth.second_factor_throttled"])
      .execute();
    expect(failures.filter((f) => f.action === "auth.second_factor_failed")).toHaveLength(10);
    expect(failures.some((f) => f.action === "auth.second_factor_throttled")).toBe(true);
    // A window later, the right code works again.
    t.clock.advance(15 * 60 * 1000);
    const later = await secondStep(await passwordStep(user), { code: codeNow(secret) });
    expect(later.response.statusCode).toBe(200);
  });

  it("signs in with a recovery code once; the used code is refused after", async () => {
    const user = await makeUser(t);
    const { recoveryCodes } = await enrol(await signIn(t, user));
    const code = recoveryCodes[3] as string;
    const first = await secondStep(await passwordStep(user), {
      recoveryCode: code.toLowerCase().replaceAll("-", " "),
    });
    expect(first.response.statusCode).toBe(200);
    expect(await methodOfLatestSession(user.id)).toBe("recovery_code");
    expect(json(await first.client.get("/api/mfa"))).toMatchObject({ recoveryCodesLeft: 9 });
    const again = await secondStep(await passwordStep(user), { recoveryCode: code });
    expect(again.response.statusCode).toBe(401);
    expect(json(again.response).detail).toMatch(/already been used/);
    const made = await secondStep(await passwordStep(user), {
      recoveryCode: "AAAA-BBBB-CCCC-DDDD",
    });
    expect(made.response.statusCode).toBe(401);
    const both = await secondStep(await passwordStep(user), { code: "123456", recoveryCode: code });
    expect(both.response.statusCode).toBe(400);
  });

  it("refuses the second step when the account was disabled after the password", async () => {
    const user = await makeUser(t);
    const { secret } = await enrol(await signIn(t, user));
    const challenge = await passwordStep(user);
    await t.deps.db
      .updateTable("users")
      .set({ disabled_at: t.clock.now() })
      .where("id", "=", user.id)
      .execute();
    const sessionsBefore = await countSessions(user.id);
    const { response } = await secondStep(challenge, { code: codeNow(secret) });
    expect(response.statusCode).toBe(401);
    expect(response.cookies.find((c) => c.name === "cascade_session")).toBeUndefined();
    expect(await countSessions(user.id)).toBe(sessionsBefore);
  });

  it("turns the factor off only with the password, ending the other sessions", async () => {
    const user = await makeUser(t);
    const client = await signIn(t, user);
    const { secret } = await enrol(client);
    const other = (
      await secondStep(
        await passwordStep(user, "198.51.100.30"),
        { code: codeNow(secret) },
        "198.51.100.30",
      )
    ).client;
    // Past the re-authentication window of the sign-in, nothing but the password will do.
    t.clock.advance((REAUTH_WINDOW_MINUTES + 1) * 60_000);
    const empty = await client.post("/api/mfa/totp/disable", {});
    expect(empty.statusCode).toBe(401);
    expect(json(empty)).toMatchObject({ code: "reauth_required" });
    const wrong = await client.post("/api/mfa/totp/disable", { password: "not my password" });
    expect(wrong.statusCode).toBe(401);
    const ok = await client.post("/api/mfa/totp/disable", { password: user.password });
    expect(ok.statusCode).toBe(204);
    expect((await other.get("/api/me")).statusCode).toBe(401);
    expect(json(await client.get("/api/mfa"))).toMatchObject({
      totpEnabled: false,
      standing: "ok",
    });
    expect(await methodOfLatestSession(user.id)).toBe("password");
    // Signing in is back to the password alone.
    const again = await new TestClient(t.app).post("/api/auth/login", {
      email: user.email,
      password: user.password,
    });
    expect(json(again)).toMatchObject({ id: user.id });
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select("details")
      .where("action", "=", "mfa.totp_disabled")
      .where("actor_user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(audit.details).toEqual({ otherSessionsEnded: 1 });
  });

  it("replaces recovery codes with the password or a fresh code; the old ones stop working", async () => {
    const user = await makeUser(t);
    const client = await signIn(t, user);
    const { secret, recoveryCodes: old } = await enrol(client);
    expect(
      (await client.post("/api/mfa/recovery-codes", { password: "wrong one" })).statusCode,
    ).toBe(401);
    const renewed = await client.post("/api/mfa/recovery-codes", { code: codeNow(secret) });
    expect(renewed.statusCode).toBe(200);
    const fresh = json<{ recoveryCodes: string[] }>(renewed).recoveryCodes;
    expect(fresh).toHaveLength(10);
    expect(fresh).not.toContain(old[0]);
    const oldCode = await secondStep(await passwordStep(user), { recoveryCode: old[0] });
    expect(oldCode.response.statusCode).toBe(401);
    const newCode = await secondStep(await passwordStep(user), { recoveryCode: fresh[0] });
    expect(newCode.response.statusCode).toBe(200);
  });

  it("asks a session that did not pass the factor (a sign-in link) for it before anything else", async () => {
    const user = await makeUser(t);
    const { secret } = await enrol(await signIn(t, user));
    const session = await createSession(
      t.deps.db,
      user.id,
      t.clock.now(),
      { ip: null, userAgent: null },
      "sign_in_link",
    );
    const client = new TestClient(t.app);
    client.cookie = `cascade_session=${session.token}`;
    expect((await client.get("/api/me")).statusCode).toBe(200);
    const blocked = await client.get("/api/users");
    expect(blocked.statusCode).toBe(403);
    expect(json(blocked).type).toBe("/problems/second-factor-required");
    expect(json(await client.get("/api/mfa"))).toMatchObject({
      standing: "second-factor-required",
    });
    const verified = await client.post("/api/mfa/verify", { code: codeNow(secret) });
    expect(verified.statusCode).toBe(204);
    expect((await client.get("/api/users")).statusCode).toBe(200);
  });
});

describe(`second-factor policy [${testEngine()}]`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ secondFactorRequired: true });
  });
  afterAll(async () => t.close());

  it("starts on for a fresh install, and only administrators change it (audited)", async () => {
    const admin = await makeUser(t);
    const adminClient = await signIn(t, admin);
    // The administrator is covered too: enrol first.
    const start = await adminClient.post("/api/mfa/totp");
    const { manualKey } = json<{ manualKey: string }>(start);
    await adminClient.post("/api/mfa/totp/confirm", {
      code: totpCodeAt(manualKey, timeStep(t.clock.now().getTime())),
    });
    const settings = await adminClient.get("/api/security-settings");
    expect(json(settings)).toEqual({
      secondFactorRequired: true,
      coveredRoles: ["network_admin", "school_leader", "teacher", "para_professional"],
    });
    const off = await adminClient.put("/api/security-settings", { secondFactorRequired: false });
    expect(json(off)).toMatchObject({ secondFactorRequired: false });
    const on = await adminClient.put("/api/security-settings", { secondFactorRequired: true });
    expect(json(on)).toMatchObject({ secondFactorRequired: true });
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select("details")
      .where("action", "=", "security.second_factor_policy_changed")
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.details)).toEqual([
      { secondFactorRequired: false },
      { secondFactorRequired: true },
    ]);
    const teacher = await makeUser(t, { role: null });
    const teacherClient = await signIn(t, teacher);
    expect((await teacherClient.get("/api/security-settings")).statusCode).toBe(403);
  });

  it("lets a covered person without a factor reach only who-am-I, sign-out and enrolment", async () => {
    const user = await makeUser(t);
    const client = await signIn(t, user);
    expect((await client.get("/api/me")).statusCode).toBe(200);
    expect(json(await client.get("/api/mfa"))).toMatchObject({
      standing: "enrolment-required",
      requiredByPolicy: true,
    });
    const actor = await t.deps.db
      .selectFrom("sessions")
      .select("id")
      .where("user_id", "=", user.id)
      .executeTakeFirstOrThrow();
    expect(actor.id).toBeTruthy();
    // Every signed-in route but the few marked for before the second factor.
    const allowed = new Set([
      "GET /api/me",
      "GET /api/mfa",
      "POST /api/mfa/totp",
      "POST /api/mfa/totp/confirm",
      "POST /api/mfa/verify",
      // Enrolling with a passkey, or passing one.
      "POST /api/passkeys/registration/options",
      "POST /api/passkeys",
      "POST /api/passkeys/verify/options",
      "POST /api/passkeys/verify",
    ]);
    const checked: string[] = [];
    for (const route of t.routes) {
      if (route.access.kind === "public") continue;
      const key = `${route.method} ${route.url}`;
      if (allowed.has(key)) continue;
      const url = route.url.replaceAll(/:[A-Za-z]+/g, "00000000-0000-4000-8000-000000000001");
      const response = await client.request(
        route.method as "GET",
        url,
        route.method === "GET" || route.method === "DELETE" ? undefined : {},
      );
      expect(response.statusCode, key).toBe(403);
      expect(json(response).type, key).toBe("/problems/second-factor-enrolment-required");
      checked.push(key);
    }
    expect(checked.length).toBeGreaterThan(50);
    expect(checked).toContain("GET /api/users");

    // Enrolling opens the rest.
    const { manualKey } = json<{ manualKey: string }>(await client.post("/api/mfa/totp"));
    const confirm = await client.post("/api/mfa/totp/confirm", {
      code: totpCodeAt(manualKey, timeStep(t.clock.now().getTime())),
    });
    expect(confirm.statusCode).toBe(200);
    expect((await client.get("/api/users")).statusCode).toBe(200);
    // Signing out works throughout.
    expect((await client.post("/api/auth/logout")).statusCode).toBe(204);
  });

  it("does not cover a person without a role that sees named pupil data", async () => {
    const user = await makeUser(t, { role: null });
    const client = await signIn(t, user);
    expect(json(await client.get("/api/mfa"))).toMatchObject({
      standing: "ok",
      requiredByPolicy: false,
    });
  });

  it("once off, a covered person signs in with the password alone", async () => {
    await setSecondFactorRequired(t.deps.db, false, null, t.clock.now());
    const user = await makeUser(t);
    const client = await signIn(t, user);
    expect((await client.get("/api/users")).statusCode).toBe(200);
    await setSecondFactorRequired(t.deps.db, true, null, t.clock.now());
    expect((await client.get("/api/users")).statusCode).toBe(403);
  });
});
