import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  caseStudySchema,
  evaluationChoiceSchema,
  namesFoundSchema,
  TEXT_FIELD_LABELS,
  TEXT_FIELDS,
  updateCaseStudySchema,
} from "../../../contracts/case-studies.ts";
import { scanForNames } from "../../../domain/name-scan.ts";
import type { AppDeps } from "../../context.ts";
import { Conflict, NamesInText } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { strategyInScope } from "../strategies/store.ts";
import { caseStudyParts, idParams, LEADERS, WRITE_REFUSED } from "./route-parts.ts";
import { filterColumns, insertEvent, pupilsForScan, updateCaseStudy } from "./store.ts";

/** Case studies, the school's side: edit the words, draft the facts again, submit for review. */
export async function caseStudyEditingRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { factsFor, change } = caseStudyParts(deps);

  r.patch(
    "/api/case-studies/:id",
    {
      config: { access: LEADERS },
      schema: {
        tags: ["case-studies"],
        summary: "Edit the team's words (Markdown), the title or whether the school is named",
        params: idParams,
        body: updateCaseStudySchema,
        response: { 200: caseStudySchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const b = request.body;
      return change(request, actor, "edit", WRITE_REFUSED, async (trx, now, row) => ({
        row: await updateCaseStudy(trx, now, row.id, {
          ...(b.title !== undefined ? { title: b.title } : {}),
          ...(b.learned !== undefined ? { learned: b.learned } : {}),
          ...(b.differently !== undefined ? { differently: b.differently } : {}),
          ...(b.advice !== undefined ? { advice: b.advice } : {}),
          ...(b.quote !== undefined ? { quote: b.quote } : {}),
          ...(b.showSchoolName !== undefined ? { show_school_name: b.showSchoolName } : {}),
        }),
        action: "case_study.updated",
        details: { fields: Object.keys(b).join(",") },
      }));
    },
  );

  r.post(
    "/api/case-studies/:id/refresh",
    {
      config: { access: LEADERS },
      schema: {
        tags: ["case-studies"],
        summary: "Draft the facts again from the strategy's record, on the evaluation chosen",
        params: idParams,
        body: evaluationChoiceSchema,
        response: { 200: caseStudySchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return change(request, actor, "edit", WRITE_REFUSED, async (trx, now, row) => {
        if (!row.strategy_id) throw new Conflict("The strategy this case study came from is gone.");
        const strategy = await strategyInScope(trx, actor, row.strategy_id);
        const facts = await factsFor(trx, strategy, request.body);
        return {
          row: await updateCaseStudy(trx, now, row.id, filterColumns(strategy, facts)),
          action: "case_study.facts_refreshed",
        };
      });
    },
  );

  r.post(
    "/api/case-studies/:id/submit",
    {
      config: { access: LEADERS },
      schema: {
        tags: ["case-studies"],
        summary:
          "Submit for review. The title and free text are scanned for the school's pupils' names and UPNs first: 422 with the words to remove, nothing changed",
        params: idParams,
        response: { 200: caseStudySchema, 422: namesFoundSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return change(request, actor, "submit", WRITE_REFUSED, async (trx, now, row) => {
        const pupils = await pupilsForScan(trx, row.school_id);
        const found = (["title", ...TEXT_FIELDS] as const).flatMap((field) => {
          const words = scanForNames(row[field], pupils).map((h) => h.text);
          return words.length
            ? [
                {
                  field,
                  words,
                  message: `${TEXT_FIELD_LABELS[field]}: remove these words: ${words.join(", ")}.`,
                },
              ]
            : [];
        });
        if (found.length > 0)
          throw new NamesInText(
            "The case study names a pupil of the school. Remove these words, then submit again.",
            found,
          );
        const updated = await updateCaseStudy(trx, now, row.id, {
          status: "submitted",
          submitted_at: now,
        });
        await insertEvent(trx, now, {
          caseStudyId: row.id,
          kind: "submitted",
          authorId: actor.userId,
        });
        return { row: updated, action: "case_study.submitted" };
      });
    },
  );
}
