import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeUser, signIn, type TestUser } from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";

describe(`users [${testEngine()}]`, () => {
  let t: TestApp;
  let admin: TestUser;
  let adminClient: TestClient;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeUser(t, { name: "Ada Admin" });
    adminClient = await signIn(t, admin);
  });
  afterAll(async () => t.close());

  it("lists users a page at a time, with search", async () => {
    for (const name of ["Zed Zulu", "Yan Young", "Xia Xu"]) await makeUser(t, { name, role: null });
    const page = json<{ items: { name: string }[]; total: number }>(
      await adminClient.get("/api/users?limit=2"),
    );
    expect(page.total).toBe(4);
    expect(page.items.map((u) => u.name)).toEqual(["Ada Admin", "Xia Xu"]);
    const found = json<{ items: { name: string }[] }>(
      await adminClient.post("/api/users/search", { search: "young" }),
    );
    expect(found.items.map((u) => u.name)).toEqual(["Yan Young"]);
    // A name never travels in a URL: the list refuses a search term in its query string.
    expect((await adminClient.get("/api/users?search=young")).statusCode).toBe(400);
    const bad = await adminClient.get("/api/users?limit=0");
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(bad).errors[0]?.field).toBe("limit");
  });

  it("lets only network administrators list users", async () => {
    expect((await new TestClient(t.app).get("/api/users")).statusCode).toBe(401);
    const plain = await signIn(t, await makeUser(t, { role: null }));
    expect((await plain.get("/api/users")).statusCode).toBe(403);
  });

  it("disables a user: their sessions end at once and they cannot sign in", async () => {
    const target = await makeUser(t, { name: "Dee Disabled" });
    const targetClient = await signIn(t, target);
    expect((await targetClient.get("/api/me")).statusCode).toBe(200);
    const response = await adminClient.post(`/api/users/${target.id}/disable`);
    expect(response.statusCode).toBe(200);
    expect(json<{ disabledAt: string | null }>(response).disabledAt).not.toBeNull();
    expect((await targetClient.get("/api/me")).statusCode).toBe(401);
    const again = await new TestClient(t.app).post("/api/auth/login", {
      email: target.email,
      password: target.password,
    });
    expect(again.statusCode).toBe(401);
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select(["action", "target_id"])
      .where("action", "=", "user.disabled")
      .execute();
    expect(audit).toEqual([{ action: "user.disabled", target_id: target.id }]);

    expect((await adminClient.post(`/api/users/${target.id}/enable`)).statusCode).toBe(200);
    expect((await signIn(t, target)).cookie).toBeDefined();
  });

  it("will not let administrators disable themselves", async () => {
    const response = await adminClient.post(`/api/users/${admin.id}/disable`);
    expect(response.statusCode).toBe(409);
  });

  it("answers 404 for an unknown user and 400 for a malformed id", async () => {
    expect((await adminClient.post(`/api/users/${crypto.randomUUID()}/disable`)).statusCode).toBe(
      404,
    );
    expect((await adminClient.post("/api/users/not-a-uuid/disable")).statusCode).toBe(400);
  });
});
