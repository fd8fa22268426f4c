import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { schoolWithStaff } from "../../../../test/support/school-fixture.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";

interface Problem {
  status: number;
  errors: { field: string; message: string }[];
}

/** Issue 12, item 4: numbers out of range are refused with the field's message, never stored altered. */
describe(`number fields refuse what is out of range [${testEngine()}]`, () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof schoolWithStaff>>;
  beforeAll(async () => {
    t = await createTestApp();
    s = await schoolWithStaff(t);
  });
  afterAll(async () => t.close());

  const strategies = async () =>
    t.deps.db.selectFrom("strategies").select("id").where("school_id", "=", s.schoolId).execute();

  it.each([
    ["costPounds", -20, "The cost cannot be negative."],
    ["costPounds", 5_000_000, "At most £1,000,000"],
    ["staffHours", 20_000, "At most 10,000 hours."],
    ["minutesPerSession", 601, "At most 600 minutes (10 hours) a session."],
    ["minutesPerSession", -5, "Minutes per session cannot be negative."],
    ["minutesPerSession", 12.5, "Whole minutes, please."],
  ])("refuses a strategy with %s %d, naming the field", async (field, value, message) => {
    const response = await s.leader.post(`/api/schools/${s.schoolId}/strategies`, {
      title: "Reading buddies",
      [field]: value,
    });
    expect(response.statusCode).toBe(400);
    const problem = json<Problem>(response);
    expect(problem.errors[0]?.field).toBe(field);
    expect(problem.errors[0]?.message).toContain(message);
    expect(await strategies()).toEqual([]);
  });

  it("refuses a national percentage above 100 and keeps the measure as it was", async () => {
    const measure = await t.deps.db
      .selectFrom("measures")
      .select(["id", "version", "national_disadvantaged_pct"])
      .where("school_id", "=", s.schoolId)
      .executeTakeFirstOrThrow();
    const response = await s.leader.patch(`/api/measures/${measure.id}`, {
      version: measure.version,
      nationalDisadvantagedPct: 150,
    });
    expect(response.statusCode).toBe(400);
    expect(json<Problem>(response).errors).toEqual([
      { field: "nationalDisadvantagedPct", message: "A percentage is from 0 to 100." },
    ]);
    const after = await t.deps.db
      .selectFrom("measures")
      .select("national_disadvantaged_pct")
      .where("id", "=", measure.id)
      .executeTakeFirstOrThrow();
    expect(after.national_disadvantaged_pct).toBe(measure.national_disadvantaged_pct);
  });
});
