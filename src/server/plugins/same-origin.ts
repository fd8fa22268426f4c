import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { AppDeps } from "../context.ts";
import { Forbidden, HttpProblem } from "../errors.ts";
import { listeningPort, trustedOrigins } from "../origin.ts";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Cross-site request forgery guard: a state-changing request must come from the
 * app's own origin and carry JSON (or multipart, where a route takes files), so a
 * plain HTML form or a "simple" cross-origin request can never reach a handler.
 */
export const sameOriginPlugin = fp(async (app: FastifyInstance, deps: AppDeps) => {
  app.addHook("onRequest", async (request) => {
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith("/api/")) return;
    const origin = request.headers.origin;
    const trusted = trustedOrigins(deps.config, listeningPort(request, deps.config));
    if (!origin || !trusted.includes(origin.toLowerCase())) {
      throw new Forbidden(
        origin
          ? `Requests from ${origin} are not accepted; use the app at ${trusted[0]}.`
          : "This request must come from the app itself (its Origin header is missing).",
      );
    }
    const hasBody =
      request.headers["content-length"] !== undefined
        ? request.headers["content-length"] !== "0"
        : request.headers["transfer-encoding"] !== undefined;
    if (!hasBody) return;
    const type = (request.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
    const multipartOk = request.routeOptions.config?.acceptsMultipart === true;
    if (type !== "application/json" && !(multipartOk && type === "multipart/form-data")) {
      throw new HttpProblem(
        415,
        "Unsupported media type",
        multipartOk
          ? "Send this request as application/json or multipart/form-data."
          : "Send this request as application/json.",
      );
    }
  });
});
