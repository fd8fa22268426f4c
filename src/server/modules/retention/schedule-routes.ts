import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  type RecordsOfProcessing,
  recordsOfProcessingSchema,
  retentionScheduleSchema,
} from "../../../contracts/retention.ts";
import { today } from "../../../domain/calendar.ts";
import { retentionSchedule } from "../../../domain/retention.ts";
import { authorize } from "../../access/authorize.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { schoolInScope } from "../schools/store.ts";
import { retentionPolicy } from "./policy.ts";
import records from "./records-of-processing.json" with { type: "json" };
import { processingCounts, readRetentionSettings, scheduleYearsOfSchool } from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });

/** A school's retention schedule, and the network's records of processing. */
export async function retentionScheduleRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/schools/:id/retention",
    {
      config: { access: anyOf("network_admin", "school_leader") },
      schema: {
        tags: ["retention"],
        summary:
          "A school's retention schedule: when each programme year's pupil data is deleted, and the next deletion date",
        params: idParams,
        response: { 200: retentionScheduleSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const school = await schoolInScope(deps.db, actor, request.params.id);
      authorize(
        retentionPolicy.viewSchedule(actor, school),
        "Only the school's leaders see its retention schedule.",
      );
      const settings = await readRetentionSettings(deps.db);
      const { years, schoolHeld } = await scheduleYearsOfSchool(deps.db, school.id);
      const schedule = retentionSchedule(years, {
        today: today(deps.clock),
        pupilDataYears: settings.pupilDataYears,
        schoolHeld,
      });
      return {
        schoolId: school.id,
        pupilDataYears: settings.pupilDataYears,
        auditLogYears: settings.auditLogYears,
        schoolHeld,
        nextDeletionDate: schedule.nextDeletionDate,
        years: schedule.entries.map((e) => ({
          programmeYearId: e.programmeYearId,
          academicYear: e.academicYear,
          endsOn: e.endsOn,
          deletionDate: e.deletionDate,
          held: e.held,
          status: e.status,
        })),
      };
    },
  );

  r.get(
    "/api/records-of-processing",
    {
      config: { access: anyOf("network_admin") },
      schema: {
        tags: ["retention"],
        summary:
          "What personal data Cascade holds, by category: counts, purposes, lawful basis, retention and who can see it",
        response: { 200: recordsOfProcessingSchema },
      },
    },
    async (request): Promise<RecordsOfProcessing> => {
      const actor = actorOf(request);
      authorize(retentionPolicy.viewRecords(actor));
      const [counts, settings] = await Promise.all([
        processingCounts(deps.db),
        readRetentionSettings(deps.db),
      ]);
      const retentionText = (rule: string) =>
        rule === "pupil"
          ? `Deleted ${settings.pupilDataYears} year${settings.pupilDataYears === 1 ? "" : "s"} after the end of the programme year, unless a legal hold keeps it.`
          : rule === "audit"
            ? `Audit rows kept ${settings.auditLogYears} years, then pruned (the hash chain stays verifiable); sessions end when they expire.`
            : rule;
      await recordAudit(deps.db, deps.clock.now(), {
        action: "records_of_processing.read",
        actorUserId: actor.userId,
        ip: request.ip,
        details: { categories: records.categories.length },
      });
      return {
        controller: records.controller,
        categories: records.categories.map((c) => ({
          key: c.key,
          name: c.name,
          description: c.description,
          specialCategory: c.specialCategory,
          count: counts[c.key] ?? 0,
          countOf: c.countOf,
          purpose: c.purpose,
          lawfulBasis: c.lawfulBasis,
          retention: retentionText(c.retention),
          whoCanSee: c.whoCanSee,
        })),
      };
    },
  );
}
