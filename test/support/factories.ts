import { randomBytes } from "node:crypto";
import type { Role, ScopeType } from "../../src/contracts/roles.ts";
import { ROLE_SCOPE } from "../../src/contracts/roles.ts";
import { academicYearOf, parseAcademicYear } from "../../src/domain/academic-year.ts";
import { defaultAssessmentPoints } from "../../src/domain/assessment-points.ts";
import { today } from "../../src/domain/calendar.ts";
import type { SchoolPhase } from "../../src/domain/phases.ts";
import { findTemplate } from "../../src/domain/programme-templates.ts";
import { makeUpn } from "../../src/domain/upn.ts";
import { hashPassword } from "../../src/server/modules/auth/passwords.ts";
import { createCluster } from "../../src/server/modules/clusters/store.ts";
import { insertTrio } from "../../src/server/modules/clusters/trio-store.ts";
import { confirmCohort } from "../../src/server/modules/cohort/confirm.ts";
import { currentEnrolment } from "../../src/server/modules/cohort/store.ts";
import { insertEnrolment } from "../../src/server/modules/enrolments/store.ts";
import { joinTeam } from "../../src/server/modules/invitations/store.ts";
import { insertPoints } from "../../src/server/modules/measures/points-store.ts";
import { saveValues } from "../../src/server/modules/observations/store.ts";
import { insertProgramme, openProgrammeYear } from "../../src/server/modules/programmes/store.ts";
import { insertPupil } from "../../src/server/modules/pupils/store.ts";
import { insertSchool, lockSchools } from "../../src/server/modules/schools/store.ts";
import {
  insertReview,
  insertStrategy,
  replaceParticipants,
} from "../../src/server/modules/strategies/store.ts";
import { addMembership, insertUser } from "../../src/server/modules/users/store.ts";
import { TestClient } from "./client.ts";
import type { TestApp } from "./test-app.ts";

export const TEST_PASSWORD = "plum orchard lantern 42";
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
}

/** A user with one membership (or none), inserted through the real stores. */
export async function makeUser(
  t: TestApp,
  options: { role?: Role | null; scopeId?: string | null; name?: string; email?: string } = {},
): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const suffix = randomBytes(4).toString("hex");
  const email = options.email ?? `person-${suffix}@school.test`;
  const name = options.name ?? `Test Person ${suffix}`;
  const id = await insertUser(t.deps.db, {
    email,
    name,
    passwordHash: await passwordHash,
    createdAt: t.clock.now(),
  });
  const role = options.role === undefined ? "network_admin" : options.role;
  if (role) {
    const scopeType: ScopeType = ROLE_SCOPE[role];
    await addMembership(t.deps.db, {
      userId: id,
      role,
      scopeType,
      scopeId: scopeType === "network" ? null : (options.scopeId ?? null),
    });
  }
  return { id, email, name, password: TEST_PASSWORD };
}

export async function signIn(t: TestApp, user: TestUser, ip?: string): Promise<TestClient> {
  const client = new TestClient(t.app, ip ? { ip } : {});
  const response = await client.post("/api/auth/login", {
    email: user.email,
    password: user.password,
  });
  if (response.statusCode !== 200) {
    throw new Error(`sign-in failed for ${user.email}: ${response.statusCode} ${response.body}`);
  }
  return client;
}

/*
 * Fresh-tenant factories. Each makes what it is asked for in the test's own
 * database, through the real stores, and makes its parents when none are given:
 * `makeStrategy(t)` alone makes a school, its leader and the strategy. Nothing
 * depends on the demo network, so a test states every fact it relies on.
 */

let urnSequence = 900000;

/** The one URN sequence of the test support: every made school has a URN no other has. */
export function nextUrn(): string {
  urnSequence += 1;
  return String(urnSequence);
}

function suffix(): string {
  return randomBytes(3).toString("hex");
}

export interface MadeSchool {
  id: string;
  urn: string;
  name: string;
}

export async function makeSchool(
  t: TestApp,
  options: { name?: string; phase?: SchoolPhase; hubId?: string | null } = {},
): Promise<MadeSchool> {
  const urn = nextUrn();
  const name = options.name ?? `Fresh Fictional School ${suffix()}`;
  // As the schools route does: the lock keeps two new schools from taking one short code.
  const id = await t.deps.db.transaction().execute(async (trx) => {
    await lockSchools(trx);
    return insertSchool(
      trx,
      {
        urn,
        name,
        phase: options.phase ?? "primary",
        localAuthority: "Fictionshire",
        postcode: "ZZ9 9ZZ",
        hubId: options.hubId ?? null,
      },
      t.clock.now(),
    );
  });
  return { id, urn, name };
}

