import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  listPupilsQuerySchema,
  measureSchema,
  type PupilListFilters,
  pupilSchema,
  searchPupilsSchema,
  updatePupilSchema,
} from "../../../contracts/pupil-data.ts";
import { formatMeasureValue } from "../../../domain/measures.ts";
import { authorize } from "../../access/authorize.ts";
import { SCHOOL_STAFF, schoolForPupilData } from "../../access/pupil-data.ts";
import { flagsFor, pupilViewAt } from "../../access/pupil-visibility.ts";
import { auditedChange } from "../../audit/change.ts";
import { pupilFieldChanges, recordChanges } from "../../audit/history.ts";
import { recordAudit } from "../../audit/store.ts";
import { type Actor, type AppDeps, anyOf } from "../../context.ts";
import { Conflict } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { definitionOf, presentMeasure } from "../measures/store.ts";
import { disadvantageRuleRoutes } from "./disadvantage-routes.ts";
import { pupilPolicy } from "./policy.ts";
import { presentPupil, profileOf, pupilInScope, pupilPage, updatePupilAt } from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });

const profileSchema = z.object({
  pupil: pupilSchema,
  measures: z.array(
    z.object({
      measure: measureSchema,
      points: z.array(
        z.object({
          assessmentPointId: z.uuid(),
          name: z.string(),
          academicYear: z.string(),
          startsOn: z.string(),
          value: z.number(),
          display: z.string(),
        }),
      ),
    }),
  ),
  /** Cohort membership and strategies, as they arrive in later features. */
  cohortHistory: z.array(
    z.object({
      joinedOn: z.string(),
      leftOn: z.string().nullable(),
      reason: z.string().nullable(),
    }),
  ),
  strategies: z.array(z.object({ id: z.uuid(), title: z.string() })),
});

export async function pupilRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = anyOf(...SCHOOL_STAFF);

  const pupilListResponse = z.object({ items: z.array(pupilSchema), total: z.number().int() });

  r.get(
    "/api/schools/:id/pupils",
    {
      config: { access: staff },
      schema: {
        tags: ["pupil data"],
        summary: "The school's pupils, named (its own staff only), a page at a time",
        description: "To search by name or UPN, use POST /api/schools/{id}/pupils/search.",
        params: idParams,
        querystring: listPupilsQuerySchema,
        response: { 200: pupilListResponse },
      },
    },
    async (request) =>
      listPupils(deps, actorOf(request), request.params.id, request.query, request.ip),
  );

  r.post(
    "/api/schools/:id/pupils/search",
    {
      config: { access: staff },
      schema: {
        tags: ["pupil data"],
        summary:
          "Search the school's pupils by part of a name or a whole UPN, with the list's filters",
        description:
          "A POST so that the search term, a child's name or UPN, stays out of URLs and their logs.",
        params: idParams,
        body: searchPupilsSchema,
        response: { 200: pupilListResponse },
      },
    },
    async (request) =>
      listPupils(deps, actorOf(request), request.params.id, request.body, request.ip),
  );

  r.get(
    "/api/pupils/:id",
    {
      config: { access: staff },
      schema: {
        tags: ["pupil data"],
        summary:
          "A pupil's profile: flags, and every measure over time (the school's own staff only)",
        params: idParams,
        response: { 200: profileSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await pupilInScope(deps.db, actor, request.params.id);
      authorize(pupilPolicy.viewProfile(actor, row), "Only the school's staff see its pupils.");
      const { observations, measures: measureRows } = await profileOf(deps.db, row);
      await recordAudit(deps.db, deps.clock.now(), {
        action: "pupil.viewed",
        actorUserId: actor.userId,
        targetType: "pupil",
        targetId: row.id,
        ip: request.ip,
      });
      return {
        pupil: flagsFor(row.view, presentPupil(row, row.disadvantage_rule)),
        measures: measureRows.map((m) => ({
          measure: presentMeasure(m),
          points: observations
            .filter((o) => o.measure_id === m.id)
            .map((o) => ({
              assessmentPointId: o.point_id,
              name: o.name,
              academicYear: o.academic_year,
              startsOn: o.starts_on,
              value: Number(o.value),
              display: formatMeasureValue(definitionOf(m), Number(o.value)),
            })),
        })),
        cohortHistory: [],
        strategies: [],
      };
    },
  );

  r.patch(
    "/api/pupils/:id",
    {
      config: { access: anyOf("school_leader") },
      schema: {
        tags: ["pupil data"],
        summary: "Correct a pupil's flags or year group, or record that they left (history stays)",
        params: idParams,
        body: updatePupilSchema,
        response: { 200: pupilSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { version, ...changes } = request.body;
      const set = Object.fromEntries(
        Object.entries({
          preferred_first_name: changes.preferredFirstName,
          year_group: changes.yearGroup,
          pupil_premium: changes.pupilPremium,
          fsm: changes.fsm,
          ever6_fsm: changes.ever6Fsm,
          looked_after: changes.lookedAfter,
          previously_looked_after: changes.previouslyLookedAfter,
          sen_status: changes.senStatus,
          eal: changes.eal,
          service_child: changes.serviceChild,
          other_intervention: changes.otherIntervention,
          left_on: changes.leftOn,
        }).filter(([, v]) => v !== undefined),
      );
      const { updated, rule } = await auditedChange(
        deps,
        actor,
        async (trx, now) => {
          const row = await pupilInScope(trx, actor, request.params.id);
          authorize(
            pupilPolicy.edit(actor, row),
            "Only the school's leaders can change pupils' details.",
          );
          const updated = await updatePupilAt(trx, row.id, version, set, now);
          if (!updated)
            throw new Conflict(
              "Someone else changed this pupil since you opened the page. Reload to see their change.",
            );
          await recordChanges(trx, pupilFieldChanges(row.id, row, set), {
            by: actor.userId,
            source: "edit",
            now,
          });
          return { updated, rule: row.disadvantage_rule };
        },
        ({ updated }) => ({
          action: "pupil.updated",
          targetType: "pupil",
          targetId: updated.id,
          details: { fields: Object.keys(set).join(",") },
        }),
      );
      return presentPupil(updated, rule);
    },
  );

  await disadvantageRuleRoutes(app, deps);
}

/** One page of a school's pupils, filtered; audited as a bulk read of named data. */
async function listPupils(
  deps: AppDeps,
  actor: Actor,
  schoolId: string,
  filters: PupilListFilters,
  ip: string,
) {
  const school = await schoolForPupilData(deps.db, actor, schoolId, "read");
  const view = await pupilViewAt(deps.db, actor, school);
  if (filters.disadvantaged !== undefined)
    authorize(
      pupilPolicy.filterByDisadvantage(view.sight),
      "Para-professionals do not see who is disadvantaged unless the school's leaders allow it.",
    );
  const { rows, total } = await pupilPage(deps.db, school, view, filters);
  // A list of named pupils is a bulk read: it is audited (ids and counts only).
  await recordAudit(deps.db, deps.clock.now(), {
    action: "pupils.listed",
    actorUserId: actor.userId,
    targetType: "school",
    targetId: school.id,
    ip,
    details: { count: rows.length },
  });
  return {
    items: rows.map((row) => flagsFor(view, presentPupil(row, school.disadvantage_rule))),
    total,
  };
}
