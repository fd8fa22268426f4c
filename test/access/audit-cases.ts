import { schoolId } from "../support/world.ts";
import { type RouteCase, scoped } from "./route-cases.ts";

/** The audit log viewer (administrators) and a school's access history (its leaders). */
export const auditCases: Record<string, RouteCase> = {
  "GET /api/audit": async () => ({ url: "/api/audit?limit=200" }),
  "GET /api/audit/chain": async () => ({ url: "/api/audit/chain" }),
  "GET /api/schools/:id/access-history": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/access-history`,
  }),
};
