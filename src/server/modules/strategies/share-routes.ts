import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  COMPARISON_LABELS,
  shareInputSchema,
  strategySchema,
} from "../../../contracts/strategies.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { evaluate } from "./evaluate.ts";
import { strategyPolicy } from "./policy.ts";
import { storeSharedResult } from "./share.ts";
import { presentStrategy, strategyInScope, withdrawSharedResult } from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });

export async function strategyShareRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const leaders = anyOf("school_leader");

  r.post(
    "/api/strategies/:id/share",
    {
      config: { access: leaders },
      schema: {
        tags: ["strategies"],
        summary:
          "Share an evaluated strategy with the network: group sizes, means, SDs, g and its interval; never pupils",
        params: idParams,
        body: shareInputSchema,
        response: { 200: strategySchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await strategyInScope(deps.db, actor, request.params.id);
      authorize(
        strategyPolicy.share(actor, { schoolId: row.school_id }),
        "Only the school's leaders share its strategies.",
      );
      await auditedChange(
        deps,
        actor,
        async (trx, now) => {
          // Evaluated and validated inside the transaction: a share whose
          // evaluation fails is never stored.
          const evaluation = await evaluate(trx, row, request.body);
          await storeSharedResult(trx, row, evaluation, {
            named: request.body.named,
            comparison: request.body.comparison,
            actorId: actor.userId,
            now,
          });
        },
        () => ({
          action: "strategy.shared",
          targetType: "strategy",
          targetId: row.id,
          details: {
            named: request.body.named,
            comparison: COMPARISON_LABELS[request.body.comparison],
          },
        }),
      );
      return presentStrategy(deps.db, row, actor);
    },
  );

  r.delete(
    "/api/strategies/:id/share",
    {
      config: { access: leaders },
      schema: {
        tags: ["strategies"],
        summary: "Withdraw a strategy's shared result from the network",
        params: idParams,
        response: { 200: strategySchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await strategyInScope(deps.db, actor, request.params.id);
      authorize(
        strategyPolicy.share(actor, { schoolId: row.school_id }),
        "Only the school's leaders share its strategies.",
      );
      await auditedChange(
        deps,
        actor,
        (trx, now) => withdrawSharedResult(trx, row.id, now),
        () => ({ action: "strategy.share_withdrawn", targetType: "strategy", targetId: row.id }),
      );
      return presentStrategy(deps.db, row, actor);
    },
  );
}
