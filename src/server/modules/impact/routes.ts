import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  clusterImpactReportSchema,
  impactReportQuerySchema,
  schoolImpactReportSchema,
  whatNextInputSchema,
} from "../../../contracts/impact.ts";
import { today as londonToday } from "../../../domain/calendar.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { buildClusterReport, buildSchoolReport } from "./build.ts";
import { clusterReportPdf, schoolReportPdf } from "./pdf.ts";
import { impactPolicy } from "./policy.ts";
import { clusterForReport, reportEnrolment, saveWhatNext } from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });
const SCHOOL_TEAM = anyOf("school_leader", "teacher");
const CLUSTER_READERS = anyOf("programme_lead", "network_admin");

const slug = (text: string) => text.toLowerCase().replaceAll(/[^a-z0-9]+/g, "-");
const sendPdf = (reply: FastifyReply, bytes: Buffer, name: string) =>
  reply
    .header("content-type", "application/pdf")
    .header("content-disposition", `attachment; filename="${name}"`)
    .send(bytes);

/**
 * The impact reports (issue 17): a school's, for its own team, with the team's
 * "what next"; a cluster's, for its programme lead, pseudonymised and
 * suppressed. Each as JSON for the page and as a PDF, built from one structure.
 */
export async function impactRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const today = () => londonToday(deps.clock);

  async function schoolReport(
    request: { params: { id: string }; query: z.infer<typeof impactReportQuerySchema> },
    actor: ReturnType<typeof actorOf>,
  ) {
    const enrolment = await reportEnrolment(
      deps.db,
      actor,
      request.params.id,
      request.query.programmeYearId,
      today(),
    );
    return buildSchoolReport(deps.db, actor, enrolment, request.query, today());
  }

  r.get(
    "/api/schools/:id/impact-report",
    {
      config: { access: SCHOOL_TEAM },
      schema: {
        tags: ["impact"],
        summary:
          "The school's impact report for a programme year (or dates within it): cohort, matrix movement, change on each measure, gap trend, strategies, workshops, actions and what next",
        params: idParams,
        querystring: impactReportQuerySchema,
        response: { 200: schoolImpactReportSchema },
      },
    },
    async (request) => schoolReport(request, actorOf(request)),
  );

  r.get(
    "/api/schools/:id/impact-report.pdf",
    {
      config: { access: SCHOOL_TEAM },
      schema: {
        tags: ["impact"],
        summary: "The school's impact report as a PDF",
        params: idParams,
        querystring: impactReportQuerySchema,
        produces: ["application/pdf"],
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const report = await schoolReport(request, actor);
      const bytes = await schoolReportPdf(report);
      await recordAudit(deps.db, deps.clock.now(), {
        action: "impact_report.exported",
        actorUserId: actor.userId,
        targetType: "school",
        targetId: report.school.id,
        ip: request.ip,
        details: { programmeYearId: report.programmeYear.id, format: "pdf" },
      });
      return sendPdf(
        reply,
        bytes,
        `impact-report-${slug(report.school.name)}-${slug(report.programmeYear.academicYear)}.pdf`,
      );
    },
  );

  r.put(
    "/api/schools/:id/impact-report/what-next",
    {
      config: { access: anyOf("school_leader") },
      schema: {
        tags: ["impact"],
        summary: "Write the team's what next for the school's programme year",
        params: idParams,
        body: whatNextInputSchema,
        response: { 200: z.object({ text: z.string() }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const enrolment = await reportEnrolment(
        deps.db,
        actor,
        request.params.id,
        request.body.programmeYearId,
        today(),
      );
      authorize(
        impactPolicy.writeWhatNext(actor, { id: enrolment.schoolId }),
        "Only the school's leaders can do this.",
      );
      const text = request.body.text;
      await auditedChange(
        deps,
        actor,
        (trx, now) => saveWhatNext(trx, enrolment.id, text, actor.userId, now),
        (changed) =>
          changed
            ? {
                action: "impact_report.what_next_saved",
                targetType: "enrolment",
                targetId: enrolment.id,
                details: { characters: text.length },
              }
            : [],
      );
      return { text };
    },
  );

  r.get(
    "/api/clusters/:id/impact-report",
    {
      config: { access: CLUSTER_READERS },
      schema: {
        tags: ["impact"],
        summary:
          "The cluster's impact report: schools by name only where they chose to be, no pupil named, small groups suppressed",
        params: idParams,
        response: { 200: clusterImpactReportSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const cluster = await clusterForReport(deps.db, actor, request.params.id);
      return buildClusterReport(deps.db, actor, cluster, today());
    },
  );

  r.get(
    "/api/clusters/:id/impact-report.pdf",
    {
      config: { access: CLUSTER_READERS },
      schema: {
        tags: ["impact"],
        summary: "The cluster's impact report as a PDF",
        params: idParams,
        produces: ["application/pdf"],
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const cluster = await clusterForReport(deps.db, actor, request.params.id);
      const report = await buildClusterReport(deps.db, actor, cluster, today());
      const bytes = await clusterReportPdf(report);
      await recordAudit(deps.db, deps.clock.now(), {
        action: "impact_report.exported",
        actorUserId: actor.userId,
        targetType: "cluster",
        targetId: cluster.id,
        ip: request.ip,
        details: { format: "pdf" },
      });
      return sendPdf(reply, bytes, `cluster-impact-report-${slug(cluster.name)}.pdf`);
    },
  );
}
