import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import ical from "ical-generator";
import { z } from "zod";
import { isoDate } from "../../../contracts/dates.ts";
import { calendarEventSchema } from "../../../contracts/programme-year.ts";
import type { Role, ScopeType } from "../../../contracts/roles.ts";
import { academicYearOf, parseAcademicYear } from "../../../domain/academic-year.ts";
import { toLondon, upcoming } from "../../../domain/calendar.ts";
import { hashToken, newToken } from "../../access/sessions.ts";
import { recordAudit } from "../../audit/store.ts";
import { type Actor, type AppDeps, PUBLIC, SIGNED_IN } from "../../context.ts";
import { NotFound } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { appOrigin } from "../invitations/service.ts";
import { eventsFor } from "./events.ts";

export async function calendarRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** The academic year around today, a day either side, when no range is asked for. */
  const defaultRange = () => {
    const year = parseAcademicYear(academicYearOf(toLondon(deps.clock.now()).date));
    return year.ok
      ? { from: year.startsOn, to: year.endsOn }
      : { from: "2000-01-01", to: "2099-12-31" };
  };

  r.get(
    "/api/calendar",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["calendar"],
        summary:
          "My programme year: workshops, data collection points, visits and actions due (London dates)",
        querystring: z.strictObject({
          from: isoDate.optional(),
          to: isoDate.optional(),
          upcoming: z.coerce.number().int().min(1).max(50).optional(),
        }),
        response: {
          200: z.object({
            from: z.string(),
            to: z.string(),
            today: z.string(),
            events: z.array(calendarEventSchema),
          }),
        },
      },
    },
    async (request) => {
      const range = {
        ...defaultRange(),
        ...(request.query.from ? { from: request.query.from } : {}),
        ...(request.query.to ? { to: request.query.to } : {}),
      };
      const today = toLondon(deps.clock.now()).date;
      const events = await eventsFor(deps.db, actorOf(request), range);
      return {
        ...range,
        today,
        events: request.query.upcoming ? upcoming(events, today, request.query.upcoming) : events,
      };
    },
  );

  r.get(
    "/api/me/settings",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["calendar"],
        summary: "My reminder and calendar feed settings",
        response: { 200: z.object({ remindersEnabled: z.boolean(), calendarFeed: z.boolean() }) },
      },
    },
    async (request) => {
      const row = await deps.db
        .selectFrom("users")
        .select(["reminders_enabled", "calendar_token_hash"])
        .where("id", "=", actorOf(request).userId)
        .executeTakeFirstOrThrow();
      return {
        remindersEnabled: row.reminders_enabled,
        calendarFeed: row.calendar_token_hash !== null,
      };
    },
  );

  r.patch(
    "/api/me/settings",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["calendar"],
        summary: "Turn reminder emails on or off",
        body: z.strictObject({ remindersEnabled: z.boolean() }),
        response: { 200: z.object({ remindersEnabled: z.boolean(), calendarFeed: z.boolean() }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const row = await deps.db.transaction().execute(async (trx) => {
        const updated = await trx
          .updateTable("users")
          .set({ reminders_enabled: request.body.remindersEnabled })
          .where("id", "=", actor.userId)
          .returning(["reminders_enabled", "calendar_token_hash"])
          .executeTakeFirstOrThrow();
        await recordAudit(trx, now, {
          action: "settings.reminders",
          actorUserId: actor.userId,
          ip: request.ip,
          details: { enabled: request.body.remindersEnabled },
        });
        return updated;
      });
      return {
        remindersEnabled: row.reminders_enabled,
        calendarFeed: row.calendar_token_hash !== null,
      };
    },
  );

  r.post(
    "/api/me/calendar-feed",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["calendar"],
        summary:
          "Create (or reset) my secret calendar feed address: any earlier address stops working",
        response: { 201: z.object({ url: z.string() }) },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const token = newToken();
      await deps.db.transaction().execute(async (trx) => {
        await trx
          .updateTable("users")
          .set({ calendar_token_hash: hashToken(token) })
          .where("id", "=", actor.userId)
          .execute();
        await recordAudit(trx, now, {
          action: "calendar.feed_reset",
          actorUserId: actor.userId,
          ip: request.ip,
        });
      });
      reply.code(201);
      return { url: `${appOrigin(deps, request)}/api/calendar/feed/${token}.ics` };
    },
  );

  r.delete(
    "/api/me/calendar-feed",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["calendar"],
        summary:
          "Switch my calendar feed off: its address stops working, and no new one is made until I ask",
        response: { 200: z.object({ remindersEnabled: z.boolean(), calendarFeed: z.boolean() }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const row = await deps.db.transaction().execute(async (trx) => {
        const before = await trx
          .selectFrom("users")
          .select("calendar_token_hash")
          .where("id", "=", actor.userId)
          .executeTakeFirstOrThrow();
        const updated = await trx
          .updateTable("users")
          .set({ calendar_token_hash: null })
          .where("id", "=", actor.userId)
          .returning(["reminders_enabled", "calendar_token_hash"])
          .executeTakeFirstOrThrow();
        await recordAudit(trx, now, {
          action: "calendar.feed_off",
          actorUserId: actor.userId,
          ip: request.ip,
          details: { wasOn: before.calendar_token_hash !== null },
        });
        return updated;
      });
      return {
        remindersEnabled: row.reminders_enabled,
        calendarFeed: row.calendar_token_hash !== null,
      };
    },
  );

  r.get(
    "/api/calendar/feed/:file",
    {
      config: { access: PUBLIC },
      schema: {
        tags: ["calendar"],
        summary:
          "A person's programme calendar as iCalendar, at their secret address (for calendar apps to subscribe to)",
        params: z.strictObject({ file: z.string().regex(/^[A-Za-z0-9_-]{20,100}\.ics$/) }),
        produces: ["text/calendar"],
      },
    },
    async (request, reply) => {
      const token = request.params.file.replace(/\.ics$/, "");
      const user = await deps.db
        .selectFrom("users")
        .select(["id", "name", "email", "disabled_at"])
        .where("calendar_token_hash", "=", hashToken(token))
        .executeTakeFirst();
      if (!user || user.disabled_at !== null) throw new NotFound("calendar");
      const memberships = await deps.db
        .selectFrom("memberships")
        .select(["role", "scope_type", "scope_id"])
        .where("user_id", "=", user.id)
        .where("pending", "=", false)
        .execute();
      const actor: Actor = {
        userId: user.id,
        name: user.name,
        email: user.email,
        sessionId: "",
        memberships: memberships.map((m) => ({
          role: m.role as Role,
          scopeType: m.scope_type as ScopeType,
          scopeId: m.scope_id,
        })),
      };
      const events = await eventsFor(deps.db, actor, defaultRange());
      // Timed events go out in UTC, which every calendar app turns into local time; days stay days.
      const calendar = ical({
        name: "Cascade",
        prodId: { company: "Cascade", product: "programme-calendar", language: "EN" },
      });
      for (const e of events) {
        const base = { id: `${e.kind}-${e.id}@cascade`, summary: e.title, description: e.detail };
        if (e.startsAt && e.endsAt) {
          calendar.createEvent({ ...base, start: new Date(e.startsAt), end: new Date(e.endsAt) });
        } else {
          calendar.createEvent({ ...base, start: new Date(`${e.date}T00:00:00Z`), allDay: true });
        }
      }
      return reply
        .header("content-type", "text/calendar; charset=utf-8")
        .header("cache-control", "no-store")
        .send(calendar.toString());
    },
  );
}
