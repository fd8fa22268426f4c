import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "kysely";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUpn } from "../../src/domain/upn.ts";
import { IMPORT_LOCK_CLASS, IMPORT_RUNNING } from "../../src/server/modules/imports/store.ts";
import { postgresUrl, withDatabase } from "../support/engines.ts";
import {
  makeCluster,
  makeEnrolment,
  makePupil,
  makeSchool,
  makeSchoolYear,
  makeStaff,
  makeUser,
  repeat,
  TEST_PASSWORD,
} from "../support/factories.ts";
import { multipartBody } from "../support/multipart.ts";
import { type ServeProcess, startServe } from "../support/serve-process.ts";
import { createTestApp, TEST_ORIGIN, type TestApp } from "../support/test-app.ts";

/*
 * The stateless claim, with real processes: two `cascade serve` on one PostgreSQL
 * database. A session made on one works on the other, a write on one is read on
 * the other, the due reminders run by both at once go out once, and an import
 * running on one makes the other refuse one for the same school with 409.
 * In the integration-postgres project only (vitest.config.ts): the embedded database
 * is one process's by design (its data directory is locked).
 */

/** A browser's worth of HTTP against one server: its cookies, and the app's Origin on writes. */
class HttpClient {
  cookies = new Map<string, string>();
  constructor(public base: string) {}

  /** The same person's cookies, sent to another server. */
  on(base: string): HttpClient {
    const other = new HttpClient(base);
    other.cookies = this.cookies;
    return other;
  }

