import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, type TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeUser, signIn } from "../../../../test/support/factories.ts";
import {
  type LoopbackProvider,
  startLoopbackProvider,
  type TestAccount,
} from "../../../../test/support/oidc-provider.ts";
import {
  callback,
  signInBySso,
  startSso,
  throughProvider,
} from "../../../../test/support/sso-flow.ts";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../../test/support/test-app.ts";
import { createInvitation } from "../invitations/store.ts";
import { setSecondFactorRequired } from "../mfa/store.ts";

const REDIRECT_URI = `${TEST_ORIGIN}/api/auth/sso/callback`;

describe(`single sign-on with a real OpenID Connect provider [${testEngine()}]`, () => {
  let t: TestApp;
  let idp: LoopbackProvider;
  let admin: TestClient;
  let providerId: string;
  let n = 0;

  beforeAll(async () => {
    t = await createTestApp();
    idp = await startLoopbackProvider({ redirectUris: [REDIRECT_URI] });
    admin = await signIn(t, await makeUser(t));
    const created = await admin.post("/api/sso/providers", {
      displayName: "School Login",
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      allowedDomains: ["school.test", "Trust.Example"],
    });
    expect(created.statusCode).toBe(201);
    providerId = json<{ id: string }>(created).id;
  });
  afterAll(async () => {
    await idp?.close();
    await t?.close();
  });

  /** A provider account with these claims, signed in at the next interaction. */
  function atProvider(claims: TestAccount, amr = ["pwd"]) {
    const subject = `sub-${++n}`;
    idp.accounts.set(subject, { email_verified: true, name: "From Provider", ...claims });
    idp.nextLogin.subject = subject;
    idp.nextLogin.amr = amr;
    return subject;
  }

  const audits = (action: string) =>
    t.deps.db
      .selectFrom("audit_events")
      .select(["details", "actor_user_id", "target_id"])
      .where("action", "=", action)
      .orderBy("id")
      .execute();

  const lastFailure = async () => (await audits("auth.sso_failed")).at(-1)?.details;

  const sessionMethodOf = async (userId: string) =>
    (
      await t.deps.db
        .selectFrom("sessions")
        .select("method")
        .where("user_id", "=", userId)
        .orderBy("created_at", "desc")
        .executeTakeFirstOrThrow()
    ).method;

  it("lists the enabled providers publicly, by id and name only", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/auth/sso/providers" });
    expect(response.statusCode).toBe(200);
    expect(json(response)).toEqual({
      providers: [{ id: providerId, displayName: "School Login" }],
    });
  });

  it("signs in an existing account by its verified email, binds the subject, and records it", async () => {
    const user = await makeUser(t, { email: `ada-${n}@school.test` });
    const subject = atProvider({ email: user.email.toUpperCase() });
    const { response, client, started } = await signInBySso(t.app, providerId, REDIRECT_URI);

    const auth = started.authorizationUrl.searchParams;
    expect(auth.get("code_challenge_method")).toBe("S256");
    expect(auth.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(auth.get("state")).toBeTruthy();
    expect(auth.get("nonce")).toBeTruthy();
    expect(auth.get("redirect_uri")).toBe(REDIRECT_URI);

    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe("/");
    const me = await client.get("/api/me");
    expect(me.statusCode).toBe(200);
    expect(json(me)).toMatchObject({ id: user.id, email: user.email });
    expect(await sessionMethodOf(user.id)).toBe("oidc");

    const identity = await t.deps.db
      .selectFrom("sso_identities")
      .select(["user_id", "subject"])
      .where("provider_id", "=", providerId)
      .where("subject", "=", subject)
      .executeTakeFirstOrThrow();
    expect(identity.user_id).toBe(user.id);
    const signedIn = (await audits("auth.signed_in")).at(-1);
    expect(signedIn).toMatchObject({ actor_user_id: user.id, target_id: providerId });
    expect(signedIn?.details).toMatchObject({ via: "sso", mfa: false });

    // My sessions says how.
    const sessions = json<{ items: { method: string; current: boolean }[] }>(
      await client.get("/api/me/sessions"),
    );
    expect(sessions.items.find((s) => s.current)?.method).toBe("oidc");

    // The next time, the subject matches even after the provider's email changed.
    idp.accounts.set(subject, { email: `renamed-${n}@school.test`, email_verified: true });
    idp.nextLogin.subject = subject;
    const again = await signInBySso(t.app, providerId, REDIRECT_URI);
    expect(again.response.headers.location).toBe("/");
    expect(json(await again.client.get("/api/me"))).toMatchObject({ id: user.id });
  });

  it("refuses to bind a second subject to an account already linked at the provider", async () => {
    const user = await makeUser(t, { email: `linked-${n}@school.test` });
    atProvider({ email: user.email });
    await signInBySso(t.app, providerId, REDIRECT_URI);
    atProvider({ email: user.email });
    const { response } = await signInBySso(t.app, providerId, REDIRECT_URI);
    expect(response.headers.location).toBe("/sign-in?sso_error=linked_elsewhere");
  });

  it("accepts an invitation by single sign-on, making the account", async () => {
    const email = `invited-${n}@trust.example`;
    const { token } = await createInvitation(
      t.deps.db,
      {
        email,
        role: "network_admin",
        scopeType: "network",
        scopeId: null,
        invitedBy: (await makeUser(t)).id,
      },
      t.clock.now(),
    );
    atProvider({ email, name: "Invited Person" });
    const { response, client } = await signInBySso(t.app, providerId, REDIRECT_URI, token);
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe("/");
    const me = json<{ email: string; name: string; memberships: { role: string }[] }>(
      await client.get("/api/me"),
    );
    expect(me).toMatchObject({ email, name: "Invited Person" });
    expect(me.memberships.map((m) => m.role)).toEqual(["network_admin"]);
    expect(await audits("invitation.accepted")).not.toHaveLength(0);
    // The invitation is used up.
    const preview = await t.app.inject({
      method: "POST",
      url: "/api/invitations/preview",
      headers: { origin: TEST_ORIGIN, "content-type": "application/json" },
      payload: JSON.stringify({ token }),
    });
    expect(preview.statusCode).toBe(410);
    // The new account has no password anyone knows.
    const login = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { origin: TEST_ORIGIN, "content-type": "application/json" },
      payload: JSON.stringify({ email, password: "" }),
    });
    expect(login.statusCode).not.toBe(200);
  });

  it("refuses an invitation when the provider's verified email is another address", async () => {
    const { token } = await createInvitation(
      t.deps.db,
      {
        email: `someone-${n}@school.test`,
        role: "network_admin",
        scopeType: "network",
        scopeId: null,
        invitedBy: (await makeUser(t)).id,
      },
      t.clock.now(),
    );
    atProvider({ email: `someone-else-${n}@school.test` });
    const { response } = await signInBySso(t.app, providerId, REDIRECT_URI, token);
    expect(response.headers.location).toBe("/sign-in?sso_error=invitation_email");
    expect(response.cookies.find((c) => c.name.includes("cascade_session"))).toBeUndefined();
  });

  it("refuses a wrong state, a missing cookie, and a callback used twice", async () => {
    const user = await makeUser(t, { email: `state-${n}@school.test` });
    atProvider({ email: user.email });
    const started = await startSso(t.app, providerId);
    const answer = await throughProvider(started.authorizationUrl, REDIRECT_URI);

    const tampered = new URL(answer);
    tampered.searchParams.set("state", "not-the-state");
    const wrong = await callback(t.app, tampered, started.binding);
    expect(wrong.response.statusCode).toBe(303);
    expect(wrong.response.headers.location).toBe("/sign-in?sso_error=state");
    expect(await lastFailure()).toMatchObject({ reason: "state" });

    const noCookie = await callback(t.app, answer, undefined);
    expect(noCookie.response.headers.location).toBe("/sign-in?sso_error=state");

    const ok = await callback(t.app, answer, started.binding);
    expect(ok.response.headers.location).toBe("/");
    const twice = await callback(t.app, answer, started.binding);
    expect(twice.response.headers.location).toBe("/sign-in?sso_error=state");
  });

  it("fails clearly when a code already redeemed is replayed at the provider", async () => {
    const user = await makeUser(t, { email: `replay-${n}@school.test` });
    atProvider({ email: user.email });
    const first = await signInBySso(t.app, providerId, REDIRECT_URI);
    expect(first.response.headers.location).toBe("/");
    const usedCode = first.answer.searchParams.get("code") as string;

    // A fresh sign-in, whose answer carries the old code instead of its own.
    atProvider({ email: user.email });
    const second = await startSso(t.app, providerId);
    const answer = await throughProvider(second.authorizationUrl, REDIRECT_URI);
    answer.searchParams.set("code", usedCode);
    const { response } = await callback(t.app, answer, second.binding);
    expect(response.headers.location).toBe("/sign-in?sso_error=provider");
    expect(await lastFailure()).toMatchObject({ reason: "provider", providerId });
    expect(response.cookies.find((c) => c.name.includes("cascade_session"))).toBeUndefined();
  });

  it("refuses an unverified email", async () => {
    const user = await makeUser(t, { email: `unverified-${n}@school.test` });
    atProvider({ email: user.email, email_verified: false });
    const { response } = await signInBySso(t.app, providerId, REDIRECT_URI);
    expect(response.headers.location).toBe("/sign-in?sso_error=email_unverified");
    expect(await lastFailure()).toMatchObject({ reason: "email_unverified" });
  });

  it("takes Entra ID's xms_edov in place of email_verified, and refuses when it is false", async () => {
    const user = await makeUser(t, { email: `entra-${n}@school.test` });
    atProvider({ email: user.email, email_verified: undefined, xms_edov: true });
    const { response } = await signInBySso(t.app, providerId, REDIRECT_URI);
    expect(response.headers.location).toBe("/");
    const other = await makeUser(t, { email: `entra-no-${n}@school.test` });
    atProvider({ email: other.email, email_verified: undefined, xms_edov: false });
    const refused = await signInBySso(t.app, providerId, REDIRECT_URI);
    expect(refused.response.headers.location).toBe("/sign-in?sso_error=email_unverified");
  });

  it("refuses an email outside the allowed domains, even when an account has it", async () => {
    const user = await makeUser(t, { email: `outsider-${n}@elsewhere.test` });
    atProvider({ email: user.email });
    const { response } = await signInBySso(t.app, providerId, REDIRECT_URI);
    expect(response.headers.location).toBe("/sign-in?sso_error=domain_not_allowed");
    atProvider({ email: `sub-${n}@evil.school.test` });
    const sub = await signInBySso(t.app, providerId, REDIRECT_URI);
    expect(sub.response.headers.location).toBe("/sign-in?sso_error=domain_not_allowed");
  });

  it("refuses an email with no account and no invitation", async () => {
    atProvider({ email: `nobody-${n}@school.test` });
    const { response } = await signInBySso(t.app, providerId, REDIRECT_URI);
    expect(response.headers.location).toBe("/sign-in?sso_error=no_account");
  });

  it("refuses a disabled account", async () => {
    const user = await makeUser(t, { email: `disabled-${n}@school.test` });
    await t.deps.db
      .updateTable("users")
      .set({ disabled_at: t.clock.now() })
      .where("id", "=", user.id)
      .execute();
    atProvider({ email: user.email });
    const { response } = await signInBySso(t.app, providerId, REDIRECT_URI);
    expect(response.headers.location).toBe("/sign-in?sso_error=disabled");
    expect(await lastFailure()).toMatchObject({ reason: "disabled" });
  });

  it("counts the provider's MFA (amr) for the second-factor policy, and only then", async () => {
    await setSecondFactorRequired(t.deps.db, true, null, t.clock.now());
    try {
      const withMfa = await makeUser(t, { email: `mfa-${n}@school.test` });
      atProvider({ email: withMfa.email }, ["pwd", "mfa"]);
      const strong = await signInBySso(t.app, providerId, REDIRECT_URI);
      expect(await sessionMethodOf(withMfa.id)).toBe("oidc_mfa");
      expect(json(await strong.client.get("/api/mfa"))).toMatchObject({ standing: "ok" });
      expect((await strong.client.get("/api/users")).statusCode).toBe(200);

      const without = await makeUser(t, { email: `pwd-only-${n}@school.test` });
      atProvider({ email: without.email }, ["pwd"]);
      const weak = await signInBySso(t.app, providerId, REDIRECT_URI);
      expect(await sessionMethodOf(without.id)).toBe("oidc");
      expect(json(await weak.client.get("/api/mfa"))).toMatchObject({
        standing: "enrolment-required",
      });
      expect((await weak.client.get("/api/users")).statusCode).toBe(403);
    } finally {
      await setSecondFactorRequired(t.deps.db, false, null, t.clock.now());
    }
  });

  it("refuses a disabled provider at the start and lists it no more", async () => {
    const other = await admin.post("/api/sso/providers", {
      displayName: "Old Login",
      issuer: idp.issuer,
      clientId: "another-client",
      clientSecret: "another-secret",
      allowedDomains: ["school.test"],
    });
    const id = json<{ id: string }>(other).id;
    const disabled = await admin.patch(`/api/sso/providers/${id}`, { enabled: false });
    expect(json(disabled)).toMatchObject({ enabled: false });
    expect((await audits("sso.provider_disabled")).at(-1)?.target_id).toBe(id);
    const start = await t.app.inject({ method: "GET", url: `/api/auth/sso/${id}/start` });
    expect(start.statusCode).toBe(303);
    expect(start.headers.location).toBe("/sign-in?sso_error=unavailable");
    const list = json<{ providers: { id: string }[] }>(
      await t.app.inject({ method: "GET", url: "/api/auth/sso/providers" }),
    );
    expect(list.providers.map((p) => p.id)).not.toContain(id);
  });
});
