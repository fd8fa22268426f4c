import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  eraseUserSchema,
  type StaffExport,
  staffExportSchema,
  userErasedSchema,
} from "../../../contracts/data-rights.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { recordAudit } from "../../audit/store.ts";
import { type Actor, type AppDeps, anyOf, SIGNED_IN } from "../../context.ts";
import { Conflict, ValidationProblem } from "../../errors.ts";
import { renderDocument } from "../../exports/html-document.ts";
import { actorOf } from "../../request-info.ts";
import { dataRightsPolicy } from "./policy.ts";
import { accountToErase, anonymiseUser, staffHoldings } from "./staff-store.ts";

/** Everything Cascade holds about the signed-in person; audited as an export. */
async function ownExport(
  deps: AppDeps,
  actor: Actor,
  format: "json" | "html",
): Promise<StaffExport> {
  authorize(dataRightsPolicy.exportOwnData(actor, { id: actor.userId }), "Only your own data.");
  const holdings = await staffHoldings(deps.db, actor.userId);
  const now = deps.clock.now();
  await recordAudit(deps.db, now, {
    action: "user.own_data_exported",
    actorUserId: actor.userId,
    targetType: "user",
    targetId: actor.userId,
    details: { format },
  });
  return { kind: "staff", generatedAt: now.toISOString(), ...holdings };
}

function staffDocument(data: StaffExport): string {
  const { authored } = data;
  return renderDocument({
    title: `Data held about ${data.user.name}`,
    intro: `Everything Cascade holds about you, as of ${data.generatedAt} (UTC). The same data comes as JSON for machines.`,
    sections: [
      { heading: "Account", rows: data.user },
      { heading: "Roles", rows: data.memberships, empty: "No roles." },
      { heading: "Sessions", rows: data.sessions, empty: "No sessions in force." },
      { heading: "Teams", rows: data.teams, empty: "Not on any team." },
      { heading: "Strategies", rows: authored.strategies, empty: "None created or owned." },
      { heading: "Strategy reviews", rows: authored.strategyReviews, empty: "None written." },
      { heading: "Actions", rows: authored.actions, empty: "None created or owned." },
      {
        heading: "Assessment values recorded",
        rows: { count: authored.observationsRecorded },
      },
      { heading: "What you did (audit entries)", rows: data.auditEntries, empty: "None." },
    ],
  });
}

export async function staffDataRightsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/me/data",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["data rights"],
        summary: "My data: my account, roles, sessions, what I did and wrote, as JSON (audited)",
        response: { 200: staffExportSchema },
      },
    },
    async (request, reply) => {
      const data = await ownExport(deps, actorOf(request), "json");
      reply.header("content-disposition", `attachment; filename="my-data.json"`);
      return data;
    },
  );

  r.get(
    "/api/me/data/document",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["data rights"],
        summary: "My data as a readable, printable HTML document (audited)",
        produces: ["text/html"],
      },
    },
    async (request, reply) => {
      const data = await ownExport(deps, actorOf(request), "html");
      return reply
        .header("content-type", "text/html; charset=utf-8")
        .header("content-disposition", `inline; filename="my-data.html"`)
        .send(staffDocument(data));
    },
  );

  r.post(
    "/api/users/:id/erase",
    {
      config: { access: anyOf("network_admin") },
      schema: {
        tags: ["data rights"],
        summary:
          "Erase a member of staff: name and email removed, account disabled, sessions ended; what they wrote stays, by a former member of staff",
        description: "Confirm by typing the account's email address.",
        params: z.strictObject({ id: z.uuid() }),
        body: eraseUserSchema,
        response: { 200: userErasedSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { id } = request.params;
      // Within the route's access only one's own account is refused, and that is a conflict, not a 403.
      if (!dataRightsPolicy.eraseUser(actor, { id }))
        throw new Conflict("You cannot erase your own account; ask another administrator.");
      const { sessionsEnded } = await auditedChange(
        deps,
        actor,
        async (trx, now) => {
          const user = await accountToErase(trx, id);
          if (
            user.email.toLocaleLowerCase("en-GB") !==
            request.body.confirmEmail.toLocaleLowerCase("en-GB")
          ) {
            throw new ValidationProblem(
              "The email typed is not this account's. Nothing was erased.",
              [{ field: "confirmEmail", message: "Type the account's email address as shown." }],
            );
          }
          return anonymiseUser(trx, user, now);
        },
        (result) => ({
          action: "user.erased",
          targetType: "user",
          targetId: id,
          details: { sessionsEnded: result.sessionsEnded },
        }),
      );
      return { erased: true as const, sessionsEnded };
    },
  );
}
