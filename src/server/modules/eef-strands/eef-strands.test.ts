import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  type MadeStaff,
  makeEnrolment,
  makeSchool,
  makeStaff,
  signIn,
} from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { EefStrandOut } from "../../../contracts/strategies.ts";
import { EEF_STRANDS } from "../../../domain/data/eef-strands.ts";

describe(`the EEF Toolkit strands [${testEngine()}]`, () => {
  let t: TestApp;
  let school: string;
  let admin: MadeStaff;
  const clients = new Map<string, TestClient>();
  const actor = (key: string) => {
    const client = clients.get(key);
    if (!client) throw new Error(key);
    return client;
  };
  const strands = async () =>
    json<{ items: EefStrandOut[] }>(await actor("teacher").get("/api/eef-strands")).items;
  const strand = async (key: string) => {
    const found = (await strands()).find((s) => s.key === key);
    if (!found) throw new Error(key);
    return found;
  };
  beforeAll(async () => {
    t = await createTestApp();
    school = (await makeSchool(t)).id;
    await makeEnrolment(t, { schoolId: school });
    for (const role of ["school_leader", "teacher", "programme_lead"] as const) {
      clients.set(role, await signIn(t, await makeStaff(t, { role, schoolId: school })));
    }
    admin = await makeStaff(t, { role: "network_admin" });
    clients.set("network_admin", await signIn(t, admin));
    clients.set("signed_out", new TestClient(t.app));
  });
  afterAll(async () => t.close());

  it("serves the reference figures, with nullable months, status and source, to everyone signed in", async () => {
    const items = await strands();
    expect(items).toHaveLength(EEF_STRANDS.length);
    for (const reference of EEF_STRANDS) {
      const served = items.find((s) => s.key === reference.key);
      expect(served, reference.name).toMatchObject({
        months: reference.months,
        cost: reference.cost,
        evidence: reference.evidence,
        status: reference.status,
        sourceUrl: reference.sourceUrl,
        takenOn: reference.readOn,
        needsChecking: reference.status === "check",
        retired: reference.status === "retired",
        differsFromReference: null,
      });
    }
    expect((await strand("learning-styles")).months).toBeNull();
    expect((await actor("signed_out").get("/api/eef-strands")).statusCode).toBe(401);
  });

  describe("confirming a strand against the live Toolkit", () => {
    it("is for network administrators only", async () => {
      const id = (await strand("arts-participation")).id;
      expect(
        (await actor("signed_out").post(`/api/eef-strands/${id}/confirm`, {})).statusCode,
      ).toBe(401);
      for (const role of ["school_leader", "teacher", "programme_lead"]) {
        expect(
          (await actor(role).post(`/api/eef-strands/${id}/confirm`, {})).statusCode,
          role,
        ).toBe(403);
      }
      expect((await strand("arts-participation")).needsChecking).toBe(true);
    });

    it("refuses bad input by field and an unknown strand with 404", async () => {
      const admin = actor("network_admin");
      const id = (await strand("arts-participation")).id;
      const future = await admin.post(`/api/eef-strands/${id}/confirm`, {
        checkedOn: "2099-01-01",
      });
      expect(future.statusCode).toBe(400);
      expect(JSON.stringify(json(future))).toContain("checkedOn");
      const malformed = await admin.post(`/api/eef-strands/${id}/confirm`, { checkedOn: "1 Dec" });
      expect(malformed.statusCode).toBe(400);
      const extra = await admin.post(`/api/eef-strands/${id}/confirm`, { months: 3 });
      expect(extra.statusCode).toBe(400);
      const unknown = await admin.post(`/api/eef-strands/${crypto.randomUUID()}/confirm`, {});
      expect(unknown.statusCode).toBe(404);
      expect((await strand("arts-participation")).needsChecking).toBe(true);
    });

    it("records who confirmed it and when, clears the mark, and audits it", async () => {
      const id = (await strand("behaviour-interventions")).id;
      const response = await actor("network_admin").post(`/api/eef-strands/${id}/confirm`, {
        checkedOn: "2026-11-20",
      });
      expect(response.statusCode).toBe(200);
      const confirmed = json<EefStrandOut>(response);
      expect(confirmed.needsChecking).toBe(false);
      expect(confirmed.confirmedByName).toBe(admin.name);
      expect(confirmed.confirmedAt).toBe(t.clock.now().toISOString());
      expect(confirmed.takenOn).toBe("2026-11-20");
      expect(await strand("behaviour-interventions")).toMatchObject({ needsChecking: false });
      const audit = await t.deps.db
        .selectFrom("audit_events")
        .selectAll()
        .where("action", "=", "eef_strand.confirmed")
        .where("target_id", "=", id)
        .execute();
      expect(audit).toHaveLength(1);
      expect(audit[0]?.actor_user_id).toBe(admin.id);
    });

    it("refuses to confirm a retired strand", async () => {
      const id = (await strand("digital-technology")).id;
      const response = await actor("network_admin").post(`/api/eef-strands/${id}/confirm`, {});
      expect(response.statusCode).toBe(409);
    });
  });

  describe("correcting a strand", () => {
    it("refuses a months figure beside 0 padlocks, and no months beside some evidence", async () => {
      const admin = actor("network_admin");
      const uniform = (await strand("school-uniform")).id;
      const withMonths = await admin.patch(`/api/eef-strands/${uniform}`, { months: 2 });
      expect(withMonths.statusCode).toBe(400);
      expect(JSON.stringify(json(withMonths))).toContain("months");
      const feedback = (await strand("feedback")).id;
      const noMonths = await admin.patch(`/api/eef-strands/${feedback}`, { evidence: 0 });
      expect(noMonths.statusCode).toBe(400);
      expect(await strand("feedback")).toMatchObject({ months: 6, evidence: 4 });
    });

    it("flags an administrator's figures that differ from the reference, and clears it when they agree", async () => {
      const admin = actor("network_admin");
      const id = (await strand("homework")).id;
      const edited = await admin.patch(`/api/eef-strands/${id}`, { months: 4, evidence: 2 });
      expect(edited.statusCode).toBe(200);
      expect(json<EefStrandOut>(edited).differsFromReference).toBe(
        "months +4 (reference +5); padlocks 2 (reference 1)",
      );
      const back = await admin.patch(`/api/eef-strands/${id}`, { months: 5, evidence: 1 });
      expect(json<EefStrandOut>(back).differsFromReference).toBeNull();
    });
  });

  describe("a retired strand", () => {
    it("cannot be chosen for a new strategy, or for one linked to another strand", async () => {
      const retired = (await strand("digital-technology")).id;
      const created = await actor("school_leader").post(`/api/schools/${school}/strategies`, {
        title: "Tablets for reading",
        eefStrandId: retired,
      });
      expect(created.statusCode).toBe(400);
      const problem = json<{ errors: { field: string; message: string }[] }>(created);
      expect(problem.errors).toContainEqual({
        field: "eefStrandId",
        message:
          "Digital technology is no longer a strand of the EEF Toolkit (retired): choose a current strand.",
      });
      const other = json<{ id: string; version: number }>(
        await actor("school_leader").post(`/api/schools/${school}/strategies`, {
          title: "Reading with tablets",
          eefStrandId: (await strand("feedback")).id,
        }),
      );
      const moved = await actor("school_leader").patch(`/api/strategies/${other.id}`, {
        version: other.version,
        eefStrandId: retired,
      });
      expect(moved.statusCode).toBe(400);
    });

    it("stays readable, and keepable, on a strategy already linked to it", async () => {
      const retired = (await strand("digital-technology")).id;
      const created = json<{ id: string }>(
        await actor("school_leader").post(`/api/schools/${school}/strategies`, {
          title: "Laptops before 2021",
        }),
      );
      // Linked before the strand was retired.
      await t.deps.db
        .updateTable("strategies")
        .set({ eef_strand_id: retired })
        .where("id", "=", created.id)
        .execute();
      const read = json<{ version: number; eefStrand: EefStrandOut }>(
        await actor("teacher").get(`/api/strategies/${created.id}`),
      );
      expect(read.eefStrand).toMatchObject({
        name: "Digital technology",
        retired: true,
        months: null,
      });
      const kept = await actor("school_leader").patch(`/api/strategies/${created.id}`, {
        version: read.version,
        eefStrandId: retired,
        staffHours: 4,
      });
      expect(kept.statusCode).toBe(200);
    });
  });
});
