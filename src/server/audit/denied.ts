import type { FastifyRequest } from "fastify";
import type { AppDeps } from "../context.ts";
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

/**
 * One audit row for a request refused as malformed (400) or of the wrong media
 * type (415): the route's pattern, the status and the names of the fields at
 * fault. Never the values: a bad field can hold a name or a password.
 */
export async function recordRefused(
  deps: Pick<AppDeps, "db" | "clock">,
  request: FastifyRequest,
  status: 400 | 415,
  fields: string[],
): Promise<void> {
  await recordAudit(deps.db, deps.clock.now(), {
    action: "request.refused",
    actorUserId: request.actor?.userId ?? null,
    targetType: "route",
    targetId: `${request.method} ${request.routeOptions.url ?? "(no route)"}`,
    ip: request.ip,
    details: { status, fields: fields.slice(0, 50).map((f) => f.slice(0, 100)) },
  });
}
