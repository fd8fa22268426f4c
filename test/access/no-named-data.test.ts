import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cohortPupilIds } from "../../src/server/modules/cohort/store.ts";
import { sendsInFlight } from "../../src/server/modules/newsletters/send.ts";
import { testEngine } from "../support/engines.ts";
import { makeStaff, signIn } from "../support/factories.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import {
  type AccessWorld,
  buildAccessWorld,
  clusterId,
  enrolmentId,
  schoolId,
} from "../support/world.ts";
import { ROUTE_CASES, type Target } from "./route-cases.ts";

/** Keys that name a pupil or identify them; none may leave the pupil's school. */
const DENIED_KEYS = new Set([
  "legalFirstName",
  "preferredFirstName",
  "lastName",
  "dateOfBirth",
  "upn",
  "date_of_birth",
  "last_name",
]);
const UPN_SHAPE = /\b[A-HJ-NP-RT-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]\b/;

function findLeaks(value: unknown, path: string, leaks: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      findLeaks(v, `${path}[${i}]`, leaks);
    });
    return;
  }
  if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (DENIED_KEYS.has(key)) leaks.push(`${path}.${key}`);
      findLeaks(v, `${path}.${key}`, leaks);
    }
    return;
  }
  if (typeof value === "string" && UPN_SHAPE.test(value)) leaks.push(`${path} = ${value}`);
}

/** A response's text as a reader sees it: a PDF's text drawn out of its streams, line breaks as spaces. */
async function readableText(response: {
  headers: Record<string, unknown>;
  body: string;
  rawPayload: Buffer;
}): Promise<string> {
  if (!String(response.headers["content-type"]).includes("application/pdf")) return response.body;
  const parsed = await new PDFParse({ data: response.rawPayload }).getText();
  return parsed.text.replaceAll(/\s+/g, " ");
}

/** Keys that carry a pupil's poverty flags: a para-professional, by default, sees none of them. */
const POVERTY_KEYS = new Set(["pupilPremium", "fsm", "ever6Fsm", "disadvantaged"]);

/** A poverty flag given as a yes or no (a group's figures under `disadvantaged` are not a flag). */
function findPovertyFlags(value: unknown, path: string, leaks: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => {
      findPovertyFlags(v, `${path}[${i}]`, leaks);
    });
    return;
  }
  if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (POVERTY_KEYS.has(key) && typeof v === "boolean") leaks.push(`${path}.${key} = ${v}`);
      findPovertyFlags(v, `${path}.${key}`, leaks);
    }
  }
}

/**
 * Reads every GET route as each kind of caller that must not see a school's
 * pupils by name: staff of another school, programme leads and administrators.
 * No response may carry a name, UPN or date of birth.
 */
