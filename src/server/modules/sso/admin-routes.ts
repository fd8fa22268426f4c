import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  type SsoProvider,
  ssoProviderBodySchema,
  ssoProviderListSchema,
  ssoProviderPatchSchema,
  ssoProviderSchema,
} from "../../../contracts/sso.ts";
import { authorize } from "../../access/authorize.ts";
import { auditedChange } from "../../audit/change.ts";
import { type AppDeps, anyOf } from "../../context.ts";
import { Conflict } from "../../errors.ts";
import { actorOf } from "../../request-info.ts";
import { sealClientSecret } from "./oidc-client.ts";
import { ssoPolicy } from "./policy.ts";
import { ssoRedirectUri } from "./sign-in-routes.ts";
import {
  insertProvider,
  issuerAndClientTaken,
  listProviders,
  loadProvider,
  type ProviderRow,
  updateProvider,
} from "./store.ts";

const clash = (issuer: string) =>
  new Conflict(`A provider with this issuer and client ID is already configured (${issuer}).`, {
    errors: [
      { field: "clientId", message: "This issuer already has a provider with this client ID." },
    ],
  });

/** What an administrator's change says in the audit log: what changed, never the secret. */
function changedFields(body: Record<string, unknown>): string[] {
  return Object.keys(body).filter((k) => body[k] !== undefined);
}

/** The network's single sign-on providers: the administrators' configuration. */
export async function ssoAdminRoutes(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const present = (row: ProviderRow, request: FastifyRequest): SsoProvider => ({
    id: row.id,
    displayName: row.display_name,
    issuer: row.issuer,
    clientId: row.client_id,
    clientSecret: "set",
    allowedDomains: row.allowed_domains,
    enabled: row.enabled,
    redirectUri: ssoRedirectUri(deps, request),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  });

  r.get(
    "/api/sso/providers",
    {
      config: { access: anyOf("network_admin") },
      schema: {
        tags: ["sso"],
        summary: "The configured single sign-on providers (client secrets are never returned)",
        response: { 200: ssoProviderListSchema },
      },
    },
    async (request) => {
      authorize(ssoPolicy.listProviders(actorOf(request)));
      const rows = await listProviders(deps.db);
      return {
        providers: rows.map((row) => present(row, request)),
        redirectUri: ssoRedirectUri(deps, request),
      };
    },
  );

  r.post(
    "/api/sso/providers",
    {
      config: { access: anyOf("network_admin") },
      schema: {
        tags: ["sso"],
        summary: "Add an OpenID Connect provider (the client secret is sealed at rest)",
        body: ssoProviderBodySchema,
        response: { 201: ssoProviderSchema },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      authorize(
        ssoPolicy.manageProviders(actor),
        "Only network administrators configure single sign-on.",
      );
      const body = request.body;
      const row = await auditedChange(
        deps,
        actor,
        async (trx, now) => {
          if (await issuerAndClientTaken(trx, body.issuer, body.clientId)) throw clash(body.issuer);
          const id = randomUUID();
          return insertProvider(
            trx,
            {
              id,
              displayName: body.displayName,
              issuer: body.issuer,
              clientId: body.clientId,
              clientSecretSealed: sealClientSecret(deps, id, body.clientSecret),
              allowedDomains: [...new Set(body.allowedDomains)],
              enabled: body.enabled ?? true,
            },
            now,
          );
        },
        (created) => ({
          action: "sso.provider_created",
          targetType: "sso_provider",
          targetId: created.id,
          details: { issuer: created.issuer, enabled: created.enabled },
        }),
      );
      reply.code(201);
      return present(row, request);
    },
  );

  r.patch(
    "/api/sso/providers/:providerId",
    {
      config: { access: anyOf("network_admin") },
      schema: {
        tags: ["sso"],
        summary:
          "Change a provider, or disable it (only the fields given change; no client secret keeps the stored one)",
        params: z.strictObject({ providerId: z.uuid() }),
        body: ssoProviderPatchSchema,
        response: { 200: ssoProviderSchema },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { providerId } = request.params;
      const body = request.body;
      const row = await auditedChange(
        deps,
        actor,
        async (trx, now) => {
          const current = await loadProvider(trx, providerId);
          authorize(
            ssoPolicy.manageProviders(actor),
            "Only network administrators configure single sign-on.",
          );
          const issuer = body.issuer ?? current.issuer;
          const clientId = body.clientId ?? current.client_id;
          if (
            (issuer !== current.issuer || clientId !== current.client_id) &&
            (await issuerAndClientTaken(trx, issuer, clientId, current.id))
          ) {
            throw clash(issuer);
          }
          return updateProvider(
            trx,
            current.id,
            {
              displayName: body.displayName,
              issuer: body.issuer,
              clientId: body.clientId,
              clientSecretSealed:
                body.clientSecret === undefined
                  ? undefined
                  : sealClientSecret(deps, current.id, body.clientSecret),
              allowedDomains: body.allowedDomains && [...new Set(body.allowedDomains)],
              enabled: body.enabled,
            },
            now,
          );
        },
        (updated) => ({
          action:
            body.enabled === false
              ? "sso.provider_disabled"
              : body.enabled === true
                ? "sso.provider_enabled"
                : "sso.provider_changed",
          targetType: "sso_provider",
          targetId: updated.id,
          details: { fields: changedFields(body) },
        }),
      );
      return present(row, request);
    },
  );
}
