import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, type TestClient } from "./support/client.ts";
import { businessDigest } from "./support/digest.ts";
import { testEngine } from "./support/engines.ts";
import { makeSchool, makeStaff, signIn } from "./support/factories.ts";
import { createTestApp, type TestApp } from "./support/test-app.ts";

interface OpenApiParameter {
  in: string;
  name: string;
  schema?: { type?: string; format?: string; enum?: unknown[] };
}
type OpenApi = { paths: Record<string, Record<string, { parameters?: OpenApiParameter[] }>> };

describe(`query strings and text are validated, never a 500 [${testEngine()}]`, () => {
  let t: TestApp;
  const clients = new Map<string, TestClient>();
  const as = (key: string): TestClient => {
    const client = clients.get(key);
    if (!client) throw new Error(key);
    return client;
  };
  /** Every GET operation's query parameters, with any path parameter filled by a fresh id. */
  const queryParameters = async () => {
    const doc = json<OpenApi>(await as("network_admin").get("/api/openapi.json"));
    return Object.entries(doc.paths).flatMap(([path, ops]) =>
      (ops.get?.parameters ?? [])
        .filter((p) => p.in === "query")
        .map((p) => ({ url: path.replaceAll(/\{[^}]+\}/g, randomUUID()), param: p })),
    );
  };
  beforeAll(async () => {
    t = await createTestApp();
    const school = await makeSchool(t);
    for (const role of ["network_admin", "programme_lead", "school_leader", "teacher"] as const) {
      clients.set(role, await signIn(t, await makeStaff(t, { role, schoolId: school.id })));
    }
  });
  afterAll(async () => t.close());

  it("answers 400 naming the field to a NUL in the school search", async () => {
    const response = await as("network_admin").get("/api/schools?search=%00");
    expect(response.statusCode).toBe(400);
    expect(json(response).errors).toEqual([{ field: "search", message: expect.any(String) }]);
  });

  it("answers 400 naming the field to a calendar range beyond 2100 or before 1900", async () => {
    for (const query of ["to=9999-12-31", "from=0001-01-01", "to=2101-01-01"]) {
      const response = await as("teacher").get(`/api/calendar?${query}`);
      expect(response.statusCode, query).toBe(400);
      expect(json<{ errors: { field: string }[] }>(response).errors[0]?.field).toBe(
        query.split("=")[0],
      );
    }
    expect(
      (await as("teacher").get("/api/calendar?from=2026-09-01&to=2027-08-31")).statusCode,
    ).toBe(200);
  });

  it("answers 400 to a NUL in any query parameter of any GET route, for every role", async () => {
    const params = await queryParameters();
    expect(params.length).toBeGreaterThan(10);
    for (const key of ["network_admin", "programme_lead", "school_leader", "teacher"]) {
      for (const { url, param } of params) {
        const response = await as(key).get(`${url}?${param.name}=a%00b`);
        // A role that may not call the route is refused first (403/404); otherwise 400.
        expect([400, 403, 404], `${key} GET ${url}?${param.name}`).toContain(response.statusCode);
      }
    }
  });

  it("answers 400 to a date out of range in any date parameter of any GET route", async () => {
    const dated = (await queryParameters()).filter((p) => p.param.schema?.format === "date");
    expect(dated.length).toBeGreaterThan(0);
    for (const { url, param } of dated) {
      for (const value of ["9999-12-31", "0001-01-01"]) {
        const response = await as("school_leader").get(`${url}?${param.name}=${value}`);
        expect([400, 403, 404], `GET ${url}?${param.name}=${value}`).toContain(response.statusCode);
      }
    }
  });

  it("answers 400 to a NUL in a JSON body, naming the field, and changes nothing", async () => {
    const before = await businessDigest(t.database);
    const response = await as("network_admin").post("/api/hubs", { name: "North\u0000hub" });
    expect(response.statusCode).toBe(400);
    expect(json(response).errors).toEqual([{ field: "name", message: expect.any(String) }]);
    const nested = await as("school_leader").patch("/api/me/settings", {
      remindersEnabled: true,
      extra: ["ok", "bad\u0000"],
    });
    expect(nested.statusCode).toBe(400);
    expect(json(nested).errors).toEqual([{ field: "extra.1", message: expect.any(String) }]);
    expect(await businessDigest(t.database)).toEqual(before);
  });
});
