import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../test/support/client.ts";
import { testEngine } from "../../../test/support/engines.ts";
import { makeUser } from "../../../test/support/factories.ts";
import { createTestApp, type TestApp, testConfig } from "../../../test/support/test-app.ts";
import { ConfigError, loadConfig } from "../../config.ts";
import { publicUrlWarning, trustedOrigins } from "../origin.ts";

const SETUP = {
  name: "Rae Rebinder",
  email: "rae@evil.example",
  password: "saffron lighthouse 1987",
};

/** A request as a DNS-rebinding page sends it: its own Host and Origin, aimed at the app. */
function rebound(t: TestApp, url: string, body: unknown, host = "evil.example:3000") {
  return t.app.inject({
    method: "POST",
    url,
    headers: { host, origin: `http://${host}`, "content-type": "application/json" },
    payload: JSON.stringify(body),
  });
}

describe(`without CASCADE_PUBLIC_URL, the Host header is not trusted [${testEngine()}]`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ config: { publicUrl: undefined, host: "127.0.0.1", port: 3000 } });
  });
  afterAll(async () => t.close());

  it("refuses a rebound request to claim a fresh install's set-up (403), and changes nothing", async () => {
    const response = await rebound(t, "/api/setup", SETUP);
    expect(response.statusCode).toBe(403);
    const users = await t.deps.db.selectFrom("users").select("id").execute();
    expect(users).toHaveLength(0);
  });

  it("accepts the listening address and the loopback names with the listening port", async () => {
    for (const origin of ["http://127.0.0.1:3000", "http://localhost:3000", "http://[::1]:3000"]) {
      const response = await t.app.inject({
        method: "POST",
        url: "/api/auth/login",
        headers: { origin, "content-type": "application/json" },
        payload: JSON.stringify({ email: "a@b.test", password: "x" }),
      });
      expect(response.statusCode, origin).toBe(401);
    }
    const otherPort = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { origin: "http://localhost:4000", "content-type": "application/json" },
      payload: JSON.stringify({ email: "a@b.test", password: "x" }),
    });
    expect(otherPort.statusCode).toBe(403);
  });

  it("never points an invitation link at the host a request claims", async () => {
    const admin = await makeUser(t);
    const client = new TestClient(t.app, { origin: "http://localhost:3000" });
    const signedIn = await client.post("/api/auth/login", {
      email: admin.email,
      password: admin.password,
    });
    expect(signedIn.statusCode).toBe(200);
    const response = await t.app.inject({
      method: "POST",
      url: "/api/invitations",
      headers: {
        host: "evil.example:3000",
        origin: "http://localhost:3000",
        cookie: client.cookie ?? "",
        "content-type": "application/json",
      },
      payload: JSON.stringify({
        email: "new@school.test",
        role: "network_admin",
        scopeType: "network",
      }),
    });
    expect(response.statusCode).toBe(201);
    const url = json<{ url: string }>(response).url;
    expect(new URL(url).origin).toBe("http://127.0.0.1:3000");
    // The address the browser really used is kept when it is a trusted one.
    const local = await t.app.inject({
      method: "POST",
      url: "/api/invitations",
      headers: {
        host: "localhost:3000",
        origin: "http://localhost:3000",
        cookie: client.cookie ?? "",
        "content-type": "application/json",
      },
      payload: JSON.stringify({
        email: "other@school.test",
        role: "network_admin",
        scopeType: "network",
      }),
    });
    expect(new URL(json<{ url: string }>(local).url).origin).toBe("http://localhost:3000");
  });

  it("still refuses other origins with a configured public address", async () => {
    const withUrl = await createTestApp();
    try {
      const response = await new TestClient(withUrl.app, { origin: "http://localhost:3000" }).post(
        "/api/auth/login",
        { email: "a@b.test", password: "x" },
      );
      expect(response.statusCode).toBe(403);
    } finally {
      await withUrl.close();
    }
  });
});

describe("trusted origins and the start-up warning", () => {
  it("lists the listening address and loopback names, or the public address alone", () => {
    expect(trustedOrigins(testConfig({ publicUrl: undefined, host: "10.0.0.5" }), 8080)).toEqual([
      "http://10.0.0.5:8080",
      "http://localhost:8080",
      "http://127.0.0.1:8080",
      "http://[::1]:8080",
    ]);
    expect(trustedOrigins(testConfig({ publicUrl: undefined, host: "0.0.0.0" }), 80)).toEqual([
      "http://localhost",
      "http://127.0.0.1",
      "http://[::1]",
    ]);
    expect(trustedOrigins(testConfig({ publicUrl: "https://cascade.example" }), 3000)).toEqual([
      "https://cascade.example",
    ]);
  });

  it("warns when serving a non-loopback address without a public address", () => {
    expect(publicUrlWarning(testConfig({ publicUrl: undefined, host: "0.0.0.0" }))).toContain(
      "CASCADE_PUBLIC_URL",
    );
    expect(publicUrlWarning(testConfig({ publicUrl: undefined, host: "192.168.1.20" }))).toContain(
      "CASCADE_PUBLIC_URL",
    );
    expect(publicUrlWarning(testConfig({ publicUrl: undefined, host: "127.0.0.1" }))).toBeNull();
    expect(publicUrlWarning(testConfig({ publicUrl: undefined, host: "::1" }))).toBeNull();
    expect(
      publicUrlWarning(testConfig({ publicUrl: "https://cascade.example", host: "0.0.0.0" })),
    ).toBeNull();
  });
});

describe("CASCADE_STAFF_IDLE_MINUTES", () => {
  it("defaults to 60 minutes and takes a whole number from 5 to 720", () => {
    expect(loadConfig({}).staffIdleMinutes).toBe(60);
    expect(loadConfig({ CASCADE_STAFF_IDLE_MINUTES: "30" }).staffIdleMinutes).toBe(30);
    for (const bad of ["0", "4", "721", "half an hour", "12.5"]) {
      expect(() => loadConfig({ CASCADE_STAFF_IDLE_MINUTES: bad }), bad).toThrow(ConfigError);
    }
  });
});
