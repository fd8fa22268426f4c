import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeStaff, makeUser, signIn, type TestUser } from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import { REAUTH_WINDOW_MINUTES } from "../../../domain/reauth-window.ts";
import { timeStep } from "../../../domain/totp-window.ts";
import { insertPasskey } from "../passkeys/store.ts";
import { setSecondFactorRequired } from "./store.ts";
import { totpCodeAt } from "./totp.ts";

const STEP_MS = 30_000;
const MINUTE = 60_000;

describe(`an administrator resets someone's second factor [${testEngine()}]`, () => {
  let t: TestApp;
  let ipCounter = 0;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const url = (id: string) => `/api/users/${id}/second-factor/reset`;
  const fresh = () => `198.51.100.${++ipCounter}`;

  /** A person with an authenticator app, 10 recovery codes, a passkey and two sessions. */
  async function personWithFactors(): Promise<{ user: TestUser; clients: TestClient[] }> {
    const user = await makeStaff(t, { role: "teacher" });
    const first = await signIn(t, user, fresh());
    const start = await first.post("/api/mfa/totp");
    expect(start.statusCode, start.body).toBe(201);
    const { manualKey } = json<{ manualKey: string }>(start);
    const confirm = await first.post("/api/mfa/totp/confirm", {
      code: totpCodeAt(manualKey, timeStep(t.clock.now().getTime())),
    });
    expect(confirm.statusCode, confirm.body).toBe(200);
    t.clock.advance(STEP_MS);
    await insertPasskey(t.deps.db, {
      userId: user.id,
      credentialId: randomBytes(16).toString("base64url"),
      publicKey: randomBytes(65),
      counter: 0,
      transports: ["internal"],
      name: "Phone",
      now: t.clock.now(),
    });
    // A second session, as another browser holds (the confirmation ended the others).
    const second = new TestClient(t.app, { ip: fresh() });
    const password = await second.post("/api/auth/login", {
      email: user.email,
      password: user.password,
    });
    expect(json(password)).toMatchObject({ secondFactor: "required" });
    return { user, clients: [first] };
  }

  async function counts(userId: string) {
    const count = async (table: "user_totp" | "recovery_codes" | "passkeys" | "sessions") =>
      (await t.deps.db.selectFrom(table).select("user_id").where("user_id", "=", userId).execute())
        .length;
    return {
      totp: await count("user_totp"),
      recoveryCodes: await count("recovery_codes"),
      passkeys: await count("passkeys"),
      sessions: await count("sessions"),
      challenges: (
        await t.deps.db
          .selectFrom("second_factor_challenges")
          .select("id")
          .where("user_id", "=", userId)
          .execute()
      ).length,
    };
  }

  const auditRows = (targetId: string) =>
    t.deps.db
      .selectFrom("audit_events")
      .select(["actor_user_id", "details"])
      .where("action", "=", "mfa.factor_reset_by_admin")
      .where("target_id", "=", targetId)
      .execute();

  const mailTo = (email: string) =>
    t.deps.db.selectFrom("outbox").selectAll().where("to_email", "=", email).execute();

  it("removes every factor, ends every session, audits it and emails the person", async () => {
    const admin = await makeUser(t);
    const adminClient = await signIn(t, admin, fresh());
    const { user, clients } = await personWithFactors();
    expect(await counts(user.id)).toEqual({
      totp: 1,
      recoveryCodes: 10,
      passkeys: 1,
      sessions: 1,
      challenges: 1,
    });
    const mailBefore = (await mailTo(user.email)).length;

    // Signed in with the password a moment ago: the window stands, no body needed.
    const reset = await adminClient.post(url(user.id));
    expect(reset.statusCode, reset.body).toBe(200);
    expect(json(reset)).toEqual({
      totpRemoved: true,
      recoveryCodesRemoved: 10,
      passkeysRemoved: 1,
      sessionsEnded: 1,
    });
    expect(await counts(user.id)).toEqual({
      totp: 0,
      recoveryCodes: 0,
      passkeys: 0,
      sessions: 0,
      challenges: 0,
    });
    for (const client of clients) expect((await client.get("/api/me")).statusCode).toBe(401);

    expect(await auditRows(user.id)).toEqual([
      {
        actor_user_id: admin.id,
        details: {
          totpRemoved: true,
          recoveryCodesRemoved: 10,
          passkeysRemoved: 1,
          sessionsEnded: 1,
        },
      },
    ]);
    const mail = await mailTo(user.email);
    expect(mail).toHaveLength(mailBefore + 1);
    const notice = mail.find((m) => m.subject === "Your Cascade second factor was reset");
    expect(notice?.kind).toBe("account-security");
    expect(notice?.user_id).toBe(user.id);
    expect(notice?.body).toContain("set up a second factor again");

    // The password alone signs them in now, and the policy sends them to enrolment.
    await setSecondFactorRequired(t.deps.db, true, null, t.clock.now());
    try {
      const again = await signIn(t, user, fresh());
      expect(json(await again.get("/api/mfa"))).toMatchObject({
        standing: "enrolment-required",
        totpEnabled: false,
        passkeys: 0,
      });
      const blocked = await again.get("/api/me/sessions");
      expect(blocked.statusCode).toBe(403);
      expect(json(blocked).type).toBe("/problems/second-factor-enrolment-required");
    } finally {
      await setSecondFactorRequired(t.deps.db, false, null, t.clock.now());
    }
  });

  it("resets a person with no factor, and a disabled account, all the same", async () => {
    const adminClient = await signIn(t, await makeUser(t), fresh());
    const nothing = await makeUser(t, { role: null });
    const none = await adminClient.post(url(nothing.id), {});
    expect(none.statusCode, none.body).toBe(200);
    expect(json(none)).toEqual({
      totpRemoved: false,
      recoveryCodesRemoved: 0,
      passkeysRemoved: 0,
      sessionsEnded: 0,
    });
    const { user } = await personWithFactors();
    expect((await adminClient.post(`/api/users/${user.id}/disable`)).statusCode).toBe(200);
    const disabled = await adminClient.post(url(user.id));
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(json(disabled)).toMatchObject({ totpRemoved: true, passkeysRemoved: 1 });
    expect(await counts(user.id)).toMatchObject({ totp: 0, recoveryCodes: 0, passkeys: 0 });
  });

  it("asks for the administrator's password outside the window, and a wrong one removes nothing", async () => {
    const adminClient = await signIn(t, await makeUser(t), fresh());
    const { user } = await personWithFactors();
    t.clock.advance(REAUTH_WINDOW_MINUTES * MINUTE + 1000);

    const empty = await adminClient.post(url(user.id));
    expect(empty.statusCode).toBe(401);
    expect(json(empty)).toMatchObject({ code: "reauth_required" });
    const wrong = await adminClient.post(url(user.id), { password: "not the password" });
    expect(wrong.statusCode).toBe(401);
    expect(json(wrong).detail).toBe("That password is not right.");
    expect(await counts(user.id)).toMatchObject({ totp: 1, recoveryCodes: 10, passkeys: 1 });
    expect(await auditRows(user.id)).toEqual([]);

    const admin2 = await makeUser(t);
    const client2 = await signIn(t, admin2, fresh());
    t.clock.advance(REAUTH_WINDOW_MINUTES * MINUTE + 1000);
    const right = await client2.post(url(user.id), { password: admin2.password });
    expect(right.statusCode, right.body).toBe(200);
    expect(await counts(user.id)).toMatchObject({ totp: 0, recoveryCodes: 0, passkeys: 0 });
    // The right password opened the window again: the next reset needs no body.
    const next = await makeUser(t, { role: null });
    expect((await client2.post(url(next.id))).statusCode).toBe(200);
  });

  it("refuses an unknown person (404), oneself (409), bad input (400), other roles (403), no session (401)", async () => {
    const admin = await makeUser(t);
    const adminClient = await signIn(t, admin, fresh());
    const { user } = await personWithFactors();

    const unknown = await adminClient.post(url(crypto.randomUUID()));
    expect(unknown.statusCode).toBe(404);

    const self = await adminClient.post(url(admin.id));
    expect(self.statusCode).toBe(409);
    expect(json(self).detail).toBe(
      "You cannot reset your own second factor here. Change it on your own security page.",
    );

    expect((await adminClient.post("/api/users/not-a-uuid/second-factor/reset")).statusCode).toBe(
      400,
    );
    for (const body of [
      { password: "" },
      { password: 42 },
      { code: "12345" },
      { password: "x", code: "123456" },
      { userId: user.id },
      [],
    ]) {
      const bad = await adminClient.post(url(user.id), body);
      expect(bad.statusCode, JSON.stringify(body)).toBe(400);
    }

    for (const role of [
      "school_leader",
      "teacher",
      "programme_lead",
      "para_professional",
    ] as const) {
      const other = await signIn(t, await makeStaff(t, { role }), fresh());
      expect((await other.post(url(user.id), {})).statusCode, role).toBe(403);
    }
    const noRole = await signIn(t, await makeUser(t, { role: null }), fresh());
    expect((await noRole.post(url(user.id), {})).statusCode).toBe(403);
    expect((await new TestClient(t.app).post(url(user.id), {})).statusCode).toBe(401);

    // None of that touched the person's factors.
    expect(await counts(user.id)).toMatchObject({ totp: 1, recoveryCodes: 10, passkeys: 1 });
    expect(await auditRows(user.id)).toEqual([]);
  });
});
