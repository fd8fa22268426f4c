import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json } from "./support/client.ts";
import { testEngine } from "./support/engines.ts";
import { makeUser, signIn } from "./support/factories.ts";
import { createTestApp, type TestApp } from "./support/test-app.ts";

/**
 * The API's contract is checked in as docs/openapi.json, so a change to any
 * route's input or output shows in review as a diff of that file. When the
 * change is intended, rewrite it with UPDATE_OPENAPI=1 and commit it.
 * Engine-independent, so it runs once.
 */
const CHECKED_IN = path.resolve("docs/openapi.json");

describe.skipIf(testEngine() === "postgres")("the OpenAPI document", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it("matches the checked-in copy (UPDATE_OPENAPI=1 rewrites it after an intended change)", async () => {
    const admin = await signIn(t, await makeUser(t));
    const served = json<Record<string, unknown>>(await admin.get("/api/openapi.json"));
    const text = `${JSON.stringify(served, null, 2)}\n`;
    if (process.env.UPDATE_OPENAPI === "1") fs.writeFileSync(CHECKED_IN, text);
    expect(
      fs.existsSync(CHECKED_IN),
      "docs/openapi.json is missing: run with UPDATE_OPENAPI=1",
    ).toBe(true);
    const checkedIn = JSON.parse(fs.readFileSync(CHECKED_IN, "utf8")) as Record<string, unknown>;
    // Compared as data, so the message names the first path that differs.
    expect(served).toEqual(checkedIn);
  });
});
