import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { evaluationQuerySchema, evaluationSchema } from "../../../contracts/strategies.ts";
import { authorize } from "../../access/authorize.ts";
import { SCHOOL_STAFF } from "../../access/pupil-data.ts";
import { pupilsSeen, pupilViewAtSchool } from "../../access/pupil-visibility.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { evaluate } from "./evaluate.ts";
import { strategyPolicy } from "./policy.ts";
import { strategyInScope } from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });

/** Studying a strategy: its evaluation on a measure between two points. */
export async function evaluationRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/strategies/:id/evaluation",
    {
      config: { access: anyOf(...SCHOOL_STAFF) },
      schema: {
        tags: ["strategies"],
        summary:
          "Evaluate the strategy on a measure between two points, against a comparison group",
        params: idParams,
        querystring: evaluationQuerySchema,
        response: { 200: evaluationSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await strategyInScope(deps.db, actor, request.params.id);
      authorize(strategyPolicy.evaluate(actor, { schoolId: row.school_id }));
      const {
        raw: _raw,
        periodEndsOn: _ends,
        pupils: named,
        ...figures
      } = await evaluate(deps.db, row, request.query);
      // The groups' figures are for everyone who may read the strategy; the named rows only for
      // pupils the reader sees. Comparison groups are drawn by disadvantage, so their named rows
      // go only to staff who see the whole school.
      const view = await pupilViewAtSchool(deps.db, actor, row.school_id);
      const seen = await pupilsSeen(
        deps.db,
        view,
        named.map((p) => p.pupilId),
      );
      const evaluation = {
        ...figures,
        pupils: named
          .filter((p) => (p.group === "participants" ? seen.has(p.pupilId) : view.sight.allPupils))
          .map(({ pupilId: _id, ...rest }) => rest),
      };
      await recordAudit(deps.db, deps.clock.now(), {
        action: "strategy.evaluated",
        actorUserId: actor.userId,
        targetType: "strategy",
        targetId: row.id,
        ip: request.ip,
        details: { pupils: evaluation.pupils.length },
      });
      return evaluation;
    },
  );
}
