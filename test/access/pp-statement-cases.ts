import { EMPTY_ENTERED } from "../../src/domain/pp-statement.ts";
import { schoolId } from "../support/world.ts";
import type { RouteCase } from "./route-cases.ts";
import { scoped } from "./route-cases.ts";

const statementUrl: RouteCase = async (world, actor, target) => ({
  url: `/api/schools/${schoolId(world, scoped(actor, target).school)}/pp-statement`,
});

/** The pupil premium strategy statement: read by the school's leaders and teachers, edited by its leaders. */
export const ppStatementCases: Record<string, RouteCase> = {
  "GET /api/schools/:id/pp-statement": statementUrl,
  "PUT /api/schools/:id/pp-statement": async (world, actor, target) => ({
    ...(await statementUrl(world, actor, target)),
    body: { ...EMPTY_ENTERED, intent: "Every pupil reads fluently." },
  }),
  // The mark is cleared first, so each call that is let through is a change (audited).
  "PUT /api/schools/:id/pp-statement/published": async (world, actor, target) => {
    const school = schoolId(world, scoped(actor, target).school);
    await world.t.deps.db
      .updateTable("pp_statements")
      .set({ published_at: null })
      .where("school_id", "=", school)
      .execute();
    return { url: `/api/schools/${school}/pp-statement/published`, body: { published: true } };
  },
  "GET /api/schools/:id/pp-statement/document.docx": async (world, actor, target) => ({
    url: `${(await statementUrl(world, actor, target)).url}/document.docx`,
  }),
  "GET /api/schools/:id/pp-statement/document.html": async (world, actor, target) => ({
    url: `${(await statementUrl(world, actor, target)).url}/document.html`,
  }),
};
