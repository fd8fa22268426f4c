import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { participantsInputSchema, strategySchema } from "../../../contracts/strategies.ts";
import { today } from "../../../domain/calendar.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { strategyPolicy } from "./policy.ts";
import { presentStrategy, replaceParticipants, strategyInScope } from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });

/** Who takes part in a strategy: the school's leaders choose. */
export async function participantsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.put(
    "/api/strategies/:id/participants",
    {
      config: { access: anyOf("school_leader") },
      schema: {
        tags: ["strategies"],
        summary: "Set the strategy's participants: from the cohort or any pupils of the school",
        params: idParams,
        body: participantsInputSchema,
        response: { 200: strategySchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await strategyInScope(deps.db, actor, request.params.id);
      authorize(
        strategyPolicy.manageParticipants(actor, { schoolId: row.school_id }),
        "Only the school's leaders choose participants.",
      );
      const wanted = [...new Set(request.body.pupilIds)];
      await auditedChange(
        deps,
        actor,
        (trx) => replaceParticipants(trx, row, wanted, today(deps.clock)),
        () => ({
          action: "strategy.participants_set",
          targetType: "strategy",
          targetId: row.id,
          details: { count: wanted.length },
        }),
      );
      return presentStrategy(deps.db, row, actor);
    },
  );
}
