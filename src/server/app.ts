import fs from "node:fs";
import path from "node:path";
import helmet from "@fastify/helmet";
import multipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import Fastify, { type FastifyInstance, type FastifyRequest } from "fastify";
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { recordDenied, recordRefused } from "./audit/denied.ts";
import { requestClient } from "./audit/store.ts";
import { type AppDeps, PUBLIC } from "./context.ts";
import { prettyLogStream } from "./log-format.ts";
import { actionRoutes } from "./modules/actions/routes.ts";
import { auditRoutes } from "./modules/audit/routes.ts";
import { authRoutes } from "./modules/auth/routes.ts";
import { calendarRoutes } from "./modules/calendar/routes.ts";
import { caseStudyEditingRoutes } from "./modules/case-studies/editing-routes.ts";
import { caseStudyReviewRoutes } from "./modules/case-studies/review-routes.ts";
import { caseStudyRoutes } from "./modules/case-studies/routes.ts";
import { clusterRoutes } from "./modules/clusters/routes.ts";
import { cohortCandidateRoutes } from "./modules/cohort/candidates-routes.ts";
import { cohortRoutes } from "./modules/cohort/routes.ts";
import { costEffectivenessRoutes } from "./modules/cost-effectiveness/routes.ts";
import { dashboardRoutes } from "./modules/dashboard/routes.ts";
import { pupilDataRightsRoutes } from "./modules/data-rights/pupil-routes.ts";
import { staffDataRightsRoutes } from "./modules/data-rights/staff-routes.ts";
import { eefStrandRoutes } from "./modules/eef-strands/routes.ts";
import { enrolmentRoutes } from "./modules/enrolments/routes.ts";
import { evidenceRoutes } from "./modules/evidence/routes.ts";
import { gapRoutes } from "./modules/gap/routes.ts";
import { healthRoutes } from "./modules/health/routes.ts";
import { hubRoutes } from "./modules/hubs/routes.ts";
import { impactRoutes } from "./modules/impact/routes.ts";
import { importRoutes } from "./modules/imports/routes.ts";
import { invitationAcceptRoutes } from "./modules/invitations/accept-routes.ts";
import { invitationRoutes } from "./modules/invitations/routes.ts";
import { leadWeekRoutes } from "./modules/lead-week/routes.ts";
import { matrixRoutes } from "./modules/matrix/routes.ts";
import { pointRoutes } from "./modules/measures/points-routes.ts";
import { measureRoutes } from "./modules/measures/routes.ts";
import { membershipRoutes } from "./modules/memberships/routes.ts";
import { mfaChangeRoutes } from "./modules/mfa/change-routes.ts";
import { secondFactorResetRoutes } from "./modules/mfa/reset-routes.ts";
import { mfaRoutes } from "./modules/mfa/routes.ts";
import { sealTotpSecretsAtRest } from "./modules/mfa/secret-at-rest.ts";
import { securitySettingsRoutes } from "./modules/mfa/settings-routes.ts";
import { secondFactorSignInRoutes } from "./modules/mfa/sign-in-routes.ts";
import { mySessionRoutes } from "./modules/my-sessions/routes.ts";
import { nationalRoutes } from "./modules/national/routes.ts";
import { networkAimsRoutes } from "./modules/network-aims/routes.ts";
import { newsletterRoutes } from "./modules/newsletters/routes.ts";
import { observationRoutes } from "./modules/observations/routes.ts";
import { passkeySignInRoutes } from "./modules/passkeys/passwordless-routes.ts";
import { passkeyRegistrationRoutes } from "./modules/passkeys/registration-routes.ts";
import { passkeySecondStepRoutes } from "./modules/passkeys/second-step-routes.ts";
import { changePasswordRoutes } from "./modules/password-reset/change-password-routes.ts";
import { passwordResetRoutes } from "./modules/password-reset/routes.ts";
import { ppStatementRoutes } from "./modules/pp-statement/routes.ts";
import { programmeRoutes } from "./modules/programmes/routes.ts";
import { paraAccessRoutes } from "./modules/pupils/para-access-routes.ts";
import { pupilRoutes } from "./modules/pupils/routes.ts";
import { outboxRoutes } from "./modules/reminders/routes.ts";
import { resourceRoutes } from "./modules/resources/routes.ts";
import { legalHoldRoutes } from "./modules/retention/hold-routes.ts";
import { retentionScheduleRoutes } from "./modules/retention/schedule-routes.ts";
import { retentionSettingsRoutes } from "./modules/retention/settings-routes.ts";
import { schoolRoutes } from "./modules/schools/routes.ts";
import { setupRoutes } from "./modules/setup/routes.ts";
import { ssoAdminRoutes } from "./modules/sso/admin-routes.ts";
import { ssoSignInRoutes } from "./modules/sso/sign-in-routes.ts";
import { strategyOptionsRoutes } from "./modules/strategies/options-routes.ts";
import { strategyRoutes } from "./modules/strategies/routes.ts";
import { strategyShareRoutes } from "./modules/strategies/share-routes.ts";
import { userRoutes } from "./modules/users/routes.ts";
import { visitRoutes } from "./modules/visits/routes.ts";
import { materialRoutes } from "./modules/workshops/materials-routes.ts";
import { progressRoutes } from "./modules/workshops/progress-routes.ts";
import { registerRoutes } from "./modules/workshops/register-routes.ts";
import { workshopRoutes } from "./modules/workshops/routes.ts";
import { accessPlugin, type RouteInventoryEntry } from "./plugins/access.ts";
import { noNulPlugin } from "./plugins/no-nul.ts";
import { registerProblemHandlers } from "./plugins/problems.ts";
import { sameOriginPlugin } from "./plugins/same-origin.ts";
import { secondFactorPlugin } from "./plugins/second-factor.ts";
import { sessionPlugin } from "./plugins/session.ts";

