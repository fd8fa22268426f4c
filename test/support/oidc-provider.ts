import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type KoaContext } from "oidc-provider";

/*
 * A real OpenID Connect provider (oidc-provider) on 127.0.0.1, for the single
 * sign-on tests: one confidential client, PKCE required, an in-memory account
 * store whose claims each test sets, and an interaction that signs in whichever
 * account the test chose (no login form: `nextLogin` says who, and with which
 * `amr`). Consent is granted for the client's scopes at once.
 */

export interface TestAccount {
  email?: string;
  email_verified?: boolean;
  /** Microsoft Entra ID's "email domain owner verified", sent instead of email_verified. */
  xms_edov?: boolean;
  name?: string;
}

export interface LoopbackProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The accounts by subject; tests add and change them freely. */
  accounts: Map<string, TestAccount>;
  /** Who the next interaction signs in, and the amr it reports. */
  nextLogin: { subject: string; amr: string[] };
  close(): Promise<void>;
}

export async function startLoopbackProvider(options: {
  /** The app's callback, exactly as it will send it. */
  redirectUris: string[];
  port?: number;
}): Promise<LoopbackProvider> {
  const accounts = new Map<string, TestAccount>();
  const nextLogin = { subject: "", amr: ["pwd"] };
  const clientId = "cascade-test";
  const clientSecret = randomBytes(24).toString("base64url");

  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    pkce: { required: () => true },
    claims: {
      acr: null,
      amr: null,
      auth_time: null,
      iss: null,
      sid: null,
      // Like Microsoft Entra ID, the ID token carries amr without being asked.
      openid: ["sub", "amr", "auth_time"],
      email: ["email", "email_verified", "xms_edov"],
      profile: ["name"],
    },
    features: { devInteractions: { enabled: false } },
    cookies: { keys: [randomBytes(16).toString("hex")] },
    async findAccount(_ctx: unknown, sub: string) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { sub, ...accounts.get(sub) };
        },
      };
    },
    async loadExistingGrant(ctx: KoaContext) {
      const grantId =
        ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({
        accountId: ctx.oidc.session.accountId,
        clientId: ctx.oidc.client.clientId,
      });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
    // Every authorization asks for a fresh login, so each test's choice of account holds.
    interactions: {
      url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    ttl: {
      Session: 1,
      Interaction: 600,
      AuthorizationCode: 60,
      AccessToken: 600,
      IdToken: 600,
      Grant: 600,
    },
  });

  // The interaction: sign in the chosen account at once.
  provider.use(async (ctx, next) => {
    if (ctx.method === "GET" && ctx.path.startsWith("/interaction/")) {
      const details = await provider.interactionDetails(ctx.req, ctx.res);
      const result =
        details.prompt.name === "login"
          ? { login: { accountId: nextLogin.subject, amr: nextLogin.amr, remember: false } }
          : {};
      const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, {
        mergeWithLastSubmission: true,
      });
      ctx.redirect(returnTo);
      return;
    }
    await next();
  });

  server.on("request", provider.callback());

  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    nextLogin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
