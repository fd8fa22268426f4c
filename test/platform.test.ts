import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "./support/client.ts";
import { businessDigest } from "./support/digest.ts";
import { testEngine } from "./support/engines.ts";
import { makeUser, signIn } from "./support/factories.ts";
import { createTestApp, type TestApp } from "./support/test-app.ts";

const toOpenApiPath = (url: string) => url.replaceAll(/:([A-Za-z]+)/g, "{$1}");

describe(`platform guarantees [${testEngine()}]`, () => {
  let t: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    const webDir = path.resolve(".tmp/test-web");
    fs.mkdirSync(webDir, { recursive: true });
    fs.writeFileSync(path.join(webDir, "index.html"), "<!doctype html><title>Cascade</title>");
    t = await createTestApp({ config: { webDir } });
    admin = await signIn(t, await makeUser(t));
  });
  afterAll(async () => t.close());

  it("gives every API route an access rule, and documents every one in the OpenAPI document", async () => {
    expect(t.routes.length).toBeGreaterThan(5);
    for (const route of t.routes)
      expect(route.access, `${route.method} ${route.url}`).toBeDefined();
    const doc = json<{ paths: Record<string, Record<string, unknown>> }>(
      await admin.get("/api/openapi.json"),
    );
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    const registered = t.routes
      .filter((r) => r.url !== "/api/openapi.json")
      .map((r) => `${r.method} ${toOpenApiPath(r.url)}`);
    expect(documented.sort()).toEqual(registered.sort());
  });

  it("answers health with the engine and version", async () => {
    const response = await new TestClient(t.app).get("/api/health");
    expect(json(response)).toEqual({ status: "ok", database: testEngine(), version: "test" });
  });

  it("sends security headers, a strict script policy and no-store on the API", async () => {
    const response = await new TestClient(t.app).get("/api/health");
    const csp = String(response.headers["content-security-policy"]);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(response.headers["x-content-type-options"]).toBe("nosniff");
    expect(response.headers["cache-control"]).toBe("no-store");
    const page = await new TestClient(t.app).get("/admin/users");
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(String(page.headers["content-security-policy"])).toContain("script-src 'self'");
  });

  it("answers unknown API routes with a problem+json 404", async () => {
    const response = await admin.get("/api/no-such-thing");
    expect(response.statusCode).toBe(404);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(json(response)).toMatchObject({ status: 404, title: "Not found" });
  });

  it("answers 413 to a JSON body over 1 MiB", async () => {
    const response = await new TestClient(t.app).post("/api/auth/login", {
      email: "a@b.test",
      password: "x".repeat(1024 * 1024 + 10),
    });
    expect(response.statusCode).toBe(413);
    expect(json(response)).toMatchObject({
      status: 413,
      type: expect.any(String),
      detail: expect.any(String),
    });
  });

  it("answers 400 to malformed JSON", async () => {
    const response = await new TestClient(t.app).request("POST", "/api/auth/login", "{not json");
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
  });

  it("refuses __proto__ keys", async () => {
    const response = await new TestClient(t.app).request(
      "POST",
      "/api/auth/login",
      '{"email":"a@b.test","password":"abcdefghijklm","__proto__":{"admin":true}}',
    );
    expect(response.statusCode).toBe(400);
  });

  it("refuses every state-changing route from a foreign or missing Origin, or as text/plain, changing nothing", async () => {
    const before = await businessDigest(t.database);
    const changing = t.routes.filter((r) => r.method !== "GET");
    for (const route of changing) {
      const url = route.url.replaceAll(/:[A-Za-z]+/g, crypto.randomUUID());
      const foreign = await new TestClient(t.app, { origin: "https://evil.example" }).request(
        route.method as "POST",
        url,
        {},
      );
      expect(foreign.statusCode, `${route.method} ${route.url} foreign origin`).toBe(403);
      const missing = await new TestClient(t.app, { origin: null }).request(
        route.method as "POST",
        url,
        {},
      );
      expect(missing.statusCode, `${route.method} ${route.url} no origin`).toBe(403);
      const plain = await new TestClient(t.app).request(route.method as "POST", url, "hello", {
        "content-type": "text/plain",
      });
      expect(plain.statusCode, `${route.method} ${route.url} text/plain`).toBe(415);
    }
    expect(await businessDigest(t.database)).toEqual(before);
  });

  it("never answers 5xx to arbitrary JSON, and arbitrary bodies change nothing", async () => {
    const before = await businessDigest(t.database);
    const withBodies = t.routes.filter((r) => r.method !== "GET" && r.takesBody);
    expect(withBodies.length).toBeGreaterThan(20);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...withBodies),
        fc.jsonValue({ maxDepth: 3 }),
        async (route, body) => {
          const url = route.url.replaceAll(/:[A-Za-z]+/g, crypto.randomUUID());
          const response = await admin.request(
            route.method as "POST",
            url,
            JSON.stringify(body) ?? "null",
          );
          expect(
            response.statusCode,
            `${route.method} ${route.url} ${JSON.stringify(body)}`,
          ).toBeGreaterThanOrEqual(400);
          expect(response.statusCode).toBeLessThan(500);
          expect(response.headers["content-type"]).toContain("application/problem+json");
        },
      ),
      { seed: 20261123, numRuns: 150 },
    );
    expect(await businessDigest(t.database)).toEqual(before);
  });
});
