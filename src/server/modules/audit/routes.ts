import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  accessHistoryQuerySchema,
  accessHistorySchema,
  auditPageSchema,
  auditQuerySchema,
  chainCheckSchema,
} from "../../../contracts/audit.ts";
import { authorize } from "../../access/authorize.ts";
import { schoolForPupilData } from "../../access/pupil-data.ts";
import { describeChainCheck, verifyAuditChain } from "../../audit/chain.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { auditPolicy } from "./policy.ts";
import { accessHistoryOfSchool, listAuditEvents } from "./store.ts";

const schoolParams = z.strictObject({ id: z.uuid() });

/** Reading the audit log: the network's administrators, and each school's leaders for their own pupils. */
export async function auditRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/audit",
    {
      config: { access: anyOf("network_admin") },
      schema: {
        tags: ["audit"],
        summary: "The audit log, newest first, filtered by person, action, school and dates",
        querystring: auditQuerySchema,
        response: { 200: auditPageSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      authorize(auditPolicy.readLog(actor), "Only network administrators read the audit log.");
      const { offset, limit, ...filters } = request.query;
      const page = await listAuditEvents(deps.db, { ...filters, offset, limit });
      // Reading the log is itself recorded, with the filters (ids and dates only).
      await recordAudit(deps.db, deps.clock.now(), {
        action: "audit.read",
        actorUserId: actor.userId,
        targetType: "audit_log",
        ip: request.ip,
        details: {
          returned: page.items.length,
          offset,
          actorId: filters.actorId ?? null,
          filterAction: filters.action ?? null,
          schoolId: filters.schoolId ?? null,
          from: filters.from ?? null,
          to: filters.to ?? null,
        },
      });
      return page;
    },
  );

  r.get(
    "/api/audit/chain",
    {
      config: { access: anyOf("network_admin") },
      schema: {
        tags: ["audit"],
        summary: "Check the audit chain from its start and report the first broken link",
        response: { 200: chainCheckSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      authorize(
        auditPolicy.checkChain(actor),
        "Only network administrators check the audit chain.",
      );
      const check = await verifyAuditChain(deps.db);
      await recordAudit(deps.db, deps.clock.now(), {
        action: "audit.chain_checked",
        actorUserId: actor.userId,
        targetType: "audit_log",
        ip: request.ip,
        details: { ok: check.ok, checked: check.checked, brokenAt: check.firstBroken?.seq ?? null },
      });
      return { ...check, summary: describeChainCheck(check) };
    },
  );

  r.get(
    "/api/schools/:id/access-history",
    {
      config: { access: anyOf("school_leader") },
      schema: {
        tags: ["audit"],
        summary: "Who read or changed the school's pupil data, and when (the school's leaders)",
        params: schoolParams,
        querystring: accessHistoryQuerySchema,
        response: { 200: accessHistorySchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "read");
      authorize(
        auditPolicy.readAccessHistory(actor, school),
        "Only the school's leaders can do this.",
      );
      const history = await accessHistoryOfSchool(deps.db, school.id, request.query);
      await recordAudit(deps.db, deps.clock.now(), {
        action: "school.access_history_read",
        actorUserId: actor.userId,
        targetType: "school",
        targetId: school.id,
        ip: request.ip,
        details: { returned: history.items.length, offset: request.query.offset },
      });
      return history;
    },
  );
}
