// The crash drill (issue #15 item 2): the real server as a child process, a driver
// sending writes through the API concurrently and recording each one acknowledged (2xx),
// SIGKILL at seeded random moments, a restart, and at the end a check straight in the
// database that every acknowledged write is there and no import is half-applied.
// `npm run drill:crash` runs it in full on both engines (bench/crash-drill.ts);
// test/drill/crash.test.ts runs a short form in the integration projects.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import pg from "pg";
import { type Database, openDatabase } from "../../src/db/database.ts";
import { SeededRandom } from "../../src/demo/random.ts";
import { timeStep } from "../../src/domain/totp-window.ts";
import { makeUpn } from "../../src/domain/upn.ts";
import { totpCodeAt } from "../../src/server/modules/mfa/totp.ts";
import { startServe } from "../serve-process.ts";
import { multipartBody } from "../support.ts";

export type DrillEngine = "pglite" | "postgres";

export interface DrillOptions {
  engine: DrillEngine;
  seed: number;
  /** SIGKILLs during the drive (one more comes after the driver stops, before the check). */
  kills: number;
  /** Keep driving (and killing) until at least this many writes were acknowledged. */
  minAcknowledged: number;
  /** How long the server runs between its start and its kill, in ms (drawn uniformly). */
  upMs: [number, number];
  /** Requests in flight at once. */
  concurrency: number;
  /** PostgreSQL: a URL of an existing database to connect to and create the drill's database from. */
  postgresUrl?: string;
  log?: (line: string) => void;
  /** Aborted: stop driving at the next kill, and check what was written so far. */
  stop?: AbortSignal;
}

export interface DrillResult {
  engine: DrillEngine;
  seed: number;
  kills: number;
  attempted: number;
  acknowledged: { total: number; observations: number; reviews: number; imports: number };
  /** Acknowledged writes not found (or found different) after the last restart. */
  lost: string[];
  /** Imports (acknowledged or not) with some of their rows stored and not all. */
  halfApplied: string[];
  /** Writes the server never answered (killed in flight): applied or not, both are allowed. */
  unanswered: number;
  /**
   * Imports refused with 409 because another import into the school still ran: the
   * killed server's database session can hold the school's import lock until
   * PostgreSQL notices it is gone. Refused, so never acknowledged (and the check
   * still finds none of their rows half-applied).
   */
  importsRefusedBusy: number;
  seconds: number;
}

const ORIGIN = "http://cascade.drill";
const ADMIN = {
  name: "Drill Admin",
  email: "admin@drill.test",
  password: "violet harbour lantern 4812 quietly",
};
const SECOND_ADMIN = {
  name: "Drill Second Admin",
  email: "second@drill.test",
  password: "amber glacier otter 5520 softly",
};
const LEADER = {
  name: "Drill Leader",
  email: "leader@drill.test",
  password: "copper meadow falcon 9031 gently",
};
const STRATEGY_START = "2025-09-01";
const LA = 990;

interface ObservationWrite {
  kind: "observation";
  id: number;
  cells: { pupilId: string; measureId: string; assessmentPointId: string; value: number }[];
}
interface ReviewWrite {
  kind: "review";
  id: number;
  done: string;
}
interface ImportWrite {
  kind: "import";
  id: number;
  fileName: string;
  upns: string[];
}
type Write = ObservationWrite | ReviewWrite | ImportWrite;

class Http {
  constructor(
    private readonly base: () => string,
    public cookie = "",
  ) {}

