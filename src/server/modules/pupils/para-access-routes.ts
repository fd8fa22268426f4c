import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  PARA_PUPIL_ACCESS,
  PARA_PUPIL_ACCESS_LABELS,
  type ParaAccess,
  paraAccessSchema,
  updateParaAccessSchema,
} from "../../../contracts/pupil-data.ts";
import type { ParaPupilAccess } from "../../../domain/pupil-visibility.ts";
import { authorize } from "../../access/authorize.ts";
import { SCHOOL_STAFF, schoolForPupilData } from "../../access/pupil-data.ts";
import { pupilViewAt } from "../../access/pupil-visibility.ts";
import { auditedChange } from "../../audit/change.ts";
import { type Actor, type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { pupilPolicy } from "./policy.ts";
import { setSchoolSetting } from "./store.ts";

const idParams = z.strictObject({ id: z.uuid() });

/** Who sees the flags: the school's setting for its para-professionals, read by its staff, set by its leaders. */
export async function paraAccessRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  async function present(
    actor: Actor,
    school: { id: string; para_pupil_access: string },
  ): Promise<ParaAccess> {
    const view = await pupilViewAt(deps.db, actor, school);
    return {
      setting: school.para_pupil_access as ParaPupilAccess,
      canChange: pupilPolicy.changeParaAccess(actor, school),
      options: PARA_PUPIL_ACCESS.map((setting) => ({
        setting,
        label: PARA_PUPIL_ACCESS_LABELS[setting],
      })),
      reader: view.sight,
    };
  }

  r.get(
    "/api/schools/:id/para-access",
    {
      config: { access: anyOf(...SCHOOL_STAFF) },
      schema: {
        tags: ["pupil data"],
        summary:
          "Which pupils and flags the school's para-professionals see, and what the reader sees",
        params: idParams,
        response: { 200: paraAccessSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "read");
      authorize(pupilPolicy.readParaAccess(actor, school));
      return present(actor, school);
    },
  );

  r.put(
    "/api/schools/:id/para-access",
    {
      config: { access: anyOf("school_leader") },
      schema: {
        tags: ["pupil data"],
        summary:
          "Widen (or narrow again) what the school's para-professionals see: the pupils they work with, or the whole school",
        params: idParams,
        body: updateParaAccessSchema,
        response: { 200: paraAccessSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const school = await schoolForPupilData(deps.db, actor, request.params.id, "manage");
      authorize(
        pupilPolicy.changeParaAccess(actor, school),
        "Only the school's leaders can do this.",
      );
      const setting = request.body.setting;
      if (setting !== school.para_pupil_access) {
        await auditedChange(
          deps,
          actor,
          (trx) => setSchoolSetting(trx, school.id, { para_pupil_access: setting }),
          () => ({
            action: "school.para_access_changed",
            targetType: "school",
            targetId: school.id,
            details: { from: school.para_pupil_access, to: setting },
          }),
        );
      }
      return present(actor, { id: school.id, para_pupil_access: setting });
    },
  );
}
