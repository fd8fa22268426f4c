import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { standingOf } from "../access/second-factor.ts";
import type { AppDeps } from "../context.ts";
import { SecondFactorEnrolmentRequired, SecondFactorRequired } from "../errors.ts";

/**
 * The second-factor gate, for every API route at once: a session whose person
 * must enrol (the network's policy) or must pass their factor (they have one,
 * this session has not used it) reaches only the routes marked
 * `beforeSecondFactor` (who am I, enrolment, the second step) and the public
 * ones (sign out among them). Everything else answers 403 with a problem type
 * the web app recognises.
 */
export const secondFactorPlugin = fp(async (app: FastifyInstance, deps: AppDeps) => {
  app.addHook("onRequest", async (request) => {
    const config = request.routeOptions.config;
    const actor = request.actor;
    if (!actor || !config?.access || config.access.kind === "public") return;
    if (config.beforeSecondFactor === true) return;
    const standing = await standingOf(deps.db, actor);
    if (standing === "enrolment-required") throw new SecondFactorEnrolmentRequired();
    if (standing === "second-factor-required") throw new SecondFactorRequired();
  });
});
