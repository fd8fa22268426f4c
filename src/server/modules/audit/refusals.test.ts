import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeUser, signIn, type TestUser } from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";

describe(`audit rows for malformed requests and bulk reads of people [${testEngine()}]`, () => {
  let t: TestApp;
  let admin: TestUser;
  let client: TestClient;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await makeUser(t, { role: "network_admin" });
    client = await signIn(t, admin);
  });
  afterAll(async () => t.close());

  const latest = () =>
    t.deps.db
      .selectFrom("audit_events")
      .selectAll()
      .orderBy("chain_seq", "desc")
      .executeTakeFirstOrThrow();
  const detailsOf = (row: { details: unknown }) =>
    typeof row.details === "string" ? JSON.parse(row.details) : row.details;

  it("records a 400 with its route and the names of the fields at fault, never their values", async () => {
    const response = await client.post("/api/users/search", {
      search: "x".repeat(101),
      limit: 0,
      "Secret Name": "Private Value",
    });
    expect(response.statusCode).toBe(400);
    const row = await latest();
    expect(row.action).toBe("request.refused");
    expect(row.actor_user_id).toBe(admin.id);
    expect(row.target_id).toBe("POST /api/users/search");
    const details = detailsOf(row);
    expect(details.status).toBe(400);
    expect([...details.fields].sort()).toEqual(["Secret Name", "limit", "search"]);
    expect(JSON.stringify(row)).not.toContain("Private Value");
    expect(JSON.stringify(row)).not.toContain("xxxxx");
  });

  it("records a body that is not JSON, and a 415, signed out too", async () => {
    const broken = await client.request("POST", "/api/users/search", "{not json", {
      "content-type": "application/json",
    });
    expect(broken.statusCode).toBe(400);
    expect(detailsOf(await latest())).toEqual({ status: 400, fields: [] });

    const form = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: {
        origin: "http://cascade.test",
        "content-type": "text/csv",
        "user-agent": "Curl/8",
      },
      payload: "email,password",
    });
    expect(form.statusCode).toBe(415);
    const row = await latest();
    expect(row.action).toBe("request.refused");
    expect(row.actor_user_id).toBeNull();
    expect(row.target_id).toBe("POST /api/auth/login");
    expect(row.user_agent).toBe("Curl/8");
    expect(detailsOf(row)).toEqual({ status: 415, fields: [] });
  });

  it("writes no refusal row for a request that is fine", async () => {
    const before = await latest();
    expect((await client.get("/api/me")).statusCode).toBe(200);
    expect((await latest()).id).toBe(before.id);
  });

  it("records each page of people listed or searched, with counts and never the term", async () => {
    expect((await client.get("/api/users?limit=5")).statusCode).toBe(200);
    const listed = await latest();
    expect(listed.action).toBe("users.listed");
    expect(listed.actor_user_id).toBe(admin.id);
    expect(detailsOf(listed)).toMatchObject({ offset: 0, searched: false });
    expect(detailsOf(listed).returned).toBeGreaterThanOrEqual(1);

    expect((await client.post("/api/users/search", { search: "Test Person" })).statusCode).toBe(
      200,
    );
    const searched = await latest();
    expect(searched.action).toBe("users.listed");
    expect(detailsOf(searched).searched).toBe(true);
    expect(JSON.stringify(searched)).not.toContain("Test Person");
  });
});
