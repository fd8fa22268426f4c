import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import { z } from "zod";
import {
  CASCADE_STAGES,
  createStrategySchema,
  evaluationQuerySchema,
  evaluationSchema,
  participantsInputSchema,
  reviewInputSchema,
  strategySchema,
  strategySummarySchema,
  updateStrategySchema,
} from "../../../contracts/strategies.ts";
import type { DB } from "../../../db/schema.ts";
import { formatCalendarDate, today } from "../../../domain/calendar.ts";
import { recordClosedReason } from "../../../domain/record-window.ts";
import { SCHOOL_STAFF, schoolForPupilData } from "../../access/pupil-data.ts";
import { pupilsSeen, pupilViewAtSchool } from "../../access/pupil-visibility.ts";
import { isSchoolLeaderOf } from "../../access/scope.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { Conflict, Forbidden, ValidationProblem } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { currentEnrolment } from "../cohort/store.ts";
import { evaluate } from "./evaluate.ts";
import { assertUsableEvidence } from "./share.ts";
import { presentStrategy, strategyInScope } from "./store.ts";

const schoolParams = z.strictObject({ id: z.uuid() });
const idParams = z.strictObject({ id: z.uuid() });

/** Checks that the references a strategy names belong to its school (and programme). */
async function checkReferences(
  db: Kysely<DB>,
  schoolId: string,
  body: {
    themeId?: string | null;
    eefStrandId?: string | null;
    ownerUserId?: string | null;
    successMeasureId?: string | null;
    startsOn?: string | null;
    endsOn?: string | null;
  },
  /** The strand the strategy is already linked to: it may stay even if since retired. */
  linkedStrandId: string | null = null,
) {
  const errors: { field: string; message: string }[] = [];
  if (body.themeId) {
    const theme = await db
      .selectFrom("programme_themes")
      .select("id")
      .where("id", "=", body.themeId)
      .executeTakeFirst();
    if (!theme) errors.push({ field: "themeId", message: "Choose one of the programme's themes." });
  }
  if (body.eefStrandId) {
    const strand = await db
      .selectFrom("eef_strands")
      .select(["id", "name", "status"])
      .where("id", "=", body.eefStrandId)
      .executeTakeFirst();
    if (!strand)
      errors.push({ field: "eefStrandId", message: "Choose a strand of the EEF Toolkit." });
    else if (strand.status === "retired" && strand.id !== linkedStrandId)
      errors.push({
        field: "eefStrandId",
        message: `${strand.name} is no longer a strand of the EEF Toolkit (retired): choose a current strand.`,
      });
  }
  if (body.ownerUserId) {
    const owner = await db
      .selectFrom("memberships")
      .select("id")
      .where("user_id", "=", body.ownerUserId)
      .where("pending", "=", false)
      .where("scope_type", "=", "school")
      .where("scope_id", "=", schoolId)
      .executeTakeFirst();
    if (!owner)
      errors.push({
        field: "ownerUserId",
        message: "The owner must be one of the school's staff in Cascade.",
      });
  }
  if (body.successMeasureId) {
    const measure = await db
      .selectFrom("measures")
      .select("id")
      .where("id", "=", body.successMeasureId)
      .where("school_id", "=", schoolId)
      .executeTakeFirst();
    if (!measure)
      errors.push({ field: "successMeasureId", message: "Choose one of the school's measures." });
  }
  if (body.startsOn && body.endsOn && body.endsOn < body.startsOn)
    errors.push({ field: "endsOn", message: "The end comes on or after the start." });
  if (errors.length > 0)
    throw new ValidationProblem("The strategy refers to things it cannot use.", errors);
}

