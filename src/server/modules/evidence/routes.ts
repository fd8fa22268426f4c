import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  type EvidenceGroup,
  evidenceGroupSchema,
  evidenceQuerySchema,
} from "../../../contracts/strategies.ts";
import { authorize } from "../../access/authorize.ts";
import { type AppDeps, SIGNED_IN } from "../../context.ts";
import { NothingFound } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { evidencePolicy } from "./policy.ts";
import { everything, groupEvidence } from "./present.ts";
import { sharedResults, strandsAndThemes } from "./store.ts";

export async function evidenceRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/evidence",
    {
      config: { access: SIGNED_IN },
      schema: {
        tags: ["evidence"],
        summary:
          "What works across the network: shared results pooled by Toolkit strand and by theme (DerSimonian–Laird)",
        description:
          "With `strand` or `theme`, the top-level figures are that group's; otherwise every shared result pooled together.",
        querystring: evidenceQuerySchema,
        response: { 200: evidenceGroupSchema.extend({ groups: z.array(evidenceGroupSchema) }) },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      authorize(evidencePolicy.read(actor), "The network's evidence is for those signed in.");
      const rows = await sharedResults(deps.db);
      const { groups, wholes } = groupEvidence(actor, rows, await strandsAndThemes(deps.db));
      const { strand, theme } = request.query;
      if (strand || theme) {
        const wanted = (g: EvidenceGroup) =>
          strand ? g.kind === "strand" && g.key === strand : g.kind === "theme" && g.key === theme;
        const chosen = wholes.find(wanted);
        if (!chosen)
          throw new NothingFound(
            strand ? "shared results for this strand" : "shared results for this theme",
          );
        return { ...chosen, groups: groups.filter(wanted) };
      }
      return { ...everything(actor, rows, groups), groups };
    },
  );
}