/** A programme year of the standard programme, opened once per test database. */
const years = new WeakMap<TestApp, Promise<string>>();
export function makeProgrammeYear(t: TestApp): Promise<string> {
  let year = years.get(t);
  if (!year) {
    year = t.deps.db.transaction().execute(async (trx) => {
      const template = findTemplate("excellence-for-everyone");
      if (!template) throw new Error("no standard programme template");
      const now = t.clock.now();
      const existing = await trx
        .selectFrom("programmes")
        .select("id")
        .where("template_key", "=", template.key)
        .executeTakeFirst();
      const programmeId =
        existing?.id ??
        (await insertProgramme(
          trx,
          {
            name: template.name,
            description: template.description,
            templateKey: template.key,
            themes: [...template.themes],
            workshops: [...template.workshops],
          },
          now,
        ));
      const label = academicYearOf(today(t.clock));
      const open = await trx
        .selectFrom("programme_years")
        .select("id")
        .where("programme_id", "=", programmeId)
        .where("academic_year", "=", label)
        .executeTakeFirst();
      if (open) return open.id;
      const parsed = parseAcademicYear(label);
      if (!parsed.ok) throw new Error(parsed.reason);
      return openProgrammeYear(trx, now, programmeId, parsed);
    });
    years.set(t, year);
  }
  return year;
}

export async function makeCluster(
  t: TestApp,
  options: { programmeYearId?: string; facilitationSchoolId?: string; name?: string } = {},
): Promise<{ id: string; programmeYearId: string }> {
  const programmeYearId = options.programmeYearId ?? (await makeProgrammeYear(t));
  const facilitationSchoolId = options.facilitationSchoolId ?? (await makeSchool(t)).id;
  const admin = await makeUser(t, { role: "network_admin" });
  const { clusterId } = await createCluster(
    t.deps,
    { userId: admin.id, name: admin.name, email: admin.email, sessionId: "", memberships: [] },
    t.clock.now(),
    "127.0.0.1",
    {
      programmeYearId,
      name: options.name ?? `Fresh Cluster ${suffix()}`,
      facilitationSchoolId,
      programmeLeadEmails: [],
    },
  );
  return { id: clusterId, programmeYearId };
}

export interface MadeEnrolment {
  id: string;
  schoolId: string;
  clusterId: string;
  programmeYearId: string;
}

export async function makeEnrolment(
  t: TestApp,
  options: { schoolId?: string; clusterId?: string } = {},
): Promise<MadeEnrolment> {
  const schoolId = options.schoolId ?? (await makeSchool(t)).id;
  const cluster = options.clusterId
    ? await t.deps.db
        .selectFrom("clusters")
        .select(["id", "programme_year_id as programmeYearId"])
        .where("id", "=", options.clusterId)
        .executeTakeFirstOrThrow()
    : await makeCluster(t);
  const id = await insertEnrolment(t.deps.db, t.clock.now(), {
    schoolId,
    clusterId: cluster.id,
  });
  return { id, schoolId, clusterId: cluster.id, programmeYearId: cluster.programmeYearId };
}

export interface MadeStaff extends TestUser {
  role: Role;
  /** The school (school roles) or cluster (programme leads) the role is held in. */
  scopeId: string | null;
}

/**
 * A person holding one role: at a school (made when none is given) for school
 * roles, in a cluster (made when none is given) for programme leads, or across
 * the network.
 */
export async function makeStaff(
  t: TestApp,
  options: { role: Role; schoolId?: string; clusterId?: string; name?: string; email?: string },
): Promise<MadeStaff> {
  const scopeType = ROLE_SCOPE[options.role];
  const scopeId =
    scopeType === "school"
      ? (options.schoolId ?? (await makeSchool(t)).id)
      : scopeType === "cluster"
        ? (options.clusterId ?? (await makeCluster(t)).id)
        : null;
  const user = await makeUser(t, {
    role: options.role,
    scopeId,
    ...(options.name ? { name: options.name } : {}),
    ...(options.email ? { email: options.email } : {}),
  });
  return { ...user, role: options.role, scopeId };
}

let upnSequence = 0;

