import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { testEngine } from "../../../test/support/engines.ts";
import { createTestApp, type TestApp } from "../../../test/support/test-app.ts";
import { describeChainCheck, verifyAuditChain } from "./chain.ts";
import { recordAudit } from "./store.ts";

describe(`the audit chain [${testEngine()}]`, () => {
  let t: TestApp;
  beforeEach(async () => {
    t = await createTestApp();
  });
  afterEach(async () => t.close());

  async function write(n: number) {
    for (let i = 0; i < n; i++) {
      await recordAudit(t.deps.db, t.clock.now(), {
        action: "test.event",
        actorUserId: null,
        targetType: "thing",
        targetId: String(i),
        details: { n: i },
      });
    }
  }
  const rowsInOrder = () =>
    t.deps.db
      .selectFrom("audit_events")
      .select(["id", "chain_seq", "prev_hash", "hash"])
      .orderBy("chain_seq")
      .execute();

  it("links each row to the one before it, and verifies", async () => {
    await write(5);
    const rows = await rowsInOrder();
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]?.prev_hash).toBe(rows[i - 1]?.hash);
      expect(Number(rows[i]?.chain_seq)).toBe(Number(rows[i - 1]?.chain_seq) + 1);
      expect(rows[i]?.hash).toMatch(/^[0-9a-f]{64}$/);
    }
    const check = await verifyAuditChain(t.deps.db);
    expect(check).toEqual({ ok: true, checked: rows.length, firstBroken: null });
  });

  it("ignores chain values a writer tries to set itself", async () => {
    await write(1);
    await sql`insert into audit_events (occurred_at, action, chain_seq, prev_hash, hash)
      values (now(), 'forged', 999, 'x', 'y')`.execute(t.deps.db);
    const last = (await rowsInOrder()).at(-1);
    expect(last?.hash).not.toBe("y");
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });

  it("finds a row deleted with the append-only trigger disabled", async () => {
    await write(6);
    const rows = await rowsInOrder();
    const victim = rows[3];
    if (!victim) throw new Error("too few rows");
    await sql`alter table audit_events disable trigger audit_events_no_update`.execute(t.deps.db);
    await sql`delete from audit_events where id = ${victim.id}`.execute(t.deps.db);
    await sql`alter table audit_events enable trigger audit_events_no_update`.execute(t.deps.db);

    const check = await verifyAuditChain(t.deps.db);
    expect(check.ok).toBe(false);
    expect(check.firstBroken).toEqual({
      reason: "missing_before",
      seq: Number(victim.chain_seq) + 1,
      id: Number(rows[4]?.id),
    });
    expect(check.checked).toBe(3);
    expect(describeChainCheck(check)).toContain("rows are missing");
  });

  it("finds a row rewritten, and a row renumbered to hide a deletion", async () => {
    await write(4);
    const rows = await rowsInOrder();
    await sql`alter table audit_events disable trigger audit_events_no_update`.execute(t.deps.db);
    await sql`update audit_events set action = 'nothing.to.see' where id = ${rows[1]?.id}`.execute(
      t.deps.db,
    );
    const altered = await verifyAuditChain(t.deps.db);
    expect(altered.firstBroken).toMatchObject({ reason: "altered", id: Number(rows[1]?.id) });

    await sql`update audit_events set action = 'test.event' where id = ${rows[1]?.id}`.execute(
      t.deps.db,
    );
    await sql`delete from audit_events where id = ${rows[2]?.id}`.execute(t.deps.db);
    await sql`update audit_events set chain_seq = chain_seq - 1 where chain_seq > ${rows[2]?.chain_seq}`.execute(
      t.deps.db,
    );
    const relinked = await verifyAuditChain(t.deps.db);
    expect(relinked.firstBroken).toMatchObject({ reason: "relinked", id: Number(rows[3]?.id) });
  });

  it("finds rows cut from the end of the log", async () => {
    await write(3);
    const last = (await rowsInOrder()).at(-1);
    await sql`alter table audit_events disable trigger audit_events_no_update`.execute(t.deps.db);
    await sql`delete from audit_events where id = ${last?.id}`.execute(t.deps.db);
    const check = await verifyAuditChain(t.deps.db);
    expect(check.firstBroken).toEqual({
      reason: "missing_at_end",
      seq: Number(last?.chain_seq),
      id: null,
    });
  });

  it("keeps one unbroken chain under concurrent writers", async () => {
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        t.deps.db.transaction().execute(async (trx) => {
          await recordAudit(trx, t.clock.now(), {
            action: "race",
            actorUserId: null,
            details: { i },
          });
          await recordAudit(trx, t.clock.now(), {
            action: "race",
            actorUserId: null,
            details: { i },
          });
        }),
      ),
    );
    const check = await verifyAuditChain(t.deps.db);
    expect(check.ok).toBe(true);
    const raced = await t.deps.db
      .selectFrom("audit_events")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("action", "=", "race")
      .executeTakeFirstOrThrow();
    expect(Number(raced.n)).toBe(24);
  });

  it("stores the user agent of the request, cut to 512 characters", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/api/auth/login",
      headers: { origin: "http://cascade.test", "user-agent": `Probe/1.0 ${"x".repeat(600)}` },
      payload: { email: "nobody@school.test", password: "not the password" },
    });
    expect(response.statusCode).toBe(401);
    const row = await t.deps.db
      .selectFrom("audit_events")
      .select(["user_agent"])
      .orderBy("chain_seq", "desc")
      .executeTakeFirstOrThrow();
    expect(row.user_agent?.startsWith("Probe/1.0 xxx")).toBe(true);
    expect(row.user_agent).toHaveLength(512);
  });
});
