import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, type TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  makeCluster,
  makeEnrolment,
  makePupil,
  makeSchool,
  makeStaff,
  makeUser,
  signIn,
} from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { Me, NetworkAbilities, SchoolAbilities } from "../../../contracts/auth.ts";
import { academicYearOf } from "../../../domain/academic-year.ts";
import { today } from "../../../domain/calendar.ts";
import { EMPTY_ENTERED } from "../../../domain/pp-statement.ts";
import { measuresOfSchool } from "../measures/store.ts";

/**
 * Each ability /api/me gives for a school, beside the route whose refusal it
 * predicts: the route answers 403 exactly when the ability is false.
 */
describe(`/api/me: each school's abilities agree with the routes [${testEngine()}]`, () => {
  let t: TestApp;
  let school: string;
  let pupil: string;
  let measure: string;
  const clients: Record<"leader" | "teacher" | "para", TestClient> = {} as never;

  beforeAll(async () => {
    t = await createTestApp();
    school = (await makeSchool(t)).id;
    await makeEnrolment(t, { schoolId: school });
    pupil = (await makePupil(t, { schoolId: school })).id;
    const first = (await measuresOfSchool(t.deps.db, school))[0];
    if (!first) throw new Error("a new school has the standard measures");
    measure = first.id;
    for (const role of ["leader", "teacher"] as const) {
      const person = await makeStaff(t, {
        role: role === "leader" ? "school_leader" : "teacher",
        schoolId: school,
      });
      clients[role] = await signIn(t, person);
    }
    clients.para = await signIn(
      t,
      await makeStaff(t, { role: "para_professional", schoolId: school }),
    );
  });
  afterAll(() => t.close());

  /** Abilities a teacher holds too, checked on their own below. */
  type LeaderOnly = Exclude<keyof SchoolAbilities, "readPupilPremiumStatement">;

  /** The route each ability stands for, called with a body it would accept (or, for an upload, none). */
  const routes: Record<LeaderOnly, (c: TestClient) => ReturnType<TestClient["get"]>> = {
    importData: (c) => c.post(`/api/schools/${school}/imports/preview`, {}),
    readAccessHistory: (c) => c.get(`/api/schools/${school}/access-history`),
    planStrategy: (c) => c.post(`/api/schools/${school}/strategies`, { title: "Reading buddies" }),
    addPoints: (c) =>
      c.post(`/api/schools/${school}/assessment-points`, {
        academicYear: academicYearOf(today(t.clock)),
        defaults: true,
      }),
    confirmCohort: (c) => c.put(`/api/schools/${school}/cohort`, { pupilIds: [pupil] }),
    editPupils: (c) => c.patch(`/api/pupils/${pupil}`, { version: 1, yearGroup: "6" }),
    mapNationalMeasure: (c) =>
      c.put(`/api/schools/${school}/measures/${measure}/national-measure`, {
        nationalMeasureKey: null,
      }),
    readRetentionSchedule: (c) => c.get(`/api/schools/${school}/retention`),
    exportPupilData: (c) => c.get(`/api/pupils/${pupil}/subject-access`),
    readPupilHistory: (c) => c.get(`/api/pupils/${pupil}/history`),
    // Each call erases a pupil of its own, so the other calls keep theirs.
    readImpactReport: (c) => c.get(`/api/schools/${school}/impact-report`),
    writeWhatNext: (c) =>
      c.put(`/api/schools/${school}/impact-report/what-next`, {
        text: "Extend the reading buddies.",
      }),
    erasePupils: async (c) => {
      const erasable = await makePupil(t, {
        schoolId: school,
        firstName: "Ada",
        lastName: "Erasable",
      });
      return c.post(`/api/pupils/${erasable.id}/erase`, { confirmName: "Ada Erasable" });
    },
    editPupilPremiumStatement: (c) => c.put(`/api/schools/${school}/pp-statement`, EMPTY_ENTERED),
    keepShelf: (c) => c.get(`/api/schools/${school}/shelf`),
  };

  /** What the whole team may do (leaders and teachers alike): a teacher has these too. */
  const TEAM: ReadonlyArray<keyof SchoolAbilities> = ["readImpactReport", "keepShelf"];

  const abilitiesOf = async (who: "leader" | "teacher" | "para") => {
    const response = await clients[who].get("/api/me");
    expect(response.statusCode).toBe(200);
    const me = json<Me>(response);
    expect(me.schools.map((s) => s.id)).toEqual([school]);
    return me.schools[0]?.abilities as SchoolAbilities;
  };

  it("a leader may do all of it, and no route refuses them", async () => {
    const abilities = await abilitiesOf("leader");
    for (const [name, call] of Object.entries(routes)) {
      expect(abilities[name as keyof SchoolAbilities], name).toBe(true);
      const status = (await call(clients.leader)).statusCode;
      expect([403, 404], `${name} answered ${status}`).not.toContain(status);
      // Every call but the empty upload is one the route carries out.
      if (name !== "importData") expect(status, name).toBeLessThan(300);
    }
  });

  it("a teacher may do only the team's part, and every other route refuses them with 403", async () => {
    const abilities = await abilitiesOf("teacher");
    for (const [name, call] of Object.entries(routes)) {
      const team = TEAM.includes(name as keyof SchoolAbilities);
      expect(abilities[name as keyof SchoolAbilities], name).toBe(team);
      const status = (await call(clients.teacher)).statusCode;
      if (team) expect(status, name).toBe(200);
      else expect(status, name).toBe(403);
    }
  });

  it("the pupil premium statement is read by leaders and teachers, not para-professionals", async () => {
    const para = await signIn(
      t,
      await makeStaff(t, { role: "para_professional", schoolId: school }),
    );
    const url = `/api/schools/${school}/pp-statement`;
    for (const [client, may] of [
      [clients.leader, true],
      [clients.teacher, true],
      [para, false],
    ] as const) {
      const me = json<Me>(await client.get("/api/me"));
      expect(me.schools[0]?.abilities.readPupilPremiumStatement).toBe(may);
      expect((await client.get(url)).statusCode).toBe(may ? 200 : 403);
    }
  });

  it("a para-professional may not read the impact report, and its route refuses them with 403", async () => {
    const abilities = await abilitiesOf("para");
    expect(abilities.readImpactReport).toBe(false);
    expect(abilities.writeWhatNext).toBe(false);
    expect((await routes.readImpactReport(clients.para)).statusCode).toBe(403);
    expect((await routes.writeWhatNext(clients.para)).statusCode).toBe(403);
  });

  it("a para-professional keeps the school's shelf, as every member of staff does", async () => {
    expect((await abilitiesOf("para")).keepShelf).toBe(true);
    expect((await routes.keepShelf(clients.para)).statusCode).toBe(200);
  });

  it("lists no school for someone with no school role, and each school once", async () => {
    const admin = await signIn(t, await makeUser(t, { role: "network_admin" }));
    expect(json<Me>(await admin.get("/api/me")).schools).toEqual([]);
    // The sign-in answer is the same person: the web app keeps it as /api/me.
    const leader = await makeStaff(t, { role: "school_leader", schoolId: school });
    const login = await clients.leader.post("/api/auth/login", {
      email: leader.email,
      password: leader.password,
    });
    expect(json<Me>(login).schools.map((s) => s.id)).toEqual([school]);
  });
});

