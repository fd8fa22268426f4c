import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { importFile, schoolWithStaff } from "../../../../test/support/school-fixture.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import { makeUpn } from "../../../domain/upn.ts";

interface Settings {
  rule: string;
  canChange: boolean;
  options: { rule: string; label: string; pupils: number }[];
  onRoll: number;
}

describe(`a school's rule for who counts as disadvantaged [${testEngine()}]`, () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof schoolWithStaff>>;
  const url = () => `/api/schools/${s.schoolId}/disadvantage-rule`;
  const counts = (settings: Settings) =>
    Object.fromEntries(settings.options.map((o) => [o.rule, o.pupils]));

  beforeAll(async () => {
    t = await createTestApp();
    s = await schoolWithStaff(t);
    // Pupil premium: Ahmed, Brown. FSM now: Brown, Cole. Ever-6 only: Dunn. Looked after: Evans.
    const rows = ["UPN,Legal Surname,Legal Forename,DOB,Year,PP,FSM,Ever 6,In Care"];
    const pupils = [
      ["Ahmed", "Y", "N", "N", "N"],
      ["Brown", "Y", "Y", "Y", "N"],
      ["Cole", "N", "Y", "Y", "N"],
      ["Dunn", "N", "N", "Y", "N"],
      ["Evans", "N", "N", "N", "Y"],
      ["Fox", "N", "N", "N", "N"],
    ];
    for (const [i, [surname, pp, fsm, ever6, care]] of pupils.entries())
      rows.push(
        `${makeUpn(881, 4321, 2019, 400 + i)},${surname},Sam,01/01/2012,8,${pp},${fsm},${ever6},${care}`,
      );
    const response = await importFile(s.leader, s.schoolId, "pupils", rows.join("\n"), {
      mapping: JSON.stringify({
        UPN: "upn",
        "Legal Surname": "lastName",
        "Legal Forename": "legalFirstName",
        DOB: "dateOfBirth",
        Year: "yearGroup",
        PP: "pupilPremium",
        FSM: "fsm",
        "Ever 6": "ever6Fsm",
        "In Care": "lookedAfter",
      }),
    });
    expect(response.statusCode, response.body).toBe(201);
  });
  afterAll(async () => t.close());

  it("starts at pupil premium and says how many pupils each rule would count", async () => {
    const settings = json<Settings>(await s.teacher.get(url()));
    expect(settings.rule).toBe("pupil_premium");
    expect(settings.canChange).toBe(false);
    expect(settings.onRoll).toBe(6);
    expect(counts(settings)).toEqual({
      pupil_premium: 2,
      fsm: 2,
      ever6_fsm: 3,
      pupil_premium_or_looked_after: 3,
    });
  });

  it("lets a leader change it, and the pupil list follows", async () => {
    const response = await s.leader.put(url(), { rule: "ever6_fsm" });
    expect(response.statusCode, response.body).toBe(200);
    expect(json<Settings>(response)).toMatchObject({ rule: "ever6_fsm", canChange: true });
    const disadvantaged = json<{ items: { lastName: string }[] }>(
      await s.teacher.get(`/api/schools/${s.schoolId}/pupils?disadvantaged=true`),
    ).items.map((p) => p.lastName);
    expect(disadvantaged).toEqual(["Brown", "Cole", "Dunn"]);
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select(["action", "details"])
      .where("action", "=", "school.disadvantage_rule_changed")
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).toMatchObject({ from: "pupil_premium", to: "ever6_fsm" });
  });

  it("refuses teachers and unknown rules, and changes nothing", async () => {
    expect((await s.teacher.put(url(), { rule: "fsm" })).statusCode).toBe(403);
    const bad = await s.leader.put(url(), { rule: "everyone" });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("Choose one of: pupil_premium, fsm, ever6_fsm");
    expect(json<Settings>(await s.teacher.get(url())).rule).toBe("ever6_fsm");
  });

  it("answers 404 to another school's staff", async () => {
    const other = await schoolWithStaff(t);
    expect((await other.leader.get(url())).statusCode).toBe(404);
    expect((await other.leader.put(url(), { rule: "fsm" })).statusCode).toBe(404);
  });
});
