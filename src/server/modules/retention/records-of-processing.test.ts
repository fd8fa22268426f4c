import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  makePupil,
  makeSchool,
  makeStaff,
  makeUser,
  signIn,
} from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { RecordsOfProcessing } from "../../../contracts/retention.ts";

describe(`records of processing on ${testEngine()}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  const countsOf = (records: RecordsOfProcessing) =>
    Object.fromEntries(records.categories.map((c) => [c.key, c.count]));

  it("counts what is held by category, follows new pupils and says the network's retention", async () => {
    const admin = await signIn(t, await makeUser(t, { role: "network_admin" }));
    const before = countsOf(
      json<RecordsOfProcessing>(await admin.get("/api/records-of-processing")),
    );
    const school = await makeSchool(t);
    await makePupil(t, { schoolId: school.id, pupilPremium: true });
    await makePupil(t, { schoolId: school.id });
    await makePupil(t, { schoolId: school.id });
    const response = await admin.get("/api/records-of-processing");
    expect(response.statusCode).toBe(200);
    const records = json<RecordsOfProcessing>(response);
    const after = countsOf(records);
    expect(after.pupil_identity).toBe((before.pupil_identity ?? 0) + 3);
    expect(after.disadvantage).toBe((before.disadvantage ?? 0) + 1);
    const pupilRows = await t.deps.db
      .selectFrom("pupils")
      .select((eb) => eb.fn.countAll<string>().as("n"))
      .executeTakeFirstOrThrow();
    expect(after.pupil_identity).toBe(Number(pupilRows.n));
    // Each category says its purpose, lawful basis and who can see it; pupil data its retention rule.
    for (const c of records.categories) {
      expect(c.purpose.length, c.key).toBeGreaterThan(10);
      expect(c.lawfulBasis.length, c.key).toBeGreaterThan(5);
      expect(c.whoCanSee.length, c.key).toBeGreaterThan(0);
    }
    const settings = await t.deps.db
      .selectFrom("retention_settings")
      .select("pupil_data_years")
      .executeTakeFirstOrThrow();
    const identity = records.categories.find((c) => c.key === "pupil_identity");
    expect(identity?.retention).toContain(`Deleted ${settings.pupil_data_years} year`);
  });

  it("is read by administrators only, and each read is audited", async () => {
    const admin = await makeUser(t, { role: "network_admin" });
    const client = await signIn(t, admin);
    await client.get("/api/records-of-processing");
    const audited = await t.deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("actor_user_id", "=", admin.id)
      .where("action", "=", "records_of_processing.read")
      .execute();
    expect(audited).toHaveLength(1);
    const leader = await signIn(t, await makeStaff(t, { role: "school_leader" }));
    expect((await leader.get("/api/records-of-processing")).statusCode).toBe(403);
  });
});