  async request(
    method: string,
    url: string,
    body?: unknown,
    contentType?: string,
    extra: Record<string, string> = {},
  ) {
    const headers: Record<string, string> = { origin: TEST_ORIGIN, ...extra };
    if (this.cookies.size > 0) {
      headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
    }
    let payload: string | Blob | undefined;
    if (Buffer.isBuffer(body)) {
      payload = new Blob([new Uint8Array(body)]);
      headers["content-type"] = contentType ?? "application/octet-stream";
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers["content-type"] = "application/json";
    }
    const response = await fetch(new URL(url, this.base), {
      method,
      headers,
      ...(payload !== undefined ? { body: payload } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const at = pair?.indexOf("=") ?? -1;
      if (pair && at > 0) this.cookies.set(pair.slice(0, at), pair.slice(at + 1));
    }
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: text ? JSON.parse(text) : null,
    };
  }
  get = (url: string) => this.request("GET", url);
  post = (url: string, body?: unknown) => this.request("POST", url, body ?? {});
  patch = (url: string, body: unknown) => this.request("PATCH", url, body);
}

async function signInOver(base: string, email: string): Promise<HttpClient> {
  const client = new HttpClient(base);
  const response = await client.post("/api/auth/login", { email, password: TEST_PASSWORD });
  if (response.status !== 200) {
    throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return client;
}

/** A pupil list of `count` well-formed pupils, as SIMS exports it. */
function pupilList(count: number): string {
  const lines = ["UPN,Legal Surname,Legal Forename,DOB,Year,Pupil Premium Indicator"];
  for (let i = 0; i < count; i++) {
    lines.push(
      `${makeUpn(998, 4321 + Math.floor(i / 1000), 13, i % 1000)},Fictional${i},Pupil${i},01/09/2013,Year 7,N`,
    );
  }
  return `${lines.join("\n")}\n`;
}

describe("two app servers on one PostgreSQL", () => {
  let t: TestApp;
  let databaseUrl: string;
  let dataDirs: string[] = [];
  let servers: ServeProcess[] = [];
  let a: string;
  let b: string;

  beforeAll(async () => {
    // A fresh database copied from the migrated template; the factories fill it.
    t = await createTestApp();
    const name = (await sql<{ name: string }>`select current_database() as name`.execute(t.deps.db))
      .rows[0]?.name;
    databaseUrl = withDatabase(postgresUrl(), name ?? "");
    const secretKey = randomBytes(32).toString("base64");
    dataDirs = [0, 1].map(() => fs.mkdtempSync(path.join(os.tmpdir(), "cascade-two-apps-")));
    servers = dataDirs.map((dir) =>
      startServe({
        DATABASE_URL: databaseUrl,
        CASCADE_DATA_DIR: dir,
        CASCADE_PUBLIC_URL: TEST_ORIGIN,
        CASCADE_SECRET_KEY: secretKey,
        CASCADE_WEB_DIR: ".tmp/no-web",
        SMTP_URL: "",
      }),
    );
    const [portA, portB] = await Promise.all(servers.map((s) => s.listening));
    a = `http://127.0.0.1:${portA}`;
    b = `http://127.0.0.1:${portB}`;
  }, 120_000);

  afterAll(async () => {
    // A server stops once its requests in flight have finished; one stuck (a failed
    // run holding a lock) is killed rather than left behind.
    for (const server of servers) server.child.kill("SIGTERM");
    const stuck = setTimeout(() => {
      for (const server of servers) server.child.kill("SIGKILL");
    }, 10_000);
    await Promise.all(servers.map((s) => s.exited));
    clearTimeout(stuck);
    for (const dir of dataDirs) fs.rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  it("are two processes on the one database", async () => {
    const pids = new Set(servers.map((s) => s.child.pid));
    expect(pids.size).toBe(2);
    expect(a).not.toBe(b);
    for (const base of [a, b]) {
      const health = await fetch(`${base}/api/health`);
      expect(health.status).toBe(200);
    }
  });

  it("takes a session made on A on B", async () => {
    const admin = await makeUser(t, { role: "network_admin" });
    const onA = await signInOver(a, admin.email);
    expect((await onA.get("/api/me")).status).toBe(200);
    const onB = onA.on(b);
    const me = await onB.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ email: admin.email });
    // Without the cookie B does not know the person: it is the session that carried over.
    expect((await new HttpClient(b).get("/api/me")).status).toBe(401);
    // Signing out on B ends the session on A too.
    expect((await onB.post("/api/auth/logout")).status).toBeLessThan(300);
    expect((await onA.get("/api/me")).status).toBe(401);
  });

  it("reads on B what was written on A", async () => {
    const school = await makeSchool(t, { phase: "primary" });
    const leader = await makeStaff(t, { role: "school_leader", schoolId: school.id });
    const pupil = await makePupil(t, { schoolId: school.id, yearGroup: "4" });
    const onA = await signInOver(a, leader.email);
    const onB = onA.on(b);
    const before = await onB.get(`/api/pupils/${pupil.id}`);
    expect(before.status).toBe(200);
    expect(before.body.pupil.yearGroup).toBe("4");
    const edit = await onA.patch(`/api/pupils/${pupil.id}`, {
      version: before.body.pupil.version,
      yearGroup: "5",
    });
    expect(edit.status).toBe(200);
    const after = await onB.get(`/api/pupils/${pupil.id}`);
    expect(after.body.pupil.yearGroup).toBe("5");
    // And B refuses A's stale version: the check is in the database, not in A's memory.
    const stale = await onB.patch(`/api/pupils/${pupil.id}`, {
      version: before.body.pupil.version,
      yearGroup: "6",
    });
    expect(stale.status).toBe(409);
  });

  it("shows on A's next matrix read what was written through B, or straight to the database", async () => {
    const cluster = await makeCluster(t);
    const first = await makeSchoolYear(t, {
      clusterId: cluster.id,
      pupils: repeat(15, { pupilPremium: true, inCohort: true }),
    });
    await makeSchoolYear(t, {
      clusterId: cluster.id,
      pupils: repeat(15, { pupilPremium: true, inCohort: true }),
    });
    const url = `/api/matrix?view=cluster&clusterId=${cluster.id}`;
    const leader = await makeStaff(t, { role: "school_leader", schoolId: first.schoolId });
    const onA = await signInOver(a, leader.email);
    const onB = onA.on(b);
    const read = (client: HttpClient, etag?: string) =>
      client.request("GET", url, undefined, undefined, etag ? { "if-none-match": etag } : {});
    // A has built and kept the picture: the same ETag twice, and 304 for it.
    const before = await read(onA);
    expect(before.status).toBe(200);
    const etag = before.headers.get("etag") ?? "";
    expect((await read(onA)).headers.get("etag")).toBe(etag);
    expect((await read(onA, etag)).status).toBe(304);
    // A pupil renamed through B is renamed on A's next read.
    const pupilId = first.cohort[0] ?? "";
    const pupil = await onB.get(`/api/pupils/${pupilId}`);
    const renamed = await onB.patch(`/api/pupils/${pupilId}`, {
      version: pupil.body.pupil.version,
      preferredFirstName: "Wilhelmina",
    });
    expect(renamed.status).toBe(200);
    const after = await read(onA, etag);
    expect(after.status).toBe(200);
    expect(after.headers.get("etag")).not.toBe(etag);
    const dot = (body: { dots: { key: string; label: string }[] }) =>
      body.dots.find((d) => d.key === pupilId);
    expect(dot(before.body)?.label).not.toBe(dot(after.body)?.label);
    expect(dot(after.body)?.label).toMatch(/^Wilhelmina /);
    // The programme lead's picture on A, and axes saved through B.
    const lead = await makeStaff(t, { role: "programme_lead", clusterId: cluster.id });
    const leadOnA = await signInOver(a, lead.email);
    expect((await read(leadOnA)).body.x.spec).toBe("composite:attainment");
    const saved = await leadOnA.on(b).request("PUT", "/api/matrix/settings", {
      scopeType: "cluster",
      scopeId: cluster.id,
      x: "measure:attendance",
      y: "composite:learning-behaviours",
    });
    expect(saved.status).toBe(200);
    expect((await read(leadOnA)).body.x.spec).toBe("measure:attendance");
    // A write by another process straight to the tables (as the CLI importer makes
    // them) is seen too: the version lives in the database, bumped by its triggers.
    await t.deps.db
      .updateTable("pupils")
      .set({ preferred_first_name: "Ottoline" })
      .where("id", "=", pupilId)
      .execute();
    expect(dot((await read(onA)).body)?.label).toMatch(/^Ottoline /);
  });

  it("sends each due reminder once when both servers run them at the same moment", async () => {
    const enrolment = await makeEnrolment(t);
    const owners = await Promise.all(Array.from({ length: 40 }, () => makeUser(t, { role: null })));
    await t.deps.db
      .insertInto("actions")
      .values(
        owners.map((owner, i) => ({
          enrolment_id: enrolment.id,
          title: `Overdue action ${i}`,
          owner_user_id: owner.id,
          due_on: "2020-01-01",
          created_at: new Date(),
          updated_at: new Date(),
        })),
      )
      .execute();
    const admin = await makeUser(t, { role: "network_admin" });
    const onA = await signInOver(a, admin.email);
    const onB = onA.on(b);
    const [fromA, fromB] = await Promise.all([
      onA.post("/api/outbox/send-due"),
      onB.post("/api/outbox/send-due"),
    ]);
    expect(fromA.status).toBe(200);
    expect(fromB.status).toBe(200);
    // Between them the two runs sent every reminder, and no reminder twice.
    expect(fromA.body.actions + fromB.body.actions).toBe(owners.length);
    const kept = await t.deps.db
      .selectFrom("outbox")
      .select(["user_id", "subject"])
      .where("kind", "=", "action-overdue")
      .where(
        "user_id",
        "in",
        owners.map((o) => o.id),
      )
      .execute();
    expect(kept).toHaveLength(owners.length);
    expect(new Set(kept.map((m) => m.user_id)).size).toBe(owners.length);
    // A second run on either finds nothing left to send.
    expect((await onB.post("/api/outbox/send-due")).body.actions).toBe(0);
  });

  it("refuses on B, with 409, an import for the school while one runs on A", async () => {
    const school = await makeSchool(t, { phase: "secondary" });
    const leader = await makeStaff(t, { role: "school_leader", schoolId: school.id });
    const onA = await signInOver(a, leader.email);
    const onB = onA.on(b);
    const big = multipartBody(
      { filename: "whole-school.csv", content: pupilList(3000) },
      {
        kind: "pupils",
      },
    );
    const small = multipartBody(
      { filename: "one-more.csv", content: pupilList(1) },
      {
        kind: "pupils",
      },
    );

    // The test holds the school's row, so A's import, once it has claimed the school
    // and read its file, waits at its first write (the import's row refers to the
    // school): it is running, deterministically, for as long as the test says.
    const holder = new pg.Client({ connectionString: databaseUrl });
    await holder.connect();
    try {
      await holder.query("begin");
      await holder.query("select id from schools where id = $1 for update", [school.id]);
      const onAImport = onA.request(
        "POST",
        `/api/schools/${school.id}/imports`,
        big.payload,
        big.contentType,
      );
      // Wait on the database's own signal: a backend of this database waiting for a lock
      // while the imports' advisory lock is held.
      const observer = new pg.Client({ connectionString: databaseUrl });
      await observer.connect();
      try {
        const giveUpAt = Date.now() + 20_000;
        for (;;) {
          if (Date.now() > giveUpAt) {
            throw new Error("A's import never held the school's import claim while waiting");
          }
          const { rows } = await observer.query<{ waiting: number; claimed: number }>(
            `select
               (select count(*)::int from pg_stat_activity
                 where datname = current_database() and wait_event_type = 'Lock') as waiting,
               (select count(*)::int from pg_locks
                 where locktype = 'advisory' and granted and classid = $1) as claimed`,
            [IMPORT_LOCK_CLASS],
          );
          if (rows[0]?.waiting === 1 && rows[0]?.claimed === 1) break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      } finally {
        await observer.end();
      }

      const refused = await onB.request(
        "POST",
        `/api/schools/${school.id}/imports`,
        small.payload,
        small.contentType,
      );
      expect(refused.status).toBe(409);
      expect(refused.body.detail).toBe(IMPORT_RUNNING);
      // A running import on one school does not hold up another school's.
      const other = await makeSchool(t, { phase: "secondary" });
      const otherLeader = await makeStaff(t, { role: "school_leader", schoolId: other.id });
      const otherOnB = await signInOver(b, otherLeader.email);
      const elsewhere = await otherOnB.request(
        "POST",
        `/api/schools/${other.id}/imports`,
        small.payload,
        small.contentType,
      );
      expect(elsewhere.status).toBe(201);

      await holder.query("commit");
      const done = await onAImport;
      expect(done.status).toBe(201);
      expect(done.body.created).toBe(3000);
    } finally {
      await holder.end();
    }
    // Nothing of B's refused file was stored; with A's finished, B may import.
    const imports = await t.deps.db
      .selectFrom("imports")
      .select("file_name")
      .where("school_id", "=", school.id)
      .execute();
    expect(imports.map((i) => i.file_name)).toEqual(["whole-school.csv"]);
    const again = await onB.request(
      "POST",
      `/api/schools/${school.id}/imports`,
      small.payload,
      small.contentType,
    );
    expect(again.status).toBe(201);
  });
});
