import { makeUpn } from "../../src/domain/upn.ts";
import { runImport } from "../../src/server/modules/imports/service.ts";
import { type AccessWorld, schoolId } from "../support/world.ts";
import { csvUpload, type RouteCase, scoped } from "./route-cases.ts";

let serial = 0;

/** A pupil list with one new pupil, as a CSV. */
function pupilCsv(): string {
  serial += 1;
  const upn = makeUpn(123, 4567, 2019, serial % 1000);
  return `UPN,Legal Forename,Legal Surname,DOB,Year\r\n${upn},Matrix,Pupil,01/09/2015,Y5\r\n`;
}

/**
 * The school's first pupil by UPN who is in no target cohort and no strategy: one
 * its leaders and teachers see, and its para-professionals (who see the pupils
 * they work with) do not.
 */
export async function firstOf(world: AccessWorld, schoolKey: string) {
  const db = world.t.deps.db;
  const school = schoolId(world, schoolKey);
  const [pupil, measure, point] = await Promise.all([
    db
      .selectFrom("pupils")
      .select(["id", "version"])
      .where("school_id", "=", school)
      .where((eb) =>
        eb.not(
          eb.or([
            eb.exists(
              eb
                .selectFrom("cohort_members")
                .select("cohort_members.id")
                .whereRef("cohort_members.pupil_id", "=", "pupils.id")
                .where("cohort_members.left_on", "is", null),
            ),
            eb.exists(
              eb
                .selectFrom("strategy_participants")
                .select("strategy_participants.pupil_id")
                .whereRef("strategy_participants.pupil_id", "=", "pupils.id"),
            ),
          ]),
        ),
      )
      .orderBy("upn")
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("measures")
      .select(["id", "version"])
      .where("school_id", "=", school)
      .where("key", "=", "theme-resilient")
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("assessment_points")
      .select("id")
      .where("school_id", "=", school)
      .orderBy("starts_on")
      .executeTakeFirstOrThrow(),
  ]);
  return { school, pupil, measure, point };
}

const upload = (url: string): ReturnType<RouteCase> => {
  const body = csvUpload(pupilCsv());
  const withKind = body.payload.replace(
    `--${body.boundary}\r\nContent-Disposition: form-data; name="file"`,
    `--${body.boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\npupils\r\n--${body.boundary}\r\nContent-Disposition: form-data; name="file"`,
  );
  return Promise.resolve({
    url,
    raw: withKind,
    headers: { "content-type": `multipart/form-data; boundary=${body.boundary}` },
  });
};

export const pupilDataCases: Record<string, RouteCase> = {
  "GET /api/schools/:id/measures": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/measures`,
  }),
  "POST /api/schools/:id/measures": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/measures`,
    body: {
      name: `Reading age ${crypto.randomUUID()}`,
      kind: "other",
      scale: "numeric",
      min: 4,
      max: 16,
      expected: null,
    },
  }),
  "PATCH /api/measures/:id": async (world, actor, target) => {
    const { measure } = await firstOf(world, scoped(actor, target).school);
    return { url: `/api/measures/${measure.id}`, body: { version: measure.version, expected: 3 } };
  },
  "GET /api/schools/:id/assessment-points": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/assessment-points`,
  }),
  "POST /api/schools/:id/assessment-points": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/assessment-points`,
    body: {
      academicYear: "2026/27",
      name: `Mock ${crypto.randomUUID().slice(0, 8)}`,
      startsOn: "2027-01-10",
      endsOn: "2027-01-20",
    },
  }),
  // A fresh point that has not begun each time, so an allowed caller opens it (200).
  "POST /api/schools/:id/assessment-points/:pointId/open-early": async (world, actor, target) => {
    const school = schoolId(world, scoped(actor, target).school);
    const point = await world.t.deps.db
      .insertInto("assessment_points")
      .values({
        school_id: school,
        academic_year: "2026/27",
        name: `Early ${crypto.randomUUID().slice(0, 8)}`,
        starts_on: "2027-02-01",
        ends_on: "2027-02-10",
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { url: `/api/schools/${school}/assessment-points/${point.id}/open-early` };
  },
  "GET /api/schools/:id/pupils": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/pupils`,
  }),
  "POST /api/schools/:id/pupils/search": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/pupils/search`,
    body: { search: "a" },
  }),
  "GET /api/schools/:id/disadvantage-rule": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/disadvantage-rule`,
  }),
  // Setting the rule it already has: allowed callers succeed and nothing changes.
  "PUT /api/schools/:id/disadvantage-rule": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/disadvantage-rule`,
    body: { rule: "pupil_premium" },
  }),
  "GET /api/schools/:id/para-access": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/para-access`,
  }),
  // Setting what the school already has: allowed callers succeed and nothing changes.
  "PUT /api/schools/:id/para-access": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/para-access`,
    body: { setting: "working" },
  }),
  "GET /api/pupils/:id": async (world, actor, target) => ({
    url: `/api/pupils/${(await firstOf(world, scoped(actor, target).school)).pupil.id}`,
  }),
  "PATCH /api/pupils/:id": async (world, actor, target) => {
    const { pupil } = await firstOf(world, scoped(actor, target).school);
    return { url: `/api/pupils/${pupil.id}`, body: { version: pupil.version, eal: true } };
  },
  "GET /api/schools/:id/observations": async (world, actor, target) => {
    const { school, point } = await firstOf(world, scoped(actor, target).school);
    return { url: `/api/schools/${school}/observations?assessmentPointId=${point.id}` };
  },
  "PUT /api/observations": async (world, actor, target) => {
    const { pupil, measure, point } = await firstOf(world, scoped(actor, target).school);
    return {
      url: "/api/observations",
      body: {
        observations: [
          { pupilId: pupil.id, measureId: measure.id, assessmentPointId: point.id, value: 3 },
        ],
      },
    };
  },
  "POST /api/schools/:id/imports/preview": async (world, actor, target) =>
    upload(`/api/schools/${schoolId(world, scoped(actor, target).school)}/imports/preview`),
  "POST /api/schools/:id/imports": async (world, actor, target) =>
    upload(`/api/schools/${schoolId(world, scoped(actor, target).school)}/imports`),
  "GET /api/schools/:id/imports": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/imports`,
  }),
  "DELETE /api/imports/:id": async (world, actor, target) => {
    const school = schoolId(world, scoped(actor, target).school);
    const done = await world.t.deps.db.transaction().execute((trx) =>
      runImport(
        trx,
        {
          schoolId: school,
          kind: "pupils",
          fileName: "matrix.csv",
          bytes: Buffer.from(pupilCsv()),
        },
        { userId: null, now: world.now },
      ),
    );
    return { url: `/api/imports/${done.importId}` };
  },
  "GET /api/schools/:id/gap": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/gap`,
  }),
  "GET /api/schools/:id/gap/overview": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/gap/overview`,
  }),
};