/** A pupil on roll at a school (made when none is given); not disadvantaged unless asked. */
export async function makePupil(
  t: TestApp,
  options: {
    schoolId?: string;
    yearGroup?: string;
    pupilPremium?: boolean;
    firstName?: string;
    lastName?: string;
  } = {},
): Promise<{ id: string; schoolId: string; upn: string }> {
  const schoolId = options.schoolId ?? (await makeSchool(t)).id;
  upnSequence += 1;
  // A well-formed UPN, unique in the test run: its serial and establishment are the sequence.
  const upn = makeUpn(999, Math.floor(upnSequence / 1000) % 10000, 16, upnSequence % 1000);
  const id = await insertPupil(t.deps.db, t.clock.now(), {
    schoolId,
    upn,
    legalFirstName: options.firstName ?? `Pupil${suffix()}`,
    lastName: options.lastName ?? "Fictional",
    dateOfBirth: "2016-05-01",
    yearGroup: options.yearGroup ?? "5",
    pupilPremium: options.pupilPremium ?? false,
  });
  return { id, schoolId, upn };
}

/** A strategy of a school (made, with a leader, when none is given). */
export async function makeStrategy(
  t: TestApp,
  options: {
    schoolId?: string;
    createdBy?: string;
    title?: string;
    programmeYearId?: string | null;
  } = {},
): Promise<{ id: string; schoolId: string; createdBy: string }> {
  const schoolId = options.schoolId ?? (await makeSchool(t)).id;
  const createdBy =
    options.createdBy ?? (await makeStaff(t, { role: "school_leader", schoolId })).id;
  const row = await insertStrategy(t.deps.db, t.clock.now(), {
    body: { title: options.title ?? `Fresh strategy ${suffix()}` },
    schoolId,
    programmeYearId: options.programmeYearId ?? null,
    createdBy,
  });
  return { id: row.id, schoolId, createdBy };
}

/**
 * The six half-term assessment points of an academic year (the current one
 * unless given) at a school (made when none is given), by name.
 */
export async function makeAssessmentPoints(
  t: TestApp,
  options: { schoolId?: string; academicYear?: string } = {},
): Promise<{ schoolId: string; academicYear: string; ids: Map<string, string> }> {
  const schoolId = options.schoolId ?? (await makeSchool(t)).id;
  const academicYear = options.academicYear ?? academicYearOf(today(t.clock));
  const points = defaultAssessmentPoints(academicYear);
  if (!points) throw new Error(`no half-terms for ${academicYear}`);
  await insertPoints(t.deps.db, t.clock.now(), schoolId, academicYear, points);
  const rows = await t.deps.db
    .selectFrom("assessment_points")
    .select(["id", "name"])
    .where("school_id", "=", schoolId)
    .where("academic_year", "=", academicYear)
    .execute();
  return { schoolId, academicYear, ids: new Map(rows.map((r) => [r.name, r.id])) };
}

/**
 * A place on an enrolment's team (the enrolment made when none is given), for
 * a person (made at the enrolment's school with the role, a teacher unless
 * asked, when none is given), as an accepted invitation gives it.
 */
export async function makeTeamMember(
  t: TestApp,
  options: { enrolmentId?: string; user?: TestUser; role?: Role; subject?: string } = {},
): Promise<{ enrolmentId: string; user: TestUser; role: Role }> {
  const role = options.role ?? "teacher";
  const enrolment = options.enrolmentId
    ? await t.deps.db
        .selectFrom("enrolments")
        .select(["id", "school_id as schoolId"])
        .where("id", "=", options.enrolmentId)
        .executeTakeFirstOrThrow()
    : await makeEnrolment(t);
  const user = options.user ?? (await makeStaff(t, { role, schoolId: enrolment.schoolId }));
  await joinTeam(
    t.deps.db,
    { enrolmentId: enrolment.id, userId: user.id, role, subject: options.subject ?? null },
    t.clock.now(),
  );
  return { enrolmentId: enrolment.id, user, role };
}

/**
 * Values at a school's assessment points, saved as the data entry grid saves
 * them: one row per pupil and point, its values by the catalogue's measure key.
 * Recorded by the given person, or by a teacher of the school made for it.
 */
