import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  createStrategySchema,
  strategySchema,
  strategySummarySchema,
  updateStrategySchema,
} from "../../../contracts/strategies.ts";
import { today } from "../../../domain/calendar.ts";
import {
  movesStage,
  stageChangeProblem,
  stageChangeRecord,
} from "../../../domain/cascade-stage.ts";
import { authorize } from "../../access/authorize.ts";
import { SCHOOL_STAFF, schoolForPupilData } from "../../access/pupil-data.ts";
import { auditedChange } from "../../audit/change.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { Conflict, ValidationProblem } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { currentEnrolment } from "../cohort/store.ts";
import { evaluate } from "./evaluate.ts";
import { evaluationRoutes } from "./evaluation-routes.ts";
import { participantsRoutes } from "./participants-routes.ts";
import { strategyPolicy } from "./policy.ts";
import { reviewsRoutes } from "./reviews-routes.ts";
import { assertUsableEvidence } from "./share.ts";
import {
  checkReferences,
  columns,
  insertStageChange,
  insertStrategy,
  listStrategies,
  presentStrategy,
  strategyInScope,
  updateStrategyAt,
} from "./store.ts";

const schoolParams = z.strictObject({ id: z.uuid() });
const idParams = z.strictObject({ id: z.uuid() });

/** A strategy's plan: list, plan, read, and edit it or move its status or stage. */
export async function strategyRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = anyOf(...SCHOOL_STAFF);
  const leaders = anyOf("school_leader");

  r.get(
    "/api/schools/:id/strategies",
    {
      config: { access: staff },
      schema: {
        tags: ["strategies"],
        summary: "The school's strategies",
        params: schoolParams,
        response: { 200: z.object({ items: z.array(strategySummarySchema) }) },
      },
    },
    async (request) => {
      const school = await schoolForPupilData(deps.db, actorOf(request), request.params.id, "read");
      return { items: await listStrategies(deps.db, school.id) };
    },
  );

  r.post(
    "/api/schools/:id/strategies",
    {
      config: { access: leaders },
      schema: {
        tags: ["strategies"],
        summary: "Plan a strategy",
        params: schoolParams,
        body: createStrategySchema,
        response: { 201: strategySchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      // "manage": only the school's leaders plan (403 otherwise, 404 outside scope).
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "manage");
      await checkReferences(deps.db, school.id, request.body);
      const enrolment = await currentEnrolment(deps.db, school.id, today(deps.clock));
      const row = await auditedChange(
        deps,
        actor,
        (trx, now) =>
          insertStrategy(trx, now, {
            body: request.body,
            schoolId: school.id,
            programmeYearId: enrolment?.programmeYearId ?? null,
            createdBy: actor.userId,
          }),
        (created) => ({ action: "strategy.created", targetType: "strategy", targetId: created.id }),
      );
      reply.code(201);
      return presentStrategy(deps.db, row, actor);
    },
  );

  r.get(
    "/api/strategies/:id",
    {
      config: { access: staff },
      schema: {
        tags: ["strategies"],
        summary: "A strategy, its participants and its story of reviews",
        params: idParams,
        response: { 200: strategySchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await strategyInScope(deps.db, actor, request.params.id);
      const strategy = await presentStrategy(deps.db, row, actor);
      // Its participants are named pupils: reading them is recorded like any named list.
      if (strategy.participants.length > 0) {
        await recordAudit(deps.db, deps.clock.now(), {
          action: "strategy.viewed",
          actorUserId: actor.userId,
          targetType: "strategy",
          targetId: row.id,
          ip: request.ip,
          details: { namedPupils: strategy.participants.length },
        });
      }
      return strategy;
    },
  );

  r.patch(
    "/api/strategies/:id",
    {
      config: { access: leaders },
      schema: {
        tags: ["strategies"],
        summary:
          "Edit a strategy, or move its status or cascade stage (a wider stage needs the evidence for it)",
        params: idParams,
        body: updateStrategySchema,
        response: { 200: strategySchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { version, status, cascadeStage, stageEvidence, stageEvaluation, ...fields } =
        request.body;
      const row = await auditedChange(
        deps,
        actor,
        async (trx, now) => {
          const current = await strategyInScope(trx, actor, request.params.id);
          const facts = { schoolId: current.school_id };
          authorize(
            strategyPolicy.edit(actor, facts) &&
              (status === undefined || strategyPolicy.changeStatus(actor, facts)) &&
              (cascadeStage === undefined || strategyPolicy.changeStage(actor, facts)),
            "Only the school's leaders change a strategy.",
          );
          await checkReferences(
            trx,
            current.school_id,
            {
              ...fields,
              startsOn: fields.startsOn ?? current.starts_on,
              endsOn: fields.endsOn ?? current.ends_on,
            },
            current.eef_strand_id,
          );
          const refuse = (change: Parameters<typeof stageChangeProblem>[0]) => {
            const problem = stageChangeProblem(change);
            if (problem)
              throw new ValidationProblem(problem.title, [
                { field: problem.field, message: problem.message },
              ]);
          };
          const stage = { from: current.cascade_stage, to: cascadeStage, evidence: stageEvidence };
          refuse(stage);
          const moving = movesStage(current.cascade_stage, cascadeStage);
          const cited =
            moving && stageEvaluation
              ? await evaluate(
                  trx,
                  { ...current, ...columns({ title: current.title, ...fields }) },
                  stageEvaluation,
                )
              : null;
          if (cited) {
            refuse({ ...stage, citedCoverage: cited.coverage });
            assertUsableEvidence(cited);
          }
          const updated = await updateStrategyAt(trx, now, current.id, version, {
            ...columns({ title: current.title, ...fields }),
            ...(status !== undefined ? { status } : {}),
            ...(cascadeStage !== undefined ? { cascade_stage: cascadeStage } : {}),
          });
          if (!updated)
            throw new Conflict(
              "Someone else changed this strategy since you opened it. Reload to see their change.",
            );
          if (moving && cascadeStage !== undefined)
            await insertStageChange(trx, {
              strategyId: current.id,
              fromStage: current.cascade_stage,
              toStage: cascadeStage,
              evidence: stageChangeRecord(
                stageEvidence,
                cited && {
                  measureName: cited.measure.name,
                  from: cited.from.label,
                  to: cited.to.label,
                  hedgesG: cited.hedgesG,
                },
              ),
              decidedBy: actor.userId,
              decidedAt: now,
            });
          return updated;
        },
        (updated) => ({
          action: "strategy.updated",
          targetType: "strategy",
          targetId: updated.id,
          details: {
            fields: Object.keys(request.body).join(","),
            status: status ?? null,
            stage: cascadeStage ?? null,
          },
        }),
      );
      return presentStrategy(deps.db, row, actor);
    },
  );

  await reviewsRoutes(app, deps);
  await participantsRoutes(app, deps);
  await evaluationRoutes(app, deps);
}
