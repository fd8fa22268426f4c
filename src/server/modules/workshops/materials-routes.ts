import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { linkMaterialSchema, workshopSchema } from "../../../contracts/programme-year.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf, SIGNED_IN } from "../../context.ts";
import { NotFound, ValidationProblem } from "../../errors.ts";
import {
  ACCEPTED_MATERIALS,
  sniffMaterialType,
  UnsupportedMaterial,
} from "../../imports/sniff-type.ts";
import { readUpload } from "../../imports/upload.ts";
import { actorOf } from "../../request-info.ts";
import { workshopPolicy } from "./policy.ts";
import { insertMaterial, materialById, presentWorkshop, workshopInScope } from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });

/** A workshop's materials: links and files the lead attaches, and downloading a file. */
export async function materialRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const leads = anyOf("programme_lead");

  r.post(
    "/api/workshops/:id/materials",
    {
      config: { access: leads, acceptsMultipart: true },
      schema: {
        tags: ["workshops"],
        summary:
          "Attach a material: a link (JSON { title, url }) or a file up to 20 MB (multipart: file, title)",
        params: idParams,
        consumes: ["application/json", "multipart/form-data"],
        response: { 201: workshopSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const workshop = await workshopInScope(deps.db, actor, request.params.id);
      authorize(
        workshopPolicy.attachMaterial(actor, workshop),
        "Only the cluster's programme lead attaches materials.",
      );
      let values: {
        title: string;
        url: string | null;
        file_name: string | null;
        content_type: string | null;
        size_bytes: number | null;
        content: Buffer | null;
      };
      if (request.isMultipart()) {
        const upload = await readUpload(request);
        const type = sniffMaterialType(upload.file);
        if (!type) {
          throw new UnsupportedMaterial(
            `This file is not a document or image Cascade accepts. Attach ${ACCEPTED_MATERIALS}.`,
          );
        }
        const title =
          (upload.fields.title ?? upload.filename).trim().slice(0, 200) || upload.filename;
        values = {
          title,
          url: null,
          file_name: upload.filename.slice(0, 255),
          content_type: type.mime,
          size_bytes: upload.file.length,
          content: upload.file,
        };
      } else {
        const parsed = linkMaterialSchema.safeParse(request.body);
        if (!parsed.success) {
          throw new ValidationProblem(
            "A link needs a title and a web address.",
            parsed.error.issues.map((i) => ({
              field: i.path.join(".") || "body",
              message: i.message,
            })),
          );
        }
        values = {
          title: parsed.data.title,
          url: parsed.data.url,
          file_name: null,
          content_type: null,
          size_bytes: null,
          content: null,
        };
      }
      await auditedChange(
        deps,
        actor,
        (trx, now) =>
          insertMaterial(trx, {
            ...values,
            workshop_id: workshop.id,
            created_by: actor.userId,
            created_at: now,
          }),
        (material) => ({
          action: "workshop.material_added",
          targetType: "workshop_material",
          targetId: material.id,
          details: { bytes: values.size_bytes ?? 0 },
        }),
      );
      reply.code(201);
      return presentWorkshop(deps.db, actor, workshop);
    },
  );

  r.get(
    "/api/workshop-materials/:id/download",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["workshops"],
        summary: "Download a workshop's file",
        params: idParams,
        produces: ["application/octet-stream"],
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const material = await materialById(deps.db, request.params.id);
      if (!material || material.content === null) throw new NotFound("file");
      await workshopInScope(deps.db, actor, material.workshop_id);
      const name = (material.file_name ?? "material").replaceAll(/[^\w.\- ]+/g, "_");
      return reply
        .header("content-type", "application/octet-stream")
        .header("content-disposition", `attachment; filename="${name}"`)
        .header("x-content-type-options", "nosniff")
        .send(Buffer.from(material.content));
    },
  );
}
