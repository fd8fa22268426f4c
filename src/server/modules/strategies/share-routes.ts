import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  COMPARISON_LABELS,
  shareInputSchema,
  strategySchema,
} from "../../../contracts/strategies.ts";
import { isSchoolLeaderOf } from "../../access/scope.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { Forbidden, NotFound } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { evaluate } from "./evaluate.ts";
import { storeSharedResult } from "./share.ts";
import { presentStrategy, strategyInScope } from "./store.ts";

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
      const now = deps.clock.now();
      const row = await strategyInScope(deps.db, actor, request.params.id);
      if (!isSchoolLeaderOf(actor, row.school_id))
        throw new Forbidden("Only the school's leaders share its strategies.");
      await deps.db.transaction().execute(async (trx) => {
        // Evaluated and validated inside the transaction: a share whose
        // evaluation fails is never stored.
        const evaluation = await evaluate(trx, row, request.body);
        await storeSharedResult(trx, row, evaluation, {
          named: request.body.named,
          comparison: request.body.comparison,
          actorId: actor.userId,
          now,
        });
        await recordAudit(trx, now, {
          action: "strategy.shared",
          actorUserId: actor.userId,
          targetType: "strategy",
          targetId: row.id,
          ip: request.ip,
          details: {
            named: request.body.named,
            comparison: COMPARISON_LABELS[request.body.comparison],
          },
        });
      });
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
      const now = deps.clock.now();
      const row = await strategyInScope(deps.db, actor, request.params.id);
      if (!isSchoolLeaderOf(actor, row.school_id))
        throw new Forbidden("Only the school's leaders share its strategies.");
      await deps.db.transaction().execute(async (trx) => {
        const done = await trx
          .updateTable("shared_results")
          .set({ withdrawn_at: now })
          .where("strategy_id", "=", row.id)
          .where("withdrawn_at", "is", null)
          .executeTakeFirst();
        if (Number(done.numUpdatedRows) === 0) throw new NotFound("shared result");
        await recordAudit(trx, now, {
          action: "strategy.share_withdrawn",
          actorUserId: actor.userId,
          targetType: "strategy",
          targetId: row.id,
          ip: request.ip,
        });
      });
      return presentStrategy(deps.db, row, actor);
    },
  );
}
