import { clusterId, schoolId } from "../support/world.ts";
import type { RouteCase } from "./route-cases.ts";
import { scoped } from "./route-cases.ts";

export const cohortMatrixCases: Record<string, RouteCase> = {
  "GET /api/schools/:id/cohort/candidates": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/cohort/candidates`,
  }),
  "GET /api/schools/:id/cohort": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/cohort`,
  }),
  "PUT /api/schools/:id/cohort": async (world, actor, target) => {
    const school = schoolId(world, scoped(actor, target).school);
    const current = await world.t.deps.db
      .selectFrom("cohort_members")
      .innerJoin("enrolments", "enrolments.id", "cohort_members.enrolment_id")
      .select("cohort_members.pupil_id")
      .where("enrolments.school_id", "=", school)
      .where("cohort_members.left_on", "is", null)
      .execute();
    return {
      url: `/api/schools/${school}/cohort`,
      body: { pupilIds: current.map((c) => c.pupil_id) },
    };
  },
  "GET /api/matrix": async (world, actor, target) => ({
    url: `/api/matrix?view=cluster&clusterId=${clusterId(world, scoped(actor, target).cluster)}`,
  }),
  "GET /api/matrix/export.csv": async (world, actor, target) => ({
    url: `/api/matrix/export.csv?view=cluster&clusterId=${clusterId(world, scoped(actor, target).cluster)}`,
  }),
  "PUT /api/matrix/settings": async (world, actor, target) => ({
    url: "/api/matrix/settings",
    body: {
      scopeType: "cluster",
      scopeId: clusterId(world, scoped(actor, target).cluster),
      x: "composite:attainment",
      y: "composite:learning-behaviours",
    },
  }),
};
