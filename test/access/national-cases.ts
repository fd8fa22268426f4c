import { schoolId } from "../support/world.ts";
import type { RouteCase } from "./route-cases.ts";
import { scoped } from "./route-cases.ts";

let year = 2040;

export const nationalCases: Record<string, RouteCase> = {
  "GET /api/national-figures": async () => ({ url: "/api/national-figures" }),
  "POST /api/national-figures": async () => {
    year += 1;
    return {
      url: "/api/national-figures",
      body: {
        measureKey: "ks4-attainment-8",
        academicYear: `${year}/${String((year + 1) % 100).padStart(2, "0")}`,
        disadvantaged: 35,
        other: 50,
        status: "provisional",
        source: "DfE, Explore Education Statistics: Key stage 4 performance",
        readOn: "2026-11-20",
      },
    };
  },
  "PUT /api/schools/:id/measures/:measureId/national-measure": async (world, actor, target) => {
    const school = schoolId(world, scoped(actor, target).school);
    const measure = await world.t.deps.db
      .selectFrom("measures")
      .select("id")
      .where("school_id", "=", school)
      .orderBy("position")
      .executeTakeFirstOrThrow();
    return {
      url: `/api/schools/${school}/measures/${measure.id}/national-measure`,
      body: { nationalMeasureKey: "ks2-rwm-expected" },
    };
  },
};
