import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { businessDigest } from "../../../../test/support/digest.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeUser, signIn } from "../../../../test/support/factories.ts";
import {
  createClusterViaApi,
  createProgrammeYearViaApi,
  createSchoolViaApi,
  enrolViaApi,
  tokenOf,
} from "../../../../test/support/network.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";

describe(`programmes, years, clusters, trios and enrolments [${testEngine()}]`, () => {
  let t: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, await makeUser(t));
  });
  afterAll(async () => t.close());

  it("creates the Excellence for Everyone programme from its template", async () => {
    const response = await admin.post("/api/programmes", { template: "excellence-for-everyone" });
    expect(response.statusCode).toBe(201);
    const programme = json<{
      name: string;
      themes: { name: string; id: string }[];
      workshops: { month: number; title: string; themeId: string | null }[];
    }>(response);
    expect(programme.name).toBe("Excellence for Everyone");
    expect(programme.themes.map((th) => th.name)).toEqual([
      "Academically Competent Learner",
      "Self-Aware Learner",
      "Resilient Learner",
    ]);
    expect(programme.workshops.map((w) => w.month)).toEqual([9, 11, 1, 3, 6, 7]);
    expect(programme.workshops.slice(2, 5).map((w) => w.themeId)).toEqual(
      programme.themes.map((th) => th.id),
    );
    expect(
      (await admin.post("/api/programmes", { template: "excellence-for-everyone" })).statusCode,
    ).toBe(409);
    const unknown = await admin.post("/api/programmes", { template: "no-such-template" });
    expect(unknown.statusCode).toBe(400);
  });

  it("defines another programme as data, refusing a workshop that names a missing theme", async () => {
    const bad = await admin.post("/api/programmes", {
      name: "Reading for Pleasure (fictional)",
      themes: [{ name: "Choice" }],
      workshops: [{ month: 10, title: "Launch", themeIndex: 3 }],
    });
    expect(bad.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(bad).errors[0]?.field).toBe(
      "workshops.0.themeIndex",
    );
    const ok = await admin.post("/api/programmes", {
      name: "Reading for Pleasure (fictional)",
      themes: [{ name: "Choice" }, { name: "Talk" }],
      workshops: [
        { month: 10, title: "Launch", themeIndex: null },
        { month: 2, title: "Book talk", themeIndex: 1 },
      ],
    });
    expect(ok.statusCode).toBe(201);
    expect(json<{ themes: unknown[]; workshops: unknown[] }>(ok).workshops).toHaveLength(2);
  });

  it("opens programme years, validating the academic year", async () => {
    const programme = json<{ items: { id: string; templateKey: string | null }[] }>(
      await admin.get("/api/programmes"),
    ).items.find((p) => p.templateKey === "excellence-for-everyone");
    const before = await businessDigest(t.database);
    for (const academicYear of ["2026/28", "26/27", "2026"]) {
      const response = await admin.post("/api/programme-years", {
        programmeId: programme?.id,
        academicYear,
      });
      expect(response.statusCode, academicYear).toBe(400);
      expect(json<{ errors: { field: string }[] }>(response).errors[0]?.field).toBe("academicYear");
    }
    expect(await businessDigest(t.database)).toEqual(before);
    const ok = await admin.post("/api/programme-years", {
      programmeId: programme?.id,
      academicYear: "2026-27",
    });
    expect(json(ok)).toMatchObject({
      academicYear: "2026/27",
      startsOn: "2026-09-01",
      endsOn: "2027-08-31",
    });
    expect(
      (
        await admin.post("/api/programme-years", {
          programmeId: programme?.id,
          academicYear: "2026/27",
        })
      ).statusCode,
    ).toBe(409);
  });

  it("creates a cluster whose programme lead is invited, accepts and sees only that cluster", async () => {
    const { yearId } = await createProgrammeYearViaApi(admin, "2027/28");
    const facilitation = await createSchoolViaApi(admin, { name: "Facilitating Fictional School" });
    const cluster = await createClusterViaApi(
      admin,
      yearId,
      facilitation.id,
      "lead@network.test",
      "East Cluster",
    );
    const other = await createClusterViaApi(
      admin,
      yearId,
      facilitation.id,
      "other-lead@network.test",
      "West Cluster",
    );
    expect(cluster.invitations[0]?.url).toContain("/invitation#token=");

    const lead = new TestClient(t.app);
    const accepted = await lead.post("/api/invitations/accept", {
      token: tokenOf(cluster.invitations[0]?.url),
      name: "Lee Lead",
      password: "velvet orchard compass",
    });
    expect(accepted.statusCode).toBe(201);
    const mine = json<{
      items: { id: string; programmeLeads: { name: string; pending: boolean }[] }[];
    }>(await lead.get("/api/clusters"));
    expect(mine.items.map((c) => c.id)).toEqual([cluster.id]);
    expect(mine.items[0]?.programmeLeads).toEqual([
      { name: "Lee Lead", email: "lead@network.test", pending: false },
    ]);
    expect((await lead.get(`/api/clusters/${other.id}`)).statusCode).toBe(404);
    expect((await lead.get(`/api/clusters/${cluster.id}`)).statusCode).toBe(200);
    expect(
      (
        await lead.post("/api/clusters", {
          programmeYearId: yearId,
          name: "Mine",
          facilitationSchoolId: facilitation.id,
          programmeLeadEmails: ["x@y.test"],
        })
      ).statusCode,
    ).toBe(403);
  });

  it("enrols schools once per programme year and forms trios of one lead and up to two accelerators", async () => {
    const { yearId } = await createProgrammeYearViaApi(admin, "2028/29");
    const a = await createSchoolViaApi(admin);
    const b = await createSchoolViaApi(admin);
    const c = await createSchoolViaApi(admin);
    const d = await createSchoolViaApi(admin);
    const e = await createSchoolViaApi(admin);
    const cluster = await createClusterViaApi(admin, yearId, a.id, "trio-lead@network.test");
    const otherCluster = await createClusterViaApi(admin, yearId, a.id, "trio-lead2@network.test");
    for (const s of [a, b, c, d]) await enrolViaApi(admin, s.id, cluster.id);
    const again = await admin.post("/api/enrolments", {
      schoolId: a.id,
      clusterId: otherCluster.id,
    });
    expect(again.statusCode).toBe(409);

    const tooMany = await admin.post("/api/trios", {
      clusterId: cluster.id,
      name: "Too big",
      leadSchoolId: a.id,
      acceleratorSchoolIds: [b.id, c.id, d.id],
    });
    expect(tooMany.statusCode).toBe(400);
    const notEnrolled = await admin.post("/api/trios", {
      clusterId: cluster.id,
      name: "Stray",
      leadSchoolId: a.id,
      acceleratorSchoolIds: [e.id],
    });
    expect(notEnrolled.statusCode).toBe(400);
    expect(json<{ errors: { field: string; message: string }[] }>(notEnrolled).errors).toEqual([
      { field: "acceleratorSchoolIds.0", message: "This school is not enrolled in the cluster." },
    ]);
    const twice = await admin.post("/api/trios", {
      clusterId: cluster.id,
      name: "Twice",
      leadSchoolId: a.id,
      acceleratorSchoolIds: [a.id],
    });
    expect(twice.statusCode).toBe(400);

    const trio = await admin.post("/api/trios", {
      clusterId: cluster.id,
      name: "Trio One",
      leadSchoolId: a.id,
      acceleratorSchoolIds: [b.id, c.id],
    });
    expect(trio.statusCode).toBe(201);
    expect(
      json<{ schools: { id: string; trioRole: string }[] }>(trio).schools.map((s) => [
        s.id,
        s.trioRole,
      ]),
    ).toEqual(
      expect.arrayContaining([
        [a.id, "lead"],
        [b.id, "accelerator"],
        [c.id, "accelerator"],
      ]),
    );
    const busy = await admin.post("/api/trios", {
      clusterId: cluster.id,
      name: "Trio Two",
      leadSchoolId: d.id,
      acceleratorSchoolIds: [b.id],
    });
    expect(busy.statusCode).toBe(400);
    expect(json(busy).errors).toEqual([
      expect.objectContaining({ field: "acceleratorSchoolIds.0" }),
    ]);

    const detail = json<{
      enrolments: { school: { id: string }; trioRole: string | null }[];
      trios: unknown[];
    }>(await admin.get(`/api/clusters/${cluster.id}`));
    expect(detail.enrolments).toHaveLength(4);
    expect(detail.trios).toHaveLength(1);
  });
});
