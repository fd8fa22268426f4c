import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  retentionReportSchema,
  retentionRunBodySchema,
  retentionSettingsBodySchema,
  retentionSettingsSchema,
} from "../../../contracts/retention.ts";
import { RETENTION_LIMITS } from "../../../domain/retention.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { runRetention } from "./job.ts";
import { retentionPolicy } from "./policy.ts";
import { latestRun, readRetentionSettings, writeRetentionSettings } from "./store.ts";

/** The network's retention settings, the last run's report, and running the job now. */
export async function retentionSettingsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const admin = anyOf("network_admin");
  const present = async () => {
    const settings = await readRetentionSettings(deps.db);
    const last = await latestRun(deps.db);
    return {
      pupilDataYears: settings.pupilDataYears,
      auditLogYears: settings.auditLogYears,
      limits: {
        pupilDataYears: {
          min: RETENTION_LIMITS.pupilDataYears.min,
          max: RETENTION_LIMITS.pupilDataYears.max,
        },
        auditLogYears: {
          min: RETENTION_LIMITS.auditLogYears.min,
          max: RETENTION_LIMITS.auditLogYears.max,
        },
      },
      updatedAt: settings.updatedAt.toISOString(),
      lastRun: last
        ? { ranAt: last.ranAt.toISOString(), trigger: last.trigger, report: last.report }
        : null,
    };
  };

  r.get(
    "/api/retention/settings",
    {
      config: { access: admin },
      schema: {
        tags: ["retention"],
        summary: "How long pupil-level data and the audit log are kept, and the last run's report",
        response: { 200: retentionSettingsSchema },
      },
    },
    async (request) => {
      authorize(retentionPolicy.viewSettings(actorOf(request)));
      return present();
    },
  );

  r.put(
    "/api/retention/settings",
    {
      config: { access: admin },
      schema: {
        tags: ["retention"],
        summary: "Change how many years pupil-level data and the audit log are kept",
        body: retentionSettingsBodySchema,
        response: { 200: retentionSettingsSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      authorize(
        retentionPolicy.changeSettings(actor),
        "Only network administrators change the retention settings.",
      );
      const next = request.body;
      await auditedChange(
        deps,
        actor,
        (trx, now) => writeRetentionSettings(trx, next, actor.userId, now),
        (before) => ({
          action: "retention.settings_changed",
          targetType: "retention_settings",
          details: {
            pupilDataYearsBefore: before.pupilDataYears,
            pupilDataYears: next.pupilDataYears,
            auditLogYearsBefore: before.auditLogYears,
            auditLogYears: next.auditLogYears,
          },
        }),
      );
      return present();
    },
  );

  r.post(
    "/api/retention/run",
    {
      config: { access: admin },
      schema: {
        tags: ["retention"],
        summary:
          "Apply the retention rules now, or preview them (dry run: counts what would go, deletes nothing)",
        body: retentionRunBodySchema,
        response: { 200: retentionReportSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      authorize(retentionPolicy.run(actor), "Only network administrators run retention.");
      return runRetention(deps, {
        dryRun: request.body.dryRun,
        trigger: "admin",
        actorUserId: actor.userId,
        ip: request.ip,
      });
    },
  );
}