/**
 * The network's tools and a lead's cluster in /api/me, beside routes each stands
 * for: an administrator has every tool and the routes answer them; a school's
 * leader has none and the same routes refuse them; a lead has their own cluster only.
 */
describe(`/api/me: network and cluster abilities agree with the routes [${testEngine()}]`, () => {
  let t: TestApp;
  let admin: TestClient;
  let leader: TestClient;
  let lead: TestClient;
  let cluster: string;
  let other: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, await makeUser(t, { role: "network_admin" }));
    const school = (await makeSchool(t)).id;
    leader = await signIn(t, await makeStaff(t, { role: "school_leader", schoolId: school }));
    cluster = (await makeCluster(t)).id;
    other = (await makeCluster(t)).id;
    lead = await signIn(t, await makeUser(t, { role: "programme_lead", scopeId: cluster }));
  });
  afterAll(() => t.close());

  /** A read each tool opens (the route's refusal is the same rule as the ability). */
  const reads: Partial<Record<keyof NetworkAbilities, string>> = {
    manageAccounts: "/api/users",
    manageSchools: "/api/schools/proposed-short-code?name=Oak%20Primary",
    readOutbox: "/api/outbox",
    compileNewsletter: "/api/newsletters",
    manageRetention: "/api/retention/settings",
    readRecordsOfProcessing: "/api/records-of-processing",
    readAuditLog: "/api/audit",
    readNetworkAims: "/api/network-aims",
    changeSecuritySettings: "/api/security-settings",
    configureSingleSignOn: "/api/sso/providers",
  };

  it("an administrator has every tool, and each read answers them", async () => {
    const me = json<Me>(await admin.get("/api/me"));
    for (const [name, may] of Object.entries(me.abilities)) expect(may, name).toBe(true);
    expect(me.clusters).toEqual([]);
    for (const [name, url] of Object.entries(reads))
      expect((await admin.get(url)).statusCode, name).toBe(200);
    // readClusterReports: any cluster's report, though the administrator leads none.
    expect((await admin.get(`/api/clusters/${other}/impact-report`)).statusCode).toBe(200);
  });

  it("manageResources: administrators and programme leads start reading lists, a school's leader is refused", async () => {
    for (const [client, may] of [
      [admin, true],
      [lead, true],
      [leader, false],
    ] as const) {
      expect(json<Me>(await client.get("/api/me")).abilities.manageResources).toBe(may);
      const made = await client.post("/api/reading-lists", { title: "Metacognition reading" });
      expect(made.statusCode).toBe(may ? 201 : 403);
    }
  });

  it("a school's leader has none, and each read refuses them with 403", async () => {
    const me = json<Me>(await leader.get("/api/me"));
    for (const [name, may] of Object.entries(me.abilities)) expect(may, name).toBe(false);
    for (const [name, url] of Object.entries(reads))
      expect((await leader.get(url)).statusCode, name).toBe(403);
  });

  it("a programme lead has their own cluster, with what they may do there, and not another", async () => {
    const me = json<Me>(await lead.get("/api/me"));
    expect(me.clusters.map((c) => c.id)).toEqual([cluster]);
    expect(me.clusters[0]?.abilities).toEqual({
      scheduleWorkshops: true,
      bookVisits: true,
      openMatrix: true,
      readClusterReport: true,
    });
    expect(me.clusters.some((c) => c.id === other)).toBe(false);
    // Of the network's tools, a lead has the library's only.
    const tools = Object.entries(me.abilities).filter(([, may]) => may);
    expect(tools.map(([name]) => name)).toEqual(["manageResources"]);
    // Their cluster opens to them; another is outside their scope, so it is not found.
    expect((await lead.get(`/api/clusters/${cluster}`)).statusCode).toBe(200);
    expect((await lead.get(`/api/clusters/${other}`)).statusCode).toBe(404);
    // The cluster report opens to its lead as readClusterReport says; another's is not found.
    expect((await lead.get(`/api/clusters/${cluster}/impact-report`)).statusCode).toBe(200);
    expect((await lead.get(`/api/clusters/${other}/impact-report`)).statusCode).toBe(404);
  });
});