export async function makeObservations(
  t: TestApp,
  options: {
    schoolId: string;
    rows: readonly { pupilId: string; pointId: string; values: Record<string, number> }[];
    recordedBy?: string;
  },
): Promise<number> {
  const measures = await t.deps.db
    .selectFrom("measures")
    .select(["id", "key"])
    .where("school_id", "=", options.schoolId)
    .execute();
  const measureId = new Map(measures.map((m) => [m.key, m.id]));
  const items = options.rows.flatMap((row) =>
    Object.entries(row.values).map(([key, number]) => {
      const id = measureId.get(key);
      if (!id) throw new Error(`the school has no measure ${key}`);
      return { pupilId: row.pupilId, measureId: id, assessmentPointId: row.pointId, number };
    }),
  );
  const recordedBy =
    options.recordedBy ?? (await makeStaff(t, { role: "teacher", schoolId: options.schoolId })).id;
  await t.deps.db.transaction().execute((trx) => saveValues(trx, items, recordedBy, t.clock.now()));
  return items.length;
}

/**
 * A school's target cohort made exactly `pupilIds`, as a leader confirms it,
 * on its current enrolment; joined on `on` (two weeks into the programme year
 * unless given, so the matrix has an arrow to draw).
 */
export async function makeCohort(
  t: TestApp,
  options: { schoolId: string; pupilIds: readonly string[]; on?: string; reason?: string },
): Promise<{ enrolmentId: string; pupilIds: string[] }> {
  const now = today(t.clock);
  const enrolment = await currentEnrolment(t.deps.db, options.schoolId, now);
  if (!enrolment) throw new Error("the school is not enrolled, so it can have no cohort");
  const year = parseAcademicYear(enrolment.academicYear);
  const twoWeeksIn = year.ok
    ? new Date(Date.parse(`${year.startsOn}T00:00:00Z`) + 14 * 86_400_000)
        .toISOString()
        .slice(0, 10)
    : now;
  await t.deps.db.transaction().execute((trx) =>
    confirmCohort(trx, {
      schoolId: options.schoolId,
      enrolment,
      pupilIds: [...options.pupilIds],
      reason: options.reason ?? null,
      actorId: null,
      on: options.on ?? (twoWeeksIn < now ? twoWeeksIn : now),
      now: t.clock.now(),
    }),
  );
  return { enrolmentId: enrolment.id, pupilIds: [...options.pupilIds] };
}

/**
 * A trio of a cluster (made when none is given): a lead school and two
 * accelerators, each made and enrolled in the cluster unless given.
 */
export async function makeTrio(
  t: TestApp,
  options: { clusterId?: string; schoolIds?: readonly string[]; name?: string } = {},
): Promise<{ id: string; clusterId: string; schoolIds: string[]; enrolmentIds: string[] }> {
  const clusterId = options.clusterId ?? (await makeCluster(t)).id;
  const schoolIds = options.schoolIds
    ? [...options.schoolIds]
    : [(await makeSchool(t)).id, (await makeSchool(t)).id, (await makeSchool(t)).id];
  const enrolmentIds: string[] = [];
  for (const schoolId of schoolIds) {
    const enrolled = await t.deps.db
      .selectFrom("enrolments")
      .select("id")
      .where("school_id", "=", schoolId)
      .where("cluster_id", "=", clusterId)
      .executeTakeFirst();
    enrolmentIds.push(enrolled?.id ?? (await makeEnrolment(t, { schoolId, clusterId })).id);
  }
  const [leadSchoolId, ...acceleratorSchoolIds] = schoolIds;
  if (!leadSchoolId) throw new Error("a trio needs a lead school");
  const id = await t.deps.db.transaction().execute((trx) =>
    insertTrio(trx, t.clock.now(), {
      clusterId,
      name: options.name ?? `Fresh Trio ${suffix()}`,
      leadSchoolId,
      acceleratorSchoolIds,
    }),
  );
  return { id, clusterId, schoolIds, enrolmentIds };
}

/** A strategy's participants made exactly `pupilIds`, as the participants route sets them. */
export async function makeParticipants(
  t: TestApp,
  options: { strategyId: string; pupilIds: readonly string[]; addedOn?: string },
): Promise<void> {
  await t.deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom("strategies")
      .selectAll()
      .where("id", "=", options.strategyId)
      .executeTakeFirstOrThrow();
    await replaceParticipants(trx, row, [...options.pupilIds], options.addedOn ?? today(t.clock));
  });
}

/** A review of a strategy, written by its creator unless another author is given. */
export async function makeReview(
  t: TestApp,
  options: {
    strategyId: string;
    authorId?: string;
    reviewedOn?: string;
    decision?: string;
    done?: string;
    dataShows?: string;
  },
): Promise<string> {
  const authorId =
    options.authorId ??
    (
      await t.deps.db
        .selectFrom("strategies")
        .select("created_by")
        .where("id", "=", options.strategyId)
        .executeTakeFirstOrThrow()
    ).created_by;
  if (!authorId) throw new Error("the strategy has no creator: give the review an author");
  const row = await insertReview(t.deps.db, t.clock.now(), {
    strategyId: options.strategyId,
    reviewedOn: options.reviewedOn ?? today(t.clock),
    done: options.done ?? "Ran the sessions as planned.",
    dataShows: options.dataShows ?? "Most participants moved up a step.",
    decision: options.decision ?? "Continue for another half-term.",
    authorId,
  });
  return row.id;
}

