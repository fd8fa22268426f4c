import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  createProgrammeSchema,
  createProgrammeYearSchema,
  programmeSchema,
  programmeYearSchema,
} from "../../../contracts/network.ts";
import { parseAcademicYear } from "../../../domain/academic-year.ts";
import { findTemplate, PROGRAMME_TEMPLATES } from "../../../domain/programme-templates.ts";
import { recordAudit } from "../../audit/store.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { Conflict, NotFound, ValidationProblem } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import {
  insertProgramme,
  loadProgrammes,
  type ProgrammeDefinition,
  presentProgrammeYear,
  programmeYearQuery,
} from "./store.ts";

const templateSchema = z.object({
  key: z.string(),
  name: z.string(),
  description: z.string(),
  themes: z.array(z.object({ key: z.string(), name: z.string(), description: z.string() })),
  workshops: z.array(
    z.object({
      position: z.number(),
      month: z.number(),
      title: z.string(),
      focus: z.string(),
      themeKey: z.string().nullable(),
    }),
  ),
});

/** A key for a theme that a custom programme names only by its title. */
function themeKey(name: string, used: Set<string>): string {
  const base =
    name
      .toLowerCase()
      .replaceAll(/[^a-z0-9]+/g, "-")
      .replaceAll(/^-|-$/g, "") || "theme";
  let key = base;
  for (let n = 2; used.has(key); n++) key = `${base}-${n}`;
  used.add(key);
  return key;
}

export async function programmeRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const admin = anyOf("network_admin");

  r.get(
    "/api/programme-templates",
    {
      config: { access: admin },
      schema: {
        tags: ["programmes"],
        summary: "The built-in programme templates",
        response: { 200: z.object({ items: z.array(templateSchema) }) },
      },
    },
    async () => ({
      items: PROGRAMME_TEMPLATES.map((t) => ({
        ...t,
        themes: [...t.themes],
        workshops: [...t.workshops],
      })),
    }),
  );

  r.get(
    "/api/programmes",
    {
      config: { access: admin },
      schema: {
        tags: ["programmes"],
        summary: "Programmes, with their themes, workshop plans and years",
        response: { 200: z.object({ items: z.array(programmeSchema) }) },
      },
    },
    async () => ({ items: await loadProgrammes(deps.db) }),
  );

  r.post(
    "/api/programmes",
    {
      config: { access: admin },
      schema: {
        tags: ["programmes"],
        summary:
          "Create a programme from a built-in template ({ template }) or from a full definition",
        body: createProgrammeSchema,
        response: { 201: programmeSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      let def: ProgrammeDefinition;
      if ("template" in request.body) {
        const template = findTemplate(request.body.template);
        if (!template) {
          throw new ValidationProblem("No such template.", [
            {
              field: "template",
              message: `Choose one of: ${PROGRAMME_TEMPLATES.map((t) => t.key).join(", ")}.`,
            },
          ]);
        }
        def = {
          name: template.name,
          description: template.description,
          templateKey: template.key,
          themes: [...template.themes],
          workshops: [...template.workshops],
        };
      } else {
        const body = request.body;
        const used = new Set<string>();
        const themes = body.themes.map((t) => ({ ...t, key: themeKey(t.name, used) }));
        const badTheme = body.workshops.findIndex(
          (w) => w.themeIndex !== null && w.themeIndex >= themes.length,
        );
        if (badTheme >= 0) {
          throw new ValidationProblem("A workshop names a theme that is not in the list.", [
            {
              field: `workshops.${badTheme}.themeIndex`,
              message: `Themes are numbered 0 to ${themes.length - 1}.`,
            },
          ]);
        }
        def = {
          name: body.name,
          description: body.description,
          templateKey: null,
          themes,
          workshops: body.workshops.map((w, i) => ({
            position: i + 1,
            month: w.month,
            title: w.title,
            focus: w.focus,
            themeKey: w.themeIndex === null ? null : (themes[w.themeIndex]?.key ?? null),
          })),
        };
      }
      const id = await deps.db.transaction().execute(async (trx) => {
        const clash = await trx
          .selectFrom("programmes")
          .select("id")
          .where((eb) => eb(eb.fn("lower", ["name"]), "=", def.name.toLowerCase()))
          .executeTakeFirst();
        if (clash) {
          throw new Conflict(`A programme called ${def.name} already exists.`, {
            errors: [{ field: "name", message: "This programme already exists." }],
          });
        }
        const id = await insertProgramme(trx, def, now);
        await recordAudit(trx, now, {
          action: "programme.created",
          actorUserId: actor.userId,
          targetType: "programme",
          targetId: id,
          ip: request.ip,
        });
        return id;
      });
      const [programme] = await loadProgrammes(deps.db, [id]);
      if (!programme) throw new NotFound("programme");
      reply.code(201);
      return programme;
    },
  );

  r.get(
    "/api/programme-years",
    {
      config: { access: admin },
      schema: {
        tags: ["programmes"],
        summary: "Programme years, newest first",
        response: { 200: z.object({ items: z.array(programmeYearSchema) }) },
      },
    },
    async () => ({
      items: (
        await programmeYearQuery(deps.db)
          .orderBy("programme_years.academic_year", "desc")
          .orderBy("programmes.name")
          .execute()
      ).map(presentProgrammeYear),
    }),
  );

  r.post(
    "/api/programme-years",
    {
      config: { access: admin },
      schema: {
        tags: ["programmes"],
        summary: "Open a programme year (an academic year like 2026/27)",
        body: createProgrammeYearSchema,
        response: { 201: programmeYearSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const now = deps.clock.now();
      const year = parseAcademicYear(request.body.academicYear);
      if (!year.ok)
        throw new ValidationProblem(year.reason, [{ field: "academicYear", message: year.reason }]);
      const id = await deps.db.transaction().execute(async (trx) => {
        const programme = await trx
          .selectFrom("programmes")
          .select("id")
          .where("id", "=", request.body.programmeId)
          .executeTakeFirst();
        if (!programme)
          throw new ValidationProblem("No such programme.", [
            { field: "programmeId", message: "Choose an existing programme." },
          ]);
        const clash = await trx
          .selectFrom("programme_years")
          .select("id")
          .where("programme_id", "=", programme.id)
          .where("academic_year", "=", year.label)
          .executeTakeFirst();
        if (clash) {
          throw new Conflict(`${year.label} is already open for this programme.`, {
            errors: [{ field: "academicYear", message: "This year is already open." }],
          });
        }
        const row = await trx
          .insertInto("programme_years")
          .values({
            programme_id: programme.id,
            academic_year: year.label,
            starts_on: year.startsOn,
            ends_on: year.endsOn,
            created_at: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        await recordAudit(trx, now, {
          action: "programme_year.opened",
          actorUserId: actor.userId,
          targetType: "programme_year",
          targetId: row.id,
          ip: request.ip,
        });
        return row.id;
      });
      reply.code(201);
      return presentProgrammeYear(
        await programmeYearQuery(deps.db)
          .where("programme_years.id", "=", id)
          .executeTakeFirstOrThrow(),
      );
    },
  );
}
