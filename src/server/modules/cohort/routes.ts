import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { cohortSchema, putCohortSchema } from "../../../contracts/cohort.ts";
import { today as londonToday } from "../../../domain/calendar.ts";
import { authorize } from "../../access/authorize.ts";
import { SCHOOL_STAFF, schoolForPupilData } from "../../access/pupil-data.ts";
import { pupilViewAt } from "../../access/pupil-visibility.ts";
import { auditedChange } from "../../audit/change.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { confirmCohort } from "./confirm.ts";
import { cohortPolicy } from "./policy.ts";
import { presentCohort } from "./present.ts";
import { requireEnrolment } from "./store.ts";

const params = z.strictObject({ id: z.uuid() });
const SEEN_BY_TEAM =
  "The target cohort is seen by the school's programme team; para-professionals on the team see it too.";

export async function cohortRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = anyOf(...SCHOOL_STAFF);
  const today = () => londonToday(deps.clock);

  r.get(
    "/api/schools/:id/cohort",
    {
      config: { access: staff },
      schema: {
        tags: ["cohort"],
        summary:
          "The school's target cohort: each pupil's latest position on every measure, change since joining, and history",
        params,
        response: { 200: cohortSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "read");
      const view = await pupilViewAt(deps.db, actor, school);
      const enrolment = await requireEnrolment(deps.db, school.id, today());
      authorize(cohortPolicy.readCohort(view, enrolment), SEEN_BY_TEAM);
      const cohort = await presentCohort(
        deps.db,
        school.id,
        enrolment,
        view,
        cohortPolicy.confirm(actor, school),
      );
      await recordAudit(deps.db, deps.clock.now(), {
        action: "cohort.read",
        actorUserId: actor.userId,
        targetType: "school",
        targetId: school.id,
        ip: request.ip,
        details: { count: cohort.size },
      });
      return cohort;
    },
  );

  r.put(
    "/api/schools/:id/cohort",
    {
      config: { access: anyOf("school_leader") },
      schema: {
        tags: ["cohort"],
        summary:
          "Confirm the target cohort: pupils not in it join today, pupils left out leave today (history stays)",
        params,
        body: putCohortSchema,
        response: { 200: cohortSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "manage");
      authorize(cohortPolicy.confirm(actor, school));
      const wanted = [...new Set(request.body.pupilIds)];
      const { enrolment } = await auditedChange(
        deps,
        actor,
        async (trx, now) => {
          const enrolment = await requireEnrolment(trx, school.id, today());
          const result = await confirmCohort(trx, {
            schoolId: school.id,
            enrolment,
            pupilIds: wanted,
            reason: request.body.reason ?? null,
            actorId: actor.userId,
            on: today(),
            now,
          });
          return { enrolment, result };
        },
        ({ enrolment, result }) => ({
          action: "cohort.confirmed",
          targetType: "enrolment",
          targetId: enrolment.id,
          details: { ...result, size: wanted.length },
        }),
      );
      const view = await pupilViewAt(deps.db, actor, school);
      authorize(cohortPolicy.readCohort(view, enrolment), SEEN_BY_TEAM);
      return presentCohort(
        deps.db,
        school.id,
        enrolment,
        view,
        cohortPolicy.confirm(actor, school),
      );
    },
  );
}