export interface BuildOptions {
  /** Log requests (off in tests). */
  logger?: boolean;
  /** Where the log goes when `logger` is on (standard output by default). */
  logStream?: { write(line: string): void };
  trustProxy?: boolean;
}

export interface CascadeApp {
  app: FastifyInstance;
  /** Every API route with its access rule, as registered. */
  routes: RouteInventoryEntry[];
}

/** Feature route modules, in one list so the app and its tests see the same set. */
const FEATURES = [
  healthRoutes,
  setupRoutes,
  authRoutes,
  passwordResetRoutes,
  changePasswordRoutes,
  mySessionRoutes,
  secondFactorSignInRoutes,
  mfaRoutes,
  mfaChangeRoutes,
  secondFactorResetRoutes,
  securitySettingsRoutes,
  passkeyRegistrationRoutes,
  passkeySecondStepRoutes,
  passkeySignInRoutes,
  ssoSignInRoutes,
  ssoAdminRoutes,
  invitationRoutes,
  invitationAcceptRoutes,
  userRoutes,
  membershipRoutes,
  dashboardRoutes,
  leadWeekRoutes,
  hubRoutes,
  schoolRoutes,
  programmeRoutes,
  clusterRoutes,
  enrolmentRoutes,
  measureRoutes,
  pointRoutes,
  pupilRoutes,
  paraAccessRoutes,
  observationRoutes,
  pupilDataRightsRoutes,
  staffDataRightsRoutes,
  importRoutes,
  gapRoutes,
  nationalRoutes,
  networkAimsRoutes,
  cohortCandidateRoutes,
  cohortRoutes,
  matrixRoutes,
  strategyRoutes,
  strategyShareRoutes,
  strategyOptionsRoutes,
  costEffectivenessRoutes,
  ppStatementRoutes,
  impactRoutes,
  evidenceRoutes,
  newsletterRoutes,
  caseStudyRoutes,
  caseStudyEditingRoutes,
  caseStudyReviewRoutes,
  eefStrandRoutes,
  workshopRoutes,
  resourceRoutes,
  materialRoutes,
  registerRoutes,
  progressRoutes,
  actionRoutes,
  visitRoutes,
  calendarRoutes,
  outboxRoutes,
  auditRoutes,
  retentionSettingsRoutes,
  legalHoldRoutes,
  retentionScheduleRoutes,
];

/**
 * What a request line in the log keeps: never the query string (pupil searches
 * carry names) nor the secret in a calendar feed's address.
 */
export function logSafeUrl(url: string): string {
  const [path = "", query] = url.split("?", 2);
  const safePath = path.replace(/^\/api\/calendar\/feed\/.*/, "/api/calendar/feed/[redacted]");
  return query === undefined ? safePath : `${safePath}?[redacted]`;
}

function logSafeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: logSafeUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
  };
}