const columns = (body: z.infer<typeof createStrategySchema>) => {
  const map: Record<string, unknown> = {
    title: body.title,
    description: body.description,
    theme_id: body.themeId,
    eef_strand_id: body.eefStrandId,
    evidence_references: body.evidenceReferences,
    owner_user_id: body.ownerUserId,
    starts_on: body.startsOn,
    ends_on: body.endsOn,
    sessions_per_week: body.sessionsPerWeek,
    minutes_per_session: body.minutesPerSession,
    cost_pounds: body.costPounds,
    staff_hours: body.staffHours,
    success_measure_id: body.successMeasureId,
    success_change: body.successChange,
  };
  return Object.fromEntries(Object.entries(map).filter(([, v]) => v !== undefined));
};

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
      const rows = await deps.db
        .selectFrom("strategies")
        .leftJoin("programme_themes", "programme_themes.id", "strategies.theme_id")
        .leftJoin("eef_strands", "eef_strands.id", "strategies.eef_strand_id")
        .leftJoin("users", "users.id", "strategies.owner_user_id")
        .select((eb) => [
          "strategies.id",
          "strategies.title",
          "strategies.status",
          "strategies.cascade_stage",
          "strategies.starts_on",
          "strategies.ends_on",
          "programme_themes.name as theme_name",
          "eef_strands.name as strand_name",
          "users.name as owner_name",
          eb
            .selectFrom("strategy_participants")
            .select((s) => s.fn.countAll<number>().as("n"))
            .whereRef("strategy_participants.strategy_id", "=", "strategies.id")
            .as("participants"),
          eb
            .exists(
              eb
                .selectFrom("shared_results")
                .select("shared_results.id")
                .whereRef("shared_results.strategy_id", "=", "strategies.id")
                .where("shared_results.withdrawn_at", "is", null),
            )
            .as("shared"),
        ])
        .where("strategies.school_id", "=", school.id)
        .orderBy("strategies.created_at", "desc")
        .execute();
      return {
        items: rows.map((row) => ({
          id: row.id,
          title: row.title,
          status: row.status as z.infer<typeof strategySummarySchema>["status"],
          cascadeStage: row.cascade_stage as z.infer<typeof strategySummarySchema>["cascadeStage"],
          themeName: row.theme_name,
          strandName: row.strand_name,
          ownerName: row.owner_name,
          participants: Number(row.participants ?? 0),
          startsOn: row.starts_on,
          endsOn: row.ends_on,
          shared: Boolean(row.shared),
        })),
      };
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
      const now = deps.clock.now();
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "manage");
      await checkReferences(deps.db, school.id, request.body);
      const enrolment = await currentEnrolment(deps.db, school.id, today(deps.clock));
      const row = await deps.db.transaction().execute(async (trx) => {
        const created = await trx
          .insertInto("strategies")
          .values({
            ...(columns(request.body) as { title: string }),
            school_id: school.id,
            programme_year_id: enrolment?.programmeYearId ?? null,
            created_by: actor.userId,
            created_at: now,
            updated_at: now,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        await recordAudit(trx, now, {
          action: "strategy.created",
          actorUserId: actor.userId,
          targetType: "strategy",
          targetId: created.id,
          ip: request.ip,
        });
        return created;
      });
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
      const now = deps.clock.now();
      const { version, status, cascadeStage, stageEvidence, stageEvaluation, ...fields } =
        request.body;
      const row = await deps.db.transaction().execute(async (trx) => {
        const current = await strategyInScope(trx, actor, request.params.id);
        if (!isSchoolLeaderOf(actor, current.school_id))
          throw new Forbidden("Only the school's leaders change a strategy.");
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
        const widening =
          cascadeStage !== undefined &&
          CASCADE_STAGES.indexOf(cascadeStage) >
            CASCADE_STAGES.indexOf(current.cascade_stage as (typeof CASCADE_STAGES)[number]);
        if (
          cascadeStage !== undefined &&
          cascadeStage !== current.cascade_stage &&
          !stageEvidence
        ) {
          throw new ValidationProblem("Say what justifies the change of stage.", [
            {
              field: "stageEvidence",
              message: widening
                ? "Moving a strategy wider needs the evidence that it works."
                : "Say why the strategy's reach changes.",
            },
          ]);
        }
        const moving = cascadeStage !== undefined && cascadeStage !== current.cascade_stage;
        const cited =
          moving && stageEvaluation
            ? await evaluate(
                trx,
                { ...current, ...columns({ title: current.title, ...fields }) },
                stageEvaluation,
              )
            : null;
        if (cited) {
          if (cited.coverage === "ends-before-start")
            throw new ValidationProblem("That evaluation cannot justify a change of stage.", [
              {
                field: "stageEvaluation",
                message:
                  "Its period ends before the strategy began, so it says nothing about the strategy.",
              },
            ]);
          assertUsableEvidence(cited);
        }
        const updated = await trx
          .updateTable("strategies")
          .set({
            ...columns({ title: current.title, ...fields }),
            ...(status !== undefined ? { status } : {}),
            ...(cascadeStage !== undefined ? { cascade_stage: cascadeStage } : {}),
            version: version + 1,
            updated_at: now,
          })
          .where("id", "=", current.id)
          .where("version", "=", version)
          .returningAll()
          .executeTakeFirst();
        if (!updated)
          throw new Conflict(
            "Someone else changed this strategy since you opened it. Reload to see their change.",
          );
        if (cascadeStage !== undefined && cascadeStage !== current.cascade_stage) {
          await trx
            .insertInto("strategy_stage_changes")
            .values({
              strategy_id: current.id,
              from_stage: current.cascade_stage,
              to_stage: cascadeStage,
              evidence: cited
                ? `${stageEvidence ?? ""}\n(Evaluation cited: ${cited.measure.name}, ${cited.from.label} to ${cited.to.label}, g = ${cited.hedgesG?.toFixed(2)}.)`.trim()
                : (stageEvidence ?? ""),
              decided_by: actor.userId,
              decided_at: now,
            })
            .execute();
        }
        await recordAudit(trx, now, {
          action: "strategy.updated",
          actorUserId: actor.userId,
          targetType: "strategy",
          targetId: current.id,
          ip: request.ip,
          details: {
            fields: Object.keys(request.body).join(","),
            status: status ?? null,
            stage: cascadeStage ?? null,
          },
        });
        return updated;
      });
      return presentStrategy(deps.db, row, actor);
    },
  );

  r.post(
    "/api/strategies/:id/reviews",
    {
      config: { access: staff },
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
      const now = deps.clock.now();
      const row = await strategyInScope(deps.db, actor, request.params.id);
      const on = today(deps.clock);
      const closed = recordClosedReason(
        { opens: "Reviews open", opensOn: row.starts_on, occasion: "the day the strategy starts" },
        on,
      );
      if (closed) throw new Conflict(closed, { opensOn: row.starts_on });
      const reviewedOn = request.body.reviewedOn;
      if (reviewedOn > on)
        throw new ValidationProblem("A review is dated on or before today.", [
          { field: "reviewedOn", message: "A review is dated on or before today." },
        ]);
      if (row.starts_on !== null && reviewedOn < row.starts_on) {
        const message = `A review is dated on or after the strategy's start, ${formatCalendarDate(row.starts_on)}.`;
        throw new ValidationProblem(message, [{ field: "reviewedOn", message }]);
      }
      await deps.db.transaction().execute(async (trx) => {
        const review = await trx
          .insertInto("strategy_reviews")
          .values({
            strategy_id: row.id,
            reviewed_on: request.body.reviewedOn,
            done: request.body.done,
            data_shows: request.body.dataShows,
            decision: request.body.decision,
            author_id: actor.userId,
            created_at: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(trx, now, {
          action: "strategy.reviewed",
          actorUserId: actor.userId,
          targetType: "strategy_review",
          targetId: review.id,
          ip: request.ip,
        });
      });
      reply.code(201);
      return presentStrategy(deps.db, row, actor);
    },
  );

  r.put(
    "/api/strategies/:id/participants",
    {
      config: { access: leaders },
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
      const now = deps.clock.now();
      const row = await strategyInScope(deps.db, actor, request.params.id);
      if (!isSchoolLeaderOf(actor, row.school_id))
        throw new Forbidden("Only the school's leaders choose participants.");
      const wanted = [...new Set(request.body.pupilIds)];
      await deps.db.transaction().execute(async (trx) => {
        const found = wanted.length
          ? new Set(
              (
                await trx
                  .selectFrom("pupils")
                  .select("id")
                  .where("school_id", "=", row.school_id)
                  .where("id", "in", wanted)
                  .execute()
              ).map((p) => p.id),
            )
          : new Set<string>();
        const errors = wanted.flatMap((id, i) =>
          found.has(id) ? [] : [{ field: `pupilIds.${i}`, message: "Not a pupil of this school." }],
        );
        if (errors.length > 0) throw new ValidationProblem("Some pupils cannot take part.", errors);
        await trx
          .deleteFrom("strategy_participants")
          .where("strategy_id", "=", row.id)
          .where((eb) => (wanted.length ? eb("pupil_id", "not in", wanted) : eb.lit(true)))
          .execute();
        if (wanted.length > 0) {
          await trx
            .insertInto("strategy_participants")
            .values(
              wanted.map((pupilId) => ({
                strategy_id: row.id,
                pupil_id: pupilId,
                added_on: today(deps.clock),
              })),
            )
            .onConflict((oc) => oc.columns(["strategy_id", "pupil_id"]).doNothing())
            .execute();
        }
        await recordAudit(trx, now, {
          action: "strategy.participants_set",
          actorUserId: actor.userId,
          targetType: "strategy",
          targetId: row.id,
          ip: request.ip,
          details: { count: wanted.length },
        });
      });
      return presentStrategy(deps.db, row, actor);
    },
  );

  r.get(
    "/api/strategies/:id/evaluation",
    {
      config: { access: staff },
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
