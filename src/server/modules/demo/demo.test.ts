import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";

describe(`the demo network [${testEngine()}]`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it("fills an empty Cascade once, with one account per role that can sign in", async () => {
    const response = await new TestClient(t.app).post("/api/setup/demo");
    expect(response.statusCode).toBe(201);
    const demo = json<{ credentials: { role: string; email: string }[]; password: string }>(
      response,
    );
    expect(demo.credentials.map((c) => c.role)).toEqual([
      "network_admin",
      "programme_lead",
      "school_leader",
      "teacher",
      "para_professional",
    ]);
    expect(demo.password.length).toBeGreaterThanOrEqual(12);
    for (const c of demo.credentials) expect(c.email).toMatch(/@demo\.cascade\.invalid$/);

    const admin = new TestClient(t.app);
    const login = await admin.post("/api/auth/login", {
      email: demo.credentials[0]?.email,
      password: demo.password,
    });
    expect(login.statusCode).toBe(200);
    const dashboard = json<{ network: Record<string, number> }>(await admin.get("/api/dashboard"));
    expect(dashboard.network).toMatchObject({
      hubs: 2,
      schools: 10,
      clusters: 2,
      enrolments: 10,
      programmes: 1,
    });

    const lead = new TestClient(t.app);
    await lead.post("/api/auth/login", {
      email: demo.credentials[1]?.email,
      password: demo.password,
    });
    const clusters = json<{
      clusters: {
        name: string;
        schoolCount: number;
        trioCount: number;
        teamsMeetingGuidance: number;
      }[];
    }>(await lead.get("/api/dashboard")).clusters;
    expect(clusters).toEqual([
      expect.objectContaining({
        name: "Northbrook Cluster",
        schoolCount: 5,
        trioCount: 1,
        teamsMeetingGuidance: 5,
      }),
    ]);

    expect((await new TestClient(t.app).post("/api/setup/demo")).statusCode).toBe(409);
  });

  it("is the same network every time (deterministic by seed)", async () => {
    const { generateNetwork } = await import("../../../demo/network.ts");
    expect(generateNetwork(7)).toEqual(generateNetwork(7));
    expect(generateNetwork(7).people.map((p) => p.name)).not.toEqual(
      generateNetwork(8).people.map((p) => p.name),
    );
  });
});
