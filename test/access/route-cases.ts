import { createSession, hashToken } from "../../src/server/access/sessions.ts";
import { createSignInLink } from "../../src/server/modules/auth/sign-in-links.ts";
import { createInvitation } from "../../src/server/modules/invitations/store.ts";
import { createPasswordReset } from "../../src/server/modules/password-reset/store.ts";
import { makeUser, TEST_PASSWORD } from "../support/factories.ts";
import {
  type AccessActor,
  type AccessWorld,
  clusterId,
  enrolmentId,
  freshEnrolment,
  freshPendingMembership,
  freshSchool,
  freshTeamMember,
  schoolId,
} from "../support/world.ts";
import { auditCases } from "./audit-cases.ts";
import { caseStudyCases } from "./case-study-cases.ts";
import { cohortMatrixCases } from "./cohort-matrix-cases.ts";
import { dataRightsCases } from "./data-rights-cases.ts";
import { impactCases } from "./impact-cases.ts";
import { nationalCases } from "./national-cases.ts";
import { networkAimsCases } from "./network-aims-cases.ts";
import { newsletterCases } from "./newsletter-cases.ts";
import { passkeyCases } from "./passkey-cases.ts";
import { ppStatementCases } from "./pp-statement-cases.ts";
import { programmeYearCases } from "./programme-year-cases.ts";
import { pupilDataCases } from "./pupil-data-cases.ts";
import { resourcesCases } from "./resources-cases.ts";
import { retentionCases } from "./retention-cases.ts";
import { ssoCases } from "./sso-cases.ts";
import { strategyCases } from "./strategy-cases.ts";

/** How many programme years the cases below have opened, for a fresh academic year each time. */
let openedYears = 0;

export type Target = "in_scope" | "out_of_scope";

export interface RouteCall {
  url: string;
  body?: unknown;
  /** A body sent as it is (multipart), with its own headers. */
  raw?: string;
  headers?: Record<string, string>;
  /** Sign the actor in afresh for this call (the call ends its session). */
  freshSession?: boolean;
}

/**
 * How to call each route on a resource in the actor's scope and, where the route
 * takes a resource, on one outside it. A route missing here fails the access test.
 */
export type RouteCase = (
  world: AccessWorld,
  actor: AccessActor,
  target: Target,
) => Promise<RouteCall>;

async function freshInvitationToken(world: AccessWorld): Promise<string> {
  const { token } = await createInvitation(
    world.t.deps.db,
    {
      email: `invitee-${crypto.randomUUID()}@school.test`,
      role: "network_admin",
      scopeType: "network",
      scopeId: null,
      invitedBy: world.admin.id,
    },
    world.t.clock.now(),
  );
  return token;
}

/** A new session of a user (someone new when there is none), as another browser would hold. */
async function freshSessionId(world: AccessWorld, userId?: string): Promise<string> {
  const id = userId ?? (await makeUser(world.t, { role: null })).id;
  const { token } = await createSession(world.t.deps.db, id, world.t.clock.now(), {
    ip: "192.0.2.200",
    userAgent: null,
  });
  const row = await world.t.deps.db
    .selectFrom("sessions")
    .select("id")
    .where("token_hash", "=", hashToken(token))
    .executeTakeFirstOrThrow();
  return row.id;
}

async function pendingInvitationId(world: AccessWorld): Promise<string> {
  const { row } = await createInvitation(
    world.t.deps.db,
    {
      email: `pending-${crypto.randomUUID()}@school.test`,
      role: "network_admin",
      scopeType: "network",
      scopeId: null,
      invitedBy: world.admin.id,
    },
    world.t.clock.now(),
  );
  return row.id;
}

/** The demo school and cluster an actor reaches for, in its scope or outside it. */
export const scoped = (actor: AccessActor, target: Target) =>
  target === "in_scope" ? actor.scope.in : actor.scope.out;

