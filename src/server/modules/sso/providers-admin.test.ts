import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, type TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeUser, signIn } from "../../../../test/support/factories.ts";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../../../../test/support/test-app.ts";
import { open } from "../../secrets/keyring.ts";

const valid = {
  displayName: "Microsoft",
  issuer: "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000001/v2.0",
  clientId: "11111111-2222-3333-4444-555555555555",
  clientSecret: "a very secret value~42",
  allowedDomains: ["School.org", "@trust.example"],
};

describe(`single sign-on providers, the administrators' configuration [${testEngine()}]`, () => {
  let t: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, await makeUser(t));
  });
  afterAll(async () => t.close());

  it("adds a provider, seals its secret at rest and never returns it", async () => {
    const response = await admin.post("/api/sso/providers", valid);
    expect(response.statusCode).toBe(201);
    const body = json<Record<string, unknown>>(response);
    expect(body).toMatchObject({
      displayName: "Microsoft",
      issuer: valid.issuer,
      clientId: valid.clientId,
      clientSecret: "set",
      allowedDomains: ["school.org", "trust.example"],
      enabled: true,
      redirectUri: `${TEST_ORIGIN}/api/auth/sso/callback`,
    });
    expect(response.body).not.toContain(valid.clientSecret);

    const row = await t.deps.db
      .selectFrom("sso_providers")
      .selectAll()
      .where("id", "=", body.id as string)
      .executeTakeFirstOrThrow();
    expect(row.client_secret_sealed).not.toContain(valid.clientSecret);
    expect(row.client_secret_sealed).toMatch(/^v1\./);
    expect(open(t.deps.secrets, row.client_secret_sealed, `sso-client-secret:${row.id}`)).toBe(
      valid.clientSecret,
    );
    // Copied to another provider's row, it does not open.
    expect(() =>
      open(t.deps.secrets, row.client_secret_sealed, "sso-client-secret:other"),
    ).toThrow();

    const list = await admin.get("/api/sso/providers");
    expect(list.body).not.toContain(valid.clientSecret);
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select(["details"])
      .where("action", "=", "sso.provider_created")
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit.details)).not.toContain(valid.clientSecret);
  });

  it.each([
    ["an http issuer", { issuer: "http://login.example.org" }, "issuer"],
    ["an issuer with a query", { issuer: "https://login.example.org/?x=1" }, "issuer"],
    ["not a URL", { issuer: "login.example.org" }, "issuer"],
    ["no domains", { allowedDomains: [] }, "allowedDomains"],
    ["a bad domain", { allowedDomains: ["not a domain"] }, "allowedDomains.0"],
    ["an email for a domain", { allowedDomains: ["ada@school.org"] }, "allowedDomains.0"],
    ["an empty name", { displayName: "  " }, "displayName"],
    ["an empty secret", { clientSecret: "" }, "clientSecret"],
    ["an empty client id", { clientId: "" }, "clientId"],
  ])("refuses %s", async (_case, change, field) => {
    const response = await admin.post("/api/sso/providers", {
      ...valid,
      clientId: `c-${Math.random()}`,
      ...change,
    });
    expect(response.statusCode).toBe(400);
    const fields = json<{ errors: { field: string }[] }>(response).errors.map((e) => e.field);
    expect(fields).toContain(field);
  });

  it("refuses a second provider with the same issuer and client ID", async () => {
    const again = await admin.post("/api/sso/providers", { ...valid, displayName: "Again" });
    expect(again.statusCode).toBe(409);
  });

  it("changes only what is given, keeps the secret unless a new one is given, and audits it", async () => {
    const created = json<{ id: string }>(
      await admin.post("/api/sso/providers", { ...valid, clientId: "patch-me" }),
    );
    const before = await t.deps.db
      .selectFrom("sso_providers")
      .select("client_secret_sealed")
      .where("id", "=", created.id)
      .executeTakeFirstOrThrow();
    const renamed = await admin.patch(`/api/sso/providers/${created.id}`, {
      displayName: "Entra ID",
      allowedDomains: ["school.org"],
    });
    expect(renamed.statusCode).toBe(200);
    expect(json(renamed)).toMatchObject({
      displayName: "Entra ID",
      clientId: "patch-me",
      allowedDomains: ["school.org"],
      enabled: true,
    });
    const kept = await t.deps.db
      .selectFrom("sso_providers")
      .select("client_secret_sealed")
      .where("id", "=", created.id)
      .executeTakeFirstOrThrow();
    expect(kept.client_secret_sealed).toBe(before.client_secret_sealed);

    await admin.patch(`/api/sso/providers/${created.id}`, { clientSecret: "new secret" });
    const resealed = await t.deps.db
      .selectFrom("sso_providers")
      .select("client_secret_sealed")
      .where("id", "=", created.id)
      .executeTakeFirstOrThrow();
    expect(
      open(t.deps.secrets, resealed.client_secret_sealed, `sso-client-secret:${created.id}`),
    ).toBe("new secret");
    const changes = await t.deps.db
      .selectFrom("audit_events")
      .select("details")
      .where("action", "=", "sso.provider_changed")
      .where("target_id", "=", created.id)
      .execute();
    expect(changes.map((c) => c.details)).toEqual([
      { fields: ["displayName", "allowedDomains"] },
      { fields: ["clientSecret"] },
    ]);

    expect(
      (await admin.patch(`/api/sso/providers/${created.id}`, { issuer: "ftp://x" })).statusCode,
    ).toBe(400);
    expect(
      (await admin.patch(`/api/sso/providers/${crypto.randomUUID()}`, { enabled: false }))
        .statusCode,
    ).toBe(404);
  });

  it("is for network administrators only", async () => {
    const teacher = await signIn(t, await makeUser(t, { role: null }));
    expect((await teacher.get("/api/sso/providers")).statusCode).toBe(403);
    expect((await teacher.post("/api/sso/providers", { ...valid, clientId: "x" })).statusCode).toBe(
      403,
    );
  });
});
