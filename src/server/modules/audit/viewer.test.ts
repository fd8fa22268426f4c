import fs from "node:fs";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, type TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeUser, signIn, type TestUser } from "../../../../test/support/factories.ts";
import { importFile, schoolWithStaff } from "../../../../test/support/school-fixture.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { AccessHistory, AuditPage, ChainCheckView } from "../../../contracts/audit.ts";

const sims = fs.readFileSync("test/fixtures/sims-pupils.csv");

describe(`the audit viewer and a school's access history [${testEngine()}]`, () => {
  let t: TestApp;
  let admin: TestClient;
  let adminUser: TestUser;
  let a: Awaited<ReturnType<typeof schoolWithStaff>>;
  let b: Awaited<ReturnType<typeof schoolWithStaff>>;
  let pupilA: { id: string; name: string };
  let pupilB: string;

  beforeAll(async () => {
    t = await createTestApp();
    adminUser = await makeUser(t, { role: "network_admin", name: "Ada Admin" });
    admin = await signIn(t, adminUser);
    a = await schoolWithStaff(t);
    b = await schoolWithStaff(t);
    expect(
      (await importFile(a.leader, a.schoolId, "pupils", sims, {}, "sims.csv")).statusCode,
    ).toBe(201);
    expect(
      (await importFile(b.leader, b.schoolId, "pupils", sims, {}, "sims.csv")).statusCode,
    ).toBe(201);
    const listA = json<{
      items: { id: string; preferredName?: string; firstName?: string; lastName: string }[];
    }>(await a.teacher.get(`/api/schools/${a.schoolId}/pupils?limit=5`)).items;
    const first = listA[0];
    if (!first) throw new Error("no pupils");
    const row = await t.deps.db
      .selectFrom("pupils")
      .select(["legal_first_name", "preferred_first_name", "last_name"])
      .where("id", "=", first.id)
      .executeTakeFirstOrThrow();
    pupilA = {
      id: first.id,
      name: `${row.preferred_first_name ?? row.legal_first_name} ${row.last_name}`,
    };
    expect((await a.teacher.get(`/api/pupils/${pupilA.id}`)).statusCode).toBe(200);
    const listB = json<{ items: { id: string }[] }>(
      await b.teacher.get(`/api/schools/${b.schoolId}/pupils?limit=5`),
    ).items;
    pupilB = listB[0]?.id ?? "";
    expect((await b.teacher.get(`/api/pupils/${pupilB}`)).statusCode).toBe(200);
    // A teacher of school B trying school A's pupil: refused, and part of A's history.
    expect((await b.teacher.get(`/api/schools/${a.schoolId}/pupils`)).statusCode).toBe(404);
  });
  afterAll(async () => t.close());

  it("lets an administrator filter the log by person, action, school and dates, a page at a time", async () => {
    const all = json<AuditPage>(await admin.get("/api/audit?limit=3"));
    expect(all.items).toHaveLength(3);
    expect(all.total).toBeGreaterThan(3);
    expect(all.actions).toContain("pupil.viewed");
    expect(all.items[0]?.seq).toBeGreaterThan(all.items[1]?.seq ?? Infinity);
    const next = json<AuditPage>(await admin.get("/api/audit?limit=3&offset=3"));
    // The first read added its own audit.read row on top, so the next page starts one earlier.
    expect(next.items[0]?.seq).toBe(all.items[2]?.seq);

    const viewed = json<AuditPage>(await admin.get("/api/audit?action=pupil.viewed"));
    expect(viewed.items).toHaveLength(2);
    // Administrators see pupils pseudonymised: never a pupil's id, in the target or the details.
    for (const item of viewed.items)
      expect(item.targetId).toMatch(/^(a pupil of \w+|[A-Z]{3}-\d+)$/);
    const denied = json<AuditPage>(await admin.get("/api/audit?action=access.denied&limit=200"));
    expect(JSON.stringify([viewed, denied])).not.toContain(pupilA.id);
    expect(JSON.stringify([viewed, denied])).not.toContain(pupilB);

    const byTeacher = json<AuditPage>(await admin.get(`/api/audit?actorId=${a.teacherUser.id}`));
    expect(byTeacher.items.length).toBeGreaterThan(0);
    expect(byTeacher.items.every((i) => i.actor?.id === a.teacherUser.id)).toBe(true);
    expect(byTeacher.items[0]?.actor?.name).toBe("Theo Teacher");

    const aSchool = json<AuditPage>(await admin.get(`/api/audit?schoolId=${a.schoolId}&limit=200`));
    const viewers = aSchool.items
      .filter((i) => i.action === "pupil.viewed")
      .map((i) => i.actor?.id);
    expect(viewers).toEqual([a.teacherUser.id]);
    expect(aSchool.items.some((i) => i.action === "access.denied")).toBe(true);

    // The test clock stands at 23 Nov 2026.
    const onTheDay = json<AuditPage>(await admin.get("/api/audit?from=2026-11-23&to=2026-11-23"));
    expect(onTheDay.total).toBeGreaterThan(0);
    const before = json<AuditPage>(await admin.get("/api/audit?from=2026-11-01&to=2026-11-22"));
    expect(before.total).toBe(0);
  });

  it("refuses bad filters by field, and records each read of the log", async () => {
    const bad = await admin.get("/api/audit?from=2026-11-24&to=2026-11-23&actorId=nobody");
    expect(bad.statusCode).toBe(400);
    const fields = json<{ errors: { field: string }[] }>(bad).errors.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["actorId"]));

    await admin.get(`/api/audit?schoolId=${a.schoolId}`);
    const read = await t.deps.db
      .selectFrom("audit_events")
      .select(["action", "actor_user_id", "details"])
      .where("action", "=", "audit.read")
      .orderBy("chain_seq", "desc")
      .executeTakeFirstOrThrow();
    expect(read.actor_user_id).toBe(adminUser.id);
    const details = typeof read.details === "string" ? JSON.parse(read.details) : read.details;
    expect(details.schoolId).toBe(a.schoolId);
  });

  it("shows the chain check, and its first broken link after a deletion", async () => {
    const intact = json<ChainCheckView>(await admin.get("/api/audit/chain"));
    expect(intact.ok).toBe(true);
    expect(intact.summary).toContain("intact");

    const victim = await t.deps.db
      .selectFrom("audit_events")
      .select(["id", "chain_seq"])
      .where("action", "=", "pupil.viewed")
      .orderBy("chain_seq")
      .executeTakeFirstOrThrow();
    await sql`alter table audit_events disable trigger audit_events_no_update`.execute(t.deps.db);
    await sql`delete from audit_events where id = ${victim.id}`.execute(t.deps.db);
    await sql`alter table audit_events enable trigger audit_events_no_update`.execute(t.deps.db);
    const broken = json<ChainCheckView>(await admin.get("/api/audit/chain"));
    expect(broken.ok).toBe(false);
    expect(broken.firstBroken).toMatchObject({
      reason: "missing_before",
      seq: Number(victim.chain_seq) + 1,
    });
    expect(broken.summary).toContain("missing");
  });

  it("shows a school's leaders who read or tried to reach their pupils' data, and nothing of other schools", async () => {
    const history = json<AccessHistory>(
      await a.leader.get(`/api/schools/${a.schoolId}/access-history?limit=200`),
    );
    const viewedRows = history.items.filter((i) => i.action === "pupil.viewed");
    // The deletion in the test above removed the first pupil.viewed row (school A's).
    expect(viewedRows).toHaveLength(0);
    expect((await a.teacher.get(`/api/pupils/${pupilA.id}`)).statusCode).toBe(200);
    const again = json<AccessHistory>(
      await a.leader.get(`/api/schools/${a.schoolId}/access-history?limit=200`),
    );
    const viewed = again.items.find((i) => i.action === "pupil.viewed");
    expect(viewed?.pupil).toEqual(pupilA);
    expect(viewed?.actor?.name).toBe("Theo Teacher");
    expect(again.items.some((i) => i.action === "pupils.listed" && i.count !== null)).toBe(true);
    const refused = again.items.find((i) => i.refused);
    expect(refused?.actor?.id).toBe(b.teacherUser.id);
    expect(JSON.stringify(again)).not.toContain(pupilB);

    expect((await a.teacher.get(`/api/schools/${a.schoolId}/access-history`)).statusCode).toBe(403);
    expect((await admin.get(`/api/schools/${a.schoolId}/access-history`)).statusCode).toBe(403);
    expect((await b.leader.get(`/api/schools/${a.schoolId}/access-history`)).statusCode).toBe(404);
    expect(
      (
        await a.leader.get(
          `/api/schools/${a.schoolId}/access-history?from=2026-12-02&to=2026-12-01`,
        )
      ).statusCode,
    ).toBe(400);
  });
});
