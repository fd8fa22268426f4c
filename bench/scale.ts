// npm run bench:scale — a network of N schools on one PostgreSQL (TEST_DATABASE_URL),
// built with the demo generator and loaded with INSERT … SELECT unnest, then each
// school-level and network page measured over real HTTP (autocannon), sequentially and
// at 20 and 50 connections, against the cheapest signed-in request (GET /api/me) in the
// same run. docs/scale.md says how to read it.
//   npm run bench:scale -- [--schools 100[,1000]] [--duration 5] [--connections 1,20,50]
//                          [--rebuild] [--out .tmp/bench-scale]
// Several sizes (--schools 10,100) also print each school page's cost against the first
// size's: the goal is within 1.5× (a school's pages cost what its own data costs).
// The database cascade_scale_<N> is kept, and reused by the next run unless --rebuild.
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import {
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  type RootOperationNode,
  sql,
  type UnknownRow,
} from "kysely";
import pg from "pg";
import { type Database, openDatabase } from "../src/db/database.ts";
import { migrateToLatest } from "../src/db/migrate.ts";
import { generatePupils } from "../src/demo/pupils.ts";
import { defaultAssessmentPoints } from "../src/domain/assessment-points.ts";
import { findTemplate } from "../src/domain/programme-templates.ts";
import { buildApp } from "../src/server/app.ts";
import { noMailer } from "../src/server/mail/mailer.ts";
import { hashPassword } from "../src/server/modules/auth/passwords.ts";
import { confirmCohort } from "../src/server/modules/cohort/confirm.ts";
import { insertProgramme } from "../src/server/modules/programmes/store.ts";
import { insertSchool } from "../src/server/modules/schools/store.ts";
import { addMembership, insertUser } from "../src/server/modules/users/store.ts";
import { BENCH_ORIGIN, benchConfig, benchSecrets } from "./support.ts";

const { values: args } = parseArgs({
  options: {
    schools: { type: "string", default: "100" },
    duration: { type: "string", default: "5" },
    connections: { type: "string", default: "1,20,50" },
    rebuild: { type: "boolean", default: false },
    out: { type: "string", default: ".tmp/bench-scale" },
    "per-year-group": { type: "string" },
  },
});
const SIZES = args.schools.split(",").map(Number);
const DURATION = Number(args.duration);
const CONNECTIONS = args.connections.split(",").map(Number);
const OUT = path.resolve(args.out);
const NOW = new Date("2027-07-25T09:00:00Z");
const YEAR = "2026/27";
const PASSWORD = "benchmark scale password";
const CLUSTER_SIZE = 12;
const COHORT = 15;
/** Pupils in each year group: ~1,000 in a primary (7 year groups), ~1,000 in a secondary (5). */
const perYearGroup = (phase: "primary" | "secondary") =>
  args["per-year-group"] ? Number(args["per-year-group"]) : phase === "primary" ? 143 : 200;

const baseUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const dbUrl = (name: string) => {
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return url.toString();
};
const log = (line: string) => console.log(line);
const seconds = (since: number) => ((performance.now() - since) / 1000).toFixed(1);

interface Built {
  schools: number;
  pupils: number;
  observations: number;
  buildSeconds: number | null;
}

/** Bulk rows through one `INSERT … SELECT * FROM unnest(…)` per batch. */
async function unnestInsert(
  client: pg.PoolClient,
  table: string,
  columns: Array<[name: string, type: string]>,
  rows: unknown[][],
  batch = 20_000,
): Promise<void> {
  for (let start = 0; start < rows.length; start += batch) {
    const slice = rows.slice(start, start + batch);
    const arrays = columns.map((_, c) => slice.map((r) => r[c]));
    const casts = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ");
    await client.query(
      `insert into ${table} (${columns.map(([n]) => n).join(", ")}) select * from unnest(${casts})`,
      arrays,
    );
  }
}

