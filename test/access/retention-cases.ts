import { insertHold } from "../../src/server/modules/retention/store.ts";
import { freshSchool, schoolId } from "../support/world.ts";
import type { RouteCase } from "./route-cases.ts";
import { scoped } from "./route-cases.ts";

/** Retention, legal holds and the records of processing. Runs are dry runs: the world keeps its data. */
export const retentionCases: Record<string, RouteCase> = {
  "GET /api/retention/settings": async () => ({ url: "/api/retention/settings" }),
  "PUT /api/retention/settings": async () => ({
    url: "/api/retention/settings",
    body: { pupilDataYears: 2, auditLogYears: 6 },
  }),
  "POST /api/retention/run": async () => ({ url: "/api/retention/run", body: { dryRun: true } }),
  "GET /api/retention/holds": async () => ({ url: "/api/retention/holds" }),
  "POST /api/retention/holds": async (world) => ({
    url: "/api/retention/holds",
    body: { scope: "school", schoolId: await freshSchool(world), reason: "Access-matrix hold" },
  }),
  "POST /api/retention/holds/:id/release": async (world) => {
    const id = await insertHold(
      world.t.deps.db,
      { scope: "school", schoolId: await freshSchool(world), reason: "Access-matrix hold" },
      world.admin.id,
      world.t.clock.now(),
    );
    return { url: `/api/retention/holds/${id}/release` };
  },
  "GET /api/schools/:id/retention": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/retention`,
  }),
  "GET /api/records-of-processing": async () => ({ url: "/api/records-of-processing" }),
};
