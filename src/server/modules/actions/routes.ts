import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  type Action,
  actionInputSchema,
  actionSchema,
  actionUpdateSchema,
} from "../../../contracts/programme-year.ts";
import { today } from "../../../domain/calendar.ts";
import { authorize } from "../../access/authorize.ts";
import { SCHOOL_STAFF } from "../../access/pupil-data.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { actionPolicy } from "./policy.ts";
import {
  actionInScope,
  checkLinks,
  insertAction,
  ownEnrolment,
  presentActions,
  updateAction,
} from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });

export async function actionRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const staff = anyOf(...SCHOOL_STAFF);

  r.get(
    "/api/enrolments/:id/actions",
    {
      config: { access: staff },
      schema: {
        tags: ["actions"],
        summary: "The team's actions, soonest due first, with what is overdue",
        params: idParams,
        response: { 200: z.object({ items: z.array(actionSchema) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const enrolment = await ownEnrolment(deps.db, actor, request.params.id);
      authorize(actionPolicy.list(actor, { schoolId: enrolment.school_id }));
      const where = { enrolmentId: enrolment.id };
      return { items: await presentActions(deps.db, actor, where, today(deps.clock)) };
    },
  );

  r.post(
    "/api/enrolments/:id/actions",
    {
      config: { access: staff },
      schema: {
        tags: ["actions"],
        summary: "Add an action for the team (e.g. from a workshop's follow-up)",
        params: idParams,
        body: actionInputSchema,
        response: { 201: actionSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const enrolment = await ownEnrolment(deps.db, actor, request.params.id);
      authorize(actionPolicy.add(actor, { schoolId: enrolment.school_id }));
      await checkLinks(deps.db, enrolment, request.body);
      const id = await auditedChange(
        deps,
        actor,
        (trx, now) => insertAction(trx, now, enrolment.id, actor.userId, request.body),
        (id) => ({ action: "action.created", targetType: "action", targetId: id }),
      );
      reply.code(201);
      const [action] = await presentActions(deps.db, actor, { ids: [id] }, today(deps.clock));
      return action as Action;
    },
  );

  r.patch(
    "/api/actions/:id",
    {
      config: { access: staff },
      schema: {
        tags: ["actions"],
        summary: "Update an action: leaders any of the team's, others those they own or created",
        params: idParams,
        body: actionUpdateSchema,
        response: { 200: actionSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const current = await actionInScope(deps.db, actor, request.params.id);
      authorize(
        actionPolicy.edit(actor, current.facts),
        "You can change the actions you own or created; leaders can change any.",
      );
      await checkLinks(deps.db, current.enrolment, request.body);
      const b = request.body;
      await auditedChange(
        deps,
        actor,
        (trx, now) => updateAction(trx, now, current.id, b),
        () => ({
          action: "action.updated",
          targetType: "action",
          targetId: current.id,
          details: { status: b.status ?? null },
        }),
      );
      const [action] = await presentActions(
        deps.db,
        actor,
        { ids: [current.id] },
        today(deps.clock),
      );
      return action as Action;
    },
  );
}
