import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { isoDate } from "../../../contracts/dates.ts";
import { calendarEventSchema } from "../../../contracts/programme-year.ts";
import { academicYearOf, parseAcademicYear } from "../../../domain/academic-year.ts";
import { today, upcoming } from "../../../domain/calendar.ts";
import { hashToken, newToken } from "../../access/sessions.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, PUBLIC, SIGNED_IN } from "../../context.ts";
import { NotFound } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { appOrigin } from "../invitations/service.ts";
import { eventsFor, icalendarOf } from "./events.ts";
import { clearFeedToken, feedOwner, setFeedToken, setReminders, settingsOfUser } from "./store.ts";

const settingsSchema = z.object({ remindersEnabled: z.boolean(), calendarFeed: z.boolean() });

export async function calendarRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  /** The academic year around today, a day either side, when no range is asked for. */
  const defaultRange = () => {
    const year = parseAcademicYear(academicYearOf(today(deps.clock)));
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
      const day = today(deps.clock);
      const events = await eventsFor(deps.db, actorOf(request), range);
      return {
        ...range,
        today: day,
        events: request.query.upcoming ? upcoming(events, day, request.query.upcoming) : events,
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
      const owner = await feedOwner(deps.db, hashToken(token));
      if (!owner) throw new NotFound("calendar");
      const events = await eventsFor(deps.db, owner, defaultRange());
      return reply
        .header("content-type", "text/calendar; charset=utf-8")
        .header("cache-control", "no-store")
        .send(icalendarOf(events));
    },
  );

  r.get(
    "/api/me/settings",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["calendar"],
        summary: "My reminder and calendar feed settings",
        response: { 200: settingsSchema },
      },
    },
    async (request) => settingsOfUser(deps.db, actorOf(request).userId),
  );

  r.patch(
    "/api/me/settings",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["calendar"],
        summary: "Turn reminder emails on or off",
        body: z.strictObject({ remindersEnabled: z.boolean() }),
        response: { 200: settingsSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const enabled = request.body.remindersEnabled;
      return auditedChange(
        deps,
        actor,
        (trx) => setReminders(trx, actor.userId, enabled),
        () => ({ action: "settings.reminders", details: { enabled } }),
      );
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
      const token = newToken();
      await auditedChange(
        deps,
        actor,
        (trx) => setFeedToken(trx, actor.userId, hashToken(token)),
        () => ({ action: "calendar.feed_reset" }),
      );
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
        response: { 200: settingsSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { settings } = await auditedChange(
        deps,
        actor,
        (trx) => clearFeedToken(trx, actor.userId),
        ({ wasOn }) => ({ action: "calendar.feed_off", details: { wasOn } }),
      );
      return settings;
    },
  );
}
