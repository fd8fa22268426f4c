import type { FastifyInstance } from "fastify";
import { TestClient } from "./client.ts";

/*
 * Drives a single sign-on as a browser would: the app through inject, the
 * loopback provider through fetch, each side with its own cookies, following
 * redirects by hand so a test can stop at any step (and tamper with it).
 */

export const SSO_COOKIE = "cascade_sso";

/** A cookie jar for the provider's origin. */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair = ""] = line.split(";");
      const eq = pair.indexOf("=");
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === "" || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

export interface StartedSso {
  /** The app's cookie binding this sign-in to the browser. */
  binding: string;
  /** Where the app sent the browser: the provider's authorization endpoint. */
  authorizationUrl: URL;
}

/** GET …/start: the redirect to the provider and the binding cookie. */
export async function startSso(
  app: FastifyInstance,
  providerId: string,
  invitation?: string,
): Promise<StartedSso> {
  const query = invitation ? `?invitation=${encodeURIComponent(invitation)}` : "";
  const response = await app.inject({
    method: "GET",
    url: `/api/auth/sso/${providerId}/start${query}`,
    remoteAddress: "203.0.113.10",
  });
  if (response.statusCode !== 303) {
    throw new Error(`start answered ${response.statusCode}: ${response.body}`);
  }
  const binding = response.cookies.find((c) => c.name === SSO_COOKIE)?.value;
  if (!binding) throw new Error(`start set no ${SSO_COOKIE} cookie`);
  return { binding, authorizationUrl: new URL(String(response.headers.location)) };
}

/** Follows the provider's redirects (login interaction, consent) until it sends the browser back. */
export async function throughProvider(authorizationUrl: URL, redirectUri: string): Promise<URL> {
  const jar = new Jar();
  let url = authorizationUrl;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, { redirect: "manual", headers: { cookie: jar.header() } });
    jar.take(response);
    const location = response.headers.get("location");
    if (!location) {
      throw new Error(
        `the provider stopped at ${url} with ${response.status}: ${await response.text()}`,
      );
    }
    const next = new URL(location, url);
    if (next.href.startsWith(redirectUri)) return next;
    url = next;
  }
  throw new Error("the provider redirected too many times");
}

/** GET the app's callback with the provider's answer; the client keeps the session it gets. */
export async function callback(app: FastifyInstance, answer: URL, binding: string | undefined) {
  const client = new TestClient(app);
  const response = await client.request(
    "GET",
    `${answer.pathname}${answer.search}`,
    undefined,
    binding ? { cookie: `${SSO_COOKIE}=${binding}` } : {},
  );
  return { response, client };
}

/** The whole sign-in: start, the provider, the callback. */
export async function signInBySso(
  app: FastifyInstance,
  providerId: string,
  redirectUri: string,
  invitation?: string,
) {
  const started = await startSso(app, providerId, invitation);
  const answer = await throughProvider(started.authorizationUrl, redirectUri);
  return { ...(await callback(app, answer, started.binding)), answer, started };
}
