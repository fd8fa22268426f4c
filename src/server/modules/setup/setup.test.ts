import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { businessDigest } from "../../../../test/support/digest.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";

describe(`first-run setup [${testEngine()}]`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const admin = {
    name: "Ada Adeyemi",
    email: "Ada@Network.test",
    password: "copper kettle moorland 7",
  };

  it("is needed while there are no users", async () => {
    const response = await new TestClient(t.app).get("/api/setup");
    expect(json(response)).toEqual({ needed: true });
  });

  it.each([
    [{ ...admin, password: "short" }, "password", "at least 12 characters"],
    [{ ...admin, password: "qwerty123456" }, "password", "commonly used"],
    [{ ...admin, password: "Cascade2026!" }, "password", "too close"],
    [{ ...admin, email: "not-an-email" }, "email", "email address"],
    [{ ...admin, name: "  " }, "name", "Enter a name"],
    [{ ...admin, role: "network_admin" }, "role", "not accepted"],
  ])("refuses %j with a field error and changes nothing", async (body, field, message) => {
    const before = await businessDigest(t.database);
    const response = await new TestClient(t.app).post("/api/setup", body);
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    const problem = json<{
      errors: { field: string; message: string }[];
      type: string;
      title: string;
    }>(response);
    expect(problem.type).toBeTruthy();
    expect(problem.errors.find((e) => e.field === field)?.message).toContain(message);
    expect(await businessDigest(t.database)).toEqual(before);
  });

  it("lets only one of two simultaneous setups succeed", async () => {
    const a = new TestClient(t.app);
    const b = new TestClient(t.app);
    const [ra, rb] = await Promise.all([
      a.post("/api/setup", admin),
      b.post("/api/setup", { ...admin, email: "other@network.test" }),
    ]);
    expect([ra.statusCode, rb.statusCode].sort()).toEqual([201, 409]);
    const winner = ra.statusCode === 201 ? a : b;
    const me = json<{ memberships: { role: string }[] }>(await winner.get("/api/me"));
    expect(me.memberships.map((m) => m.role)).toEqual(["network_admin"]);
    const count = await t.deps.db
      .selectFrom("users")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it("is gone once a user exists", async () => {
    const client = new TestClient(t.app);
    expect(json(await client.get("/api/setup"))).toEqual({ needed: false });
    const response = await client.post("/api/setup", { ...admin, email: "late@network.test" });
    expect(response.statusCode).toBe(409);
    expect(json(response).title).toBe("Conflict");
  });

  it("audits the creation of the first administrator", async () => {
    const events = await t.deps.db
      .selectFrom("audit_events")
      .select(["action", "actor_user_id"])
      .execute();
    expect(events.filter((e) => e.action === "setup.first_admin_created")).toHaveLength(1);
  });
});
