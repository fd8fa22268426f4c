import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { outboxSchema } from "../../../contracts/outbox.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { sendDueReminders } from "./service.ts";
import { newestOutbox, presentOutboxItem } from "./store.ts";

export async function outboxRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    "/api/outbox/send-due",
    {
      config: { access: anyOf("network_admin") },
      schema: {
        tags: ["reminders"],
        summary:
          "Send the reminders due now without waiting for the quarter-hourly run (each still goes once)",
        response: {
          200: z.object({
            workshops: z.number().int(),
            actions: z.number().int(),
            ppStatements: z.number().int(),
          }),
        },
      },
    },
    async (request) => {
      const now = deps.clock.now();
      const sent = await sendDueReminders(
        { db: deps.db, mailer: deps.mailer, publicUrl: deps.config.publicUrl },
        now,
      );
      await recordAudit(deps.db, now, {
        action: "reminders.sent_now",
        actorUserId: actorOf(request).userId,
        ip: request.ip,
        details: sent,
      });
      return sent;
    },
  );

  r.get(
    "/api/outbox",
    {
      config: { access: anyOf("network_admin") },
      schema: {
        tags: ["reminders"],
        summary:
          "Mail Cascade kept instead of sending (no mail server), or failed to send; newest first. " +
          "Addressee, kind, time and state for each; subject and body only of messages to you",
        response: { 200: outboxSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const rows = await newestOutbox(deps.db);
      const items = rows.map((row) => presentOutboxItem(row, actor));
      await recordAudit(deps.db, deps.clock.now(), {
        action: "outbox.read",
        actorUserId: actor.userId,
        ip: request.ip,
        details: {
          messages: items.length,
          messagesOpened: items.filter((i) => i.addressedToYou).length,
        },
      });
      return { mailConfigured: deps.mailer.configured, items };
    },
  );
}
