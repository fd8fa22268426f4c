import { randomUUID } from "node:crypto";
import { sealClientSecret } from "../../src/server/modules/sso/oidc-client.ts";
import { insertProvider } from "../../src/server/modules/sso/store.ts";
import type { AccessWorld } from "../support/world.ts";
import type { RouteCase } from "./route-cases.ts";

/*
 * Single sign-on. The start is called for a provider that does not exist and
 * the callback with no state, so both redirect to the sign-in page with an
 * error whoever calls them (the real flows are in
 * src/server/modules/sso/sso.test.ts, against a provider on loopback).
 */

/** A fresh provider row (never contacted), for the administrators' change route. */
async function freshProvider(world: AccessWorld): Promise<string> {
  const id = randomUUID();
  await insertProvider(
    world.t.deps.db,
    {
      id,
      displayName: "Access-matrix provider",
      issuer: `https://idp-${id}.example`,
      clientId: "access-matrix",
      clientSecretSealed: sealClientSecret(world.t.deps, id, "access-matrix secret"),
      allowedDomains: ["school.test"],
      enabled: false,
    },
    world.t.clock.now(),
  );
  return id;
}

export const ssoCases: Record<string, RouteCase> = {
  "GET /api/auth/sso/providers": async () => ({ url: "/api/auth/sso/providers" }),
  "GET /api/auth/sso/:providerId/start": async () => ({
    url: `/api/auth/sso/${randomUUID()}/start`,
  }),
  "GET /api/auth/sso/callback": async () => ({ url: "/api/auth/sso/callback" }),
  "GET /api/sso/providers": async () => ({ url: "/api/sso/providers" }),
  "POST /api/sso/providers": async () => ({
    url: "/api/sso/providers",
    body: {
      displayName: "Access-matrix provider",
      issuer: `https://idp-${randomUUID()}.example`,
      clientId: "access-matrix",
      clientSecret: "access-matrix secret",
      allowedDomains: ["school.test"],
      enabled: false,
    },
  }),
  "PATCH /api/sso/providers/:providerId": async (world) => ({
    url: `/api/sso/providers/${await freshProvider(world)}`,
    body: { displayName: "Renamed by the access matrix" },
  }),
};