export async function buildApp(deps: AppDeps, options: BuildOptions = {}): Promise<CascadeApp> {
  const logStream =
    options.logStream ??
    (options.logger && deps.config.logFormat === "pretty" ? await prettyLogStream() : undefined);
  const app = Fastify({
    logger: options.logger
      ? {
          level: deps.config.logLevel,
          redact: {
            paths: ["req.headers.cookie", "req.headers.authorization", 'res.headers["set-cookie"]'],
            censor: "[redacted]",
          },
          serializers: { req: logSafeRequest },
          ...(logStream ? { stream: logStream } : {}),
        }
      : false,
    bodyLimit: 1024 * 1024,
    trustProxy: options.trustProxy ?? false,
    // Never let "__proto__" or "constructor" keys through to handlers.
    onProtoPoisoning: "error",
    onConstructorPoisoning: "error",
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Only JSON (and, per route, multipart) bodies: a text/plain "simple request" is refused.
  app.removeContentTypeParser("text/plain");
  registerProblemHandlers(
    app,
    (request, status) => recordDenied(deps, request, status),
    (request, status, fields) => recordRefused(deps, request, status, fields),
  );
  // Every audit row written while serving a request names that request's client.
  app.addHook("onRequest", (request, _reply, done) => {
    requestClient.run({ ip: request.ip, userAgent: request.headers["user-agent"] ?? null }, done);
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // Mantine and Observable Plot write <style> elements at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        fontSrc: ["'self'", "data:"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: deps.config.publicUrl?.startsWith("https://") ? [] : null,
      },
    },
    strictTransportSecurity: deps.config.publicUrl?.startsWith("https://") ? undefined : false,
    crossOriginEmbedderPolicy: false,
  });

  app.addHook("onSend", async (request, reply) => {
    if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
  });

  // Files (imports) arrive as multipart on the routes that say so; 20 MB at most.
  await app.register(multipart, {
    limits: { fileSize: 20 * 1024 * 1024, files: 1, fields: 20, fieldSize: 100_000 },
  });

  const inventory = { routes: [] as RouteInventoryEntry[] };
  await app.register(sameOriginPlugin, deps);
  await app.register(sessionPlugin, deps);
  // Before the route's own rule: a session still owing its second factor learns that first.
  await app.register(secondFactorPlugin, deps);
  await app.register(accessPlugin, inventory);
  await app.register(noNulPlugin);

  await app.register(swagger, {
    openapi: {
      info: {
        title: "Cascade API",
        version: deps.version,
        description: "The JSON API behind Cascade. Errors are RFC 9457 problem+json.",
      },
    },
    transform: jsonSchemaTransform,
  });

  for (const feature of FEATURES) await app.register(feature, deps);

  app.get("/api/openapi.json", { config: { access: PUBLIC }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  registerWebApp(app, deps.config.webDir);
  await sealSecretsAtStart(app, deps);
  await app.ready();
  return { app, routes: inventory.routes };
}

/** Stored TOTP seeds not yet sealed under the current key are sealed now (mfa/secret-at-rest.ts). */
async function sealSecretsAtStart(app: FastifyInstance, deps: AppDeps): Promise<void> {
  const report = await sealTotpSecretsAtRest(deps.db, deps.secrets, deps.clock.now());
  if (report.sealed + report.resealed > 0) {
    app.log.info(
      `Sealed ${report.sealed} stored authenticator secrets and re-sealed ${report.resealed} under secret key ${deps.secrets.currentId}.`,
    );
  }
  if (report.unreadable > 0) {
    app.log.error(
      `${report.unreadable} stored authenticator secrets were sealed under a secret key this server does not have: those people cannot pass their second factor until the key is restored (CASCADE_SECRET_KEY or CASCADE_SECRET_KEYS_PREVIOUS) or an administrator resets their second factor.`,
    );
  }
}

/**
 * Files under assets/ carry a content hash in their names, so they never change
 * and may be kept for a year; anything else (index.html above all) is checked
 * with the server on each use, so a new release is picked up at once.
 */
export function cacheControlFor(webDir: string, filePath: string): string {
  const relative = path.relative(webDir, filePath).split(path.sep);
  return relative[0] === "assets" && relative.length > 1
    ? "public, max-age=31536000, immutable"
    : "no-cache";
}

/** The built single-page app: its files, and index.html for every other page address. */
function registerWebApp(app: FastifyInstance, webDir: string): void {
  const indexFile = path.join(webDir, "index.html");
  if (fs.existsSync(indexFile)) {
    app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      index: false,
      // A source map left in the folder (an old or a development build) is never served.
      allowedPath: (pathName) => !pathName.endsWith(".map"),
      // The build writes .br and .gz beside each text file; the best one the browser accepts is sent.
      preCompressed: true,
      setHeaders: (reply, filePath) => {
        reply.header("cache-control", cacheControlFor(webDir, filePath));
      },
    });
  }
  app.setNotFoundHandler((request, reply) => {
    const isPage =
      request.method === "GET" &&
      !request.url.startsWith("/api/") &&
      !path.extname(request.url.split("?")[0] ?? "");
    if (!isPage) {
      return reply
        .code(404)
        .type("application/problem+json")
        .send(
          JSON.stringify({
            type: "/problems/not-found",
            title: "Not found",
            status: 404,
            detail: `No route ${request.method} ${request.url.split("?")[0]}.`,
          }),
        );
    }
    if (!fs.existsSync(indexFile)) {
      return reply
        .code(503)
        .type("text/plain; charset=utf-8")
        .send("The web app has not been built. Run `npm run build` (npm start does this for you).");
    }
    reply.header("cache-control", "no-cache");
    return reply.sendFile("index.html", webDir);
  });
}
