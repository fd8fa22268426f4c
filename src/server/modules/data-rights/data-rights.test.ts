import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  makeEnrolment,
  makeParticipants,
  makeSchool,
  makeSharedAggregate,
  makeStaff,
  makeStrategy,
  makeUser,
  signIn,
} from "../../../../test/support/factories.ts";
import { tablesHolding as tablesHoldingIn } from "../../../../test/support/named-traces.ts";
import { importFile, schoolWithStaff } from "../../../../test/support/school-fixture.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { PupilExport } from "../../../contracts/data-rights.ts";
import { makeUpn } from "../../../domain/upn.ts";
import { verifyAuditChain } from "../../audit/chain.ts";
import { ensurePseudonyms } from "../cohort/pseudonyms.ts";
import { insertPasskey, passkeysOf } from "../passkeys/store.ts";

const tablesHolding = (t: TestApp, needles: string[]) => tablesHoldingIn(t.deps.db, needles);

describe(`subject access, rectification history and erasure [${testEngine()}]`, () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof schoolWithStaff>>;
  const upnA = makeUpn(881, 4321, 2019, 701);
  const upnB = makeUpn(881, 4321, 2019, 702);
  let pupilA = "";
  let pupilB = "";
  let measureId = "";
  let programmeYearId = "";
  const point = (name: string) => s.points.find((p) => p.name === name)?.id ?? "";
  const file = (forenameA: string) =>
    [
      "UPN,Legal Surname,Legal Forename,DOB,Year",
      `${upnA},Quartermaine,${forenameA},17/02/2015,5`,
      `${upnB},Oxenford,Bartholomew,09/09/2015,5`,
    ].join("\n");
  const sharedResults = () =>
    t.deps.db.selectFrom("shared_results").selectAll().orderBy("id").execute();

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.advance(Date.parse("2026-12-01T09:00:00Z") - t.clock.now().getTime());
    s = await schoolWithStaff(t, "primary");
    expect((await importFile(s.leader, s.schoolId, "pupils", file("Zephyrine"))).statusCode).toBe(
      201,
    );
    // A second import corrects A's forename: the history keeps the old one until erasure.
    expect((await importFile(s.leader, s.schoolId, "pupils", file("Zephyrina"))).statusCode).toBe(
      201,
    );
    const ids = await t.deps.db
      .selectFrom("pupils")
      .select(["id", "upn"])
      .where("school_id", "=", s.schoolId)
      .execute();
    pupilA = ids.find((p) => p.upn === upnA)?.id ?? "";
    pupilB = ids.find((p) => p.upn === upnB)?.id ?? "";
    measureId = (
      await t.deps.db
        .selectFrom("measures")
        .select("id")
        .where("school_id", "=", s.schoolId)
        .where("key", "=", "theme-resilient")
        .executeTakeFirstOrThrow()
    ).id;
    // A value for each, then A's corrected by hand; A's preferred name set by a leader.
    const put = (pupilId: string, value: string) =>
      s.teacher.put("/api/observations", {
        observations: [{ pupilId, measureId, assessmentPointId: point("Autumn 1"), value }],
      });
    expect((await put(pupilA, "4")).statusCode).toBe(200);
    expect((await put(pupilB, "2")).statusCode).toBe(200);
    expect((await put(pupilA, "3")).statusCode).toBe(200);
    const profile = json<{ pupil: { version: number } }>(
      await s.leader.get(`/api/pupils/${pupilA}`),
    );
    expect(
      (
        await s.leader.request("PATCH", `/api/pupils/${pupilA}`, {
          version: profile.pupil.version,
          preferredFirstName: "Zeffy",
        })
      ).statusCode,
    ).toBe(200);
    // Cohort membership, a pseudonym and a strategy's participation for both.
    const enrolment = await makeEnrolment(t, { schoolId: s.schoolId });
    programmeYearId = enrolment.programmeYearId;
    const school = await t.deps.db
      .selectFrom("schools")
      .select("short_code")
      .where("id", "=", s.schoolId)
      .executeTakeFirstOrThrow();
    await t.deps.db.transaction().execute(async (trx) => {
      await ensurePseudonyms(
        trx,
        programmeYearId,
        [pupilA, pupilB].map((id) => ({ id, shortCode: school.short_code })),
        t.clock.now(),
      );
      for (const pupil_id of [pupilA, pupilB]) {
        await trx
          .insertInto("cohort_members")
          .values({
            enrolment_id: enrolment.id,
            pupil_id,
            joined_on: "2026-09-01",
            reason: "Reading age below chronological age",
            created_by: null,
            created_at: t.clock.now(),
          })
          .execute();
      }
    });
    const strategy = await makeStrategy(t, { schoolId: s.schoolId, title: "Reading club" });
    await makeParticipants(t, {
      strategyId: strategy.id,
      pupilIds: [pupilA, pupilB],
      addedOn: "2026-09-10",
    });
    // An aggregate already shared from that strategy: it holds no pupil rows, and must stay.
    await makeSharedAggregate(t, {
      strategyId: strategy.id,
      schoolId: s.schoolId,
      title: "Reading club",
    });
  });
  afterAll(async () => t.close());

  it("keeps who changed what and when, from imports, data entry and edits, for the school's leaders", async () => {
    const history = json<{ items: Array<Record<string, unknown>> }>(
      await s.leader.get(`/api/pupils/${pupilA}/history`),
    ).items;
    expect(history).toEqual([
      expect.objectContaining({
        entity: "pupil",
        field: "legal_first_name",
        oldValue: "Zephyrine",
        newValue: "Zephyrina",
        source: "import",
        changedBy: "Lena Leader",
      }),
      expect.objectContaining({
        entity: "observation",
        field: "value",
        oldValue: "4",
        newValue: "3",
        source: "edit",
        changedBy: "Theo Teacher",
        assessmentPoint: "Autumn 1 2026/27",
      }),
      expect.objectContaining({
        entity: "pupil",
        field: "preferred_first_name",
        oldValue: null,
        newValue: "Zeffy",
        source: "edit",
        changedBy: "Lena Leader",
      }),
    ]);
    expect((await s.teacher.get(`/api/pupils/${pupilA}/history`)).statusCode).toBe(403);
  });

  it("exports everything about one pupil and nothing about another, audited, as JSON and HTML", async () => {
    const response = await s.leader.get(`/api/pupils/${pupilA}/subject-access`);
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-disposition"]).toContain("attachment");
    const data = json<PupilExport>(response);
    expect(data.pupil).toMatchObject({
      upn: upnA,
      legalFirstName: "Zephyrina",
      lastName: "Quartermaine",
      dateOfBirth: "2015-02-17",
    });
    expect(data.observations).toEqual([
      expect.objectContaining({ value: 3, recordedBy: "Theo Teacher" }),
    ]);
    expect(data.history).toHaveLength(3);
    expect(data.cohortMembership).toEqual([
      expect.objectContaining({
        joinedOn: "2026-09-01",
        reason: "Reading age below chronological age",
      }),
    ]);
    expect(data.strategies).toEqual([
      expect.objectContaining({ title: "Reading club", addedOn: "2026-09-10" }),
    ]);
    expect(data.pseudonyms).toHaveLength(1);
    expect(data.imports.map((i) => i.entity)).toEqual(["pupil", "pupil"]);
    expect(data.auditEntries.map((a) => a.action)).toEqual(
      expect.arrayContaining(["pupil.viewed", "pupil.updated"]),
    );
    expect(data.notHeld.join(" ")).toContain("Questionnaire");
    // Nothing about the other pupil of the same school.
    for (const marker of [pupilB, upnB, "Oxenford", "Bartholomew", "2015-09-09"])
      expect(response.body).not.toContain(marker);

    const html = await s.leader.get(`/api/pupils/${pupilA}/subject-access/document`);
    expect(html.statusCode).toBe(200);
    expect(html.headers["content-type"]).toContain("text/html");
    expect(html.body).toContain("Data held about Zephyrina Quartermaine");
    expect(html.body).toContain("History of changes");
    expect(html.body).not.toContain("Oxenford");
    const audits = await t.deps.db
      .selectFrom("audit_events")
      .select(["details"])
      .where("action", "=", "pupil.subject_access_exported")
      .where("target_id", "=", pupilA)
      .execute();
    expect(audits.map((a) => a.details.format).sort()).toEqual(["html", "json"]);
  });

  it("lets only the pupil's school's leaders export: 403 for a teacher, 404 for another school's leader", async () => {
    expect((await s.teacher.get(`/api/pupils/${pupilA}/subject-access`)).statusCode).toBe(403);
    const other = await makeStaff(t, { role: "school_leader", schoolId: (await makeSchool(t)).id });
    const client = await signIn(t, other);
    expect((await client.get(`/api/pupils/${pupilA}/subject-access`)).statusCode).toBe(404);
    expect(
      (await client.post(`/api/pupils/${pupilA}/erase`, { confirmName: "Zephyrina Quartermaine" }))
        .statusCode,
    ).toBe(404);
  });

  it("refuses an erasure whose typed name is not the pupil's, changing nothing", async () => {
    const response = await s.leader.post(`/api/pupils/${pupilA}/erase`, {
      confirmName: "Someone Else",
    });
    expect(response.statusCode).toBe(400);
    expect(json<{ errors: Array<{ field: string }> }>(response).errors[0]?.field).toBe(
      "confirmName",
    );
    expect(
      await t.deps.db.selectFrom("pupils").select("id").where("id", "=", pupilA).executeTakeFirst(),
    ).toBeDefined();
  });

  it("erases a pupil: no trace of name, UPN or birth date anywhere; aggregates and the audit chain hold", async () => {
    const before = await sharedResults();
    const code = (
      await t.deps.db
        .selectFrom("pseudonyms")
        .select("code")
        .where("pupil_id", "=", pupilA)
        .executeTakeFirstOrThrow()
    ).code;
    const response = await s.leader.post(`/api/pupils/${pupilA}/erase`, {
      confirmName: "  zephyrina   QUARTERMAINE ",
    });
    expect(response.statusCode).toBe(200);
    expect(json(response)).toEqual({
      erased: true,
      observations: 1,
      cohortMemberships: 1,
      strategyParticipations: 1,
      historyRows: 3,
      pseudonymsRetired: 1,
    });
    const markers = [
      upnA,
      "Zephyrina",
      "Zephyrine",
      "Zeffy",
      "Quartermaine",
      "2015-02-17",
      "17/02/2015",
    ];
    expect(await tablesHolding(t, markers)).toEqual([]);
    // The pupil's id is left only in the audit log (ids only), and in no other row.
    expect((await tablesHolding(t, [pupilA])).every((hit) => hit.startsWith("audit_events."))).toBe(
      true,
    );
    // The other pupil is untouched; the shared aggregate is unchanged.
    expect(
      json<PupilExport>(await s.leader.get(`/api/pupils/${pupilB}/subject-access`)).observations,
    ).toHaveLength(1);
    expect(await sharedResults()).toEqual(before);
    const erased = await t.deps.db
      .selectFrom("audit_events")
      .select(["actor_user_id", "details"])
      .where("action", "=", "pupil.erased")
      .where("target_id", "=", pupilA)
      .executeTakeFirstOrThrow();
    expect(erased.details).toMatchObject({ schoolId: s.schoolId, observations: 1 });
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
    expect((await s.leader.get(`/api/pupils/${pupilA}`)).statusCode).toBe(404);

    // The retired pseudonym is never issued again, even when every other two-digit code is taken.
    const school = await t.deps.db
      .selectFrom("schools")
      .select("short_code")
      .where("id", "=", s.schoolId)
      .executeTakeFirstOrThrow();
    const fresh = await t.deps.db
      .insertInto("pupils")
      .values(
        Array.from({ length: 99 }, (_, i) => ({
          school_id: s.schoolId,
          upn: makeUpn(881, 4321, 2019, 800 + i),
          legal_first_name: "New",
          last_name: `Pupil${i}`,
          date_of_birth: "2016-01-01",
          year_group: "4",
          created_at: t.clock.now(),
          updated_at: t.clock.now(),
        })),
      )
      .returning("id")
      .execute();
    await t.deps.db.transaction().execute(async (trx) =>
      ensurePseudonyms(
        trx,
        programmeYearId,
        fresh.map((p) => ({ id: p.id, shortCode: school.short_code })),
        t.clock.now(),
      ),
    );
    const issued = await t.deps.db
      .selectFrom("pseudonyms")
      .select("code")
      .where("programme_year_id", "=", programmeYearId)
      .execute();
    expect(issued).toHaveLength(100);
    expect(issued.map((p) => p.code)).not.toContain(code);
  });
});

