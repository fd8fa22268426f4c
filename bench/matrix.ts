// npm run bench:matrix — the cluster matrix for 12 schools × 15 cohort pupils with
// six points of data, served over real HTTP at 50 concurrent requests (autocannon),
// on PGlite and on PostgreSQL, as the programme lead (pseudonyms only) and as a
// leader of one of the schools (its pupils named: an audit row committed per read).
// Each engine's figures are set against GET /api/me (the session check every
// signed-in request pays) measured in the same run, on the same server.
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { sql } from "kysely";
import pg from "pg";
import { type Database, openDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { generatePupils } from "../src/demo/pupils.ts";
import { defaultAssessmentPoints } from "../src/domain/assessment-points.ts";
import { findTemplate } from "../src/domain/programme-templates.ts";
import { timeStep } from "../src/domain/totp-window.ts";
import { buildApp } from "../src/server/app.ts";
import { noMailer } from "../src/server/mail/mailer.ts";
import { hashPassword } from "../src/server/modules/auth/passwords.ts";
import { confirmCohort } from "../src/server/modules/cohort/confirm.ts";
import { totpCodeAt } from "../src/server/modules/mfa/totp.ts";
import { insertProgramme } from "../src/server/modules/programmes/store.ts";
import { insertSchool } from "../src/server/modules/schools/store.ts";
import { addMembership, insertUser } from "../src/server/modules/users/store.ts";
import { BENCH_ORIGIN, benchConfig, benchSecrets } from "./support.ts";

const SCHOOLS = 12;
const COHORT = 15;
const NOW = new Date("2027-07-25T09:00:00Z");

async function seed(database: Database) {
  const db = database.db;
  const template = findTemplate("excellence-for-everyone");
  if (!template) throw new Error("no template");
  const programmeId = await insertProgramme(
    db,
    {
      ...template,
      themes: [...template.themes],
      workshops: [...template.workshops],
      templateKey: template.key,
    },
    NOW,
  );
  const year = await db
    .insertInto("programme_years")
    .values({
      programme_id: programmeId,
      academic_year: "2026/27",
      starts_on: "2026-09-01",
      ends_on: "2027-08-31",
      created_at: NOW,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const schoolIds: string[] = [];
  for (let i = 0; i < SCHOOLS; i++) {
    schoolIds.push(
      await insertSchool(
        db,
        {
          urn: String(970001 + i),
          name: `Bench Fictional School ${i + 1}`,
          phase: i % 3 === 0 ? "secondary" : "primary",
          localAuthority: "Benchshire",
          postcode: "ZZ9 9ZZ",
          hubId: null,
        },
        NOW,
      ),
    );
  }
  const cluster = await db
    .insertInto("clusters")
    .values({
      programme_year_id: year.id,
      name: "Bench Cluster",
      facilitation_school_id: schoolIds[0] ?? "",
      created_at: NOW,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const points = defaultAssessmentPoints("2026/27") ?? [];
  for (const [i, schoolId] of schoolIds.entries()) {
    const enrolment = await db
      .insertInto("enrolments")
      .values({
        school_id: schoolId,
        programme_year_id: year.id,
        cluster_id: cluster.id,
        created_at: NOW,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const pointRows = await db
      .insertInto("assessment_points")
      .values(
        points.map((p) => ({
          school_id: schoolId,
          academic_year: "2026/27",
          name: p.name,
          starts_on: p.startsOn,
          ends_on: p.endsOn,
          created_at: NOW,
        })),
      )
      .returning("id")
      .execute();
    const phase = i % 3 === 0 ? "secondary" : "primary";
    const pupils = generatePupils({
      phase,
      la: 970,
      establishment: 2000 + i,
      perYearGroup: 4,
      academicStartYear: 2026,
      points: 6,
      seed: 500 + i,
    }).slice(0, COHORT);
    const inserted = await db
      .insertInto("pupils")
      .values(
        pupils.map((p) => ({
          school_id: schoolId,
          upn: p.upn,
          legal_first_name: p.legalFirstName,
          last_name: p.lastName,
          date_of_birth: p.dateOfBirth,
          year_group: p.yearGroup,
          pupil_premium: true,
          created_at: NOW,
          updated_at: NOW,
        })),
      )
      .returning(["id", "upn"])
      .execute();
    const measures = new Map(
      (
        await db
          .selectFrom("measures")
          .select(["id", "key"])
          .where("school_id", "=", schoolId)
          .execute()
      ).map((m) => [m.key, m.id]),
    );
    const byUpn = new Map(inserted.map((p) => [p.upn, p.id]));
    const observations = pupils.flatMap((p) =>
      Object.entries(p.values).flatMap(([key, series]) =>
        measures.has(key)
          ? series.map((value, t) => ({
              pupil_id: byUpn.get(p.upn) ?? "",
              measure_id: measures.get(key) ?? "",
              assessment_point_id: pointRows[t]?.id ?? "",
              value,
              recorded_at: NOW,
            }))
          : [],
      ),
    );
    for (let k = 0; k < observations.length; k += 1000)
      await db
        .insertInto("observations")
        .values(observations.slice(k, k + 1000))
        .execute();
    await db.transaction().execute((trx) =>
      confirmCohort(trx, {
        schoolId,
        enrolment: {
          id: enrolment.id,
          programmeYearId: year.id,
          academicYear: "2026/27",
          clusterId: cluster.id,
          trioId: null,
        },
        pupilIds: inserted.map((p) => p.id),
        reason: null,
        actorId: null,
        on: "2026-09-15",
        now: NOW,
      }),
    );
  }
  const lead = await insertUser(db, {
    email: "bench-lead@school.test",
    name: "Bench Lead",
    passwordHash: await hashPassword("benchmark lead password"),
    createdAt: NOW,
  });
  await addMembership(db, {
    userId: lead,
    role: "programme_lead",
    scopeType: "cluster",
    scopeId: cluster.id,
  });
  // A leader of the first school: the same cluster view, with its 15 pupils named,
  // so each read writes (and commits) an audit row before it is answered.
  const leader = await insertUser(db, {
    email: "bench-leader@school.test",
    name: "Bench Leader",
    passwordHash: await hashPassword("benchmark leader password"),
    createdAt: NOW,
  });
  await addMembership(db, {
    userId: leader,
    role: "school_leader",
    scopeType: "school",
    scopeId: schoolIds[0] ?? "",
  });
  return { clusterId: cluster.id };
}

/** Signs in over HTTP; a leader also sets up the second factor the network asks of them. */
async function signIn(
  base: string,
  email: string,
  password: string,
  secondFactor: boolean,
): Promise<string> {
  const post = (url: string, body: unknown, cookie?: string) =>
    fetch(`${base}${url}`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        origin: BENCH_ORIGIN,
        ...(cookie ? { cookie } : {}),
      },
      body: JSON.stringify(body),
    });
  const cookieOf = (response: Response) =>
    (response.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
  const login = await post("/api/auth/login", { email, password });
  const cookie = cookieOf(login);
  if (!secondFactor) return cookie;
  const enrol = await post("/api/mfa/totp", { password }, cookie);
  const { manualKey } = (await enrol.json()) as { manualKey: string };
  const confirmed = await post(
    "/api/mfa/totp/confirm",
    { code: totpCodeAt(manualKey, timeStep(NOW.getTime())) },
    cookie,
  );
  if (confirmed.status !== 200)
    throw new Error(`the authenticator app was refused: ${(await confirmed.text()).slice(0, 300)}`);
  return cookieOf(confirmed) || cookie;
}

function run(url: string, headers: Record<string, string>): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: 50, duration: 8, headers }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

async function measure(engine: string, open: () => Promise<Database>) {
  const database = await open();
  await migrateToLatest(database.db);
  const { clusterId } = await seed(database);
  // As autovacuum would have by the time anyone looks: plans from real row counts.
  await sql`analyze`.execute(database.db);
  const { app } = await buildApp({
    db: database.db,
    engine: database.engine,
    config: benchConfig(),
    mailer: noMailer,
    secrets: benchSecrets(),
    clock: { now: () => NOW },
    version: "bench",
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const lead = await signIn(base, "bench-lead@school.test", "benchmark lead password", false);
  const leader = await signIn(base, "bench-leader@school.test", "benchmark leader password", true);
  const matrixUrl = `${base}/api/matrix?view=cluster&clusterId=${clusterId}`;
  for (const [cookie, named] of [
    [lead, 0],
    [leader, COHORT],
  ] as const) {
    const response = await fetch(matrixUrl, { headers: { cookie } });
    if (response.status !== 200)
      throw new Error(
        `the matrix answered ${response.status}: ${(await response.text()).slice(0, 300)}`,
      );
    const check = (await response.json()) as { dots: { own: boolean }[] };
    if (check.dots.length !== SCHOOLS * COHORT)
      throw new Error(`expected ${SCHOOLS * COHORT} dots, got ${check.dots.length}`);
    if (check.dots.filter((d) => d.own).length !== named)
      throw new Error(`expected ${named} named dots`);
  }
  const audited = async () =>
    Number(
      (
        await database.db
          .selectFrom("audit_events")
          .select((eb) => eb.fn.countAll().as("n"))
          .where("action", "=", "matrix.read")
          .executeTakeFirstOrThrow()
      ).n,
    );
  await run(`${base}/api/health`, {}); // warm up
  const health = await run(`${base}/api/health`, {});
  // The cheapest signed-in request: the session check every API call pays.
  const me = await run(`${base}/api/me`, { cookie: lead });
  const matrix = await run(matrixUrl, { cookie: lead });
  const auditedBefore = await audited();
  const leaderMatrix = await run(matrixUrl, { cookie: leader });
  const auditRows = (await audited()) - auditedBefore;
  await app.close();
  await database.close();
  const p = (r: autocannon.Result, q: "p50" | "p97_5" | "p99") => r.latency[q];
  const line = (who: string, r: autocannon.Result) =>
    `${engine.padEnd(10)} matrix as ${who} (${SCHOOLS * COHORT} dots): p50 ${p(r, "p50")} ms, p97.5 ${p(r, "p97_5")} ms, p99 ${p(r, "p99")} ms, ${Math.round(r.requests.average)} req/s, ${r.non2xx} errors | ` +
    `matrix/me throughput ${(r.requests.average / me.requests.average).toFixed(3)}, p97.5 matrix/me ${(p(r, "p97_5") / p(me, "p97_5")).toFixed(2)}`;
  console.log(
    `${engine.padEnd(10)} health: p50 ${p(health, "p50")} ms, ${Math.round(health.requests.average)} req/s | ` +
      `signed-in /api/me: p50 ${p(me, "p50")} ms, p97.5 ${p(me, "p97_5")} ms, ${Math.round(me.requests.average)} req/s | ` +
      `matrix (lead)/health throughput ${(matrix.requests.average / health.requests.average).toFixed(3)}`,
  );
  console.log(line("the programme lead (pseudonyms, no audit row)", matrix));
  console.log(
    `${line("a school leader (15 named, an audit row per read)", leaderMatrix)} | ${auditRows} audit rows for ${leaderMatrix.requests.total} reads`,
  );
  return matrix;
}

// BENCH_ENGINE=postgres (or pglite) measures one engine only, e.g. under --cpu-prof.
const only = process.env.BENCH_ENGINE;
if (only !== "postgres") {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cascade-bench-matrix-"));
  await measure("PGlite", () => openDatabase({ engine: "pglite", dataDir: dir }));
  fs.rmSync(dir, { recursive: true, force: true });
}
const url = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
try {
  if (only === "pglite") throw new Error("BENCH_ENGINE=pglite");
  await admin.connect();
  await admin.query("drop database if exists cascade_bench_matrix with (force)");
  await admin.query("create database cascade_bench_matrix");
  const benchUrl = new URL(url);
  benchUrl.pathname = "/cascade_bench_matrix";
  const result = await measure("PostgreSQL", () =>
    openDatabase({ engine: "postgres", url: benchUrl.toString() }),
  );
  console.log(
    `PostgreSQL: p97.5 ${result.latency.p97_5} ms (autocannon reports p97.5, not p95; aim: p95 under 30 ms).`,
  );
  // BENCH_KEEP=1 leaves the database for EXPLAIN and friends.
  if (!process.env.BENCH_KEEP)
    await admin.query("drop database if exists cascade_bench_matrix with (force)");
} catch (error) {
  console.log(`PostgreSQL skipped: ${(error as Error).message}`);
} finally {
  await admin.end().catch(() => {});
}