/** One pupil of {@link makeSchoolYear}: year 5, not disadvantaged and outside the cohort unless asked. */
export interface PupilSpec {
  yearGroup?: string;
  pupilPremium?: boolean;
  inCohort?: boolean;
}

/**
 * A plain spread of values: a disadvantaged pupil below expected in every core
 * subject (1–2 of 4 at a primary, grades 2–3 at a secondary), others at or
 * above it (3–4, grades 4–5); theme ratings and attendance varying from pupil
 * to pupil and point to point.
 */
export function defaultValues(
  pupil: { index: number; pupilPremium: boolean; phase?: SchoolPhase },
  point: number,
): Record<string, number> {
  const i = pupil.index;
  const secondary = pupil.phase === "secondary";
  const base = (pupil.pupilPremium ? 1 : 3) + (secondary ? 1 : 0);
  const first = base + ((i + point) % 2);
  const second = base + (i % 2);
  const third = base + ((i + 1) % 2);
  const core: Record<string, number> = secondary
    ? { "english-grade": first, "science-grade": second, "maths-grade": third }
    : { "reading-ta": first, "writing-ta": second, "maths-ta": third };
  return {
    ...core,
    "theme-academically-competent": 1 + ((i + point) % 5),
    "theme-self-aware": 1 + ((2 * i + point) % 5),
    "theme-resilient": 1 + ((3 * i + 2 * point) % 5),
    attendance: 90 + (i % 10),
  };
}

/**
 * A school's year so far: the school (made and enrolled in the cluster, made
 * when none is given), its half-term points, the pupils asked for, values for
 * each at the points named (Autumn 1 and 2, those begun by the test clock's
 * date, unless given) and its target cohort of the pupils marked for it.
 */
export async function makeSchoolYear(
  t: TestApp,
  options: {
    clusterId?: string;
    schoolId?: string;
    /** The phase of the school made (primary unless given). */
    phase?: SchoolPhase;
    pupils: readonly PupilSpec[];
    pointNames?: readonly string[];
    values?: (
      pupil: { index: number; pupilPremium: boolean; yearGroup: string; phase: SchoolPhase },
      point: number,
    ) => Record<string, number>;
  },
): Promise<{
  schoolId: string;
  enrolmentId: string;
  clusterId: string;
  pupilIds: string[];
  cohort: string[];
  pointIds: Map<string, string>;
}> {
  const phase = options.phase ?? "primary";
  const enrolment = await makeEnrolment(t, {
    schoolId: options.schoolId ?? (await makeSchool(t, { phase })).id,
    ...(options.clusterId ? { clusterId: options.clusterId } : {}),
  });
  const schoolId = enrolment.schoolId;
  const points = await makeAssessmentPoints(t, { schoolId });
  const pupilIds: string[] = [];
  for (const spec of options.pupils) {
    pupilIds.push(
      (
        await makePupil(t, {
          schoolId,
          yearGroup: spec.yearGroup ?? "5",
          pupilPremium: spec.pupilPremium ?? false,
        })
      ).id,
    );
  }
  const valuesOf = options.values ?? defaultValues;
  const named = options.pointNames ?? ["Autumn 1", "Autumn 2"];
  const rows = options.pupils.flatMap((spec, index) =>
    named.map((name, point) => {
      const pointId = points.ids.get(name);
      if (!pointId) throw new Error(`no assessment point ${name}`);
      return {
        pupilId: pupilIds[index] ?? "",
        pointId,
        values: valuesOf(
          {
            index,
            pupilPremium: spec.pupilPremium ?? false,
            yearGroup: spec.yearGroup ?? "5",
            phase,
          },
          point,
        ),
      };
    }),
  );
  if (rows.length > 0) await makeObservations(t, { schoolId, rows });
  const cohort = pupilIds.filter((_, i) => options.pupils[i]?.inCohort);
  if (cohort.length > 0) await makeCohort(t, { schoolId, pupilIds: cohort });
  return {
    schoolId,
    enrolmentId: enrolment.id,
    clusterId: enrolment.clusterId,
    pupilIds,
    cohort,
    pointIds: points.ids,
  };
}

