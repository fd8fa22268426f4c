import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { TEST_ORIGIN } from "./test-app.ts";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * A browser-like client over Fastify's inject: it keeps the session cookie it is
 * given and sends the app's own Origin on state-changing requests.
 */
export class TestClient {
  cookie: string | undefined;
  constructor(
    private readonly app: FastifyInstance,
    private readonly options: { origin?: string | null; ip?: string } = {},
  ) {}

  /** Another client with the same session, so what the copy is sent does not touch this one. */
  clone(): TestClient {
    const copy = new TestClient(this.app, this.options);
    copy.cookie = this.cookie;
    return copy;
  }

  async request(method: Method, url: string, body?: unknown, headers: Record<string, string> = {}) {
    const origin = this.options.origin === undefined ? TEST_ORIGIN : this.options.origin;
    const response = await this.app.inject({
      method,
      url,
      remoteAddress: this.options.ip ?? "203.0.113.10",
      headers: {
        ...(origin && method !== "GET" ? { origin } : {}),
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...headers,
      },
      ...(body !== undefined
        ? {
            payload:
              typeof body === "string" || Buffer.isBuffer(body) ? body : JSON.stringify(body),
          }
        : {}),
    });
    this.keepCookie(response);
    return response;
  }

  /** Uploads a file as multipart/form-data. */
  upload(url: string, body: { payload: Buffer; contentType: string }) {
    return this.request("POST", url, body.payload, { "content-type": body.contentType });
  }

  get(url: string) {
    return this.request("GET", url);
  }
  post(url: string, body?: unknown) {
    return this.request("POST", url, body);
  }
  put(url: string, body?: unknown) {
    return this.request("PUT", url, body);
  }
  patch(url: string, body?: unknown) {
    return this.request("PATCH", url, body);
  }
  delete(url: string) {
    return this.request("DELETE", url);
  }

  private keepCookie(response: LightMyRequestResponse): void {
    for (const c of response.cookies) {
      if (!c.name.includes("cascade_session")) continue;
      const expired =
        c.expires !== undefined && new Date(c.expires).getTime() <= Date.now() && c.value === "";
      this.cookie = expired || c.value === "" ? undefined : `${c.name}=${c.value}`;
    }
  }
}

export function json<T = Record<string, unknown>>(response: LightMyRequestResponse): T {
  return response.json() as T;
}
