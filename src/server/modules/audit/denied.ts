import type { FastifyRequest } from "fastify";
import type { AppDeps } from "../../context.ts";
import { recordAudit } from "./store.ts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One audit row for a refused request (403, or 404 for something outside the
 * caller's scope or absent: the two look the same to the caller, not to the log).
 * It keeps the route's pattern and the ids in its path, never the query string
 * or other path values, which can hold search terms or feed secrets.
 */
export async function recordDenied(
  deps: Pick<AppDeps, "db" | "clock">,
  request: FastifyRequest,
  status: 403 | 404,
): Promise<void> {
  const params = (request.params ?? {}) as Record<string, unknown>;
  const ids = Object.fromEntries(
    Object.entries(params).filter(
      (entry): entry is [string, string] => typeof entry[1] === "string" && UUID.test(entry[1]),
    ),
  );
  await recordAudit(deps.db, deps.clock.now(), {
    action: "access.denied",
    actorUserId: request.actor?.userId ?? null,
    targetType: "route",
    targetId: `${request.method} ${request.routeOptions.url ?? ""}`,
    ip: request.ip,
    details: { status, ...ids },
  });
}