async function build(database: Database, pool: pg.Pool, size: number): Promise<Built> {
  const started = performance.now();
  const db = database.db;
  await migrateToLatest(db);
  // Staff must otherwise set up a second factor; the bench signs in with a password alone.
  await db.updateTable("security_settings").set({ second_factor_required: false }).execute();
  const template = findTemplate("excellence-for-everyone");
  if (!template) throw new Error("no programme template");
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
      academic_year: YEAR,
      starts_on: "2026-09-01",
      ends_on: "2027-08-31",
      created_at: NOW,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const hubs = await db
    .insertInto("hubs")
    .values(
      Array.from({ length: Math.max(1, Math.ceil(size / 25)) }, (_, i) => ({
        name: `Bench Hub ${i + 1}`,
      })),
    )
    .returning("id")
    .execute();
  const passwordHash = await hashPassword(PASSWORD);
  const strands = await db.selectFrom("eef_strands").select(["id", "key"]).execute();
  const points = defaultAssessmentPoints(YEAR) ?? [];
  let pupilCount = 0;
  let observationCount = 0;
  let clusterId = "";
  let trioId: string | null = null;
  for (let i = 0; i < size; i++) {
    const phase = i % 4 === 3 ? "secondary" : "primary";
    const schoolId = await insertSchool(
      db,
      {
        urn: String(800001 + i),
        name: `Scale Fictional School ${i + 1}`,
        phase,
        localAuthority: "Benchshire",
        postcode: "ZZ9 9ZZ",
        hubId: hubs[i % hubs.length]?.id ?? null,
      },
      NOW,
    );
    if (i % CLUSTER_SIZE === 0) {
      const cluster = await db
        .insertInto("clusters")
        .values({
          programme_year_id: year.id,
          name: `Bench Cluster ${i / CLUSTER_SIZE + 1}`,
          facilitation_school_id: schoolId,
          created_at: NOW,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      clusterId = cluster.id;
      const lead = await insertUser(db, {
        email: `lead-${i / CLUSTER_SIZE + 1}@scale.test`,
        name: `Bench Lead ${i / CLUSTER_SIZE + 1}`,
        passwordHash,
        createdAt: NOW,
      });
      await addMembership(db, {
        userId: lead,
        role: "programme_lead",
        scopeType: "cluster",
        scopeId: clusterId,
      });
    }
    if (i % 3 === 0) {
      trioId = (
        await db
          .insertInto("trios")
          .values({ cluster_id: clusterId, name: `Trio ${Math.floor(i / 3) + 1}`, created_at: NOW })
          .returning("id")
          .executeTakeFirstOrThrow()
      ).id;
    }
    const enrolment = await db
      .insertInto("enrolments")
      .values({
        school_id: schoolId,
        programme_year_id: year.id,
        cluster_id: clusterId,
        trio_id: trioId,
        trio_role: i % 3 === 0 ? "lead" : "accelerator",
        created_at: NOW,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    const leader = await insertUser(db, {
      email: `leader-${i + 1}@scale.test`,
      name: `Bench Leader ${i + 1}`,
      passwordHash,
      createdAt: NOW,
    });
    await addMembership(db, {
      userId: leader,
      role: "school_leader",
      scopeType: "school",
      scopeId: schoolId,
    });
    const pointRows = await db
      .insertInto("assessment_points")
      .values(
        points.map((p) => ({
          school_id: schoolId,
          academic_year: YEAR,
          name: p.name,
          starts_on: p.startsOn,
          ends_on: p.endsOn,
          created_at: NOW,
        })),
      )
      .returning("id")
      .execute();
    const pupils = generatePupils({
      phase,
      la: 800 + (i % 100),
      establishment: 1000 + i,
      perYearGroup: perYearGroup(phase),
      academicStartYear: 2026,
      points: points.length,
      seed: 9000 + i,
    });
    const client = await pool.connect();
    let pupilIds: string[];
    try {
      const ids = await client.query<{ id: string; upn: string }>(
        `insert into pupils (school_id, upn, legal_first_name, preferred_first_name, last_name,
           date_of_birth, gender, year_group, pupil_premium, fsm, ever6_fsm, looked_after,
           previously_looked_after, sen_status, eal, service_child, other_intervention,
           created_at, updated_at)
         select $1::uuid, u.upn, u.f, u.pf, u.l, u.dob, u.g, u.yg, u.pp, u.fsm, u.e6, u.la, u.pla,
           u.sen, u.eal, u.sc, u.oi, $17::timestamptz, $17::timestamptz
         from unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::text[],
           $8::text[], $9::bool[], $10::bool[], $11::bool[], $12::bool[], $13::bool[], $14::text[],
           $15::bool[], $16::bool[], $18::bool[])
           with ordinality as u(upn, f, pf, l, dob, g, yg, pp, fsm, e6, la, pla, sen, eal, sc, oi, n)
         returning id, upn`,
        [
          schoolId,
          pupils.map((p) => p.upn),
          pupils.map((p) => p.legalFirstName),
          pupils.map((p) => p.preferredFirstName),
          pupils.map((p) => p.lastName),
          pupils.map((p) => p.dateOfBirth),
          pupils.map((p) => p.gender),
          pupils.map((p) => p.yearGroup),
          pupils.map((p) => p.pupilPremium),
          pupils.map((p) => p.fsm),
          pupils.map((p) => p.ever6Fsm),
          pupils.map((p) => p.lookedAfter),
          pupils.map((p) => p.previouslyLookedAfter),
          pupils.map((p) => p.senStatus),
          pupils.map((p) => p.eal),
          pupils.map((p) => p.serviceChild),
          NOW,
          pupils.map((p) => p.otherIntervention),
        ],
      );
      const byUpn = new Map(ids.rows.map((r) => [r.upn, r.id]));
      pupilIds = pupils.map((p) => byUpn.get(p.upn) ?? "");
      const measures = new Map(
        (
          await client.query<{ id: string; key: string }>(
            "select id, key from measures where school_id = $1",
            [schoolId],
          )
        ).rows.map((m) => [m.key, m.id]),
      );
      const rows: unknown[][] = [];
      pupils.forEach((p, k) => {
        for (const [key, series] of Object.entries(p.values)) {
          const measureId = measures.get(key);
          if (!measureId) continue;
          series.forEach((value, t) => {
            rows.push([pupilIds[k], measureId, pointRows[t]?.id, value, NOW]);
          });
        }
      });
      await unnestInsert(
        client,
        "observations",
        [
          ["pupil_id", "uuid"],
          ["measure_id", "uuid"],
          ["assessment_point_id", "uuid"],
          ["value", "numeric"],
          ["recorded_at", "timestamptz"],
        ],
        rows,
      );
      observationCount += rows.length;
      pupilCount += pupils.length;
    } finally {
      client.release();
    }
    // The cohort: the first fifteen disadvantaged pupils of the school's first year group.
    const cohort = pupils
      .flatMap((p, k) => (p.pupilPremium ? [pupilIds[k] ?? ""] : []))
      .slice(0, COHORT);
    await db.transaction().execute((trx) =>
      confirmCohort(trx, {
        schoolId,
        enrolment: {
          id: enrolment.id,
          programmeYearId: year.id,
          academicYear: YEAR,
          clusterId,
          trioId,
        },
        pupilIds: cohort,
        reason: null,
        actorId: null,
        on: "2026-09-15",
        now: NOW,
      }),
    );
    // A strategy with the cohort as participants, and one result shared to the network.
    const strand = strands[i % Math.max(1, strands.length)];
    const strategy = await db
      .insertInto("strategies")
      .values({
        school_id: schoolId,
        programme_year_id: year.id,
        title: `Bench strategy ${i + 1}`,
        eef_strand_id: strand?.id ?? null,
        starts_on: "2026-09-07",
        created_by: leader,
        created_at: NOW,
        updated_at: NOW,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("strategy_participants")
      .values(
        cohort.map((pupil_id) => ({ strategy_id: strategy.id, pupil_id, added_on: "2026-09-10" })),
      )
      .execute();
    const g = ((i * 37) % 90) / 100 - 0.2;
    await db
      .insertInto("shared_results")
      .values({
        strategy_id: strategy.id,
        school_id: schoolId,
        strand_key: strand?.key ?? null,
        theme_key: null,
        title: `Bench strategy ${i + 1}`,
        measure_name: "Reading",
        from_label: "Autumn 1 2026/27",
        to_label: "Summer 2 2026/27",
        comparison: "disadvantaged",
        n_t: COHORT,
        mean_before_t: 2,
        sd_before_t: 1,
        mean_after_t: 2 + g,
        sd_after_t: 1,
        n_c: 200,
        mean_before_c: 2.5,
        sd_before_c: 1,
        mean_after_c: 2.6,
        sd_after_c: 1,
        g,
        v: 0.07,
        ci_low: g - 0.52,
        ci_high: g + 0.52,
        months: null,
        named: false,
        shared_by: leader,
        shared_at: NOW,
        withdrawn_at: null,
      })
      .execute();
    if ((i + 1) % 10 === 0 || i === size - 1)
      log(
        `  built ${i + 1}/${size} schools: ${pupilCount.toLocaleString("en-GB")} pupils, ${observationCount.toLocaleString("en-GB")} observations (${seconds(started)} s)`,
      );
  }
  log("  analyze …");
  await sql`analyze`.execute(db);
  await sql`create table bench_scale_meta (schools int, pupils int, observations int, build_seconds numeric)`.execute(
    db,
  );
  const buildSeconds = Number(seconds(started));
  await sql`insert into bench_scale_meta values (${size}, ${pupilCount}, ${observationCount}, ${buildSeconds})`.execute(
    db,
  );
  return { schools: size, pupils: pupilCount, observations: observationCount, buildSeconds };
}

/** Records every statement a request runs, with its time, to EXPLAIN the slowest. */
class QueryRecorder implements KyselyPlugin {
  private started = new WeakMap<QueryId, { at: number; node: RootOperationNode }>();
  recording: Array<{ node: RootOperationNode; ms: number }> | null = null;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (this.recording) this.started.set(args.queryId, { at: performance.now(), node: args.node });
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const start = this.started.get(args.queryId);
    if (start && this.recording)
      this.recording.push({ node: start.node, ms: performance.now() - start.at });
    return args.result;
  }
}

/**
 * One connection runs for DURATION seconds. More connections send a fixed number of
 * requests and wait for every answer, so no request is left running into the next
 * measurement: enough for about DURATION seconds at the route's one-connection rate,
 * and at least four per connection.
 */
function cannon(
  url: string,
  cookie: string,
  connections: number,
  amount?: number,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections,
        timeout: 120,
        headers: cookie ? { cookie } : {},
        ...(amount ? { amount } : { duration: DURATION }),
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
  });
}

/** Answers per second over the whole run (autocannon's duration is in seconds). */
const throughput = (r: autocannon.Result) => r.requests.total / Math.max(r.duration, 0.001);

interface Row {
  size: number;
  route: string;
  connections: number;
  p50: number;
  p97_5: number;
  p99: number;
  rps: number;
  ratio: number;
  errors: number;
}

async function measure(size: number): Promise<Row[]> {
  const name = `cascade_scale_${size}`;
  const admin = new pg.Client({ connectionString: baseUrl, connectionTimeoutMillis: 3000 });
  await admin.connect();
  const exists = (await admin.query("select 1 from pg_database where datname = $1", [name]))
    .rowCount;
  let built: Built | null = null;
  if (exists && !args.rebuild) {
    const probe = new pg.Client({ connectionString: dbUrl(name) });
    await probe.connect();
    try {
      const meta = await probe.query(
        "select schools, pupils, observations, build_seconds from bench_scale_meta",
      );
      const m = meta.rows[0];
      if (m)
        built = {
          schools: m.schools,
          pupils: m.pupils,
          observations: m.observations,
          buildSeconds: Number(m.build_seconds),
        };
    } catch {
      built = null;
    } finally {
      await probe.end();
    }
  }
  if (!built) {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
  }
  await admin.end();
  const database = await openDatabase({ engine: "postgres", url: dbUrl(name), poolSize: 20 });
  const pool = new pg.Pool({ connectionString: dbUrl(name), max: 2 });
  try {
    if (built) {
      log(
        `${size} schools: reusing ${name} (${built.pupils.toLocaleString("en-GB")} pupils, ${built.observations.toLocaleString("en-GB")} observations, built in ${built.buildSeconds} s; --rebuild to build again)`,
      );
      await migrateToLatest(database.db);
    } else {
      log(`${size} schools: building ${name} …`);
      built = await build(database, pool, size);
      log(
        `${size} schools: built in ${built.buildSeconds} s — ${built.pupils.toLocaleString("en-GB")} pupils, ${built.observations.toLocaleString("en-GB")} observations`,
      );
    }
    return await serveAndMeasure(database, pool, size);
  } finally {
    await pool.end();
    await database.close();
  }
}

async function serveAndMeasure(database: Database, pool: pg.Pool, size: number): Promise<Row[]> {
  const recorder = new QueryRecorder();
  const db = database.db.withPlugin(recorder);
  const { app } = await buildApp({
    db,
    engine: database.engine,
    config: benchConfig(),
    mailer: noMailer,
    secrets: benchSecrets(),
    clock: { now: () => NOW },
    version: "bench",
  });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const signIn = async (email: string) => {
    const response = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: BENCH_ORIGIN },
      body: JSON.stringify({ email, password: PASSWORD }),
    });
    if (!response.ok)
      throw new Error(`sign-in of ${email}: ${response.status} ${await response.text()}`);
    return (response.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  };
  // The school measured: the middle one, in a middle cluster; its leader and its cluster's lead.
  const ids = await sql<{
    school_id: string;
    cluster_id: string;
    trio_id: string | null;
    strategy_id: string;
    urn: string;
  }>`select e.school_id, e.cluster_id, e.trio_id, st.id as strategy_id, s.urn
     from enrolments e join schools s on s.id = e.school_id
     join strategies st on st.school_id = e.school_id
     order by s.urn offset ${Math.floor(size / 2)} limit 1`.execute(database.db);
  const target = ids.rows[0];
  if (!target) throw new Error("no school to measure");
  const index = Number(target.urn) - 800000;
  const leader = await signIn(`leader-${index}@scale.test`);
  const leadNumber = Math.floor((index - 1) / CLUSTER_SIZE) + 1;
  const lead = await signIn(`lead-${leadNumber}@scale.test`);
  const pointsAndMeasure = await sql<{ first: string; last: string; measure: string }>`
    select (select id from assessment_points where school_id = ${target.school_id} order by starts_on limit 1) as first,
           (select id from assessment_points where school_id = ${target.school_id} order by starts_on desc limit 1) as last,
           (select m.id from measures m join observations o on o.measure_id = m.id
              join strategy_participants sp on sp.pupil_id = o.pupil_id and sp.strategy_id = ${target.strategy_id}
              where m.school_id = ${target.school_id} limit 1) as measure`.execute(database.db);
  const pm = pointsAndMeasure.rows[0];
  const s = target.school_id;
  const routes: Array<{ name: string; url: string; cookie: string; school: boolean }> = [
    { name: "GET /api/me (floor)", url: "/api/me", cookie: leader, school: false },
    { name: "pupil list", url: `/api/schools/${s}/pupils`, cookie: leader, school: true },
    { name: "gap dashboard", url: `/api/schools/${s}/gap/overview`, cookie: leader, school: true },
    {
      name: "candidate finder",
      url: `/api/schools/${s}/cohort/candidates`,
      cookie: leader,
      school: true,
    },
    {
      name: "matrix, school",
      url: `/api/matrix?view=school&schoolId=${s}`,
      cookie: leader,
      school: true,
    },
    ...(target.trio_id
      ? [
          {
            name: "matrix, trio",
            url: `/api/matrix?view=trio&trioId=${target.trio_id}`,
            cookie: leader,
            school: true,
          },
        ]
      : []),
    {
      name: "matrix, cluster (lead)",
      url: `/api/matrix?view=cluster&clusterId=${target.cluster_id}`,
      cookie: lead,
      school: true,
    },
    ...(pm?.measure && pm.first && pm.last
      ? [
          {
            name: "strategy evaluation",
            url: `/api/strategies/${target.strategy_id}/evaluation?measureId=${pm.measure}&from=${pm.first}&to=${pm.last}`,
            cookie: leader,
            school: true,
          },
        ]
      : []),
    { name: "network evidence", url: "/api/evidence", cookie: leader, school: false },
    {
      name: "cluster progress (lead)",
      url: `/api/clusters/${target.cluster_id}/progress`,
      cookie: lead,
      school: false,
    },
  ];
  fs.mkdirSync(OUT, { recursive: true });
  const explainFile = path.join(OUT, `explain-${size}-schools.txt`);
  const explains: string[] = [];
  const seqScans: string[] = [];
  // One request each first: it must answer 200, and its statements are recorded for EXPLAIN.
  for (const route of routes) {
    recorder.recording = [];
    const response = await fetch(`${base}${route.url}`, { headers: { cookie: route.cookie } });
    const recorded = recorder.recording;
    recorder.recording = null;
    if (!response.ok) throw new Error(`${route.name}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
    if (recorded.length === 0) continue;
    const executor = database.db.getExecutor();
    // Each SELECT once more under EXPLAIN (ANALYZE, BUFFERS): the slowest by the
    // database's own execution time is written down, and any sequential scan of
    // observations or pupils on a school page is reported.
    let slowest: { sql: string; plan: string; ms: number } | null = null;
    for (const { node } of recorded) {
      const query = executor.compileQuery(node, { queryId: "bench" } as unknown as QueryId);
      if (!/^\s*(select|with)/i.test(query.sql)) continue;
      const result = await pool.query(
        `explain (analyze, buffers) ${query.sql}`,
        query.parameters as unknown[],
      );
      const plan = result.rows.map((r) => r["QUERY PLAN"]).join("\n");
      const ms = Number(plan.match(/Execution Time: ([\d.]+) ms/)?.[1] ?? 0);
      const scan = plan.match(/Seq Scan on (observations|pupils)\b/);
      if (route.school && scan) seqScans.push(`${route.name}: ${scan[0]}`);
      if (!slowest || ms > slowest.ms) slowest = { sql: query.sql, plan, ms };
    }
    explains.push(
      `## ${route.name} — ${route.url}\n${recorded.length} statements; the slowest in the database took ${slowest?.ms.toFixed(2) ?? "–"} ms:\n${slowest?.sql ?? "(no SELECT)"}\n\n${slowest?.plan ?? ""}\n`,
    );
  }
  fs.writeFileSync(
    explainFile,
    `# ${size} schools, ${new Date().toISOString()}\n\n${explains.join("\n")}`,
  );

  const rows: Row[] = [];
  await cannon(`${base}/api/me`, leader, 10); // warm up
  const oneConnectionRate = new Map<string, number>();
  const amountFor = (url: string, connections: number) =>
    connections === 1
      ? undefined
      : Math.min(
          3000,
          Math.max(connections * 4, Math.round((oneConnectionRate.get(url) ?? 10) * DURATION)),
        );
  for (const connections of [1, ...CONNECTIONS.filter((c) => c !== 1)]) {
    const floor = await cannon(
      `${base}/api/me`,
      leader,
      connections,
      amountFor("/api/me", connections),
    );
    if (connections === 1) oneConnectionRate.set("/api/me", throughput(floor));
    for (const route of routes) {
      const result =
        route.url === "/api/me"
          ? floor
          : await cannon(
              `${base}${route.url}`,
              route.cookie,
              connections,
              amountFor(route.url, connections),
            );
      if (connections === 1) oneConnectionRate.set(route.url, throughput(result));
      rows.push({
        size,
        route: route.name,
        connections,
        p50: result.latency.p50,
        p97_5: result.latency.p97_5,
        p99: result.latency.p99,
        rps: throughput(result),
        ratio: throughput(result) / throughput(floor),
        errors: result.non2xx + result.errors + result.timeouts,
      });
    }
  }
  await app.close();
  log(`  EXPLAIN (ANALYZE, BUFFERS) of each route's slowest statement: ${explainFile}`);
  log(
    seqScans.length === 0
      ? "  no sequential scan over observations or pupils on any school page"
      : `  sequential scans on school pages: ${[...new Set(seqScans)].join("; ")}`,
  );
  return rows;
}

const all: Row[] = [];
for (const size of SIZES) all.push(...(await measure(size)));

const pad = (text: string | number, n: number) => String(text).padStart(n);
log("");
log(
  `${"schools".padEnd(8)}${"route".padEnd(26)}${pad("conn", 5)}${pad("p50 ms", 8)}${pad("p97.5", 8)}${pad("p99", 7)}${pad("req/s", 8)}${pad("× /api/me", 10)}${SIZES.length > 1 ? pad(`cost × ${SIZES[0]}`, 12) : ""}${pad("non-2xx", 8)}`,
);
for (const row of all) {
  const first = all.find(
    (r) => r.size === SIZES[0] && r.route === row.route && r.connections === row.connections,
  );
  // A page's cost: the time its request takes relative to the session check's, so the
  // machine's speed cancels out; against the first size's for the same page.
  const cost = first ? first.ratio / row.ratio : Number.NaN;
  log(
    `${String(row.size).padEnd(8)}${row.route.padEnd(26)}${pad(row.connections, 5)}${pad(row.p50, 8)}${pad(row.p97_5, 8)}${pad(row.p99, 7)}${pad(Math.round(row.rps), 8)}${pad(row.ratio.toFixed(3), 10)}${SIZES.length > 1 ? pad(cost.toFixed(2), 12) : ""}${pad(row.errors, 8)}`,
  );
}
log("");
log(
  "autocannon reports p97.5, not p95. '× /api/me' is the route's throughput over GET /api/me's at the same concurrency; 'cost ×' is the page's cost (inverse of that ratio) against the first size's: the goal is ≤ 1.5 for every school page.",
);
