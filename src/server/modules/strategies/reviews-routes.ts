import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { reviewInputSchema, strategySchema } from "../../../contracts/strategies.ts";
import { formatCalendarDate, today } from "../../../domain/calendar.ts";
import { recordClosedReason } from "../../../domain/record-window.ts";
import { authorize } from "../../access/authorize.ts";
import { SCHOOL_STAFF } from "../../access/pupil-data.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { Conflict, ValidationProblem } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { strategyPolicy } from "./policy.ts";
import { insertReview, presentStrategy, strategyInScope } from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });

/** Plan–do–study–act reviews: any of the school's staff add them. */
export async function reviewsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/api/strategies/:id/reviews",
    {
      config: { access: anyOf(...SCHOOL_STAFF) },
      schema: {
        tags: ["strategies"],
        summary: "Add a plan–do–study–act review: what was done, what the data shows, the decision",
        params: idParams,
        body: reviewInputSchema,
        response: { 201: strategySchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await strategyInScope(deps.db, actor, request.params.id);
      authorize(strategyPolicy.addReview(actor, { schoolId: row.school_id }));
      const on = today(deps.clock);
      const closed = recordClosedReason(
        { opens: "Reviews open", opensOn: row.starts_on, occasion: "the day the strategy starts" },
        on,
      );
      if (closed) throw new Conflict(closed, { opensOn: row.starts_on });
      const { reviewedOn, done, dataShows, decision } = request.body;
      if (reviewedOn > on)
        throw new ValidationProblem("A review is dated on or before today.", [
          { field: "reviewedOn", message: "A review is dated on or before today." },
        ]);
      if (row.starts_on !== null && reviewedOn < row.starts_on) {
        const message = `A review is dated on or after the strategy's start, ${formatCalendarDate(row.starts_on)}.`;
        throw new ValidationProblem(message, [{ field: "reviewedOn", message }]);
      }
      await auditedChange(
        deps,
        actor,
        (trx, now) =>
          insertReview(trx, now, {
            strategyId: row.id,
            reviewedOn,
            done,
            dataShows,
            decision,
            authorId: actor.userId,
          }),
        (review) => ({
          action: "strategy.reviewed",
          targetType: "strategy_review",
          targetId: review.id,
        }),
      );
      reply.code(201);
      return presentStrategy(deps.db, row, actor);
    },
  );
}
