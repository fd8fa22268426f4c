import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  candidatesQuerySchema,
  candidatesSchema,
  cohortSchema,
  putCohortSchema,
} from "../../../contracts/cohort.ts";
import { today as londonToday } from "../../../domain/calendar.ts";
import { COHORT_TARGET, cohortSizeWarning, WEIGHT_EXPLANATIONS } from "../../../domain/cohort.ts";
import { formatMeasureValue } from "../../../domain/measures.ts";
import { pupilDisplayName } from "../../../domain/pupil-name.ts";
import { authorize } from "../../access/authorize.ts";
import { SCHOOL_STAFF, schoolForPupilData } from "../../access/pupil-data.ts";
import { type PupilView, pupilsSeen, pupilViewAt } from "../../access/pupil-visibility.ts";
import { auditedChange } from "../../audit/change.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { definitionOf, measuresOfSchool } from "../measures/store.ts";
import { findCandidates, pointsWithData } from "./candidates.ts";
import { confirmCohort } from "./confirm.ts";
import { cohortPolicy } from "./policy.ts";
import { cohortHistory, pseudonymsOf, requireEnrolment } from "./store.ts";
import { valuesOfPupils } from "./values.ts";

const params = z.strictObject({ id: z.uuid() });

const presentPoint = (p: {
  id: string;
  key: string;
  label: string;
  begun: boolean;
  pupilsWithData: number;
}) => ({ id: p.id, key: p.key, label: p.label, begun: p.begun, pupilsWithData: p.pupilsWithData });

export async function cohortRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
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

  async function presentCohort(schoolId: string, canManage: boolean, view: PupilView) {
    const enrolment = await requireEnrolment(deps.db, schoolId, today());
    authorize(
      cohortPolicy.readCohort(view, enrolment),
      "The target cohort is seen by the school's programme team; para-professionals on the team see it too.",
    );
    const everyone = await cohortHistory(deps.db, enrolment.id);
    // A para-professional on the team sees the current cohort; past members only if they still work with them.
    const seen = await pupilsSeen(
      deps.db,
      view,
      everyone.map((h) => h.pupil_id),
    );
    const history = everyone.filter((h) => seen.has(h.pupil_id));
    const current = history.filter((h) => h.left_on === null);
    const pseudonyms = await pseudonymsOf(
      deps.db,
      enrolment.programmeYearId,
      current.map((c) => c.pupil_id),
    );
    const measures = await measuresOfSchool(deps.db, schoolId);
    const points = await pointsWithData(deps.db, schoolId);
    const values = await valuesOfPupils(
      deps.db,
      current.map((c) => c.pupil_id),
    );
    return {
      enrolmentId: enrolment.id,
      academicYear: enrolment.academicYear,
      members: current.map((member) => ({
        pupilId: member.pupil_id,
        name: pupilDisplayName(member),
        yearGroup: member.year_group,
        pseudonym: pseudonyms.get(member.pupil_id) ?? null,
        joinedOn: member.joined_on,
        measures: measures.map((m) => {
          const series = values
            .filter((v) => v.pupilId === member.pupil_id && v.measureKey === m.key)
            .sort((a, b) => a.startsOn.localeCompare(b.startsOn));
          const latest = series.at(-1);
          // The baseline is the last value from a point that began by the day they joined, else their first.
          const atJoining =
            [...series].reverse().find((v) => v.startsOn <= member.joined_on) ?? series[0];
          const definition = definitionOf(m);
          const change =
            latest && atJoining && latest !== atJoining
              ? latest.value - atJoining.value
              : latest && atJoining
                ? 0
                : null;
          return {
            key: m.key,
            name: m.name,
            latest: latest ? formatMeasureValue(definition, latest.value) : null,
            latestPoint: latest
              ? (points.find((p) => p.id === latest.pointId)?.label ?? null)
              : null,
            atJoining: atJoining ? formatMeasureValue(definition, atJoining.value) : null,
            change: change === null ? null : Math.round(change * 1000) / 1000,
            better:
              change === null || change === 0 ? null : change > 0 === definition.higherIsBetter,
          };
        }),
      })),
      history: history.map((h) => ({
        pupilId: h.pupil_id,
        name: pupilDisplayName(h),
        joinedOn: h.joined_on,
        leftOn: h.left_on,
        reason: h.reason,
      })),
      size: current.length,
      warning: cohortSizeWarning(current.length),
      canManage,
    };
  }

  r.get(
    "/api/schools/:id/cohort",
    {
      config: { access: staff },
      schema: {
        tags: ["cohort"],
        summary:
          "The school's target cohort: each pupil's latest position on every measure, change since joining, and history",
        params,
        response: { 200: cohortSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "read");
      const cohort = await presentCohort(
        school.id,
        cohortPolicy.confirm(actor, school),
        await pupilViewAt(deps.db, actor, school),
      );
      await recordAudit(deps.db, deps.clock.now(), {
        action: "cohort.read",
        actorUserId: actor.userId,
        targetType: "school",
        targetId: school.id,
        ip: request.ip,
        details: { count: cohort.size },
      });
      return cohort;
    },
  );

  r.put(
    "/api/schools/:id/cohort",
    {
      config: { access: anyOf("school_leader") },
      schema: {
        tags: ["cohort"],
        summary:
          "Confirm the target cohort: pupils not in it join today, pupils left out leave today (history stays)",
        params,
        body: putCohortSchema,
        response: { 200: cohortSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "manage");
      authorize(cohortPolicy.confirm(actor, school));
      const wanted = [...new Set(request.body.pupilIds)];
      await auditedChange(
        deps,
        actor,
        async (trx, now) => {
          const enrolment = await requireEnrolment(trx, school.id, today());
          const result = await confirmCohort(trx, {
            schoolId: school.id,
            enrolment,
            pupilIds: wanted,
            reason: request.body.reason ?? null,
            actorId: actor.userId,
            on: today(),
            now,
          });
          return { enrolment, result };
        },
        ({ enrolment, result }) => ({
          action: "cohort.confirmed",
          targetType: "enrolment",
          targetId: enrolment.id,
          details: { ...result, size: wanted.length },
        }),
      );
      return presentCohort(school.id, true, await pupilViewAt(deps.db, actor, school));
    },
  );
}
