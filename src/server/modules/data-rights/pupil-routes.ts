import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  erasePupilSchema,
  NOT_HELD_FOR_PUPILS,
  type PupilExport,
  pupilErasedSchema,
  pupilExportSchema,
  pupilHistorySchema,
} from "../../../contracts/data-rights.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { recordAudit } from "../../audit/store.ts";
import { type Actor, type AppDeps, anyOf } from "../../context.ts";
import { erasePupils } from "../../data-protection/erase-pupil.ts";
import { ValidationProblem } from "../../errors.ts";
import { renderDocument } from "../../exports/html-document.ts";
import { actorOf } from "../../request-info.ts";
import { presentPupil, pupilInScope } from "../pupils/store.ts";
import { dataRightsPolicy } from "./policy.ts";
import { historyOfPupil, pupilHoldings, schoolOf } from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });
const leaders = anyOf("school_leader");

/** Lower case, single spaces: how a typed confirmation is compared with the name. */
const normalised = (s: string) => s.trim().replaceAll(/\s+/g, " ").toLocaleLowerCase("en-GB");

/** Everything Cascade holds about one pupil, for a leader of their school; audited as an export. */
async function pupilExport(
  deps: AppDeps,
  actor: Actor,
  pupilId: string,
  format: "json" | "html",
): Promise<PupilExport> {
  const row = await pupilInScope(deps.db, actor, pupilId);
  authorize(
    dataRightsPolicy.exportPupil(actor, row),
    "Only the pupil's school's leaders export everything held about a pupil.",
  );
  const [school, history, holdings] = await Promise.all([
    schoolOf(deps.db, row.school_id),
    historyOfPupil(deps.db, row.id),
    pupilHoldings(deps.db, row.id),
  ]);
  const now = deps.clock.now();
  await recordAudit(deps.db, now, {
    action: "pupil.subject_access_exported",
    actorUserId: actor.userId,
    targetType: "pupil",
    targetId: row.id,
    details: { format, schoolId: row.school_id },
  });
  return {
    kind: "pupil",
    generatedAt: now.toISOString(),
    school,
    pupil: presentPupil(row, row.disadvantage_rule),
    history,
    ...holdings,
    notHeld: [...NOT_HELD_FOR_PUPILS],
  };
}

function pupilDocument(data: PupilExport): string {
  const { pupil } = data;
  return renderDocument({
    title: `Data held about ${pupil.legalFirstName} ${pupil.lastName}`,
    intro: `Everything Cascade holds about this pupil of ${data.school.name}, as of ${data.generatedAt} (UTC). The same data comes as JSON for machines.`,
    sections: [
      { heading: "Record", rows: pupil },
      { heading: "Pseudonyms", rows: data.pseudonyms, empty: "No pseudonyms issued." },
      { heading: "Assessment values", rows: data.observations, empty: "No values recorded." },
      { heading: "History of changes", rows: data.history, empty: "No changes recorded." },
      { heading: "Target cohort", rows: data.cohortMembership, empty: "Never in a cohort." },
      { heading: "Strategies", rows: data.strategies, empty: "Not in any strategy." },
      { heading: "Imports", rows: data.imports, empty: "No import records." },
      { heading: "Audit entries", rows: data.auditEntries, empty: "No audit entries." },
      {
        heading: "Not held",
        rows: data.notHeld.map((what) => ({ what })),
      },
    ],
  });
}

export async function pupilDataRightsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/pupils/:id/history",
    {
      config: { access: leaders },
      schema: {
        tags: ["data rights"],
        summary: "A pupil's history of changes: field, old and new value, who and when",
        params: idParams,
        response: { 200: pupilHistorySchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const row = await pupilInScope(deps.db, actor, request.params.id);
      authorize(
        dataRightsPolicy.readHistory(actor, row),
        "Only the pupil's school's leaders see the history of changes.",
      );
      const items = await historyOfPupil(deps.db, row.id);
      await recordAudit(deps.db, deps.clock.now(), {
        action: "pupil.history_viewed",
        actorUserId: actor.userId,
        targetType: "pupil",
        targetId: row.id,
        details: { count: items.length },
      });
      return { items };
    },
  );

  r.get(
    "/api/pupils/:id/subject-access",
    {
      config: { access: leaders },
      schema: {
        tags: ["data rights"],
        summary: "Subject access: everything Cascade holds about a pupil, as JSON (audited)",
        params: idParams,
        response: { 200: pupilExportSchema },
      },
    },
    async (request, reply) => {
      const data = await pupilExport(deps, actorOf(request), request.params.id, "json");
      reply.header(
        "content-disposition",
        `attachment; filename="pupil-data-${data.pupil.id}.json"`,
      );
      return data;
    },
  );

  r.get(
    "/api/pupils/:id/subject-access/document",
    {
      config: { access: leaders },
      schema: {
        tags: ["data rights"],
        summary: "Subject access as a readable, printable HTML document (audited)",
        params: idParams,
        produces: ["text/html"],
      },
    },
    async (request, reply) => {
      const data = await pupilExport(deps, actorOf(request), request.params.id, "html");
      return reply
        .header("content-type", "text/html; charset=utf-8")
        .header("content-disposition", `inline; filename="pupil-data-${data.pupil.id}.html"`)
        .send(pupilDocument(data));
    },
  );

  r.post(
    "/api/pupils/:id/erase",
    {
      config: { access: leaders },
      schema: {
        tags: ["data rights"],
        summary:
          "Erase a pupil: record, values, cohort and strategy rows go; the pseudonym is retired; shared aggregates stay",
        description:
          "Confirm by typing the pupil's first name and surname. The audit keeps the event by id, never the name.",
        params: idParams,
        body: erasePupilSchema,
        response: { 200: pupilErasedSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const counts = await auditedChange(
        deps,
        actor,
        async (trx, now) => {
          const row = await pupilInScope(trx, actor, request.params.id);
          authorize(
            dataRightsPolicy.erasePupil(actor, row),
            "Only the pupil's school's leaders erase a pupil.",
          );
          const typed = normalised(request.body.confirmName);
          const names = [row.legal_first_name, row.preferred_first_name]
            .filter((n): n is string => Boolean(n))
            .map((first) => normalised(`${first} ${row.last_name}`));
          if (!names.includes(typed)) {
            throw new ValidationProblem("The name typed is not this pupil's. Nothing was erased.", [
              {
                field: "confirmName",
                message: "Type the pupil's first name and surname as shown.",
              },
            ]);
          }
          const erased = await erasePupils(trx, [row.id], now);
          return {
            schoolId: row.school_id,
            observations: erased.observations,
            cohortMemberships: erased.cohortMemberships,
            strategyParticipations: erased.strategyParticipations,
            historyRows: erased.historyRows,
            pseudonymsRetired: erased.pseudonymsRetired,
          };
        },
        ({ schoolId, ...counts }) => ({
          action: "pupil.erased",
          targetType: "pupil",
          targetId: request.params.id,
          details: { schoolId, ...counts },
        }),
      );
      const { schoolId: _school, ...result } = counts;
      return { erased: true as const, ...result };
    },
  );
}
