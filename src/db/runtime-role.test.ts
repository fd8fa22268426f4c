import { randomBytes } from "node:crypto";
import { type Kysely, sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postgresUrl, testEngine } from "../../test/support/engines.ts";
import { makeUser, signIn } from "../../test/support/factories.ts";
import { createTestApp, type TestApp, testConfig } from "../../test/support/test-app.ts";
import { buildApp } from "../server/app.ts";
import { verifyAuditChain } from "../server/audit/chain.ts";
import { recordAudit } from "../server/audit/store.ts";
import { type Database, openDatabase } from "./database.ts";
import { grantRuntimeRole } from "./runtime-role.ts";
import type { DB } from "./schema.ts";

/**
 * The two-role set-up: the app's runtime role, granted by the migration owner,
 * can run the app and add to the audit log, but cannot rewrite or delete audit
 * rows, disable their triggers, touch the chain head or change the schema.
 */
describe.skipIf(testEngine() !== "postgres")("the runtime role on PostgreSQL", () => {
  const role = `cascade_runtime_${randomBytes(4).toString("hex")}`;
  let t: TestApp;
  let runtime: Database;
  let db: Kysely<DB>;

  beforeAll(async () => {
    t = await createTestApp();
    const admin = new pg.Client({ connectionString: postgresUrl() });
    await admin.connect();
    await admin.query(`create role ${role} login`);
    await admin.end();
    await grantRuntimeRole(t.deps.db, role);
    const { rows } = await sql<{ name: string }>`select current_database() as name`.execute(
      t.deps.db,
    );
    const url = new URL(postgresUrl());
    url.username = role;
    url.password = "";
    url.pathname = `/${rows[0]?.name}`;
    runtime = await openDatabase({ engine: "postgres", url: url.toString(), poolSize: 2 });
    db = runtime.db;
  });
  afterAll(async () => {
    await runtime?.close();
    await sql`drop owned by ${sql.id(role)}`.execute(t.deps.db);
    await t.close();
    const admin = new pg.Client({ connectionString: postgresUrl() });
    await admin.connect();
    await admin.query(`drop role if exists ${role}`);
    await admin.end();
  });

  const refused = async (statement: ReturnType<typeof sql>) => {
    const error = await statement.execute(db).then(
      () => null,
      (e: unknown) => e as { code?: string; message?: string },
    );
    expect(error, "the runtime role was allowed to do this").not.toBeNull();
    // 42501: insufficient privilege; 42501/must be owner for ALTER and DROP.
    expect(error?.code).toBe("42501");
  };

  it("is who the connection runs as, and owns nothing", async () => {
    const { rows } = await sql<{ me: string; owned: string }>`
      select current_user as me,
        (select count(*) from pg_tables where schemaname = 'public' and tableowner = current_user) as owned
    `.execute(db);
    expect(rows[0]?.me).toBe(role);
    expect(Number(rows[0]?.owned)).toBe(0);
  });

  it("adds to the audit log, chained, but cannot delete, update or truncate it", async () => {
    await recordAudit(db, new Date(), { action: "runtime.test", actorUserId: null });
    expect((await verifyAuditChain(db)).ok).toBe(true);
    await refused(sql`delete from audit_events`);
    await refused(sql`update audit_events set action = 'x'`);
    await refused(sql`truncate audit_events`);
    await refused(sql`update audit_chain_head set last_seq = 0`);
  });

  it("cannot disable the audit triggers, drop them, or change the schema", async () => {
    await refused(sql`alter table audit_events disable trigger audit_events_no_update`);
    await refused(sql`alter table audit_events disable trigger all`);
    await refused(sql`drop trigger audit_events_chain on audit_events`);
    await refused(sql`create table sneaky (id int)`);
    await refused(sql`alter table pupils add column note text`);
    await refused(sql`drop table hubs`);
    await refused(
      sql`create or replace function audit_event_digest() returns text language sql as 'select 1'`,
    );
  });

  it("runs the app: a sign-in writes its session and audit row as the runtime role", async () => {
    const user = await makeUser(t, { role: "network_admin" });
    const { app } = await buildApp({ ...t.deps, db, config: testConfig() });
    try {
      const client = await signIn({ ...t, app }, user);
      expect((await client.get("/api/hubs")).statusCode).toBe(200);
      const created = await client.post("/api/hubs", { name: `Runtime hub ${role}` });
      expect(created.statusCode).toBe(201);
    } finally {
      await app.close();
    }
    expect((await verifyAuditChain(t.deps.db)).ok).toBe(true);
  });
});
