import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { securitySettingsBodySchema, securitySettingsSchema } from "../../../contracts/mfa.ts";
import { SECOND_FACTOR_ROLES } from "../../../domain/second-factor-policy.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { actorOf } from "../../request-info.ts";
import { mfaPolicy } from "./policy.ts";
import { secondFactorRequired, setSecondFactorRequired } from "./store.ts";

/** The network's second-factor policy: the administrators' setting. */
export async function securitySettingsRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const present = async () => ({
    secondFactorRequired: await secondFactorRequired(deps.db),
    coveredRoles: [...SECOND_FACTOR_ROLES],
  });

  r.get(
    "/api/security-settings",
    {
      config: { access: anyOf("network_admin") },
      schema: {
        tags: ["mfa"],
        summary: "The network's security settings: whether a second factor is required",
        response: { 200: securitySettingsSchema },
      },
    },
    async (request) => {
      authorize(mfaPolicy.viewSecuritySettings(actorOf(request)));
      return present();
    },
  );

  r.put(
    "/api/security-settings",
    {
      config: { access: anyOf("network_admin") },
      schema: {
        tags: ["mfa"],
        summary:
          "Require (or stop requiring) a second factor for the roles that can see named pupil data",
        body: securitySettingsBodySchema,
        response: { 200: securitySettingsSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      authorize(
        mfaPolicy.changeSecuritySettings(actor),
        "Only network administrators change the security settings.",
      );
      const required = request.body.secondFactorRequired;
      await auditedChange(
        deps,
        actor,
        (trx, now) => setSecondFactorRequired(trx, required, actor.userId, now),
        () => ({
          action: "security.second_factor_policy_changed",
          targetType: "security_settings",
          details: { secondFactorRequired: required },
        }),
      );
      return present();
    },
  );
}
