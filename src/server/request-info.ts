import type { FastifyRequest } from "fastify";
import type { Actor } from "./context.ts";
import { Unauthenticated } from "./errors.ts";

export function clientOf(request: FastifyRequest): { ip: string; userAgent: string | null } {
  return { ip: request.ip, userAgent: request.headers["user-agent"] ?? null };
}

/** The actor of a route whose access rule already demanded a session. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Unauthenticated();
  return request.actor;
}
