import type { FastifyRequest } from "fastify";
import type { Config } from "../config.ts";

const LOOPBACK_HOSTS = ["localhost", "127.0.0.1", "[::1]"];
const WILDCARD_HOSTS = new Set(["0.0.0.0", "::", "[::]", ""]);

function bracketed(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

export function isLoopbackHost(host: string): boolean {
  const h = bracketed(host.toLowerCase());
  return LOOPBACK_HOSTS.includes(h) || /^127\.\d+\.\d+\.\d+$/.test(h);
}

/** The port the server really listens on (PORT=0 picks one), or the configured one. */
export function listeningPort(request: FastifyRequest, config: Config): number {
  const address = request.server.server.address();
  return typeof address === "object" && address ? address.port : config.port;
}

/**
 * The origins the app answers to. With CASCADE_PUBLIC_URL, that one alone.
 * Without it, only the address the server listens on and the loopback names,
 * with the listening port: never whatever a Host header claims, so a DNS-
 * rebinding page cannot pass the Origin check or steer generated links.
 */
export function trustedOrigins(config: Config, port: number): string[] {
  if (config.publicUrl) return [config.publicUrl];
  const suffix = port === 80 ? "" : `:${port}`;
  const hosts = WILDCARD_HOSTS.has(config.host)
    ? LOOPBACK_HOSTS
    : [bracketed(config.host.toLowerCase()), ...LOOPBACK_HOSTS];
  return [...new Set(hosts)].map((host) => `http://${host}${suffix}`);
}

/**
 * The origin to put in links the app hands out: the public address when set;
 * otherwise the one the browser used if it is trusted, else the first trusted.
 */
export function appOrigin(config: Config, request: FastifyRequest): string {
  const trusted = trustedOrigins(config, listeningPort(request, config));
  const used = `${request.protocol}://${(request.headers.host ?? "").toLowerCase()}`;
  return trusted.includes(used) ? used : (trusted[0] ?? "http://localhost");
}

/** What to warn about at start, if anything: serving beyond loopback with no public address. */
export function publicUrlWarning(config: Config): string | null {
  if (config.publicUrl || isLoopbackHost(config.host)) return null;
  return (
    `Cascade is serving on ${config.host} without CASCADE_PUBLIC_URL: only requests addressed to ` +
    `${WILDCARD_HOSTS.has(config.host) ? "localhost" : config.host} are accepted and links point ` +
    "there. Set CASCADE_PUBLIC_URL to the address people use (https://…)."
  );
}
