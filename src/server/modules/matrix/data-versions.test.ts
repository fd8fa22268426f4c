import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, type TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  makeCluster,
  makeSchoolYear,
  makeStaff,
  repeat,
  signIn,
  type TestUser,
} from "../../../../test/support/factories.ts";
import { importFile } from "../../../../test/support/school-fixture.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { Matrix } from "../../../contracts/cohort.ts";

/**
 * The matrix kept between requests (issue #18): every write to what it shows
 * changes its schools' or cluster's data version in the write's own transaction,
 * the next read shows the write, one viewer never gets another's picture, and a
 * named read is audited whether it is built, served from the cache or answered 304.
 */
describe(`the matrix's data versions, cache and ETag [${testEngine()}]`, () => {
  let t: TestApp;
  const ids = { cluster: "", a: "", b: "" };
  let aCohort: string[] = [];
  let leaderUser: TestUser;
  let leadUser: TestUser;
  let leader: TestClient;
  let teacherB: TestClient;
  let lead: TestClient;
  let para: TestClient;
  const CLUSTER = () => `/api/matrix?view=cluster&clusterId=${ids.cluster}`;

  beforeAll(async () => {
    t = await createTestApp();
    ids.cluster = (await makeCluster(t)).id;
    const a = await makeSchoolYear(t, {
      clusterId: ids.cluster,
      pupils: [...repeat(15, { pupilPremium: true, inCohort: true }), ...repeat(2, {})],
    });
    const b = await makeSchoolYear(t, {
      clusterId: ids.cluster,
      pupils: repeat(15, { pupilPremium: true, inCohort: true }),
    });
    ids.a = a.schoolId;
    ids.b = b.schoolId;
    aCohort = a.cohort;
    leaderUser = await makeStaff(t, { role: "school_leader", schoolId: ids.a });
    leader = await signIn(t, leaderUser);
    teacherB = await signIn(t, await makeStaff(t, { role: "teacher", schoolId: ids.b }));
    leadUser = await makeStaff(t, { role: "programme_lead", clusterId: ids.cluster });
    lead = await signIn(t, leadUser);
    para = await signIn(t, await makeStaff(t, { role: "para_professional", schoolId: ids.a }));
  });
  afterAll(async () => t.close());

  const version = async (kind: "school" | "cluster", id: string) =>
    (
      await t.deps.db
        .selectFrom("data_versions")
        .select("version")
        .where("scope_kind", "=", kind)
        .where("scope_id", "=", id)
        .executeTakeFirst()
    )?.version ?? null;
  /** Runs a write and expects it to have changed the scope's version. */
  const expectBumped = async (
    kind: "school" | "cluster",
    id: string,
    write: () => Promise<unknown>,
  ) => {
    const before = await version(kind, id);
    await write();
    const after = await version(kind, id);
    expect(after).not.toBeNull();
    expect(after).not.toBe(before);
  };
  const read = async (client: TestClient, etag?: string) =>
    client.request("GET", CLUSTER(), undefined, etag ? { "if-none-match": etag } : {});
  const matrixOf = async (client: TestClient) => {
    const response = await read(client);
    expect(response.statusCode).toBe(200);
    return json<Matrix>(response);
  };
  const pupil = (id: string) =>
    t.deps.db
      .selectFrom("pupils")
      .select(["id", "upn", "version", "legal_first_name", "last_name"])
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
  const autumn2 = (schoolId: string) =>
    t.deps.db
      .selectFrom("assessment_points")
      .select("id")
      .where("school_id", "=", schoolId)
      .where("name", "=", "Autumn 2")
      .executeTakeFirstOrThrow();
  const resilient = async (pupilId: string) => {
    const row = await t.deps.db
      .selectFrom("observations")
      .innerJoin("measures", "measures.id", "observations.measure_id")
      .innerJoin("assessment_points", "assessment_points.id", "observations.assessment_point_id")
      .select(["observations.value", "measures.id as measure_id"])
      .where("observations.pupil_id", "=", pupilId)
      .where("measures.key", "=", "theme-resilient")
      .where("assessment_points.name", "=", "Autumn 2")
      .executeTakeFirstOrThrow();
    return { value: Number(row.value), measureId: row.measure_id };
  };
  const dotOf = (matrix: Matrix, key: string) => matrix.dots.find((d) => d.key === key);

  it("answers the same bytes from the cache, with an ETag, and 304 when the ETag is still current", async () => {
    const first = await read(leader);
    const second = await read(leader);
    expect(first.statusCode).toBe(200);
    expect(second.body).toBe(first.body);
    expect(first.headers["content-type"]).toContain("application/json");
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(second.headers.etag).toBe(etag);
    expect(first.headers["cache-control"]).toBe("no-store");
    const again = await read(leader, etag);
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
    expect(again.headers.etag).toBe(etag);
    // Weak, listed, or any: still the same picture.
    expect((await read(leader, `"other", W/${etag}`)).statusCode).toBe(304);
    // Another viewer's ETag is not theirs: the lead gets a body.
    const byLead = await read(lead, etag);
    expect(byLead.statusCode).toBe(200);
    expect(byLead.headers.etag).not.toBe(etag);
  });

  it("audits every named read, from the cache and answered 304 too, and no unnamed read", async () => {
    const reads = async (userId: string) =>
      t.deps.db
        .selectFrom("audit_events")
        .select(["details"])
        .where("action", "=", "matrix.read")
        .where("actor_user_id", "=", userId)
        .execute();
    const before = (await reads(leaderUser.id)).length;
    const served = await read(leader);
    expect(served.statusCode).toBe(200);
    await read(leader);
    const notModified = await read(leader, String(served.headers.etag));
    expect(notModified.statusCode).toBe(304);
    const after = await reads(leaderUser.id);
    expect(after).toHaveLength(before + 3);
    const details = after.map((r) =>
      typeof r.details === "string" ? JSON.parse(r.details) : r.details,
    );
    expect(details.at(-1)).toEqual({ namedPupils: 15, notModified: true });
    expect(details.at(-2)).toEqual({ namedPupils: 15 });
    await read(lead);
    expect(await reads(leadUser.id)).toHaveLength(0);
  });

  it("never gives one viewer the picture cached for another", async () => {
    const names = await Promise.all(aCohort.map(pupil));
    const asLeader = await read(leader);
    const leaderMatrix = json<Matrix>(asLeader);
    expect(leaderMatrix.dots.filter((d) => d.own)).toHaveLength(15);
    // The lead, right after: every dot a pseudonym, no name of school A anywhere.
    const asLead = await read(lead);
    const leadMatrix = json<Matrix>(asLead);
    expect(leadMatrix.dots).toHaveLength(30);
    expect(leadMatrix.dots.every((d) => !d.own && /^[A-Z]{3}-\d{2,4}$/.test(d.label))).toBe(true);
    for (const p of names) {
      expect(asLead.body).not.toContain(p.id);
      expect(asLead.body).not.toContain(p.legal_first_name);
    }
    // School B's teacher: their own pupils named, school A's pseudonymised.
    const asTeacher = json<Matrix>(await read(teacherB));
    const bCode = asTeacher.schools.find((s) => s.own)?.code;
    expect(asTeacher.dots.filter((d) => d.own)).toHaveLength(15);
    expect(asTeacher.dots.filter((d) => d.own).every((d) => d.schoolCode === bCode)).toBe(true);
    const teacherBody = JSON.stringify(asTeacher);
    for (const p of names) expect(teacherBody).not.toContain(p.legal_first_name);
    // A para-professional on no team sees no name, and their picture is not kept (no ETag).
    const asPara = await read(para);
    expect(asPara.statusCode).toBe(200);
    expect(asPara.headers.etag).toBeUndefined();
    expect(json<Matrix>(asPara).dots.every((d) => !d.own)).toBe(true);
    for (const p of names) expect(asPara.body).not.toContain(p.legal_first_name);
    // And the leader again, after all of them: their own names, as before.
    expect((await read(leader)).body).toBe(asLeader.body);
  });

  it("shows a value saved through the grid on the next read", async () => {
    const pupilId = aCohort[0] ?? "";
    const before = await matrixOf(leader);
    const etag = String((await read(leader)).headers.etag);
    const { value, measureId } = await resilient(pupilId);
    await expectBumped("school", ids.a, async () => {
      const saved = await leader.put("/api/observations", {
        observations: [
          {
            pupilId,
            measureId,
            assessmentPointId: (await autumn2(ids.a)).id,
            value: String(value === 1 ? 5 : 1),
          },
        ],
      });
      expect(saved.statusCode).toBe(200);
    });
    const after = await read(leader, etag);
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(dotOf(json<Matrix>(after), pupilId)?.to?.y).not.toBe(dotOf(before, pupilId)?.to?.y);
  });

  it("shows an imported value on the next read", async () => {
    const p = await pupil(aCohort[1] ?? "");
    const before = await matrixOf(leader);
    const { value } = await resilient(p.id);
    await expectBumped("school", ids.a, async () => {
      const response = await importFile(
        leader,
        ids.a,
        "observations",
        `UPN,Assessment Point,Resilient Learner\n${p.upn},Autumn 2,${value === 1 ? 5 : 1}\n`,
      );
      expect(response.statusCode).toBe(201);
    });
    expect(dotOf(await matrixOf(leader), p.id)?.to?.y).not.toBe(dotOf(before, p.id)?.to?.y);
  });

  it("shows a changed cohort on the next read", async () => {
    await expectBumped("school", ids.a, async () => {
      const response = await leader.put(`/api/schools/${ids.a}/cohort`, {
        pupilIds: aCohort.slice(0, 14),
        reason: "Moved to another intervention",
      });
      expect(response.statusCode).toBe(200);
    });
    expect((await matrixOf(leader)).dots.filter((d) => d.own)).toHaveLength(14);
    expect((await matrixOf(lead)).dots).toHaveLength(29);
    await leader.put(`/api/schools/${ids.a}/cohort`, { pupilIds: aCohort });
    expect((await matrixOf(lead)).dots).toHaveLength(30);
  });

  it("shows a pupil's changed name and flags on the next read", async () => {
    const p = await pupil(aCohort[2] ?? "");
    await matrixOf(leader);
    await expectBumped("school", ids.a, async () => {
      const response = await leader.patch(`/api/pupils/${p.id}`, {
        version: p.version,
        preferredFirstName: "Zebedee",
      });
      expect(response.statusCode).toBe(200);
    });
    expect(dotOf(await matrixOf(leader), p.id)?.label).toBe("Zebedee Fictional");
    const flagged = await pupil(p.id);
    await expectBumped("school", ids.a, async () => {
      const response = await leader.patch(`/api/pupils/${p.id}`, {
        version: flagged.version,
        pupilPremium: false,
      });
      expect(response.statusCode).toBe(200);
    });
  });

  it("shows changed axes and a changed pseudonym on the next read", async () => {
    const before = await matrixOf(lead);
    await expectBumped("cluster", ids.cluster, async () => {
      const response = await lead.put("/api/matrix/settings", {
        scopeType: "cluster",
        scopeId: ids.cluster,
        x: "measure:attendance",
        y: "composite:learning-behaviours",
      });
      expect(response.statusCode).toBe(200);
    });
    expect((await matrixOf(lead)).x.spec).toBe("measure:attendance");
    expect(before.x.spec).toBe("composite:attainment");
    // A school's own axes are the school's version.
    await expectBumped("school", ids.a, () =>
      leader.put("/api/matrix/settings", {
        scopeType: "school",
        scopeId: ids.a,
        x: "composite:attainment",
        y: "composite:learning-behaviours",
      }),
    );
    // Written straight to the table, as no store does: the trigger still sees it.
    const target = aCohort[3] ?? "";
    const old = await t.deps.db
      .selectFrom("pseudonyms")
      .select("code")
      .where("pupil_id", "=", target)
      .executeTakeFirstOrThrow();
    const code = `${old.code.split("-")[0]}-9999`;
    await expectBumped("school", ids.a, () =>
      t.deps.db.updateTable("pseudonyms").set({ code }).where("pupil_id", "=", target).execute(),
    );
    const labels = (await matrixOf(lead)).dots.map((d) => d.label);
    expect(labels).toContain(code);
    expect(labels).not.toContain(old.code);
  });

  it("bumps a school's version for writes to its measures, points and enrolment, and nothing else's", async () => {
    const otherBefore = await version("school", ids.b);
    await expectBumped("school", ids.a, () =>
      t.deps.db
        .updateTable("measures")
        .set({ name: "Resilience" })
        .where("school_id", "=", ids.a)
        .where("key", "=", "theme-resilient")
        .execute(),
    );
    await expectBumped("school", ids.a, () =>
      t.deps.db
        .updateTable("assessment_points")
        .set({ ends_on: "2026-12-19" })
        .where("school_id", "=", ids.a)
        .where("name", "=", "Autumn 2")
        .execute(),
    );
    await expectBumped("school", ids.a, () =>
      t.deps.db
        .updateTable("enrolments")
        .set({ trio_role: null })
        .where("school_id", "=", ids.a)
        .execute(),
    );
    expect(await version("school", ids.b)).toBe(otherBefore);
    // A write that fails leaves the version as it was, as it leaves the data.
    const before = await version("school", ids.a);
    await expect(
      t.deps.db.transaction().execute(async (trx) => {
        await trx
          .updateTable("measures")
          .set({ name: "Never" })
          .where("school_id", "=", ids.a)
          .execute();
        throw new Error("rolled back");
      }),
    ).rejects.toThrow("rolled back");
    expect(await version("school", ids.a)).toBe(before);
  });
});