  async send(
    method: string,
    url: string,
    body?: unknown,
    multipart?: { payload: Buffer; contentType: string },
  ): Promise<{ status: number; json: unknown; cookie: string }> {
    const headers: Record<string, string> = { origin: ORIGIN };
    if (this.cookie) headers.cookie = this.cookie;
    let payload: string | Buffer | undefined;
    if (multipart) {
      headers["content-type"] = multipart.contentType;
      payload = multipart.payload;
    } else if (body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(body);
    }
    const response = await fetch(`${this.base()}${url}`, {
      method,
      headers,
      ...(payload === undefined ? {} : { body: payload as BodyInit }),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await response.text();
    const cookie = response.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    let json: unknown = text;
    try {
      json = JSON.parse(text);
    } catch {
      // not JSON: kept as text for the error message
    }
    return { status: response.status, json, cookie };
  }

  async ok<T>(method: string, url: string, body?: unknown): Promise<T> {
    const response = await this.send(method, url, body);
    if (response.status >= 300)
      throw new Error(`${method} ${url}: ${response.status} ${JSON.stringify(response.json)}`);
    if (response.cookie) this.cookie = response.cookie;
    return response.json as T;
  }
}

/** The letters of n in base 26, so that generated names pass the name check. */
function letters(n: number): string {
  let s = "";
  let v = n;
  do {
    s = String.fromCharCode(97 + (v % 26)) + s;
    v = Math.floor(v / 26);
  } while (v > 0);
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const PUPIL_HEADER = [
  "UPN",
  "Legal Surname",
  "Legal Forename",
  "DOB",
  "Year",
  "Gender",
  "Pupil Premium Indicator",
  "FSM Eligible",
  "SEN Status",
  "EAL",
];

function pupilRows(first: number, count: number, random: SeededRandom): string[][] {
  const rows: string[][] = [];
  for (let i = first; i < first + count; i++) {
    const year = random.int(7, 11);
    rows.push([
      makeUpn(LA, 5000 + Math.floor(i / 1000), 20, i % 1000),
      `Drill${letters(i).toLowerCase()}`,
      letters(i + 7),
      `${String(random.int(1, 28)).padStart(2, "0")}/0${random.int(1, 9)}/${2026 - 5 - year}`,
      `Year ${year}`,
      random.pick(["M", "F"]),
      random.chance(0.3) ? "Y" : "N",
      "N",
      "N",
      "N",
    ]);
  }
  return rows;
}

async function xlsxOf(rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Pupils");
  sheet.addRow(PUPIL_HEADER);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Sets up an authenticator app for the signed-in account (the network asks its staff for one). */
async function enrolTotp(http: Http, password: string): Promise<void> {
  const { manualKey } = await http.ok<{ manualKey: string }>("POST", "/api/mfa/totp", { password });
  await http.ok("POST", "/api/mfa/totp/confirm", {
    code: totpCodeAt(manualKey, timeStep(Date.now())),
  });
}

/** An invitation from the administrator, accepted by a new person, who sets up an authenticator app. */
async function join(
  base: () => string,
  admin: Http,
  person: { name: string; email: string; password: string },
  role: string,
  scopeType: string,
  scopeId: string | null,
): Promise<Http> {
  const invitation = await admin.ok<{ url?: string }>("POST", "/api/invitations", {
    email: person.email,
    role,
    scopeType,
    scopeId,
  });
  const token = invitation.url?.split("#token=")[1];
  if (!token) throw new Error("the invitation came without its link");
  const http = new Http(base);
  await http.ok("POST", "/api/invitations/accept", {
    token,
    name: person.name,
    password: person.password,
  });
  await enrolTotp(http, person.password);
  return http;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runCrashDrill(options: DrillOptions): Promise<DrillResult> {
  const log = options.log ?? (() => {});
  const started = Date.now();
  const random = new SeededRandom(options.seed);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "cascade-crash-drill-"));
  const env: Record<string, string> = {
    CASCADE_PUBLIC_URL: ORIGIN,
    CASCADE_WEB_DIR: path.join(tmp, "no-web"),
    CASCADE_SECRET_KEY: Buffer.alloc(32, 7).toString("base64"),
    CASCADE_BACKUP_DIR: "",
    SMTP_URL: "",
    LOG_LEVEL: "error",
  };
  let dropDatabase = async () => {};
  let open: () => Promise<Database>;
  if (options.engine === "pglite") {
    const dataDir = path.join(tmp, "data");
    env.CASCADE_DATA_DIR = dataDir;
    env.DATABASE_URL = "";
    open = () => openDatabase({ engine: "pglite", dataDir });
  } else {
    const adminUrl = options.postgresUrl ?? "postgres://postgres@127.0.0.1:5432/test";
    const name = `cascade_crash_drill_${process.pid}_${options.seed}`;
    const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
    await admin.connect();
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    open = () => openDatabase({ engine: "postgres", url: url.toString(), poolSize: 2 });
    dropDatabase = async () => {
      const again = new pg.Client({ connectionString: adminUrl });
      await again.connect();
      await again.query(`drop database if exists ${name} with (force)`);
      await again.end();
    };
  }

  let port = 0;
  let up = false;
  let wakeUp: Array<() => void> = [];
  const base = () => `http://127.0.0.1:${port}`;
  const waitUp = () => (up ? Promise.resolve() : new Promise<void>((r) => wakeUp.push(r)));

  let server: ReturnType<typeof startServe> | undefined;
  const start = async () => {
    const t0 = Date.now();
    server = startServe(env);
    port = await server.listening;
    for (;;) {
      const health = await fetch(`${base()}/api/health`).catch(() => undefined);
      if (health?.ok) break;
      await sleep(50);
    }
    log(`[${options.engine}] server up in ${Date.now() - t0} ms`);
    up = true;
    const waiting = wakeUp;
    wakeUp = [];
    for (const w of waiting) w();
  };
  const kill = async () => {
    up = false;
    if (!server) return;
    server.child.kill("SIGKILL");
    await server.exited;
    server = undefined;
  };

  const result: DrillResult = {
    engine: options.engine,
    seed: options.seed,
    kills: 0,
    attempted: 0,
    acknowledged: { total: 0, observations: 0, reviews: 0, imports: 0 },
    lost: [],
    halfApplied: [],
    unanswered: 0,
    importsRefusedBusy: 0,
    seconds: 0,
  };
  const acknowledged: Write[] = [];
  const imports: ImportWrite[] = [];
  /** The imports refused as busy (409), by file name: none of their rows may be stored. */
  const refusedBusy = new Set<string>();

  try {
    await start();
    // The set-up, as people would do it: the first administrator, a school, a leader
    // invited to it, its assessment points, its pupils (an import) and a strategy.
    const admin = new Http(base);
    await admin.ok("POST", "/api/setup", ADMIN);
    await enrolTotp(admin, ADMIN.password);
    const school = await admin.ok<{ id: string }>("POST", "/api/schools", {
      urn: String(900000 + (options.seed % 99999)),
      name: "Crash Drill Fictional Academy",
      phase: "secondary",
      localAuthority: "Drillshire",
      postcode: "ZZ9 9ZZ",
    });
    // A second administrator approves the leader's role: a school with no leader yet
    // takes two administrators (memberships/policy.ts).
    const second = await join(base, admin, SECOND_ADMIN, "network_admin", "network", null);
    const leader = await join(base, admin, LEADER, "school_leader", "school", school.id);
    const pending = await second.ok<{ items: { id: string; userEmail: string }[] }>(
      "GET",
      "/api/memberships/pending",
    );
    for (const item of pending.items.filter((p) => p.userEmail === LEADER.email))
      await second.ok("POST", `/api/memberships/${item.id}/approve`);
    await leader.ok("POST", `/api/schools/${school.id}/assessment-points`, {
      academicYear: "2025/26",
      defaults: true,
    });
    let pupilCounter = 0;
    const seedRows = pupilRows(pupilCounter, 150, random);
    pupilCounter += seedRows.length;
    const seedImport = await leader.send(
      "POST",
      `/api/schools/${school.id}/imports`,
      undefined,
      multipartBody(
        {
          filename: "drill-pupils.csv",
          content: [PUPIL_HEADER, ...seedRows].map((r) => r.join(",")).join("\r\n"),
        },
        { kind: "pupils" },
      ),
    );
    if (seedImport.status !== 201)
      throw new Error(`the pupil list was refused: ${JSON.stringify(seedImport.json)}`);
    const strategy = await leader.ok<{ id: string }>(
      "POST",
      `/api/schools/${school.id}/strategies`,
      { title: "Crash drill tutoring", startsOn: STRATEGY_START },
    );
    const pupils = await leader.ok<{ items: { id: string }[] }>(
      "GET",
      `/api/schools/${school.id}/pupils?limit=500`,
    );
    const measures = await leader.ok<{
      items: { id: string; min: number; max: number; levels: { value: number }[] }[];
    }>("GET", `/api/schools/${school.id}/measures`);
    const points = await leader.ok<{ items: { id: string }[] }>(
      "GET",
      `/api/schools/${school.id}/assessment-points`,
    );
    // Every observation write goes to a cell of its own, so what a later write did
    // cannot hide what an earlier one lost.
    const cells: {
      pupilId: string;
      measureId: string;
      assessmentPointId: string;
      value: number;
    }[] = [];
    for (const pupil of pupils.items)
      for (const measure of measures.items)
        for (const point of points.items) {
          const value =
            measure.levels.length > 0
              ? random.pick(measure.levels).value
              : random.int(Math.ceil(measure.min), Math.floor(measure.max));
          cells.push({
            pupilId: pupil.id,
            measureId: measure.id,
            assessmentPointId: point.id,
            value,
          });
        }
    for (let i = cells.length - 1; i > 0; i--) {
      const j = random.int(0, i);
      [cells[i], cells[j]] = [cells[j] as (typeof cells)[0], cells[i] as (typeof cells)[0]];
    }
    log(
      `[${options.engine}] set up: ${pupils.items.length} pupils, ${measures.items.length} measures, ${points.items.length} points (${cells.length} cells), seed ${options.seed}`,
    );

    let nextId = 0;
    let importsInFlight = 0;
    const nextWrite = async (): Promise<{
      write: Write;
      send: () => ReturnType<Http["send"]>;
    } | null> => {
      const id = nextId++;
      const roll = random.next();
      if (roll < 0.7 && cells.length > 0) {
        const batch = cells.splice(0, random.int(1, 3));
        const write: ObservationWrite = { kind: "observation", id, cells: batch };
        return {
          write,
          send: () => leader.send("PUT", "/api/observations", { observations: batch }),
        };
      }
      // One import at a time: the server reads at most two files at once and says 503 to a third.
      if (roll < 0.9 || importsInFlight > 0) {
        const done = `Drill review ${options.seed}-${id}`;
        return {
          write: { kind: "review", id, done },
          send: () =>
            leader.send("POST", `/api/strategies/${strategy.id}/reviews`, {
              reviewedOn: "2025-10-01",
              done,
              dataShows: "The drill's data.",
              decision: "Continue.",
            }),
        };
      }
      const rows = pupilRows(pupilCounter, random.int(3, 8), random);
      pupilCounter += rows.length;
      const asXlsx = random.chance(0.5);
      const fileName = `drill-import-${id}.${asXlsx ? "xlsx" : "csv"}`;
      const content = asXlsx
        ? await xlsxOf(rows)
        : [PUPIL_HEADER, ...rows].map((r) => r.join(",")).join("\r\n");
      const write: ImportWrite = {
        kind: "import",
        id,
        fileName,
        upns: rows.map((r) => r[0] as string),
      };
      imports.push(write);
      importsInFlight++;
      const body = multipartBody(
        {
          filename: fileName,
          content,
          type: asXlsx
            ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            : "text/csv",
        },
        { kind: "pupils" },
      );
      return {
        write,
        send: () =>
          leader.send("POST", `/api/schools/${school.id}/imports`, undefined, body).finally(() => {
            importsInFlight--;
          }),
      };
    };

    let driving = true;
    const refusals: string[] = [];
    const worker = async () => {
      while (driving) {
        await waitUp();
        if (!driving) break;
        const next = await nextWrite();
        if (!next) break;
        result.attempted++;
        try {
          const response = await next.send();
          if (response.status >= 200 && response.status < 300) {
            acknowledged.push(next.write);
            result.acknowledged.total++;
            if (next.write.kind === "observation") result.acknowledged.observations++;
            else if (next.write.kind === "review") result.acknowledged.reviews++;
            else result.acknowledged.imports++;
          } else if (next.write.kind === "import" && response.status === 409) {
            result.importsRefusedBusy++;
            refusedBusy.add(next.write.fileName);
          } else if (response.status >= 500 && !up) {
            // Answered while the server was going down: not acknowledged.
            result.unanswered++;
          } else {
            refusals.push(`${next.write.kind} ${response.status} ${JSON.stringify(response.json)}`);
            if (refusals.length > 5) driving = false;
          }
        } catch {
          // The server died with the request in flight: never acknowledged.
          result.unanswered++;
          await waitUp();
        }
      }
    };
    const workers = Array.from({ length: options.concurrency }, () => worker());

    while (
      driving &&
      !options.stop?.aborted &&
      (result.kills < options.kills || result.acknowledged.total < options.minAcknowledged)
    ) {
      await sleep(random.int(options.upMs[0], options.upMs[1]));
      await kill();
      result.kills++;
      log(
        `[${options.engine}] kill ${result.kills}: ${result.acknowledged.total} acknowledged, ${result.unanswered} unanswered so far`,
      );
      await start();
      if (cells.length < 10) break;
    }
    // Let the writes in flight finish, then one last kill, and check the database itself.
    driving = false;
    await Promise.all(workers);
    if (refusals.length > 0)
      throw new Error(`the server refused drill writes:\n${refusals.join("\n")}`);
    await kill();
    result.kills++;

    const database = await open();
    try {
      await verify(database, acknowledged, imports, refusedBusy, result);
    } finally {
      await database.close();
    }
  } finally {
    await kill();
    await dropDatabase().catch(() => {});
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  result.seconds = (Date.now() - started) / 1000;
  return result;
}

async function verify(
  database: Database,
  acknowledged: Write[],
  imports: ImportWrite[],
  refusedBusy: ReadonlySet<string>,
  result: DrillResult,
): Promise<void> {
  const { db } = database;
  const observations = await db
    .selectFrom("observations")
    .select(["pupil_id", "measure_id", "assessment_point_id", "value"])
    .execute();
  const stored = new Map(
    observations.map((o) => [
      `${o.pupil_id}/${o.measure_id}/${o.assessment_point_id}`,
      Number(o.value),
    ]),
  );
  const reviews = new Set(
    (await db.selectFrom("strategy_reviews").select("done").execute()).map((r) => r.done),
  );
  const pupils = new Set(
    (await db.selectFrom("pupils").select("upn").execute()).map((p) => p.upn as string),
  );
  const importRows = new Set(
    (await db.selectFrom("imports").select("file_name").execute()).map((r) => r.file_name),
  );
  for (const write of acknowledged) {
    if (write.kind === "observation") {
      for (const cell of write.cells) {
        const value = stored.get(`${cell.pupilId}/${cell.measureId}/${cell.assessmentPointId}`);
        if (value !== cell.value)
          result.lost.push(
            `observation write ${write.id}: ${cell.pupilId} ${cell.measureId} ${cell.assessmentPointId} = ${cell.value}, found ${value}`,
          );
      }
    } else if (write.kind === "review") {
      if (!reviews.has(write.done)) result.lost.push(`review write ${write.id}: "${write.done}"`);
    } else if (!importRows.has(write.fileName) || write.upns.some((u) => !pupils.has(u))) {
      result.lost.push(`import ${write.fileName}`);
    }
  }
  for (const write of imports) {
    const present = write.upns.filter((u) => pupils.has(u)).length;
    const recorded = importRows.has(write.fileName);
    // A refused import must have stored nothing at all; any other, all or nothing.
    const whole = refusedBusy.has(write.fileName)
      ? present === 0 && !recorded
      : recorded
        ? present === write.upns.length
        : present === 0;
    if (!whole)
      result.halfApplied.push(
        `${write.fileName}: ${present} of ${write.upns.length} pupils, import ${recorded ? "recorded" : "not recorded"}`,
      );
  }
}

export function describeDrill(r: DrillResult): string {
  return (
    `engine ${r.engine} | seed ${r.seed} | kills ${r.kills} | acknowledged writes ${r.acknowledged.total} ` +
    `(observations ${r.acknowledged.observations}, strategy reviews ${r.acknowledged.reviews}, imports ${r.acknowledged.imports}) | ` +
    `unanswered ${r.unanswered} | imports refused as busy ${r.importsRefusedBusy} | writes lost ${r.lost.length} | half-applied imports ${r.halfApplied.length} | ${r.seconds.toFixed(1)} s`
  );
}
