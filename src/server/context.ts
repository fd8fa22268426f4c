import type { Kysely } from "kysely";
import type { Config } from "../config.ts";
import type { Role, ScopeType } from "../contracts/roles.ts";
import type { Engine } from "../db/database.ts";
import type { DB } from "../db/schema.ts";
import type { Mailer } from "./mail/mailer.ts";
import type { Keyring } from "./secrets/keyring.ts";

export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** What the app is built from: one place to swap the database, mail and time in tests. */
export interface AppDeps {
  db: Kysely<DB>;
  engine: Engine;
  config: Config;
  mailer: Mailer;
  clock: Clock;
  version: string;
  /** The keys that seal stored secrets (server/secrets/). */
  secrets: Keyring;
}

export interface ActorMembership {
  role: Role;
  scopeType: ScopeType;
  scopeId: string | null;
}

/** The signed-in person making a request, as the server knows them from the session. */
export interface Actor {
  userId: string;
  name: string;
  email: string;
  sessionId: string;
  memberships: ActorMembership[];
}

/**
 * Who may call a route, declared on every route. `roles` lets in anyone holding
 * at least one of the roles over some scope; whether the particular resource is
 * in that scope is the feature's policy to decide (404 when it is not).
 */
export type AccessRule =
  | { kind: "public" }
  | { kind: "signed-in" }
  | { kind: "roles"; roles: readonly Role[] };

export const PUBLIC: AccessRule = { kind: "public" };
export const SIGNED_IN: AccessRule = { kind: "signed-in" };
export const anyOf = (...roles: Role[]): AccessRule => ({ kind: "roles", roles });

declare module "fastify" {
  interface FastifyContextConfig {
    access?: AccessRule;
    /** Content types a state-changing route accepts besides JSON (e.g. multipart). */
    acceptsMultipart?: boolean;
    /**
     * Reachable by a session that still has to enrol or pass its second factor
     * (plugins/second-factor.ts): who am I, enrolment and the second step only.
     */
    beforeSecondFactor?: boolean;
  }
  interface FastifyRequest {
    actor: Actor | null;
  }
}
