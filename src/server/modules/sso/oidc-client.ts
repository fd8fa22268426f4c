import * as client from "openid-client";
import { emailVerifiedClaim } from "../../../domain/single-sign-on.ts";
import type { AppDeps } from "../../context.ts";
import { isLoopbackHost } from "../../origin.ts";
import { open, seal } from "../../secrets/keyring.ts";
import type { ProviderRow } from "./store.ts";

/*
 * The relying party's side of OpenID Connect, with openid-client: discovery
 * (cached per provider version), the authorization URL with state, nonce and
 * PKCE (S256), and the code exchange with its checks (issuer, audience,
 * signature, nonce, state, PKCE) done by the library.
 */

/** The scopes asked for: who (sub), the email and whether it is verified, and a name. */
export const SSO_SCOPES = "openid email profile";

const secretContext = (providerId: string) => `sso-client-secret:${providerId}`;

export function sealClientSecret(
  deps: Pick<AppDeps, "secrets">,
  providerId: string,
  secret: string,
) {
  return seal(deps.secrets, secret, secretContext(providerId));
}

export function openClientSecret(deps: Pick<AppDeps, "secrets">, provider: ProviderRow): string {
  return open(deps.secrets, provider.client_secret_sealed, secretContext(provider.id));
}

/** Plain http is allowed only to a provider on this computer (the test suite's). */
function insecureAllowed(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === "http:" && isLoopbackHost(url.hostname);
}

const cache = new Map<string, { at: number; config: client.Configuration }>();
const CACHE_MS = 10 * 60 * 1000;

/** The provider's discovered configuration with this client's credentials. */
export async function providerConfiguration(
  deps: Pick<AppDeps, "secrets">,
  provider: ProviderRow,
): Promise<client.Configuration> {
  const key = `${provider.id}:${provider.updated_at.getTime()}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.config;
  const config = await client.discovery(
    new URL(provider.issuer),
    provider.client_id,
    undefined,
    client.ClientSecretBasic(openClientSecret(deps, provider)),
    {
      execute: insecureAllowed(provider.issuer) ? [client.allowInsecureRequests] : [],
      timeout: 10,
    },
  );
  for (const k of cache.keys()) if (k.startsWith(`${provider.id}:`)) cache.delete(k);
  cache.set(key, { at: Date.now(), config });
  return config;
}

export interface SsoStart {
  state: string;
  nonce: string;
  codeVerifier: string;
  url: URL;
}

export async function authorizationRequest(
  config: client.Configuration,
  redirectUri: string,
): Promise<SsoStart> {
  const state = client.randomState();
  const nonce = client.randomNonce();
  const codeVerifier = client.randomPKCECodeVerifier();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope: SSO_SCOPES,
    response_type: "code",
    state,
    nonce,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  });
  return { state, nonce, codeVerifier, url };
}

/** What the callback needs from the provider's answer. */
export interface VerifiedClaims {
  subject: string;
  email: string | undefined;
  emailVerified: unknown;
  amr: unknown;
  name: string | undefined;
}

/**
 * Exchanges the code (with the PKCE verifier) and reads the claims: the ID
 * token's, with the email and its verification from user info when the ID
 * token leaves them out. Throws when the provider refuses (a code used twice,
 * a wrong verifier) or anything fails the library's checks.
 */
export async function exchangeCode(
  config: client.Configuration,
  callbackUrl: URL,
  login: { state: string; nonce: string; codeVerifier: string; redirectUri: string },
): Promise<VerifiedClaims> {
  const tokens = await client.authorizationCodeGrant(
    config,
    callbackUrl,
    {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    },
    { redirect_uri: login.redirectUri },
  );
  const idToken = tokens.claims();
  if (!idToken) throw new Error("no ID token");
  let email = typeof idToken.email === "string" ? idToken.email : undefined;
  let emailVerified: unknown = emailVerifiedClaim(idToken);
  let name = typeof idToken.name === "string" ? idToken.name : undefined;
  if (email === undefined || emailVerified === undefined) {
    const info = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
    email = typeof info.email === "string" ? info.email : email;
    emailVerified = emailVerifiedClaim(info) ?? emailVerified;
    name = name ?? (typeof info.name === "string" ? info.name : undefined);
  }
  return { subject: idToken.sub, email, emailVerified, amr: idToken.amr, name };
}
