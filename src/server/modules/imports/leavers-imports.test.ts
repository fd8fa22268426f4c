import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeUser, signIn } from "../../../../test/support/factories.ts";
import {
  createClusterViaApi,
  createProgrammeYearViaApi,
  enrolViaApi,
} from "../../../../test/support/network.ts";
import { importFile, schoolWithStaff } from "../../../../test/support/school-fixture.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { ImportLeavers, ImportSummary } from "../../../contracts/pupil-data.ts";
import { makeUpn } from "../../../domain/upn.ts";

type School = Awaited<ReturnType<typeof schoolWithStaff>>;

let serial = 0;
const HEADER = "UPN,Legal Surname,Legal Forename,DOB,Year";

/** Pupils of the test: name → [UPN, year group]. */
function roll(names: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(names).map(([name, year]) => {
      serial += 1;
      return [name, { upn: makeUpn(881, 4321, 2019, serial), year }];
    }),
  );
}

const csv = (pupils: Record<string, { upn: string; year: string }>, names: string[]) =>
  [
    HEADER,
    ...names.map((n) => {
      const p = pupils[n];
      if (!p) throw new Error(n);
      return `${p.upn},Leaverton,${n},01/09/2018,${p.year}`;
    }),
  ].join("\n");

describe(`marking the pupils a list leaves out as left [${testEngine()}]`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  /** A school with Ada, Ben, Cy and Dot in Year 3, Eve and Fin in Year 4, and Gil (Year 3) who left in the summer. */
  async function school() {
    const s = await schoolWithStaff(t, "primary");
    const pupils = roll({ Ada: "3", Ben: "3", Cy: "3", Dot: "3", Eve: "4", Fin: "4", Gil: "3" });
    const all = Object.keys(pupils);
    expect((await importFile(s.leader, s.schoolId, "pupils", csv(pupils, all))).statusCode).toBe(
      201,
    );
    await t.deps.db
      .updateTable("pupils")
      .set({ left_on: "2026-07-22" })
      .where("upn", "=", pupils.Gil?.upn ?? "")
      .execute();
    return { s, pupils };
  }

  const leftOf = async (s: School) =>
    Object.fromEntries(
      (
        await t.deps.db
          .selectFrom("pupils")
          .select(["legal_first_name", "left_on"])
          .where("school_id", "=", s.schoolId)
          .execute()
      ).map((p) => [p.legal_first_name, p.left_on]),
    );

  const digest = async (s: School) =>
    (
      await sql<{ d: string }>`
        select md5(coalesce(string_agg(p::text, '|' order by p.upn), '')) as d
        from pupils p where p.school_id = ${s.schoolId}`.execute(t.deps.db)
    ).rows[0]?.d;

  const preview = async (s: School, body: string) => {
    const response = await importFile(
      s.leader,
      s.schoolId,
      "pupils",
      body,
      {},
      "y3.csv",
      "imports/preview",
    );
    expect(response.statusCode).toBe(200);
    return json<{ leavers: ImportLeavers }>(response).leavers;
  };

  it("lists the pupils on roll in the file's year groups that it leaves out, and changes nothing", async () => {
    const { s, pupils } = await school();
    const before = await digest(s);
    // Year 3 only, without Cy and Dot, with a new pupil.
    const newcomer = roll({ Hal: "3" });
    const file = `${csv(pupils, ["Ada", "Ben"])}\n${newcomer.Hal?.upn},Leaverton,Hal,01/09/2018,3`;
    const leavers = await preview(s, file);
    expect(leavers).toMatchObject({
      count: 2,
      yearGroups: ["3"],
      today: "2026-11-23",
      notBefore: null,
    });
    // Eve and Fin (Year 4, not in the file) are not offered; Gil has already left.
    expect(leavers.pupils).toEqual([
      { upn: pupils.Cy?.upn, name: "Cy Leaverton", yearGroup: "3", inCohort: false },
      { upn: pupils.Dot?.upn, name: "Dot Leaverton", yearGroup: "3", inCohort: false },
    ]);
    expect(leavers.token).toMatch(/^[\w-]{20,}$/);
    expect(await digest(s)).toBe(before);
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select(["details", "actor_user_id"])
      .where("action", "=", "import.leavers_listed")
      .where("target_id", "=", s.schoolId)
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.actor_user_id).toBe(s.leaderUser.id);
    const details = audit[0]?.details;
    expect(typeof details === "string" ? JSON.parse(details) : details).toEqual({ count: 2 });
  });

  it("never marks anyone as left unless asked", async () => {
    const { s, pupils } = await school();
    const response = await importFile(s.leader, s.schoolId, "pupils", csv(pupils, ["Ada"]));
    expect(response.statusCode).toBe(201);
    expect(json<ImportSummary>(response)).toMatchObject({ markedLeft: 0, unchanged: 1 });
    expect(await leftOf(s)).toMatchObject({ Ben: null, Cy: null, Dot: null, Eve: null });
  });

  it("marks exactly the listed pupils as left with the import, drops them from the roll, and undo puts them back", async () => {
    const { s, pupils } = await school();
    const file = csv(pupils, ["Ada", "Ben", "Eve"]);
    const { token } = await preview(s, file);
    const response = await importFile(s.leader, s.schoolId, "pupils", file, {
      leavers: token,
      leftOn: "2026-10-23",
    });
    expect(response.statusCode).toBe(201);
    const summary = json<ImportSummary>(response);
    expect(summary).toMatchObject({ rows: 3, created: 0, unchanged: 3, markedLeft: 3 });
    expect(await leftOf(s)).toEqual({
      Ada: null,
      Ben: null,
      Cy: "2026-10-23",
      Dot: "2026-10-23",
      Eve: null,
      Fin: "2026-10-23",
      Gil: "2026-07-22",
    });

    // Off roll wherever left pupils are: the pupil list, and the count the disadvantage rule shows.
    const onRoll = json<{ items: { legalFirstName: string }[] }>(
      await s.teacher.get(`/api/schools/${s.schoolId}/pupils`),
    ).items.map((p) => p.legalFirstName);
    expect(onRoll.sort()).toEqual(["Ada", "Ben", "Eve"]);
    expect(
      json<{ onRoll: number }>(await s.teacher.get(`/api/schools/${s.schoolId}/disadvantage-rule`))
        .onRoll,
    ).toBe(3);

    const history = json<{ items: ImportSummary[] }>(
      await s.leader.get(`/api/schools/${s.schoolId}/imports`),
    ).items;
    expect(history[0]).toMatchObject({ id: summary.id, markedLeft: 3 });
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select("details")
      .where("action", "=", "import.completed")
      .where("target_id", "=", summary.id)
      .executeTakeFirstOrThrow();
    const details =
      typeof audit.details === "string" ? JSON.parse(audit.details) : (audit.details as object);
    expect(details).toMatchObject({ markedLeft: 3, leftOn: "2026-10-23" });

    const undo = await s.leader.delete(`/api/imports/${summary.id}`);
    expect(undo.statusCode).toBe(200);
    expect(json(undo)).toEqual({ restored: 3, removed: 0 });
    expect(await leftOf(s)).toMatchObject({ Cy: null, Dot: null, Fin: null, Gil: "2026-07-22" });
    const again = json<{ items: ImportSummary[] }>(
      await s.leader.get(`/api/schools/${s.schoolId}/imports`),
    ).items;
    expect(again[0]?.undoneAt).not.toBeNull();
  });

  it("refuses to undo when a pupil marked as left has been changed by hand since", async () => {
    const { s, pupils } = await school();
    const file = csv(pupils, ["Ada", "Ben", "Cy", "Eve", "Fin"]);
    const { token } = await preview(s, file);
    const done = json<ImportSummary>(
      await importFile(s.leader, s.schoolId, "pupils", file, {
        leavers: token,
        leftOn: "2026-11-23",
      }),
    );
    expect(done.markedLeft).toBe(1);
    const dot = await t.deps.db
      .selectFrom("pupils")
      .select(["id", "version"])
      .where("upn", "=", pupils.Dot?.upn ?? "")
      .executeTakeFirstOrThrow();
    expect(
      (await s.leader.patch(`/api/pupils/${dot.id}`, { version: dot.version, eal: true }))
        .statusCode,
    ).toBe(200);
    const undo = await s.leader.delete(`/api/imports/${done.id}`);
    expect(undo.statusCode).toBe(409);
    expect((await leftOf(s)).Dot).toBe("2026-11-23");
  });

  it("answers 400 naming leftOn for a future, malformed or missing date, and changes nothing", async () => {
    const { s, pupils } = await school();
    const file = `${csv(pupils, ["Ada"])}\n${makeUpn(881, 4321, 2019, 990)},New,Pupil,01/09/2018,3`;
    const { token } = await preview(s, file);
    const before = await digest(s);
    const imports = async () =>
      json<{ items: unknown[] }>(await s.leader.get(`/api/schools/${s.schoolId}/imports`)).items
        .length;
    const count = await imports();
    const cases: Array<[Record<string, string>, string, RegExp]> = [
      [{ leavers: token, leftOn: "2026-11-24" }, "leftOn", /24 Nov 2026 is in the future/],
      [{ leavers: token, leftOn: "23/10/2026" }, "leftOn", /2026-11-23/],
      [{ leavers: token, leftOn: "2026-02-30" }, "leftOn", /date/i],
      [{ leavers: token }, "leftOn", /leaving date/i],
      [{ leftOn: "2026-10-01" }, "leavers", /token/],
      [{ leavers: token, leftOn: "2026-10-01", kind: "observations" }, "leavers", /pupils/],
    ];
    for (const [fields, field, message] of cases) {
      const response = await importFile(s.leader, s.schoolId, "pupils", file, fields);
      expect(response.statusCode, JSON.stringify(fields)).toBe(400);
      const error = json<{ errors: { field: string; message: string }[] }>(response).errors[0];
      expect(error?.field).toBe(field);
      expect(error?.message).toMatch(message);
    }
    expect(await digest(s)).toBe(before);
    expect(await imports()).toBe(count);
  });

  it("refuses a leaving date before the pupils were last known on roll, saying why", async () => {
    const { s, pupils } = await school();
    const autumn2 = s.points.find((p) => p.name === "Autumn 2")?.id ?? "";
    const values = await importFile(
      s.leader,
      s.schoolId,
      "observations",
      `UPN,Resilient Learner\n${pupils.Dot?.upn},3\n`,
      { assessmentPointId: autumn2 },
    );
    expect(values.statusCode).toBe(201);
    const file = csv(pupils, ["Ada", "Ben", "Cy", "Eve", "Fin"]);
    const leavers = await preview(s, file);
    expect(leavers.notBefore).toEqual({
      on: "2026-11-02",
      because: "Dot Leaverton has values at Autumn 2 2026/27, which began on 2 Nov 2026",
    });
    const before = await digest(s);
    const early = await importFile(s.leader, s.schoolId, "pupils", file, {
      leavers: leavers.token,
      leftOn: "2026-11-01",
    });
    expect(early.statusCode).toBe(400);
    expect(json<{ errors: { field: string; message: string }[] }>(early).errors).toEqual([
      {
        field: "leftOn",
        message:
          "Dot Leaverton has values at Autumn 2 2026/27, which began on 2 Nov 2026: choose a leaving date on or after 2 Nov 2026.",
      },
    ]);
    expect(await digest(s)).toBe(before);
    const onTime = await importFile(s.leader, s.schoolId, "pupils", file, {
      leavers: leavers.token,
      leftOn: "2026-11-02",
    });
    expect(json<ImportSummary>(onTime).markedLeft).toBe(1);
  });

  it("says which leavers are in the target cohort, and not before the day one joined it", async () => {
    const { s, pupils } = await school();
    const admin = await signIn(t, await makeUser(t));
    const { yearId } = await createProgrammeYearViaApi(admin);
    const cluster = await createClusterViaApi(admin, yearId, s.schoolId, "lead@leavers.test");
    const enrolmentId = await enrolViaApi(admin, s.schoolId, cluster.id);
    const cy = await t.deps.db
      .selectFrom("pupils")
      .select("id")
      .where("upn", "=", pupils.Cy?.upn ?? "")
      .executeTakeFirstOrThrow();
    await t.deps.db
      .insertInto("cohort_members")
      .values({
        enrolment_id: enrolmentId,
        pupil_id: cy.id,
        joined_on: "2026-11-16",
        created_at: t.clock.now(),
      })
      .execute();
    const file = csv(pupils, ["Ada", "Ben", "Eve", "Fin"]);
    const leavers = await preview(s, file);
    expect(leavers.pupils.map((p) => [p.name, p.inCohort])).toEqual([
      ["Cy Leaverton", true],
      ["Dot Leaverton", false],
    ]);
    expect(leavers.notBefore).toEqual({
      on: "2026-11-16",
      because: "Cy Leaverton joined the target cohort on 16 Nov 2026",
    });
    const early = await importFile(s.leader, s.schoolId, "pupils", file, {
      leavers: leavers.token,
      leftOn: "2026-11-13",
    });
    expect(early.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(early).errors[0]?.field).toBe("leftOn");
  });

  it("answers 409 and changes nothing when the pupils left out have changed since the preview", async () => {
    const { s, pupils } = await school();
    const file = `${csv(pupils, ["Ada", "Ben", "Cy"])}\n${makeUpn(881, 4321, 2019, 991)},New,Pupil,01/09/2018,3`;
    const { token } = await preview(s, file);
    // Meanwhile another Year 3 pupil is added, whom the preview did not list.
    const extra = roll({ Ivy: "3" });
    expect(
      (await importFile(s.leader, s.schoolId, "pupils", csv(extra, ["Ivy"]), {}, "ivy.csv"))
        .statusCode,
    ).toBe(201);
    const before = await digest(s);
    const response = await importFile(s.leader, s.schoolId, "pupils", file, {
      leavers: token,
      leftOn: "2026-11-20",
    });
    expect(response.statusCode).toBe(409);
    expect(json<{ detail: string }>(response).detail).toMatch(/changed since the preview/);
    expect(await digest(s)).toBe(before);
  });

  it("marks no one when the file has problems, and none of the file when marking fails", async () => {
    const { s, pupils } = await school();
    const good = `${csv(pupils, ["Ada"])}\n${makeUpn(881, 4321, 2019, 992)},New,Pupil,01/09/2018,3`;
    const { token } = await preview(s, good);
    const before = await digest(s);
    const bad = `${good}\n${makeUpn(881, 4321, 2019, 993)},Bad,Date,31/02/2018,3`;
    const rejected = await importFile(s.leader, s.schoolId, "pupils", bad, {
      leavers: token,
      leftOn: "2026-11-20",
    });
    expect(rejected.statusCode).toBe(422);
    expect(await digest(s)).toBe(before);

    await sql`create function refuse_leaving() returns trigger language plpgsql as $$
      begin if new.left_on = '2026-11-19' and new.legal_first_name = 'Dot' then raise exception 'simulated crash'; end if; return new; end; $$`.execute(
      t.deps.db,
    );
    await sql`create trigger pupils_refuse_leaving before update on pupils for each row execute function refuse_leaving()`.execute(
      t.deps.db,
    );
    try {
      const crashed = await importFile(s.leader, s.schoolId, "pupils", good, {
        leavers: token,
        leftOn: "2026-11-19",
      });
      expect(crashed.statusCode).toBe(500);
      expect(await digest(s)).toBe(before);
    } finally {
      await sql`drop trigger pupils_refuse_leaving on pupils`.execute(t.deps.db);
      await sql`drop function refuse_leaving()`.execute(t.deps.db);
    }
  });
});
