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
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { NotFound, ValidationProblem } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { programmePolicy } from "./policy.ts";
import {
  createProgramme,
  listProgrammeYears,
  loadProgrammes,
  openProgrammeYear,
  type ProgrammeDefinition,
  programmeYearById,
} from "./store.ts";

const MANAGE = "Only network administrators manage programmes.";

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
    async (request) => {
      authorize(programmePolicy.manage(actorOf(request)), MANAGE);
      return {
        items: PROGRAMME_TEMPLATES.map((t) => ({
          ...t,
          themes: [...t.themes],
          workshops: [...t.workshops],
        })),
      };
    },
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
    async (request) => {
      authorize(programmePolicy.manage(actorOf(request)), MANAGE);
      return { items: await loadProgrammes(deps.db) };
    },
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
      authorize(programmePolicy.manage(actor), MANAGE);
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
      const id = await auditedChange(
        deps,
        actor,
        (trx, now) => createProgramme(trx, def, now),
        (id) => ({ action: "programme.created", targetType: "programme", targetId: id }),
      );
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
    async (request) => {
      authorize(programmePolicy.manage(actorOf(request)), MANAGE);
      return { items: await listProgrammeYears(deps.db) };
    },
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
      const year = parseAcademicYear(request.body.academicYear);
      if (!year.ok)
        throw new ValidationProblem(year.reason, [{ field: "academicYear", message: year.reason }]);
      authorize(programmePolicy.manage(actor), MANAGE);
      const id = await auditedChange(
        deps,
        actor,
        (trx, now) => openProgrammeYear(trx, now, request.body.programmeId, year),
        (id) => ({ action: "programme_year.opened", targetType: "programme_year", targetId: id }),
      );
      reply.code(201);
      return programmeYearById(deps.db, id);
    },
  );
}
