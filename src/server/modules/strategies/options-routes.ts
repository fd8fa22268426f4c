import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { strategyOptionsSchema } from "../../../contracts/strategies.ts";
import { today as londonToday } from "../../../domain/calendar.ts";
import { SCHOOL_STAFF, schoolForPupilData } from "../../access/pupil-data.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { currentEnrolment } from "../cohort/store.ts";

const schoolParams = z.strictObject({ id: z.uuid() });

/** The choices a strategy's form offers, which school staff cannot read anywhere else. */
export async function strategyOptionsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/schools/:id/strategy-options",
    {
      config: { access: anyOf(...SCHOOL_STAFF) },
      schema: {
        tags: ["strategies"],
        summary:
          "What a strategy may name: the themes of the school's programme and the school's staff as owners",
        params: schoolParams,
        response: { 200: strategyOptionsSchema },
      },
    },
    async (request) => {
      const school = await schoolForPupilData(deps.db, actorOf(request), request.params.id, "read");
      const today = londonToday(deps.clock);
      const enrolment = await currentEnrolment(deps.db, school.id, today);
      const themes = enrolment
        ? await deps.db
            .selectFrom("programme_themes")
            .innerJoin(
              "programme_years",
              "programme_years.programme_id",
              "programme_themes.programme_id",
            )
            .select(["programme_themes.id", "programme_themes.key", "programme_themes.name"])
            .where("programme_years.id", "=", enrolment.programmeYearId)
            .orderBy("programme_themes.position")
            .execute()
        : [];
      const members = await deps.db
        .selectFrom("memberships")
        .innerJoin("users", "users.id", "memberships.user_id")
        .select(["users.id", "users.name", "memberships.role"])
        .where("memberships.scope_type", "=", "school")
        .where("memberships.scope_id", "=", school.id)
        .where("memberships.pending", "=", false)
        .where("users.disabled_at", "is", null)
        .orderBy("users.name")
        .execute();
      const staff = new Map<string, { userId: string; name: string; leader: boolean }>();
      for (const m of members) {
        const known = staff.get(m.id);
        const leader = m.role === "school_leader";
        if (known) known.leader ||= leader;
        else staff.set(m.id, { userId: m.id, name: m.name, leader });
      }
      return { themes, staff: [...staff.values()] };
    },
  );
}
