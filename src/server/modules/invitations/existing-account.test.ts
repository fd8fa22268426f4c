import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeUser, signIn, type TestUser } from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";

function tokenOf(url: string): string {
  return new URL(url).hash.replace("#token=", "");
}

/**
 * Joining with an account that already exists happens while signed in as it:
 * the accept route never checks a password, so it cannot be used to guess one.
 */
describe(`accepting an invitation for an email that already has an account [${testEngine()}]`, () => {
  let t: TestApp;
  let adminClient: TestClient;
  let person: TestUser;
  beforeAll(async () => {
    t = await createTestApp();
    adminClient = await signIn(t, await makeUser(t, { name: "Ada Admin" }));
    person = await makeUser(t, { role: null, name: "Pat Existing" });
  });
  afterAll(async () => t.close());

  async function invite(email: string): Promise<string> {
    const response = await adminClient.post("/api/invitations", {
      email,
      role: "network_admin",
      scopeType: "network",
    });
    expect(response.statusCode, response.body).toBe(201);
    return tokenOf(json<{ url: string }>(response).url);
  }

  async function failedAccepts(): Promise<{ details: unknown }[]> {
    return t.deps.db
      .selectFrom("audit_events")
      .select("details")
      .where("action", "=", "invitation.accept_failed")
      .execute();
  }

  it("the preview does not say whether the invited email has an account", async () => {
    const forExisting = await new TestClient(t.app).post("/api/invitations/preview", {
      token: await invite(person.email),
    });
    const forNew = await new TestClient(t.app).post("/api/invitations/preview", {
      token: await invite("brand-new@school.test"),
    });
    expect(forExisting.statusCode).toBe(200);
    const a = json<Record<string, unknown>>(forExisting);
    const b = json<Record<string, unknown>>(forNew);
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
    expect(a).not.toHaveProperty("existingAccount");
    expect(a.viewer).toBe("signed_out");
    expect(b.viewer).toBe("signed_out");
  });

  it("never checks a password: thirty guesses and the right one all get the same refusal, each audited, and no session", async () => {
    const token = await invite(person.email);
    const before = (await failedAccepts()).length;
    const guesser = new TestClient(t.app, { ip: "192.0.2.31" });
    const bodies = new Set<string>();
    for (const password of [
      ...Array.from({ length: 30 }, (_, i) => `wrong guess number ${i} here`),
      person.password,
    ]) {
      const response = await guesser.post("/api/invitations/accept", {
        token,
        name: "Anyone",
        password,
      });
      expect(response.statusCode).toBe(409);
      expect(response.cookies.find((c) => c.name === "cascade_session")).toBeUndefined();
      bodies.add(response.body);
    }
    expect(bodies.size).toBe(1);
    expect(json(await guesser.get("/api/me"))).toMatchObject({ status: 401 });
    const failed = await failedAccepts();
    expect(failed.length - before).toBe(31);
    expect(failed.at(-1)?.details).toEqual({ reason: "account_exists" });
  });

  it("answers a disabled account exactly as an enabled one (nothing about its password)", async () => {
    const disabled = await makeUser(t, { role: null });
    await t.deps.db
      .updateTable("users")
      .set({ disabled_at: t.clock.now() })
      .where("id", "=", disabled.id)
      .execute();
    const enabled = await makeUser(t, { role: null });
    const answers = [];
    for (const who of [disabled, enabled]) {
      const response = await new TestClient(t.app).post("/api/invitations/accept", {
        token: await invite(who.email),
        name: "Anyone",
        password: who.password,
      });
      answers.push([
        response.statusCode,
        json<{ detail: string }>(response).detail.replace(who.email, ""),
      ]);
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]?.[0]).toBe(409);
  });

  it("signed in as the invited email, accepting adds the role to that account and keeps the session", async () => {
    const token = await invite(person.email);
    const own = await signIn(t, person);
    const preview = await own.post("/api/invitations/preview", { token });
    expect(json(preview)).toMatchObject({ viewer: "invitee" });
    const cookieBefore = own.cookie;
    const accepted = await own.post("/api/invitations/accept", { token });
    expect(accepted.statusCode).toBe(201);
    expect(own.cookie).toBe(cookieBefore);
    expect(
      json<{ memberships: { role: string }[] }>(accepted).memberships.map((m) => m.role),
    ).toContain("network_admin");
    const again = await own.post("/api/invitations/accept", { token });
    expect(again.statusCode).toBe(410);
  });

  it("signed in as someone else, it refuses clearly (403), audits it, and leaves the invitation usable", async () => {
    const invited = await makeUser(t, { role: null });
    const token = await invite(invited.email);
    const other = await signIn(t, await makeUser(t, { role: null }));
    const preview = await other.post("/api/invitations/preview", { token });
    expect(json(preview)).toMatchObject({ viewer: "someone_else" });
    const refused = await other.post("/api/invitations/accept", { token });
    expect(refused.statusCode).toBe(403);
    expect(json<{ detail: string }>(refused).detail).toContain(invited.email);
    expect((await failedAccepts()).at(-1)?.details).toEqual({
      reason: "signed_in_as_someone_else",
    });
    const own = await signIn(t, invited);
    expect((await own.post("/api/invitations/accept", { token })).statusCode).toBe(201);
  });

  it("audits an unusable token, a weak password and a missing name", async () => {
    const before = (await failedAccepts()).length;
    const gone = await new TestClient(t.app).post("/api/invitations/accept", {
      token: "x".repeat(43),
      name: "Someone",
      password: "glacier ukulele marmalade",
    });
    expect(gone.statusCode).toBe(410);
    const token = await invite("weakling@school.test");
    const weak = await new TestClient(t.app).post("/api/invitations/accept", {
      token,
      name: "Wendy Weak",
      password: "Welcome2026!",
    });
    expect(weak.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(weak).errors.map((e) => e.field)).toEqual([
      "password",
    ]);
    const noName = await new TestClient(t.app).post("/api/invitations/accept", { token });
    expect(noName.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(noName).errors.map((e) => e.field)).toEqual([
      "name",
      "password",
    ]);
    const reasons = (await failedAccepts()).slice(before).map((r) => r.details);
    expect(reasons).toEqual([
      { reason: "unusable" },
      { reason: "password_refused" },
      { reason: "incomplete" },
    ]);
  });
});
