import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUpn } from "../../src/domain/upn.ts";
import { writeBackupFile } from "../../src/server/backup/backup.ts";
import { ensurePseudonyms } from "../../src/server/modules/cohort/pseudonyms.ts";
import { runRetention } from "../../src/server/modules/retention/job.ts";
import { testEngine } from "../support/engines.ts";
import {
  makeEnrolment,
  makeParticipants,
  makeSharedAggregate,
  makeStrategy,
} from "../support/factories.ts";
import { tablesHolding } from "../support/named-traces.ts";
import { importFile, schoolWithStaff } from "../support/school-fixture.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cascade-erasure-"));

/**
 * Issue #15: erasure leaves no trace of the pupil's name, UPN or birth date in any
 * table or in any later backup, and the shared aggregates are unchanged. The one
 * erasure (src/server/data-protection/erase-pupil.ts) deletes the rows, so no
 * tombstone is left for any pupil query to show: each kind of query is read after
 * the erasure (list, search, cohort, matrix, gap, strategy participants, export).
 */
describe(`erasure leaves no trace, in the tables or a later backup [${testEngine()}]`, () => {
  let t: TestApp;
  let s: Awaited<ReturnType<typeof schoolWithStaff>>;
  const upnA = makeUpn(881, 4321, 2019, 731);
  const upnB = makeUpn(881, 4321, 2019, 732);
  const markers = [upnA, "Wilhelmina", "Fotheringay", "2015-03-21", "21/03/2015"];
  let pupilA = "";
  let pupilB = "";
  let measureId = "";
  let strategyId = "";
  let enrolmentClusterId = "";
  const sharedResults = () =>
    t.deps.db.selectFrom("shared_results").selectAll().orderBy("id").execute();

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.advance(Date.parse("2026-12-01T09:00:00Z") - t.clock.now().getTime());
    s = await schoolWithStaff(t, "primary");
    const file = [
      "UPN,Legal Surname,Legal Forename,DOB,Year",
      `${upnA},Fotheringay,Wilhelmina,21/03/2015,5`,
      `${upnB},Oxenford,Bartholomew,09/09/2015,5`,
    ].join("\n");
    expect((await importFile(s.leader, s.schoolId, "pupils", file)).statusCode).toBe(201);
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
    const pointId = s.points.find((p) => p.name === "Autumn 1")?.id ?? "";
    for (const [pupilId, value] of [
      [pupilA, "4"],
      [pupilB, "2"],
      [pupilA, "3"],
    ] as const) {
      const put = await s.teacher.put("/api/observations", {
        observations: [{ pupilId, measureId, assessmentPointId: pointId, value }],
      });
      expect(put.statusCode).toBe(200);
    }
    const enrolment = await makeEnrolment(t, { schoolId: s.schoolId });
    enrolmentClusterId = enrolment.clusterId;
    const school = await t.deps.db
      .selectFrom("schools")
      .select("short_code")
      .where("id", "=", s.schoolId)
      .executeTakeFirstOrThrow();
    await t.deps.db.transaction().execute(async (trx) => {
      await ensurePseudonyms(
        trx,
        enrolment.programmeYearId,
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
            // Free text typed about the pupil: it goes with them.
            reason: pupil_id === pupilA ? "Wilhelmina's reading age is below her age" : null,
            created_by: null,
            created_at: t.clock.now(),
          })
          .execute();
      }
    });
    const strategy = await makeStrategy(t, { schoolId: s.schoolId, title: "Reading club" });
    strategyId = strategy.id;
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
  }, 120_000);
  afterAll(async () => {
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("before erasure, the pupil is in the tables, the backup and every query (so the scans can fail)", async () => {
    expect((await tablesHolding(t.deps.db, markers)).length).toBeGreaterThanOrEqual(4);
    const file = path.join(dir, "before.cascade-backup");
    await writeBackupFile(t.deps, file, { now: t.clock.now(), reason: "test" });
    const text = zlib.gunzipSync(fs.readFileSync(file)).toString("utf8");
    // As stored (the birth date in ISO form; the file's dd/mm/yyyy is not kept).
    for (const marker of markers.slice(0, 4)) expect(text.includes(marker), marker).toBe(true);
    const list = await s.leader.get(`/api/schools/${s.schoolId}/pupils`);
    expect(list.body).toContain(pupilA);
  });

  it("erases a pupil: no name, UPN or birth date in any table, nor in a backup taken after; aggregates unchanged", async () => {
    const before = await sharedResults();
    const gapBefore = await s.leader.get(`/api/schools/${s.schoolId}/gap?measureId=${measureId}`);
    expect(gapBefore.statusCode).toBe(200);
    const erase = await s.leader.post(`/api/pupils/${pupilA}/erase`, {
      confirmName: "Wilhelmina Fotheringay",
    });
    expect(erase.statusCode).toBe(200);

    expect((await tablesHolding(t.deps.db, markers)).join("; ")).toBe("");
    // The id stays only in the audit log (ids only) and nowhere else.
    const idHits = await tablesHolding(t.deps.db, [pupilA]);
    expect(idHits.every((hit) => hit.startsWith("audit_events."))).toBe(true);

    const file = path.join(dir, "after.cascade-backup");
    const summary = await writeBackupFile(t.deps, file, { now: t.clock.now(), reason: "test" });
    expect(summary.rows).toBeGreaterThan(0);
    const bytes = zlib.gunzipSync(fs.readFileSync(file));
    const text = bytes.toString("utf8").toLowerCase();
    for (const marker of markers) expect(text.includes(marker.toLowerCase()), marker).toBe(false);
    // The other pupil is still there, so the scan reads the rows.
    expect(text.includes("oxenford")).toBe(true);
    expect(await sharedResults()).toEqual(before);
  });

  it("no query shows the erased pupil: list, search, cohort, matrix, gap, strategy participants, export", async () => {
    const reads = [
      `/api/schools/${s.schoolId}/pupils`,
      `/api/schools/${s.schoolId}/cohort`,
      `/api/schools/${s.schoolId}/cohort/candidates`,
      `/api/matrix?view=school&schoolId=${s.schoolId}`,
      `/api/schools/${s.schoolId}/gap?measureId=${measureId}`,
      `/api/strategies/${strategyId}`,
      `/api/matrix/export.csv?view=school&schoolId=${s.schoolId}`,
    ];
    for (const url of reads) {
      const response = await s.leader.get(url);
      expect(response.statusCode, url).toBe(200);
      expect(response.body, url).not.toContain(pupilA);
      expect(response.body, url).not.toContain("Fotheringay");
    }
    const search = await s.leader.post(`/api/schools/${s.schoolId}/pupils/search`, {
      search: "Fotheringay",
      includeLeft: "true",
    });
    expect(search.statusCode).toBe(200);
    expect(search.body).not.toContain(pupilA);
    // The other pupil still shows, so each read is one that lists pupils.
    const list = await s.leader.get(`/api/schools/${s.schoolId}/pupils`);
    expect(list.body).toContain(pupilB);
    expect(enrolmentClusterId).not.toBe("");
  });

  it("retention erases the same way: the pupil's rows go, no tombstone is left", async () => {
    t.clock.advance(Date.parse("2031-09-02T09:00:00Z") - t.clock.now().getTime());
    await runRetention(t.deps, { dryRun: false, trigger: "command" });
    const left = await t.deps.db
      .selectFrom("pupils")
      .select("id")
      .where("id", "=", pupilB)
      .execute();
    expect(left).toEqual([]);
    expect(await tablesHolding(t.deps.db, [upnB, "Oxenford", "Bartholomew", "2015-09-09"])).toEqual(
      [],
    );
    expect(await sharedResults()).toHaveLength(1);
  });
});
