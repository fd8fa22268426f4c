import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeUser, signIn } from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";

describe(`switching the calendar feed off [${testEngine()}]`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it("ends the feed's address, says so in the settings, audits it, and can be switched on again", async () => {
    const user = await makeUser(t, { role: null });
    const me = await signIn(t, user);
    expect((await new TestClient(t.app).delete("/api/me/calendar-feed")).statusCode).toBe(401);

    const made = json<{ url: string }>(await me.post("/api/me/calendar-feed"));
    const path = new URL(made.url).pathname;
    expect((await new TestClient(t.app).get(path)).statusCode).toBe(200);

    const off = await me.delete("/api/me/calendar-feed");
    expect(off.statusCode).toBe(200);
    expect(json(off)).toEqual({ remindersEnabled: true, calendarFeed: false });
    expect((await new TestClient(t.app).get(path)).statusCode).toBe(404);
    expect(json(await me.get("/api/me/settings"))).toMatchObject({ calendarFeed: false });
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select(["actor_user_id", "details"])
      .where("action", "=", "calendar.feed_off")
      .execute();
    expect(audit).toEqual([{ actor_user_id: user.id, details: { wasOn: true } }]);

    // Switching off again is harmless; making a new link switches it on with a new address.
    expect((await me.delete("/api/me/calendar-feed")).statusCode).toBe(200);
    const again = json<{ url: string }>(await me.post("/api/me/calendar-feed"));
    expect(again.url).not.toBe(made.url);
    expect((await new TestClient(t.app).get(new URL(again.url).pathname)).statusCode).toBe(200);
    expect((await new TestClient(t.app).get(path)).statusCode).toBe(404);
  });

  it("switches off only the caller's own feed", async () => {
    const a = await signIn(t, await makeUser(t, { role: null }));
    const b = await signIn(t, await makeUser(t, { role: null }));
    const feedOfB = new URL(json<{ url: string }>(await b.post("/api/me/calendar-feed")).url)
      .pathname;
    await a.post("/api/me/calendar-feed");
    expect((await a.delete("/api/me/calendar-feed")).statusCode).toBe(200);
    expect((await new TestClient(t.app).get(feedOfB)).statusCode).toBe(200);
  });
});
