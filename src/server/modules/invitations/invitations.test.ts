import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { businessDigest } from "../../../../test/support/digest.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeUser, signIn, type TestUser } from "../../../../test/support/factories.ts";
import { startSmtpPeer } from "../../../../test/support/smtp-peer.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import { createMailer } from "../../mail/mailer.ts";
import { joinWithNewAccount } from "./service.ts";
import { findUsableInvitation } from "./store.ts";

const HOUR = 60 * 60 * 1000;

function tokenOf(url: string): string {
  return new URL(url).hash.replace("#token=", "");
}

describe(`invitations without SMTP [${testEngine()}]`, () => {
  let t: TestApp;
  let admin: TestUser;
  let adminClient: TestClient;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeUser(t, { name: "Ada Admin" });
    adminClient = await signIn(t, admin);
  });
  afterAll(async () => t.close());

  it("needs a session (401) and the administrator role (403)", async () => {
    const body = { email: "new@school.test", role: "network_admin", scopeType: "network" };
    expect((await new TestClient(t.app).post("/api/invitations", body)).statusCode).toBe(401);
    const nobody = await makeUser(t, { role: null });
    expect((await (await signIn(t, nobody)).post("/api/invitations", body)).statusCode).toBe(403);
  });

  it.each([
    [{ email: "x@school.test", role: "network_admin", scopeType: "school" }, "scopeType"],
    [
      {
        email: "x@school.test",
        role: "network_admin",
        scopeType: "network",
        scopeId: crypto.randomUUID(),
      },
      "scopeId",
    ],
    [{ email: "x@school.test", role: "head_teacher", scopeType: "network" }, "role"],
    [{ email: "not an email", role: "network_admin", scopeType: "network" }, "email"],
    [{ email: "x@school.test", role: "teacher", scopeType: "school" }, "scopeId"],
  ])("refuses %j naming %s, and changes nothing", async (body, field) => {
    const before = await businessDigest(t.database);
    const response = await adminClient.post("/api/invitations", body);
    expect(response.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(response).errors.map((e) => e.field)).toContain(
      field,
    );
    expect(await businessDigest(t.database)).toEqual(before);
  });

  it("answers 404 for a school that does not exist", async () => {
    const response = await adminClient.post("/api/invitations", {
      email: "x@school.test",
      role: "teacher",
      scopeType: "school",
      scopeId: crypto.randomUUID(),
    });
    expect(response.statusCode).toBe(404);
  });

  it("invites, shows the one-time link, and the invitee signs up and is signed in", async () => {
    const created = await adminClient.post("/api/invitations", {
      email: "Bea@Network.test",
      role: "network_admin",
      scopeType: "network",
    });
    expect(created.statusCode).toBe(201);
    const invitation = json<{ url: string; email: string; emailed: boolean; expiresAt: string }>(
      created,
    );
    expect(invitation.email).toBe("bea@network.test");
    expect(invitation.emailed).toBe(false);
    expect(invitation.url).toMatch(/^http:\/\/cascade\.test\/invitation#token=/);
    expect(new Date(invitation.expiresAt).getTime() - t.clock.now().getTime()).toBe(72 * HOUR);
    // The token is stored only as a digest.
    const rows = await t.deps.db.selectFrom("invitations").select("token_hash").execute();
    expect(rows.map((r) => r.token_hash)).not.toContain(tokenOf(invitation.url));

    const invitee = new TestClient(t.app);
    const preview = await invitee.post("/api/invitations/preview", {
      token: tokenOf(invitation.url),
    });
    expect(json(preview)).toMatchObject({
      email: "bea@network.test",
      role: "network_admin",
      viewer: "signed_out",
    });
    expect(json(preview)).not.toHaveProperty("existingAccount");

    const accepted = await invitee.post("/api/invitations/accept", {
      token: tokenOf(invitation.url),
      name: "Bea Bello",
      password: "saffron lighthouse 1987",
    });
    expect(accepted.statusCode).toBe(201);
    const me = json<{ name: string; memberships: { role: string }[] }>(
      await invitee.get("/api/me"),
    );
    expect(me.name).toBe("Bea Bello");
    expect(me.memberships.map((m) => m.role)).toEqual(["network_admin"]);

    const again = await new TestClient(t.app).post("/api/invitations/accept", {
      token: tokenOf(invitation.url),
      name: "Someone Else",
      password: "saffron lighthouse 1988",
    });
    expect(again.statusCode).toBe(410);

    const actions = (await t.deps.db.selectFrom("audit_events").select("action").execute()).map(
      (e) => e.action,
    );
    expect(actions).toEqual(expect.arrayContaining(["invitation.sent", "invitation.accepted"]));
  });

  it("leaves no account behind when another request used the invitation meanwhile", async () => {
    const created = json<{ url: string }>(
      await adminClient.post("/api/invitations", {
        email: "race@network.test",
        role: "network_admin",
        scopeType: "network",
      }),
    );
    const token = tokenOf(created.url);
    // Both requests found the invitation usable; the first one takes it.
    const seen = await findUsableInvitation(t.deps.db, token, t.clock.now());
    if (!seen) throw new Error("the invitation should be usable");
    const first = await new TestClient(t.app).post("/api/invitations/accept", {
      token,
      name: "Rae First",
      password: "saffron lighthouse 1987",
    });
    expect(first.statusCode).toBe(201);
    const users = async () => (await t.deps.db.selectFrom("users").select("id").execute()).length;
    const before = await users();
    // The second, late, request: no account of its own may outlive its failure.
    const late = await joinWithNewAccount(
      t.deps.db,
      { ...seen, email: "race-late@network.test" },
      { name: "Rae Late", passwordHash: "unusable" },
      t.clock.now(),
      { ip: "127.0.0.1", userAgent: null },
    );
    expect(late).toBeNull();
    expect(await users()).toBe(before);
    const orphan = await t.deps.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "race-late@network.test")
      .executeTakeFirst();
    expect(orphan).toBeUndefined();
  });

  it("expires after 72 hours", async () => {
    const created = json<{ url: string }>(
      await adminClient.post("/api/invitations", {
        email: "late@network.test",
        role: "network_admin",
        scopeType: "network",
      }),
    );
    t.clock.advance(71 * HOUR);
    const stillThere = await new TestClient(t.app).post("/api/invitations/preview", {
      token: tokenOf(created.url),
    });
    expect(stillThere.statusCode).toBe(200);
    t.clock.advance(1 * HOUR + 1000);
    const response = await new TestClient(t.app).post("/api/invitations/accept", {
      token: tokenOf(created.url),
      name: "Late Person",
      password: "saffron lighthouse 1989",
    });
    expect(response.statusCode).toBe(410);
    expect(json(response).detail).toContain("expired");
    adminClient = await signIn(t, admin);
  });

  it("refuses a weak password on acceptance and leaves the invitation usable", async () => {
    const created = json<{ url: string }>(
      await adminClient.post("/api/invitations", {
        email: "weak@network.test",
        role: "network_admin",
        scopeType: "network",
      }),
    );
    const weak = await new TestClient(t.app).post("/api/invitations/accept", {
      token: tokenOf(created.url),
      name: "Weak Password",
      password: "password1234",
    });
    expect(weak.statusCode).toBe(400);
    const ok = await new TestClient(t.app).post("/api/invitations/accept", {
      token: tokenOf(created.url),
      name: "Strong Password",
      password: "glacier ukulele marmalade",
    });
    expect(ok.statusCode).toBe(201);
  });

  it("lists pending invitations and withdraws one", async () => {
    const created = json<{ id: string; url: string }>(
      await adminClient.post("/api/invitations", {
        email: "pending@network.test",
        role: "network_admin",
        scopeType: "network",
      }),
    );
    const list = json<{ items: { id: string }[] }>(await adminClient.get("/api/invitations"));
    expect(list.items.map((i) => i.id)).toContain(created.id);
    expect((await adminClient.delete(`/api/invitations/${created.id}`)).statusCode).toBe(204);
    expect((await adminClient.delete(`/api/invitations/${created.id}`)).statusCode).toBe(404);
    const accept = await new TestClient(t.app).post("/api/invitations/accept", {
      token: tokenOf(created.url),
      name: "Withdrawn",
      password: "glacier ukulele marmalade",
    });
    expect(accept.statusCode).toBe(410);
  });

  it("answers 409 when the person already holds the role", async () => {
    const response = await adminClient.post("/api/invitations", {
      email: admin.email,
      role: "network_admin",
      scopeType: "network",
    });
    expect(response.statusCode).toBe(409);
  });
});