/** `n` pupil specs alike: `repeat(15, { pupilPremium: true, inCohort: true })`. */
export function repeat(n: number, spec: PupilSpec): PupilSpec[] {
  return Array.from({ length: n }, () => ({ ...spec }));
}

/**
 * A strategy of a made school year, planned, given its cohort as participants
 * and shared (Autumn 1 to Autumn 2 unless given) through the API, as a leader
 * of the school (made for it) does each step. Throws with the answer when a step
 * is refused, e.g. a share without a usable effect size.
 */
export async function makeSharedStrategy(
  t: TestApp,
  options: {
    year: { schoolId: string; cohort: readonly string[]; pointIds: Map<string, string> };
    title?: string;
    strandKey?: string;
    themeKey?: string;
    measureKey?: string;
    comparison?: string;
    named?: boolean;
    from?: string;
    to?: string;
  },
): Promise<{ strategyId: string }> {
  const { schoolId } = options.year;
  const client = await signIn(t, await makeStaff(t, { role: "school_leader", schoolId }));
  const answer = async (what: string, response: { statusCode: number; body: string }) => {
    if (response.statusCode >= 300)
      throw new Error(`${what}: ${response.statusCode} ${response.body}`);
    return response.body ? (JSON.parse(response.body) as { id: string }) : { id: "" };
  };
  const strand = options.strandKey
    ? await t.deps.db
        .selectFrom("eef_strands")
        .select("id")
        .where("key", "=", options.strandKey)
        .executeTakeFirstOrThrow()
    : undefined;
  const themes = options.themeKey
    ? (
        JSON.parse((await client.get(`/api/schools/${schoolId}/strategy-options`)).body) as {
          themes: { id: string; key: string }[];
        }
      ).themes
    : [];
  const theme = themes.find((th) => th.key === options.themeKey);
  if (options.themeKey && !theme)
    throw new Error(`the school's programme has no theme ${options.themeKey}`);
  const strategyId = (
    await answer(
      "strategy not planned",
      await client.post(`/api/schools/${schoolId}/strategies`, {
        title: options.title ?? `Shared strategy ${suffix()}`,
        ...(strand ? { eefStrandId: strand.id } : {}),
        ...(theme ? { themeId: theme.id } : {}),
        startsOn: "2026-09-07",
      }),
    )
  ).id;
  await answer(
    "no participants",
    await client.put(`/api/strategies/${strategyId}/participants`, {
      pupilIds: [...options.year.cohort],
    }),
  );
  const measure = await t.deps.db
    .selectFrom("measures")
    .select("id")
    .where("school_id", "=", schoolId)
    .where("key", "=", options.measureKey ?? "reading-ta")
    .executeTakeFirstOrThrow();
  await answer(
    "not shared",
    await client.post(`/api/strategies/${strategyId}/share`, {
      measureId: measure.id,
      from: options.year.pointIds.get(options.from ?? "Autumn 1"),
      to: options.year.pointIds.get(options.to ?? "Autumn 2"),
      comparison: options.comparison ?? "disadvantaged",
      named: options.named ?? false,
    }),
  );
  return { strategyId };
}

/**
 * An aggregate shared from a strategy, written straight into `shared_results`
 * with fixed figures (n = 12, g = 0.5): it holds no pupil rows, so tests of
 * erasure and retention can check it stays as it was.
 */
export async function makeSharedAggregate(
  t: TestApp,
  options: { strategyId: string; schoolId: string; title: string },
): Promise<void> {
  await t.deps.db
    .insertInto("shared_results")
    .values({
      strategy_id: options.strategyId,
      school_id: options.schoolId,
      strand_key: null,
      theme_key: null,
      title: options.title,
      measure_name: "Resilient",
      from_label: "Autumn 1 2026/27",
      to_label: "Autumn 2 2026/27",
      comparison: "disadvantaged",
      n_t: 12,
      mean_before_t: 2,
      sd_before_t: 1,
      mean_after_t: 3,
      sd_after_t: 1,
      n_c: null,
      mean_before_c: null,
      sd_before_c: null,
      mean_after_c: null,
      sd_after_c: null,
      g: 0.5,
      v: 0.1,
      ci_low: -0.1,
      ci_high: 1.1,
      months: 4,
      named: false,
      shared_by: null,
      shared_at: t.clock.now(),
      withdrawn_at: null,
    })
    .execute();
}
