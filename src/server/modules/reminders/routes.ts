import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { recordAudit } from "../audit/store.ts";
import { sendDueReminders } from "./service.ts";

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
          200: z.object({ workshops: z.number().int(), actions: z.number().int() }),
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
          "Mail Cascade kept instead of sending (no mail server), or failed to send; newest first",
        response: {
          200: z.object({
            mailConfigured: z.boolean(),
            items: z.array(
              z.object({
                id: z.uuid(),
                to: z.string(),
                subject: z.string(),
                body: z.string(),
                createdAt: z.string(),
                error: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async () => {
      const rows = await deps.db
        .selectFrom("outbox")
        .selectAll()
        .orderBy("created_at", "desc")
        .limit(200)
        .execute();
      return {
        mailConfigured: deps.mailer.configured,
        items: rows.map((r) => ({
          id: r.id,
          to: r.to_email,
          subject: r.subject,
          body: r.body,
          createdAt: r.created_at.toISOString(),
          error: r.error,
        })),
      };
    },
  );
}