describe(`a member of staff's own data, and erasing them [${testEngine()}]`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => t.close());

  it("gives each person their own data only, audited", async () => {
    const school = await makeSchool(t);
    const me = await makeStaff(t, {
      role: "teacher",
      schoolId: school.id,
      name: "Wilhelmina Pemberton",
    });
    const colleague = await makeStaff(t, {
      role: "teacher",
      schoolId: school.id,
      name: "Cornelius Ashdown",
    });
    await signIn(t, colleague);
    const client = await signIn(t, me);
    const response = await client.get("/api/me/data");
    expect(response.statusCode).toBe(200);
    const data = json<{
      user: { email: string };
      memberships: unknown[];
      sessions: unknown[];
      auditEntries: Array<{ action: string }>;
    }>(response);
    expect(data.user.email).toBe(me.email);
    expect(data.memberships).toHaveLength(1);
    expect(data.sessions).toHaveLength(1);
    expect(data.auditEntries.map((a) => a.action)).toContain("auth.signed_in");
    expect(response.body).not.toContain(colleague.email);
    expect(response.body).not.toContain("Cornelius");
    const html = await client.get("/api/me/data/document");
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain("Data held about Wilhelmina Pemberton");
    expect((await new TestClient(t.app).get("/api/me/data")).statusCode).toBe(401);
  });

  it("anonymises an erased member of staff's authorship, disables them and ends their sessions", async () => {
    const school = await makeSchool(t);
    const leaver = await makeStaff(t, {
      role: "school_leader",
      schoolId: school.id,
      name: "Ignatius Fairweather",
    });
    const strategy = await makeStrategy(t, { schoolId: school.id, createdBy: leaver.id });
    const theirs = await signIn(t, leaver);
    // A passkey of theirs (added after signing in, so the sign-in needs no second step):
    // it must not outlive the account it signs in to.
    await insertPasskey(t.deps.db, {
      userId: leaver.id,
      credentialId: "leaver-credential",
      publicKey: new Uint8Array([1, 2, 3]),
      counter: 0,
      transports: ["internal"],
      name: "Ignatius's laptop",
      now: t.clock.now(),
    });
    const admin = await signIn(t, await makeUser(t));
    expect(
      (await admin.post(`/api/users/${leaver.id}/erase`, { confirmEmail: "wrong@school.test" }))
        .statusCode,
    ).toBe(400);
    const response = await admin.post(`/api/users/${leaver.id}/erase`, {
      confirmEmail: leaver.email.toUpperCase(),
    });
    expect(response.statusCode).toBe(200);
    expect(json(response)).toEqual({ erased: true, sessionsEnded: 1 });
    expect((await theirs.get("/api/me/data")).statusCode).toBe(401);
    const row = await t.deps.db
      .selectFrom("users")
      .select(["name", "email", "disabled_at"])
      .where("id", "=", leaver.id)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe("Former member of staff");
    expect(row.email).not.toContain(leaver.email);
    expect(row.disabled_at).not.toBeNull();
    const authored = await t.deps.db
      .selectFrom("strategies")
      .select("created_by")
      .where("id", "=", strategy.id)
      .executeTakeFirstOrThrow();
    expect(authored.created_by).toBe(leaver.id);
    expect(await passkeysOf(t.deps.db, leaver.id)).toEqual([]);
    expect(await tablesHolding(t, [leaver.email, "Ignatius", "Fairweather"])).toEqual([]);
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
    const self = await admin.post(
      `/api/users/${(await t.deps.db.selectFrom("audit_events").select("actor_user_id").where("action", "=", "user.erased").executeTakeFirstOrThrow()).actor_user_id}/erase`,
      { confirmEmail: "x@y.z" },
    );
    expect(self.statusCode).toBe(409);
  });
});