export function csvUpload(content: string) {
  const boundary = "----cascade-test-boundary";
  return {
    boundary,
    payload:
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="schools.csv"\r\n` +
      `Content-Type: text/csv\r\n\r\n${content}\r\n--${boundary}--\r\n`,
  };
}

export const ROUTE_CASES: Record<string, RouteCase> = {
  "GET /api/health": async () => ({ url: "/api/health" }),
  "GET /api/openapi.json": async () => ({ url: "/api/openapi.json" }),
  "GET /api/setup": async () => ({ url: "/api/setup" }),
  "POST /api/setup": async () => ({
    url: "/api/setup",
    body: {
      name: "Late Setup",
      email: "late-setup@school.test",
      password: "harbour lantern velvet",
    },
  }),
  "POST /api/auth/login": async (world) => {
    const user = await makeUser(world.t, { role: null });
    return {
      url: "/api/auth/login",
      body: { email: user.email, password: TEST_PASSWORD },
      freshSession: true,
    };
  },
  "POST /api/auth/sign-in-link": async () => ({
    url: "/api/auth/sign-in-link",
    body: { email: `someone-${crypto.randomUUID()}@school.test` },
  }),
  "POST /api/auth/sign-in-link/redeem": async (world, actor) => {
    const user = actor.user ?? (await makeUser(world.t, { role: null }));
    const link = await createSignInLink(world.t.deps.db, user.id, world.t.clock.now());
    return {
      url: "/api/auth/sign-in-link/redeem",
      body: { token: link?.token },
      freshSession: true,
    };
  },
  "POST /api/auth/logout": async () => ({ url: "/api/auth/logout", freshSession: true }),
  "GET /api/me": async () => ({ url: "/api/me" }),
  "POST /api/auth/password-reset": async () => ({
    url: "/api/auth/password-reset",
    body: { email: `someone-${crypto.randomUUID()}@school.test` },
  }),
  "POST /api/auth/password-reset/complete": async (world) => {
    const user = await makeUser(world.t, { role: null });
    const reset = await createPasswordReset(world.t.deps.db, user.id, world.t.clock.now());
    return {
      url: "/api/auth/password-reset/complete",
      body: { token: reset?.token, password: "harbour lantern velvet" },
    };
  },
  // The same password again: the call succeeds without locking the actor out of later cases.
  "POST /api/me/password": async (_world, actor) => ({
    url: "/api/me/password",
    body: {
      currentPassword: actor.user?.password ?? TEST_PASSWORD,
      newPassword: actor.user?.password ?? TEST_PASSWORD,
    },
  }),
  "GET /api/me/sessions": async () => ({ url: "/api/me/sessions" }),
  // In scope: another session of the actor's own; outside: someone else's.
  "DELETE /api/me/sessions/:id": async (world, actor, target) => ({
    url: `/api/me/sessions/${await freshSessionId(world, target === "in_scope" ? actor.user?.id : undefined)}`,
  }),
  "POST /api/me/sessions/end-others": async () => ({ url: "/api/me/sessions/end-others" }),
  // No challenge cookie: the second step is refused for everyone (its flows are in mfa.test.ts).
  "POST /api/auth/login/second-factor": async () => ({
    url: "/api/auth/login/second-factor",
    body: { code: "000000" },
  }),
  "POST /api/mfa/verify": async () => ({ url: "/api/mfa/verify", body: { code: "000000" } }),
  "GET /api/mfa": async () => ({ url: "/api/mfa" }),
  // Starts a pending secret only: confirming it would change how the actor signs in.
  "POST /api/mfa/totp": async () => ({ url: "/api/mfa/totp" }),
  "POST /api/mfa/totp/confirm": async () => ({
    url: "/api/mfa/totp/confirm",
    body: { code: "000000" },
  }),
  "POST /api/mfa/totp/disable": async () => ({
    url: "/api/mfa/totp/disable",
    body: { password: "not the password" },
  }),
  "POST /api/mfa/recovery-codes": async () => ({
    url: "/api/mfa/recovery-codes",
    body: { password: "not the password" },
  }),
  "GET /api/security-settings": async () => ({ url: "/api/security-settings" }),
  "PUT /api/security-settings": async () => ({
    url: "/api/security-settings",
    body: { secondFactorRequired: false },
  }),
  "POST /api/invitations": async () => ({
    url: "/api/invitations",
    body: {
      email: `new-${crypto.randomUUID()}@school.test`,
      role: "network_admin",
      scopeType: "network",
    },
  }),
  "GET /api/invitations": async () => ({ url: "/api/invitations" }),
  "DELETE /api/invitations/:id": async (world) => ({
    url: `/api/invitations/${await pendingInvitationId(world)}`,
  }),
  "POST /api/invitations/preview": async (world) => ({
    url: "/api/invitations/preview",
    body: { token: await freshInvitationToken(world) },
  }),
  // Signed out, it creates the invited account. Signed in, the invitation is for
  // another email, so it is refused (joining with one's own account is tested in
  // the invitations module, and would change the actor's roles here).
  "POST /api/invitations/accept": async (world) => ({
    url: "/api/invitations/accept",
    body: {
      token: await freshInvitationToken(world),
      name: "New Person",
      password: "harbour lantern velvet",
    },
    freshSession: true,
  }),
  "GET /api/users": async () => ({ url: "/api/users" }),
  "POST /api/users/search": async () => ({ url: "/api/users/search", body: { search: "a" } }),
  "POST /api/users/:id/disable": async (world) => ({
    url: `/api/users/${(await makeUser(world.t, { role: null })).id}/disable`,
  }),
  "POST /api/users/:id/enable": async (world) => ({
    url: `/api/users/${(await makeUser(world.t, { role: null })).id}/enable`,
  }),
  "POST /api/users/:id/sessions/end-all": async (world) => ({
    url: `/api/users/${(await makeUser(world.t, { role: null })).id}/sessions/end-all`,
  }),
  // The actor's real password, so the administrator's call is a real reset (the others are refused first).
  "POST /api/users/:id/second-factor/reset": async (world, actor) => ({
    url: `/api/users/${(await makeUser(world.t, { role: null })).id}/second-factor/reset`,
    body: { password: actor.user?.password ?? "not the password" },
  }),
  "GET /api/memberships/pending": async () => ({ url: "/api/memberships/pending" }),
  "POST /api/memberships/:id/approve": async (world, actor, target) => ({
    url: `/api/memberships/${await freshPendingMembership(world, scoped(actor, target).school)}/approve`,
  }),
  "POST /api/memberships/:id/reject": async (world, actor, target) => ({
    url: `/api/memberships/${await freshPendingMembership(world, scoped(actor, target).school)}/reject`,
  }),
  "GET /api/dashboard": async () => ({ url: "/api/dashboard" }),
  "GET /api/lead/week": async () => ({ url: "/api/lead/week" }),
  "GET /api/hubs": async () => ({ url: "/api/hubs" }),
  "POST /api/hubs": async () => ({
    url: "/api/hubs",
    body: { name: `Hub ${crypto.randomUUID()}` },
  }),
  "PATCH /api/hubs/:id": async (world) => ({
    url: `/api/hubs/${world.demo.hubIds["hub-north"]}`,
    body: { name: `Renamed hub ${crypto.randomUUID()}` },
  }),
  "GET /api/schools": async () => ({ url: "/api/schools" }),
  "GET /api/schools/proposed-short-code": async () => ({
    url: "/api/schools/proposed-short-code?name=Riverside%20Valley",
  }),
  "POST /api/schools": async () => ({
    url: "/api/schools",
    body: {
      urn: String(700000 + Math.floor(Math.random() * 99999)),
      name: "Posted Fictional School",
      phase: "primary",
      localAuthority: "Testshire",
      postcode: "ZZ1 1ZZ",
    },
  }),
  "GET /api/schools/:id": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}`,
  }),
  "PATCH /api/schools/:id": async (world, actor, target) => ({
    url: `/api/schools/${schoolId(world, scoped(actor, target).school)}`,
    body: { localAuthority: "Renamed (fictional) LA" },
  }),
  "POST /api/schools/import": async () => {
    const urn = String(600000 + Math.floor(Math.random() * 99999));
    const upload = csvUpload(
      `URN,EstablishmentName,PhaseOfEducation (name),LA (name),Postcode\r\n${urn},Imported Fictional School,Primary,Testshire,ZZ2 2ZZ\r\n`,
    );
    return {
      url: "/api/schools/import",
      raw: upload.payload,
      headers: { "content-type": `multipart/form-data; boundary=${upload.boundary}` },
    };
  },
  "GET /api/programme-templates": async () => ({ url: "/api/programme-templates" }),
  "GET /api/programmes": async () => ({ url: "/api/programmes" }),
  "POST /api/programmes": async () => ({
    url: "/api/programmes",
    body: {
      name: `Programme ${crypto.randomUUID()}`,
      themes: [{ name: "One theme" }],
      workshops: [],
    },
  }),
  "GET /api/programme-years": async () => ({ url: "/api/programme-years" }),
  "POST /api/programme-years": async (world) => {
    const programme = await world.t.deps.db
      .selectFrom("programmes")
      .select("id")
      .executeTakeFirstOrThrow();
    // A year no earlier case opened: each call takes the next one, so two never clash.
    openedYears += 1;
    const year = 2030 + openedYears;
    return {
      url: "/api/programme-years",
      body: {
        programmeId: programme.id,
        academicYear: `${year}/${String((year + 1) % 100).padStart(2, "0")}`,
      },
    };
  },
  "GET /api/clusters": async () => ({ url: "/api/clusters" }),
  "POST /api/clusters": async (world) => ({
    url: "/api/clusters",
    body: {
      programmeYearId: world.demo.programmeYearId,
      name: `Cluster ${crypto.randomUUID()}`,
      facilitationSchoolId: schoolId(world, "school-1"),
      programmeLeadEmails: [`lead-${crypto.randomUUID()}@school.test`],
    },
  }),
  "GET /api/clusters/:id": async (world, actor, target) => ({
    url: `/api/clusters/${clusterId(world, scoped(actor, target).cluster)}`,
  }),
  "POST /api/trios": async (world, actor, target) => {
    const cluster = scoped(actor, target).cluster;
    const lead = await freshEnrolment(world, cluster);
    const accelerator = await freshEnrolment(world, cluster);
    return {
      url: "/api/trios",
      body: {
        clusterId: clusterId(world, cluster),
        name: `Trio ${crypto.randomUUID()}`,
        leadSchoolId: lead.schoolId,
        acceleratorSchoolIds: [accelerator.schoolId],
      },
    };
  },
  "DELETE /api/trios/:id": async (world, actor, target) => {
    const cluster = clusterId(world, scoped(actor, target).cluster);
    const trio = await world.t.deps.db
      .insertInto("trios")
      .values({ cluster_id: cluster, name: `Trio ${crypto.randomUUID()}`, created_at: world.now })
      .returning("id")
      .executeTakeFirstOrThrow();
    return { url: `/api/trios/${trio.id}` };
  },
  "POST /api/enrolments": async (world, actor, target) => ({
    url: "/api/enrolments",
    body: {
      schoolId: await freshSchool(world),
      clusterId: clusterId(world, scoped(actor, target).cluster),
    },
  }),
  "GET /api/enrolments/:id": async (world, actor, target) => ({
    url: `/api/enrolments/${enrolmentId(world, scoped(actor, target).school)}`,
  }),
  "DELETE /api/enrolments/:id": async (world, actor, target) => ({
    url: `/api/enrolments/${(await freshEnrolment(world, scoped(actor, target).cluster)).enrolmentId}`,
  }),
  "GET /api/enrolments/:id/team": async (world, actor, target) => ({
    url: `/api/enrolments/${enrolmentId(world, scoped(actor, target).school)}/team`,
  }),
  "POST /api/enrolments/:id/team": async (world, actor, target) => ({
    url: `/api/enrolments/${enrolmentId(world, scoped(actor, target).school)}/team`,
    body: { email: `staff-${crypto.randomUUID()}@school.test`, teamRole: "para_professional" },
  }),
  "DELETE /api/enrolments/:id/team/:memberId": async (world, actor, target) => {
    const school = scoped(actor, target).school;
    return {
      url: `/api/enrolments/${enrolmentId(world, school)}/team/${await freshTeamMember(world, school)}`,
    };
  },
  "DELETE /api/enrolments/:id/team-invitations/:invitationId": async (world, actor, target) => {
    const school = scoped(actor, target).school;
    const { row } = await createInvitation(
      world.t.deps.db,
      {
        email: `team-invitee-${crypto.randomUUID()}@school.test`,
        role: "teacher",
        scopeType: "school",
        scopeId: schoolId(world, school),
        invitedBy: world.admin.id,
        teamEnrolmentId: enrolmentId(world, school),
      },
      world.t.clock.now(),
    );
    return { url: `/api/enrolments/${enrolmentId(world, school)}/team-invitations/${row.id}` };
  },
  "POST /api/setup/demo": async () => ({ url: "/api/setup/demo" }),
  ...pupilDataCases,
  ...cohortMatrixCases,
  ...strategyCases,
  ...impactCases,
  ...caseStudyCases,
  ...programmeYearCases,
  ...auditCases,
  ...nationalCases,
  ...networkAimsCases,
  ...newsletterCases,
  ...retentionCases,
  ...passkeyCases,
  ...dataRightsCases,
  ...ssoCases,
  ...ppStatementCases,
  ...resourcesCases,
};
