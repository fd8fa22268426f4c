import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  confirmEefStrandSchema,
  eefStrandSchema,
  updateEefStrandSchema,
} from "../../../contracts/strategies.ts";
import { today } from "../../../domain/calendar.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf, SIGNED_IN } from "../../context.ts";
import { Conflict, NotFound, ValidationProblem } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { eefStrandPolicy } from "./policy.ts";
import { allStrands, confirmStrand, correctStrand, presentStrand, strandById } from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });

/**
 * The EEF Toolkit strands: read by everyone signed in; corrected and confirmed
 * against the live Toolkit by a network administrator, each change audited.
 */
export async function eefStrandRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/eef-strands",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["evidence"],
        summary:
          "The EEF Teaching and Learning Toolkit strands, with their headline figures, source and status",
        response: { 200: z.object({ items: z.array(eefStrandSchema) }) },
      },
    },
    async () => {
      return { items: (await allStrands(deps.db)).map(presentStrand) };
    },
  );

  r.patch(
    "/api/eef-strands/:id",
    {
      config: { access: anyOf("network_admin") },
      schema: {
        tags: ["evidence"],
        summary: "Correct a strand's headline figures (with the date they were read)",
        params: idParams,
        body: updateEefStrandSchema,
        response: { 200: eefStrandSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const body = request.body;
      if (body.takenOn !== undefined && body.takenOn > today(deps.clock))
        throw new ValidationProblem("The date read cannot be in the future.", [
          { field: "takenOn", message: "Give the day the figures were read: today or earlier." },
        ]);
      const current = await strandById(deps.db, request.params.id);
      if (!current) throw new NotFound("strand");
      authorize(eefStrandPolicy.correct(actor));
      const evidence = body.evidence ?? current.evidence;
      const months = body.months !== undefined ? body.months : current.months;
      if (evidence === 0 && months !== null)
        throw new ValidationProblem("A strand with insufficient evidence has no months figure.", [
          {
            field: body.months !== undefined ? "months" : "evidence",
            message:
              "The EEF gives no months figure with 0 padlocks: leave months empty or raise the padlocks.",
          },
        ]);
      const takenOn = body.takenOn ?? today(deps.clock);
      await auditedChange(
        deps,
        actor,
        (trx, now) => correctStrand(trx, now, current.id, actor.userId, body, takenOn),
        () => ({ action: "eef_strand.updated", targetType: "eef_strand", targetId: current.id }),
      );
      const row = await strandById(deps.db, current.id);
      if (!row) throw new NotFound("strand");
      return presentStrand(row);
    },
  );

  r.post(
    "/api/eef-strands/:id/confirm",
    {
      config: { access: anyOf("network_admin") },
      schema: {
        tags: ["evidence"],
        summary:
          "Record that the strand's figures were checked against the live Toolkit (who and when)",
        params: idParams,
        body: confirmEefStrandSchema,
        response: { 200: eefStrandSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const checkedOn = request.body.checkedOn ?? today(deps.clock);
      if (checkedOn > today(deps.clock))
        throw new ValidationProblem("The day of the check cannot be in the future.", [
          {
            field: "checkedOn",
            message: "Give the day the live Toolkit was read: today or earlier.",
          },
        ]);
      const current = await strandById(deps.db, request.params.id);
      if (!current) throw new NotFound("strand");
      authorize(eefStrandPolicy.confirm(actor));
      if (current.status === "retired")
        throw new Conflict(
          `${current.name} is no longer a strand of the Toolkit: there are no live figures to check it against.`,
        );
      await auditedChange(
        deps,
        actor,
        (trx, now) =>
          confirmStrand(trx, now, current.id, actor.userId, checkedOn, request.body.note),
        () => ({
          action: "eef_strand.confirmed",
          targetType: "eef_strand",
          targetId: current.id,
          details: { checkedOn },
        }),
      );
      const row = await strandById(deps.db, current.id);
      if (!row) throw new NotFound("strand");
      return presentStrand(row);
    },
  );
}
