import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { candidatesQuerySchema, candidatesSchema } from "../../../contracts/cohort.ts";
import { today as londonToday } from "../../../domain/calendar.ts";
import { COHORT_TARGET, WEIGHT_EXPLANATIONS } from "../../../domain/cohort.ts";
import { pupilDisplayName } from "../../../domain/pupil-name.ts";
import { authorize } from "../../access/authorize.ts";
import { SCHOOL_STAFF, schoolForPupilData } from "../../access/pupil-data.ts";
import { pupilViewAt } from "../../access/pupil-visibility.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { findCandidates } from "./candidates.ts";
import { cohortPolicy } from "./policy.ts";
import { requireEnrolment } from "./store.ts";

const params = z.strictObject({ id: z.uuid() });

const presentPoint = (p: {
  id: string;
  key: string;
  label: string;
  begun: boolean;
  pupilsWithData: number;
}) => ({ id: p.id, key: p.key, label: p.label, begun: p.begun, pupilsWithData: p.pupilsWithData });

/** The candidate finder: the school's pupils ranked for the target cohort, with the reasons. */
export async function cohortCandidateRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = anyOf(...SCHOOL_STAFF);
  const today = () => londonToday(deps.clock);

  r.get(
    "/api/schools/:id/cohort/candidates",
    {
      config: { access: staff },
      schema: {
        tags: ["cohort"],
        summary:
          "The school's pupils ranked against the programme's criteria for the target cohort, with the reasons",
        params,
        querystring: candidatesQuerySchema,
        response: { 200: candidatesSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "read");
      const view = await pupilViewAt(deps.db, actor, school);
      // The finder ranks every pupil of the school by disadvantage: choosing the cohort is
      // for staff who see the whole school.
      authorize(
        cohortPolicy.findCandidates(view.sight),
        "Cohort candidates are for staff who see the whole school; para-professionals see the pupils they work with.",
      );
      const enrolment = await requireEnrolment(deps.db, school.id, today());
      const { pupils, ranked, points, latest, previous, inCohort, disadvantaged } =
        await findCandidates(deps.db, school, enrolment.id, {
          today: today(),
          pointId: request.query.assessmentPointId,
        });
      const byId = new Map(pupils.map((p) => [p.id, p]));
      await recordAudit(deps.db, deps.clock.now(), {
        action: "cohort.candidates_listed",
        actorUserId: actor.userId,
        targetType: "school",
        targetId: school.id,
        ip: request.ip,
        details: { count: ranked.length },
      });
      return {
        latestPoint: latest ? presentPoint(latest) : null,
        previousPoint: previous ? presentPoint(previous) : null,
        pointChosenBy: request.query.assessmentPointId
          ? ("request" as const)
          : ("default" as const),
        points: points.map(presentPoint),
        weights: WEIGHT_EXPLANATIONS.map((w) => ({ code: w.code, points: w.points, text: w.text })),
        target: COHORT_TARGET,
        candidates: ranked.flatMap((c) => {
          const p = byId.get(c.id);
          if (!p) return [];
          return [
            {
              pupilId: p.id,
              name: pupilDisplayName(p),
              yearGroup: p.year_group,
              disadvantaged: disadvantaged.get(p.id) ?? false,
              inCohort: inCohort.has(p.id),
              score: c.score,
              status: c.status,
              reasons: c.reasons,
            },
          ];
        }),
      };
    },
  );
}
