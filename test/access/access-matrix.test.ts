import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../support/client.ts";
import { testEngine } from "../support/engines.ts";
import { signIn } from "../support/factories.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { type AccessWorld, buildAccessWorld, schoolId } from "../support/world.ts";
import { ROUTE_CASES, type Target } from "./route-cases.ts";

const MATRIX_FILE = "test/access/authz-matrix.json";
const TARGETS: Target[] = ["in_scope", "out_of_scope"];

/** route → actor → status, or "in_scope/out_of_scope" statuses when they differ. */
type Matrix = Record<string, Record<string, number | string>>;

/** One line per route, so a change in access reads as a one-line diff. */
function formatMatrix(matrix: Matrix): string {
  const lines = Object.entries(matrix)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([route, row]) => `  ${JSON.stringify(route)}: ${JSON.stringify(row)}`);
  return `{\n${lines.join(",\n")}\n}\n`;
}

/**
 * Calls every API route as every kind of actor, on a resource in scope and one
 * outside it, and compares the statuses with the checked-in matrix. Any change
 * in who may do what shows up as a diff of that file in review. Regenerate with
 * UPDATE_AUTHZ_MATRIX=1 after an intended change, and read the diff.
 */
describe(`access matrix [${testEngine()}]`, () => {
  let t: TestApp;
  let world: AccessWorld;
  beforeAll(async () => {
    t = await createTestApp();
    world = await buildAccessWorld(t);
  });
  afterAll(async () => t.close());

  it("has a case for every registered route, and no case for a route that does not exist", () => {
    const registered = t.routes.map((r) => `${r.method} ${r.url}`).sort();
    expect(Object.keys(ROUTE_CASES).sort()).toEqual(registered);
  });

  it("matches the checked-in matrix, and audits every refusal once", async () => {
    // Audit rows so far: refusals (403/404), malformed requests (400/415), everything else.
    const auditCounts = async () => {
      const row = await t.deps.db
        .selectFrom("audit_events")
        .select((eb) => [
          eb.fn.countAll().filterWhere("action", "=", "access.denied").as("denied"),
          eb.fn.countAll().filterWhere("action", "=", "request.refused").as("malformed"),
          eb.fn
            .countAll()
            .filterWhere("action", "not in", ["access.denied", "request.refused"])
            .as("other"),
        ])
        .executeTakeFirstOrThrow();
      return {
        denied: Number(row.denied),
        malformed: Number(row.malformed),
        other: Number(row.other),
      };
    };
    const unaudited: string[] = [];
    const unauditedChanges = new Set<string>();
    const actual: Matrix = {};
    const statuses: Record<string, Record<string, Partial<Record<Target, number>>>> = {};
    for (const route of t.routes) {
      const key = `${route.method} ${route.url}`;
      const routeCase = ROUTE_CASES[key];
      if (!routeCase) continue;
      actual[key] = {};
      for (const actor of world.actors) {
        const row: Partial<Record<Target, number>> = {};
        for (const target of TARGETS) {
          const call = await routeCase(world, actor, target);
          const client =
            call.freshSession && actor.user ? await signIn(t, actor.user) : actor.client.clone();
          const before = await auditCounts();
          const response =
            call.raw !== undefined
              ? await client.request(route.method as "POST", call.url, call.raw, call.headers)
              : await client.request(route.method as "GET", call.url, call.body);
          row[target] = response.statusCode;
          const after = await auditCounts();
          const refused = response.statusCode === 403 || response.statusCode === 404;
          if (after.denied - before.denied !== (refused ? 1 : 0)) {
            unaudited.push(`${key} as ${actor.key} (${target}): ${response.statusCode}`);
          }
          const malformed = response.statusCode === 400 || response.statusCode === 415;
          if (after.malformed - before.malformed !== (malformed ? 1 : 0)) {
            unaudited.push(`${key} as ${actor.key} (${target}): ${response.statusCode} malformed`);
          }
          if (route.method !== "GET" && response.statusCode < 300 && after.other === before.other) {
            // Signing out is audited whenever there was a session to end.
            unauditedChanges.add(key === "POST /api/auth/logout" ? `${key} as ${actor.key}` : key);
          }
        }
        if (row.in_scope === row.out_of_scope) delete row.out_of_scope;
        statuses[key] ??= {};
        statuses[key][actor.key] = row;
        actual[key][actor.key] =
          row.out_of_scope === undefined
            ? (row.in_scope ?? 0)
            : `${row.in_scope}/${row.out_of_scope}`;
      }
    }

    // Rules that hold whatever the matrix says.
    for (const [key, byActor] of Object.entries(statuses)) {
      const access = t.routes.find((r) => `${r.method} ${r.url}` === key)?.access;
      if (access?.kind !== "public")
        expect(byActor.signed_out?.in_scope, `${key} signed out`).toBe(401);
      for (const [actorKey, row] of Object.entries(byActor)) {
        expect(row.in_scope, `${key} as ${actorKey}`).toBeLessThan(500);
        // Where the actor may act in scope, the same request outside it must look like nothing is there.
        if (row.out_of_scope !== undefined && (row.in_scope ?? 0) < 300) {
          expect(row.out_of_scope, `${key} as ${actorKey} outside scope`).toBe(404);
        }
      }
    }

    if (process.env.UPDATE_AUTHZ_MATRIX === "1" && testEngine() === "pglite") {
      fs.writeFileSync(MATRIX_FILE, formatMatrix(actual));
    }

    // LOG-1: each refused call (403, or 404 outside scope) adds exactly one access.denied row,
    // each malformed one (400, 415) exactly one request.refused row; others none.
    expect(unaudited).toEqual([]);
    // LOG-1: every change that succeeds leaves at least one audit row. These cases change nothing.
    // (An import preview is audited: it lists the named pupils on roll its file leaves out.)
    const changeNothing = [
      "POST /api/auth/logout as signed_out", // no session to end
      "POST /api/invitations/preview", // reads what an invitation would be
      "POST /api/auth/passkey/options", // a sign-in challenge for whoever asks, before anyone is known
      "PUT /api/schools/:id/disadvantage-rule", // the case sets the rule the school already has
      "PUT /api/schools/:id/para-access", // the case sets what the school already has
    ];
    expect([...unauditedChanges].sort()).toEqual(changeNothing.sort());

    const expected = JSON.parse(fs.readFileSync(MATRIX_FILE, "utf8")) as Matrix;
    expect(actual).toEqual(expected);
    // ~2,000 calls; the shared test machine needs more than the default 30 s.
  }, 180_000);

  it("records a refusal by its route, ids and status, never its query or other path values", async () => {
    const teacher = world.actors.find((a) => a.key === "teacher");
    if (!teacher?.user) throw new Error("no teacher");
    const latestDenial = () =>
      t.deps.db
        .selectFrom("audit_events")
        .selectAll()
        .where("action", "=", "access.denied")
        .orderBy("id", "desc")
        .executeTakeFirstOrThrow();
    const detailsOf = (row: { details: unknown }) =>
      typeof row.details === "string" ? JSON.parse(row.details) : row.details;

    const otherSchool = schoolId(world, "school-6");
    expect(
      (await teacher.client.get(`/api/schools/${otherSchool}/pupils?yearGroup=7`)).statusCode,
    ).toBe(404);
    const outside = await latestDenial();
    expect(outside.actor_user_id).toBe(teacher.user.id);
    expect(outside.target_type).toBe("route");
    expect(outside.target_id).toBe("GET /api/schools/:id/pupils");
    expect(detailsOf(outside)).toEqual({ status: 404, id: otherSchool });

    expect((await teacher.client.get("/api/users?search=Someone%20Private")).statusCode).toBe(403);
    const forbidden = await latestDenial();
    expect(forbidden.target_id).toBe("GET /api/users");
    expect(detailsOf(forbidden)).toEqual({ status: 403 });
    expect(JSON.stringify(forbidden)).not.toContain("Private");

    // A search that finds nothing answers 404 too, but refuses nothing: no row.
    const empty = await teacher.client.get("/api/evidence?strand=school-uniform");
    expect(empty.statusCode).toBe(404);
    expect((await latestDenial()).id).toBe(forbidden.id);
  });

  it("keeps the signed-out client signed out", async () => {
    expect((await new TestClient(t.app).get("/api/me")).statusCode).toBe(401);
  });
});
