import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  disadvantageSettingsSchema,
  listPupilsQuerySchema,
  measureSchema,
  type PupilListFilters,
  pupilSchema,
  searchPupilsSchema,
  updateDisadvantageSettingsSchema,
  updatePupilSchema,
} from "../../../contracts/pupil-data.ts";
import {
  DISADVANTAGE_RULE_LABELS,
  DISADVANTAGE_RULES,
  type DisadvantageRule,
} from "../../../domain/disadvantage.ts";
import { formatMeasureValue } from "../../../domain/measures.ts";
import { SCHOOL_STAFF, schoolForPupilData } from "../../access/pupil-data.ts";
import { flagsFor, pupilViewAt, seenIn } from "../../access/pupil-visibility.ts";
import { isSchoolLeaderOf } from "../../access/scope.ts";
import { yearGroupOrder } from "../../access/year-order.ts";
import { recordAudit } from "../../audit/store.ts";
import { type Actor, type AppDeps, anyOf } from "../../context.ts";
import { Conflict, Forbidden } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { definitionOf, presentMeasure } from "../measures/store.ts";
import {
  disadvantagedExpression,
  presentPupil,
  pupilInScope,
  pupilSearchExpression,
} from "./store.ts";

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
      const observations = await deps.db
        .selectFrom("observations")
        .innerJoin("assessment_points", "assessment_points.id", "observations.assessment_point_id")
        .select([
          "observations.measure_id",
          "observations.value",
          "assessment_points.id as point_id",
          "assessment_points.name",
          "assessment_points.academic_year",
          "assessment_points.starts_on",
        ])
        .where("observations.pupil_id", "=", row.id)
        .orderBy("assessment_points.starts_on")
        .execute();
      const measureRows = await deps.db
        .selectFrom("measures")
        .selectAll()
        .where("school_id", "=", row.school_id)
        .where("archived_at", "is", null)
        .orderBy("position")
        .execute();
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
      const now = deps.clock.now();
      const { version, ...changes } = request.body;
      return deps.db.transaction().execute(async (trx) => {
        const row = await pupilInScope(trx, actor, request.params.id);
        if (!isSchoolLeaderOf(actor, row.school_id))
          throw new Forbidden("Only the school's leaders can change pupils' details.");
        const columns: Record<string, unknown> = {
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
        };
        const set = Object.fromEntries(Object.entries(columns).filter(([, v]) => v !== undefined));
        const updated = await trx
          .updateTable("pupils")
          .set({ ...set, version: version + 1, updated_at: now })
          .where("id", "=", row.id)
          .where("version", "=", version)
          .returningAll()
          .executeTakeFirst();
        if (!updated)
          throw new Conflict(
            "Someone else changed this pupil since you opened the page. Reload to see their change.",
          );
        await recordAudit(trx, now, {
          action: "pupil.updated",
          actorUserId: actor.userId,
          targetType: "pupil",
          targetId: row.id,
          ip: request.ip,
          details: { fields: Object.keys(set).join(",") },
        });
        return presentPupil(updated, row.disadvantage_rule);
      });
    },
  );

  /** The rule as it stands, with how many pupils on roll each rule would count. */
  async function disadvantageSettings(
    schoolId: string,
    rule: string,
    canChange: boolean,
  ): Promise<z.infer<typeof disadvantageSettingsSchema>> {
    const counts = await deps.db
      .selectFrom("pupils")
      .select((eb) => [
        eb.fn.countAll<number>().as("on_roll"),
        ...DISADVANTAGE_RULES.map((r) =>
          eb.fn.countAll<number>().filterWhere(disadvantagedExpression(r)(eb)).as(r),
        ),
      ])
      .where("school_id", "=", schoolId)
      .where("left_on", "is", null)
      .executeTakeFirstOrThrow();
    return {
      rule: rule as DisadvantageRule,
      canChange,
      options: DISADVANTAGE_RULES.map((r) => ({
        rule: r,
        label: DISADVANTAGE_RULE_LABELS[r],
        pupils: Number(counts[r]),
      })),
      onRoll: Number(counts.on_roll),
    };
  }

  r.get(
    "/api/schools/:id/disadvantage-rule",
    {
      config: { access: anyOf(...SCHOOL_STAFF) },
      schema: {
        tags: ["pupil data"],
        summary: "Who counts as disadvantaged at this school, and how many pupils each rule counts",
        params: idParams,
        response: { 200: disadvantageSettingsSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "read");
      return disadvantageSettings(
        school.id,
        school.disadvantage_rule,
        isSchoolLeaderOf(actor, school.id),
      );
    },
  );

  r.put(
    "/api/schools/:id/disadvantage-rule",
    {
      config: { access: anyOf("school_leader") },
      schema: {
        tags: ["pupil data"],
        summary:
          "Change who counts as disadvantaged (the gap, cohort candidates and evaluations follow)",
        params: idParams,
        body: updateDisadvantageSettingsSchema,
        response: { 200: disadvantageSettingsSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "manage");
      const rule = request.body.rule;
      if (rule !== school.disadvantage_rule) {
        await deps.db.transaction().execute(async (trx) => {
          await trx
            .updateTable("schools")
            .set({ disadvantage_rule: rule })
            .where("id", "=", school.id)
            .execute();
          await recordAudit(trx, deps.clock.now(), {
            action: "school.disadvantage_rule_changed",
            actorUserId: actor.userId,
            targetType: "school",
            targetId: school.id,
            ip: request.ip,
            details: { from: school.disadvantage_rule, to: rule },
          });
        });
      }
      return disadvantageSettings(school.id, rule, true);
    },
  );
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
  const { search, yearGroup, disadvantaged, includeLeft, sort, direction, offset, limit } = filters;
  // A filter on a withheld flag would reveal it as surely as showing it.
  if (disadvantaged !== undefined && !view.sight.povertyFlags)
    throw new Forbidden(
      "Para-professionals do not see who is disadvantaged unless the school's leaders allow it.",
    );
  const filtered = deps.db
    .selectFrom("pupils")
    .where("pupils.school_id", "=", school.id)
    .where(seenIn(view))
    .$if(includeLeft !== "true", (q) => q.where("pupils.left_on", "is", null))
    .$if(Boolean(yearGroup), (q) => q.where("pupils.year_group", "=", yearGroup as string))
    .$if(disadvantaged === "true", (q) =>
      q.where(disadvantagedExpression(school.disadvantage_rule)),
    )
    .$if(disadvantaged === "false", (q) =>
      q.where((eb) => eb.not(disadvantagedExpression(school.disadvantage_rule)(eb))),
    )
    .$if(Boolean(search), (q) => q.where(pupilSearchExpression(search ?? "")));
  const [rows, total] = await Promise.all([
    filtered
      .selectAll("pupils")
      .$if(sort === "yearGroup", (q) => q.orderBy(yearGroupOrder, direction))
      .$if(sort === "upn", (q) => q.orderBy("pupils.upn", direction))
      .orderBy("pupils.last_name", direction)
      .orderBy("pupils.legal_first_name", direction)
      .orderBy("pupils.id")
      .offset(offset)
      .limit(limit)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
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
    total: Number(total.n),
  };
}
