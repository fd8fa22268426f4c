import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { logSafeUrl } from "../src/server/app.ts";
import { json } from "./support/client.ts";
import { testEngine } from "./support/engines.ts";
import { makeUser, signIn } from "./support/factories.ts";
import { createTestApp, type TestApp } from "./support/test-app.ts";

describe("logSafeUrl", () => {
  it.each([
    ["/api/health", "/api/health"],
    ["/api/users?search=Ada%20Lovelace", "/api/users?[redacted]"],
    ["/api/calendar/feed/abcDEF123_-abcDEF123_-.ics", "/api/calendar/feed/[redacted]"],
    ["/api/calendar/feed/x.ics?a=1", "/api/calendar/feed/[redacted]?[redacted]"],
  ])("logs %s as %s", (url, logged) => {
    expect(logSafeUrl(url)).toBe(logged);
  });
});

/** LOG-2: the request log holds no cookies, passwords, feed secrets or search terms. */
describe(`the request log [${testEngine()}]`, () => {
  let t: TestApp;
  const lines: string[] = [];
  beforeAll(async () => {
    t = await createTestApp({
      config: { logLevel: "info" },
      logStream: { write: (line) => lines.push(line) },
    });
  });
  afterAll(async () => t.close());

  it("keeps secrets and names out while still recording each request", async () => {
    const user = await makeUser(t);
    const client = await signIn(t, user);
    const feed = json<{ url: string }>(await client.post("/api/me/calendar-feed"));
    const feedPath = new URL(feed.url).pathname;
    const token = feedPath.replace(/^.*\//, "").replace(/\.ics$/, "");
    expect((await client.get(feedPath)).statusCode).toBe(200);
    expect((await client.get("/api/schools?search=Secretname%20Pupil")).statusCode).toBe(200);

    const log = lines.join("");
    expect(log).toContain('"url":"/api/calendar/feed/[redacted]"');
    expect(log).toContain('"url":"/api/schools?[redacted]"');
    expect(log).not.toContain(token);
    expect(log).not.toContain("Secretname");
    expect(log).not.toContain(user.password);
    const sessionToken = client.cookie?.split("=")[1] ?? "";
    expect(sessionToken.length).toBeGreaterThan(20);
    expect(log).not.toContain(sessionToken);
  });
});

/** LOG-6: an unexpected failure answers a bare 500 naming its log entry; the log has the detail. */
describe(`an unexpected failure [${testEngine()}]`, () => {
  it("answers 500 with a request id and no inside detail, and logs the error under that id", async () => {
    const lines: string[] = [];
    const t = await createTestApp({
      config: { logLevel: "info" },
      logStream: { write: (line) => lines.push(line) },
    });
    const client = await signIn(t, await makeUser(t));
    // The database goes away under a signed-in request.
    await t.database.close();
    const response = await client.get("/api/me");
    await t.app.close();

    expect(response.statusCode).toBe(500);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    const body = json<{ type: string; requestId: string; detail: string }>(response);
    expect(body.type).toBe("/problems/internal-error");
    expect(body.requestId).toMatch(/^req-/);
    expect(body.detail).toContain(body.requestId);
    expect(response.body).not.toMatch(/stack|select |sessions|\/work\/|node_modules|\.ts:/i);

    const logged = lines
      .map((line) => JSON.parse(line) as { reqId?: string; msg?: string; err?: { stack?: string } })
      .find((entry) => entry.msg === "unhandled error");
    expect(logged?.reqId).toBe(body.requestId);
    expect(logged?.err?.stack).toBeTruthy();
  });
});
