import { clusterId, schoolId } from "../support/world.ts";
import type { RouteCase } from "./route-cases.ts";
import { scoped } from "./route-cases.ts";

/** A different text on every call, so each allowed call changes something (and is audited). */
let whatNextCalls = 0;

export const impactCases: Record<string, RouteCase> = {
  "GET /api/schools/:id/impact-report": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/impact-report`,
  }),
  "GET /api/schools/:id/impact-report.pdf": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/impact-report.pdf`,
  }),
  "PUT /api/schools/:id/impact-report/what-next": async (world, actor, target) => {
    whatNextCalls += 1;
    return {
      url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/impact-report/what-next`,
      body: { text: `Widen the reading strategy to year 4 (${whatNextCalls}).` },
    };
  },
  "GET /api/clusters/:id/impact-report": async (world, actor, target) => ({
    url: `/api/clusters/${clusterId(world, scoped(actor, target).cluster)}/impact-report`,
  }),
  "GET /api/clusters/:id/impact-report.pdf": async (world, actor, target) => ({
    url: `/api/clusters/${clusterId(world, scoped(actor, target).cluster)}/impact-report.pdf`,
  }),
};
