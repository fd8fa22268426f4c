import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { AccessRule } from "../context.ts";
import { Forbidden, Unauthenticated } from "../errors.ts";

export interface RouteInventoryEntry {
  method: string;
  url: string;
  access: AccessRule;
  /** Whether the route reads a request body (JSON or multipart). */
  takesBody: boolean;
}

export class MissingAccessRuleError extends Error {}

/**
 * Every API route must say who may call it. A route registered without an
 * access rule stops the app from starting, so none can slip through unguarded;
 * the inventory feeds the access tests.
 */
export const accessPlugin = fp(
  async (app: FastifyInstance, inventory: { routes: RouteInventoryEntry[] }) => {
    app.addHook("onRoute", (route) => {
      if (!route.url.startsWith("/api/")) return;
      const access = route.config?.access;
      if (!access) {
        throw new MissingAccessRuleError(
          `Route ${String(route.method)} ${route.url} has no access rule.`,
        );
      }
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        if (method === "HEAD") continue;
        const takesBody =
          Boolean((route.schema as { body?: unknown } | undefined)?.body) ||
          route.config?.acceptsMultipart === true;
        inventory.routes.push({ method, url: route.url, access, takesBody });
      }
    });

    app.addHook("onRequest", async (request) => {
      const access = request.routeOptions.config?.access;
      if (!access || access.kind === "public") return;
      if (!request.actor) throw new Unauthenticated();
      if (
        access.kind === "roles" &&
        !request.actor.memberships.some((m) => access.roles.includes(m.role))
      ) {
        throw new Forbidden();
      }
    });
  },
);
