import type { RouteCase } from "./route-cases.ts";

/*
 * Passkeys. The answers carry no challenge the server issued, so every one is
 * refused after the access rule (the ceremonies themselves are in
 * src/server/modules/passkeys/passkeys.test.ts); the options routes only start
 * a challenge, which changes nothing the actor holds.
 */
const answer = {
  id: "AAAA",
  rawId: "AAAA",
  type: "public-key",
  response: { clientDataJSON: "AAAA", authenticatorData: "AAAA", signature: "AAAA" },
  clientExtensionResults: {},
};

export const passkeyCases: Record<string, RouteCase> = {
  "POST /api/auth/passkey/options": async () => ({ url: "/api/auth/passkey/options" }),
  "POST /api/auth/passkey": async () => ({
    url: "/api/auth/passkey",
    body: { response: answer },
  }),
  "POST /api/auth/login/passkey/options": async () => ({ url: "/api/auth/login/passkey/options" }),
  "POST /api/auth/login/passkey": async () => ({
    url: "/api/auth/login/passkey",
    body: { response: answer },
  }),
  "GET /api/passkeys": async () => ({ url: "/api/passkeys" }),
  "POST /api/passkeys/registration/options": async () => ({
    url: "/api/passkeys/registration/options",
    body: { password: "not the password" },
  }),
  "POST /api/passkeys": async () => ({
    url: "/api/passkeys",
    body: {
      name: "Laptop",
      response: {
        id: "AAAA",
        rawId: "AAAA",
        type: "public-key",
        response: { clientDataJSON: "AAAA", attestationObject: "AAAA" },
        clientExtensionResults: {},
      },
    },
  }),
  "POST /api/passkeys/:passkeyId/remove": async () => ({
    url: `/api/passkeys/${crypto.randomUUID()}/remove`,
    body: { password: "not the password" },
  }),
  "POST /api/passkeys/verify/options": async () => ({ url: "/api/passkeys/verify/options" }),
  "POST /api/passkeys/verify": async () => ({
    url: "/api/passkeys/verify",
    body: { response: answer },
  }),
};