describe(`no named pupil data outside the pupil's school [${testEngine()}]`, () => {
  let t: TestApp;
  let world: AccessWorld;
  beforeAll(async () => {
    t = await createTestApp();
    world = await buildAccessWorld(t);
  });
  afterAll(async () => t.close());

  it("holds for every GET route", async () => {
    const checked: string[] = [];
    const leaks: string[] = [];
    // Everything that identifies a pupil, to look for in every answer given to someone outside their school.
    const pupils = await t.deps.db
      .selectFrom("pupils")
      .select([
        "id",
        "school_id",
        "upn",
        "legal_first_name",
        "preferred_first_name",
        "last_name",
        "date_of_birth",
      ])
      .execute();
    const identifiersOutside = (ownSchools: Set<string>) =>
      pupils
        .filter((p) => !ownSchools.has(p.school_id))
        .flatMap((p) => [
          p.id,
          p.upn,
          p.date_of_birth,
          `${p.legal_first_name} ${p.last_name}`,
          `${p.preferred_first_name ?? p.legal_first_name} ${p.last_name}`,
        ]);
    const schoolNames = (await t.deps.db.selectFrom("schools").select("name").execute()).map(
      (s) => s.name,
    );
    const unnamedCaseStudySchools = async () =>
      (
        await t.deps.db
          .selectFrom("case_studies")
          .innerJoin("schools", "schools.id", "case_studies.school_id")
          .select("schools.name")
          .distinct()
          .where("case_studies.show_school_name", "=", false)
          .execute()
      ).map((s) => s.name);
    // The OpenAPI document names the fields (as schema), it holds no data.
    for (const route of t.routes.filter(
      (r) => r.method === "GET" && r.url !== "/api/openapi.json",
    )) {
      const key = `${route.method} ${route.url}`;
      const routeCase = ROUTE_CASES[key];
      if (!routeCase) continue;
      for (const actor of world.actors) {
        const ownSchools = new Set(
          actor.user
            ? (
                await t.deps.db
                  .selectFrom("memberships")
                  .select("scope_id")
                  .where("user_id", "=", actor.user.id)
                  .where("scope_type", "=", "school")
                  .execute()
              ).map((m) => m.scope_id ?? "")
            : [],
        );
        const forbidden = identifiersOutside(ownSchools);
        const outsiderOnly = ["school_leader", "teacher", "para_professional"].includes(actor.key);
        const targets: Target[] = outsiderOnly ? ["out_of_scope"] : ["in_scope", "out_of_scope"];
        for (const target of targets) {
          const call = await routeCase(world, actor, target);
          const response = await actor.client.clone().request("GET", call.url);
          if (response.statusCode !== 200) continue;
          checked.push(`${key} as ${actor.key} (${target})`);
          const isJson = String(response.headers["content-type"]).includes("json");
          if (isJson) findLeaks(response.json(), key, leaks);
          const text = await readableText(response);
          for (const identifier of forbidden) {
            if (text.includes(identifier))
              leaks.push(`${key} as ${actor.key} (${target}) contains ${identifier}`);
          }
          // The network's aims show each school by its pseudonym only.
          if (key.startsWith("GET /api/network-aims"))
            for (const name of schoolNames)
              if (text.includes(name)) leaks.push(`${key} as ${actor.key} names ${name}`);
          // Case studies show a school by its pseudonym to anyone outside it, unless it chose to be named.
          if (key.startsWith("GET /api/case-studies") && ownSchools.size === 0)
            for (const name of await unnamedCaseStudySchools())
              if (text.includes(name)) leaks.push(`${key} as ${actor.key} names ${name}`);
        }
      }
    }
    expect(leaks).toEqual([]);
    // The check must have read real answers, including the pupil-data routes' aggregates.
    expect(checked.some((c) => c.startsWith("GET /api/schools/:id/gap as programme_lead"))).toBe(
      true,
    );
    // ... and the network's aims with both downloads, as an administrator.
    for (const url of ["", "/export.csv", "/export.pdf"])
      expect(checked).toContain(`GET /api/network-aims${url} as network_admin (in_scope)`);
    // The cluster impact report's JSON, as its programme lead and an administrator read it.
    for (const who of ["programme_lead", "network_admin"])
      expect(
        checked.some((c) => c.startsWith(`GET /api/clusters/:id/impact-report as ${who}`)),
      ).toBe(true);
    expect(checked.length).toBeGreaterThan(40);
    // Every GET as every actor: the shared test machine needs more than the default 30 s.
  }, 180_000);

  it("keeps pupils' names, and schools that did not choose to be named, out of the cluster report's PDF", async () => {
    const cluster = clusterId(world, "cluster-north");
    const pupils = await t.deps.db
      .selectFrom("pupils")
      .select(["id", "upn", "legal_first_name", "last_name"])
      .execute();
    const schools = await t.deps.db
      .selectFrom("enrolments")
      .innerJoin("schools", "schools.id", "enrolments.school_id")
      .select(["schools.id", "schools.name"])
      .where("enrolments.cluster_id", "=", cluster)
      .execute();
    const named = new Set(
      (
        await t.deps.db
          .selectFrom("shared_results")
          .select(["school_id", "named"])
          .where("withdrawn_at", "is", null)
          .execute()
      )
        .filter((r) => r.named)
        .map((r) => r.school_id),
    );
    for (const who of ["programme_lead", "network_admin"]) {
      const actor = world.actors.find((a) => a.key === who);
      if (!actor) throw new Error(who);
      const response = await actor.client
        .clone()
        .request("GET", `/api/clusters/${cluster}/impact-report.pdf`);
      expect(response.statusCode).toBe(200);
      const parser = new PDFParse({ data: new Uint8Array(response.rawPayload) });
      const text = (await parser.getText()).text;
      await parser.destroy();
      expect(text).toContain("Cluster impact report");
      for (const p of pupils) {
        expect(text).not.toContain(p.upn);
        expect(text).not.toContain(`${p.legal_first_name} ${p.last_name}`);
      }
      for (const s of schools) if (!named.has(s.id)) expect(text).not.toContain(s.name);
    }
  }, 60_000);

  it("keeps pupils and unnamed schools out of the newsletter: its preview, back issue and every email", async () => {
    const admin = world.actors.find((a) => a.key === "network_admin");
    if (!admin) throw new Error("no administrator");
    const client = admin.client.clone();
    const made = await client.request("POST", "/api/newsletters", {
      title: "Named-data scan issue",
      termLabel: "Autumn 2026",
    });
    expect(made.statusCode).toBe(201);
    const issue = made.json() as { id: string; items: { kind: string; refId: string }[] };
    // Everything Cascade proposes from the demo network: its pooled evidence and progress.
    expect(issue.items.map((i) => i.kind)).toContain("evidence");
    expect(issue.items.map((i) => i.kind)).toContain("progress");
    expect((await client.request("POST", `/api/newsletters/${issue.id}/send`)).statusCode).toBe(
      202,
    );
    await sendsInFlight();
    const preview = await client.request("GET", `/api/newsletters/${issue.id}/preview`);
    const backIssue = await client.request("GET", `/api/newsletter-issues/${issue.id}`);
    const emails = await t.deps.db
      .selectFrom("outbox")
      .select(["subject", "body", "html"])
      .where("kind", "=", "newsletter")
      .execute();
    expect(emails.length).toBeGreaterThan(5);
    const texts = [
      preview.body,
      backIssue.body,
      ...emails.flatMap((e) => [e.subject, e.body, e.html ?? ""]),
    ];
    const pupils = await t.deps.db
      .selectFrom("pupils")
      .select(["upn", "legal_first_name", "preferred_first_name", "last_name", "date_of_birth"])
      .execute();
    const schools = await t.deps.db.selectFrom("schools").select("name").execute();
    const leaks: string[] = [];
    for (const text of texts) {
      if (UPN_SHAPE.test(text)) leaks.push(`a UPN-shaped value in ${text.slice(0, 60)}`);
      for (const p of pupils)
        for (const id of [
          p.upn,
          p.date_of_birth,
          `${p.legal_first_name} ${p.last_name}`,
          `${p.preferred_first_name ?? p.legal_first_name} ${p.last_name}`,
        ])
          if (text.includes(id)) leaks.push(id);
      // No case study chose to name its school in the demo, so no school is named.
      for (const school of schools) if (text.includes(school.name)) leaks.push(school.name);
    }
    expect(leaks).toEqual([]);
  }, 60_000);

  it("keeps pupils, and a school not named, out of a case study, the library and the PDF", async () => {
    const leader = world.actors.find((a) => a.key === "school_leader");
    if (!leader) throw new Error("no leader");
    const home = schoolId(world, "school-1");
    const strategy = await t.deps.db
      .selectFrom("strategies")
      .select(["id", "success_measure_id"])
      .where("school_id", "=", home)
      .orderBy("created_at")
      .executeTakeFirstOrThrow();
    const points = await t.deps.db
      .selectFrom("assessment_points")
      .select("id")
      .where("school_id", "=", home)
      .orderBy("starts_on")
      .limit(2)
      .execute();
    const client = leader.client.clone();
    const started = await client.post(`/api/strategies/${strategy.id}/case-studies`, {
      measureId: strategy.success_measure_id,
      from: points[0]?.id,
      to: points[1]?.id,
      comparison: "non_participants",
    });
    expect(started.statusCode, started.body).toBe(201);
    const id = (started.json() as { id: string }).id;
    await client.patch(`/api/case-studies/${id}`, { learned: "Small groups, **every day**." });
    expect((await client.post(`/api/case-studies/${id}/submit`)).statusCode).toBe(200);
    const admin = world.actors.find((a) => a.key === "network_admin");
    expect(
      (await admin?.client.clone().post(`/api/case-studies/${id}/publish`, { audience: "network" }))
        ?.statusCode,
    ).toBe(200);
    const outsider = await signIn(
      t,
      await makeStaff(t, { role: "teacher", schoolId: schoolId(world, "school-6") }),
    );
    const pupils = await t.deps.db
      .selectFrom("pupils")
      .select(["id", "upn", "legal_first_name", "preferred_first_name", "last_name"])
      .where("school_id", "=", home)
      .execute();
    const school = await t.deps.db
      .selectFrom("schools")
      .select("name")
      .where("id", "=", home)
      .executeTakeFirstOrThrow();
    const answers = [
      await outsider.get("/api/case-studies?q=small%20groups"),
      await outsider.get(`/api/case-studies/${id}`),
      await outsider.get(`/api/case-studies/${id}/case-study.pdf`),
    ];
    expect(
      (answers[0]?.json() as { items: Array<{ id: string }> }).items.map((i) => i.id),
    ).toContain(id);
    for (const answer of answers) {
      expect(answer?.statusCode).toBe(200);
      if (!answer) continue;
      const text = await readableText(answer);
      const leaks: string[] = [];
      if (String(answer.headers["content-type"]).includes("json"))
        findLeaks(answer.json(), "case study", leaks);
      expect(leaks).toEqual([]);
      expect(text).not.toContain(school.name);
      for (const p of pupils) {
        expect(text).not.toContain(p.id);
        expect(text).not.toContain(p.upn);
        expect(text).not.toContain(`${p.legal_first_name} ${p.last_name}`);
        expect(text).not.toContain(
          `${p.preferred_first_name ?? p.legal_first_name} ${p.last_name}`,
        );
      }
    }
  }, 60_000);

  it("gives a para-professional only the pupils they work with, and never a poverty flag", async () => {
    const para = world.actors.find((a) => a.key === "para_professional");
    if (!para?.user) throw new Error("no para-professional");
    const school = schoolId(world, "school-1");
    // The demo para-professional is on school-1's team and owns no strategy: they work with its cohort.
    const working = new Set(
      (await cohortPupilIds(t.deps.db, [enrolmentId(world, "school-1")])).map((c) => c.pupilId),
    );
    const pupils = await t.deps.db
      .selectFrom("pupils")
      .select(["id", "upn", "legal_first_name", "preferred_first_name", "last_name"])
      .where("school_id", "=", school)
      .execute();
    const name = (p: (typeof pupils)[number]) =>
      `${p.preferred_first_name ?? p.legal_first_name} ${p.last_name}`;
    const workingNames = new Set(pupils.filter((p) => working.has(p.id)).map(name));
    const others = pupils
      .filter((p) => !working.has(p.id))
      .flatMap((p) => [p.id, p.upn, ...(workingNames.has(name(p)) ? [] : [name(p)])]);
    expect(working.size).toBeGreaterThan(0);
    expect(others.length).toBeGreaterThan(working.size);

    const checked: string[] = [];
    const leaks: string[] = [];
    for (const route of t.routes.filter(
      (r) => r.method === "GET" && r.url !== "/api/openapi.json",
    )) {
      const key = `${route.method} ${route.url}`;
      const routeCase = ROUTE_CASES[key];
      if (!routeCase) continue;
      const call = await routeCase(world, para, "in_scope");
      const response = await para.client.clone().request("GET", call.url);
      if (response.statusCode !== 200) continue;
      checked.push(key);
      if (String(response.headers["content-type"]).includes("json"))
        findPovertyFlags(response.json(), key, leaks);
      for (const identifier of others)
        if (response.body.includes(identifier)) leaks.push(`${key} contains ${identifier}`);
    }
    expect(leaks).toEqual([]);
    // The scan read the routes that list pupils by name.
    for (const key of [
      "GET /api/schools/:id/pupils",
      "GET /api/schools/:id/observations",
      "GET /api/schools/:id/cohort",
      "GET /api/matrix",
      "GET /api/strategies/:id",
    ])
      expect(checked).toContain(key);
  }, 180_000);

  it("keeps every pupil, of any school, out of the resource library's answers", async () => {
    const as = (key: string) => {
      const actor = world.actors.find((a) => a.key === key);
      if (!actor) throw new Error(key);
      return actor;
    };
    // The library filled through its own routes: a link, a workshop's material, a list and a shelf.
    const lead = as("programme_lead").client.clone();
    const link = await lead.request("POST", "/api/resources", {
      title: "Reading for pleasure",
      summary: "A research summary for the whole team.",
      url: "https://example.org/reading-for-pleasure",
      kind: "research_summary",
      audience: ["teachers"],
    });
    expect(link.statusCode).toBe(201);
    const resourceId = (link.json() as { id: string }).id;
    const material = await t.deps.db
      .selectFrom("workshop_materials")
      .innerJoin("workshops", "workshops.id", "workshop_materials.workshop_id")
      .select("workshop_materials.id")
      .where("workshops.cluster_id", "=", clusterId(world, "cluster-north"))
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("resources")
              .select("resources.id")
              .whereRef("resources.workshop_material_id", "=", "workshop_materials.id"),
          ),
        ),
      )
      .executeTakeFirst();
    if (material) {
      const put = await lead.request("POST", `/api/workshop-materials/${material.id}/library`, {
        kind: "reading",
      });
      expect(put.statusCode).toBe(201);
    }
    const list = await lead.request("POST", "/api/reading-lists", { title: "Start here" });
    const listId = (list.json() as { id: string }).id;
    await lead.request("PUT", `/api/reading-lists/${listId}/items`, {
      items: [{ resourceId, note: "Read first." }],
    });
    const school = schoolId(world, "school-1");
    const saved = await as("teacher")
      .client.clone()
      .request("PUT", `/api/schools/${school}/shelf/${resourceId}`);
    expect(saved.statusCode).toBe(200);

    const pupils = await t.deps.db
      .selectFrom("pupils")
      .select(["id", "upn", "legal_first_name", "preferred_first_name", "last_name"])
      .execute();
    const identifiers = pupils.flatMap((p) => [
      p.id,
      p.upn,
      `${p.legal_first_name} ${p.last_name}`,
      `${p.preferred_first_name ?? p.legal_first_name} ${p.last_name}`,
    ]);
    const urls = [
      "/api/resources",
      `/api/resources/${resourceId}`,
      "/api/resources/choices",
      "/api/reading-lists",
      `/api/reading-lists/${listId}`,
      `/api/schools/${school}/shelf`,
    ];
    const leaks: string[] = [];
    let read = 0;
    for (const actor of world.actors) {
      for (const url of urls) {
        const response = await actor.client.clone().request("GET", url);
        if (response.statusCode !== 200) continue;
        read += 1;
        findLeaks(response.json(), url, leaks);
        for (const identifier of identifiers)
          if (response.body.includes(identifier))
            leaks.push(`${url} as ${actor.key} contains ${identifier}`);
      }
    }
    expect(leaks).toEqual([]);
    // Every signed-in actor read the five shared answers, and the school's staff its shelf.
    expect(read).toBe(6 * 5 + 3);
  }, 60_000);

  it("catches a poverty flag when there is one (the scanner itself works)", () => {
    const leaks: string[] = [];
    findPovertyFlags(
      { items: [{ fsm: null, disadvantaged: true }], disadvantaged: { n: 3 } },
      "$",
      leaks,
    );
    expect(leaks).toEqual(["$.items[0].disadvantaged = true"]);
  });

  it("catches a leak when there is one (the scanner itself works)", async () => {
    const leaks: string[] = [];
    findLeaks({ items: [{ lastName: "x" }, { note: "K881432119001" }] }, "$", leaks);
    expect(leaks).toEqual(["$.items[0].lastName", "$.items[1].note = K881432119001"]);
  });
});