describe(`invitations with SMTP [${testEngine()}]`, () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;
  beforeAll(async () => {
    smtp = await startSmtpPeer();
    t = await createTestApp({ mailer: createMailer(smtp.url, "Cascade <no-reply@cascade.test>") });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  it("emails the link to the invitee and does not show it to the inviter", async () => {
    const admin = await signIn(t, await makeUser(t, { name: "Ada Admin" }));
    const response = await admin.post("/api/invitations", {
      email: "cy@network.test",
      role: "network_admin",
      scopeType: "network",
    });
    expect(response.statusCode).toBe(201);
    const invitation = json<{ url?: string; emailed: boolean }>(response);
    expect(invitation.emailed).toBe(true);
    expect(invitation.url).toBeUndefined();
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail?.to).toEqual(["cy@network.test"]);
    // The body is quoted-printable: undo soft line breaks and =XX escapes.
    const unfolded = (mail?.raw ?? "")
      .replaceAll(/=\r?\n/g, "")
      .replaceAll(/=([0-9A-F]{2})/g, (_, hex: string) =>
        String.fromCharCode(Number.parseInt(hex, 16)),
      );
    const link = unfolded.match(/http:\/\/cascade\.test\/invitation#token=([A-Za-z0-9_-]+)/);
    expect(link).not.toBeNull();
    const accepted = await new TestClient(t.app).post("/api/invitations/accept", {
      token: link?.[1],
      name: "Cy Chen",
      password: "walnut harbour evening",
    });
    expect(accepted.statusCode).toBe(201);
  });
});
