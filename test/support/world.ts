import { randomBytes } from "node:crypto";
import { type LoadedDemo, loadDemoNetwork } from "../../src/server/modules/demo/load-demo.ts";
import { addMembership, insertUser } from "../../src/server/modules/users/store.ts";
import { TestClient } from "./client.ts";
import { makeSchool, makeUser, signIn, type TestUser } from "./factories.ts";
import type { TestApp } from "./test-app.ts";

/** One kind of caller the access matrix tries every route as. */
export interface AccessActor {
  key: string;
  user: TestUser | null;
  client: TestClient;
  /** The demo school and cluster this actor belongs to (in scope), and ones it does not (outside). */
  scope: { in: { school: string; cluster: string }; out: { school: string; cluster: string } };
}

export interface AccessWorld {
  t: TestApp;
  demo: LoadedDemo;
  actors: AccessActor[];
  admin: TestUser;
  now: Date;
}

const DEMO_PASSWORD = "demo password for access tests";

/**
 * The fixture the access matrix runs on: the demo network (two clusters, each
 * with a trio and full teams) and one signed-in actor per role. Each actor's
 * "in scope" resources are its own; "outside" are in the other cluster.
 */
export async function buildAccessWorld(t: TestApp): Promise<AccessWorld> {
  const now = t.clock.now();
  const demo = await t.deps.db
    .transaction()
    .execute((trx) => loadDemoNetwork(trx, { now, password: DEMO_PASSWORD }));
  const demoUser = (key: string): TestUser => {
    const person = demo.network.people.find((p) => p.key === key);
    const id = demo.userIds[key];
    if (!person || !id) throw new Error(`no demo person ${key}`);
    return { id, email: person.email, name: person.name, password: DEMO_PASSWORD };
  };
  const north = { school: "school-1", cluster: "cluster-north" };
  const south = { school: "school-6", cluster: "cluster-south" };
  const noRole = await makeUser(t, { role: null, name: "Matrix No Role" });
  const admin = demoUser("admin");
  const signedIn = async (key: string, user: TestUser, scope = { in: north, out: south }) => ({
    key,
    user,
    client: await signIn(t, user),
    scope,
  });
  const actors: AccessActor[] = [
    {
      key: "signed_out",
      user: null,
      client: new TestClient(t.app),
      scope: { in: north, out: south },
    },
    await signedIn("no_role", noRole),
    await signedIn("network_admin", admin),
    // The programme lead's own school is one in its cluster it does not work at.
    await signedIn("programme_lead", demoUser("lead-north"), {
      in: { school: "school-2", cluster: "cluster-north" },
      out: south,
    }),
    await signedIn("school_leader", demoUser("leader")),
    await signedIn("teacher", demoUser("teacher")),
    await signedIn("para_professional", demoUser("para")),
  ];
  return { t, demo, actors, admin, now };
}

export function schoolId(world: AccessWorld, key: string): string {
  const id = world.demo.schoolIds[key];
  if (!id) throw new Error(`no demo school ${key}`);
  return id;
}

export function clusterId(world: AccessWorld, key: string): string {
  const id = world.demo.clusterIds[key];
  if (!id) throw new Error(`no demo cluster ${key}`);
  return id;
}

export function enrolmentId(world: AccessWorld, schoolKey: string): string {
  const id = world.demo.enrolmentIds[schoolKey];
  if (!id) throw new Error(`no demo enrolment for ${schoolKey}`);
  return id;
}

/** A new school, not enrolled anywhere. */
export async function freshSchool(world: AccessWorld): Promise<string> {
  return (await makeSchool(world.t)).id;
}

/** A new school enrolled in the given demo cluster, with no team and no trio. */
export async function freshEnrolment(
  world: AccessWorld,
  clusterKey: string,
): Promise<{ schoolId: string; enrolmentId: string }> {
  const school = await freshSchool(world);
  const row = await world.t.deps.db
    .insertInto("enrolments")
    .values({
      school_id: school,
      programme_year_id: world.demo.programmeYearId,
      cluster_id: clusterId(world, clusterKey),
      created_at: world.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { schoolId: school, enrolmentId: row.id };
}

/** A new teacher on the team of a demo school; returns the team member's id. */
export async function freshTeamMember(world: AccessWorld, schoolKey: string): Promise<string> {
  const db = world.t.deps.db;
  const userId = await insertUser(db, {
    email: `member-${randomBytes(4).toString("hex")}@school.test`,
    name: "Fresh Member",
    passwordHash: "unusable",
    createdAt: world.now,
  });
  await addMembership(db, {
    userId,
    role: "teacher",
    scopeType: "school",
    scopeId: schoolId(world, schoolKey),
  });
  const row = await db
    .insertInto("team_members")
    .values({
      enrolment_id: enrolmentId(world, schoolKey),
      user_id: userId,
      team_role: "teacher",
      subject: null,
      created_at: world.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * A teacher's role at a demo school, granted by an administrator of its own and
 * waiting for approval (so neither the actor nor the person it is for granted it).
 */
export async function freshPendingMembership(
  world: AccessWorld,
  schoolKey: string,
): Promise<string> {
  const db = world.t.deps.db;
  const person = (suffix: string) =>
    insertUser(db, {
      email: `${suffix}-${randomBytes(4).toString("hex")}@school.test`,
      name: "Fresh Person",
      passwordHash: "unusable",
      createdAt: world.now,
    });
  const granter = await person("granter");
  const userId = await person("pending");
  const id = await addMembership(db, {
    userId,
    role: "teacher",
    scopeType: "school",
    scopeId: schoolId(world, schoolKey),
    pending: true,
    grantedBy: granter,
  });
  if (!id) throw new Error("pending membership not made");
  return id;
}

/**
 * Makes one of a demo school's year groups small, for tests of small-number
 * rules: keeps the first `keep.disadvantaged` pupil-premium pupils and
 * `keep.other` others (in UPN order) and moves the rest of the year group into
 * `into`. The demo's year groups are all big enough for a cohort; real schools
 * have small ones too.
 */
export async function shrinkYearGroup(
  world: AccessWorld,
  schoolKey: string,
  yearGroup: string,
  keep: { disadvantaged: number; other: number; into: string },
): Promise<void> {
  const db = world.t.deps.db;
  const pupils = await db
    .selectFrom("pupils")
    .select(["id", "pupil_premium"])
    .where("school_id", "=", schoolId(world, schoolKey))
    .where("year_group", "=", yearGroup)
    .orderBy("upn")
    .execute();
  const kept = new Set([
    ...pupils.filter((p) => p.pupil_premium).slice(0, keep.disadvantaged),
    ...pupils.filter((p) => !p.pupil_premium).slice(0, keep.other),
  ]);
  const moved = pupils.filter((p) => !kept.has(p)).map((p) => p.id);
  if (moved.length > 0)
    await db
      .updateTable("pupils")
      .set({ year_group: keep.into })
      .where("id", "in", moved)
      .execute();
}
