import { PDFParse } from "pdf-parse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, type TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  makeAssessmentPoints,
  makeObservations,
  makeSchool,
  makeSchoolYear,
  makeSharedStrategy,
  makeStaff,
  makeTeamMember,
  makeUser,
  repeat,
  signIn,
} from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { NetworkAims } from "../../../contracts/network-aims.ts";
import { SUPPRESSION_MARK } from "../../../domain/suppression.ts";
import { insertHub } from "../hubs/store.ts";
import { setNationalLink } from "../national/store.ts";

/**
 * A spec of one school: its disadvantaged and other pupils, and how many of
 * each are at the expected standard last year (Summer 2, 2025/26; none when
 * absent) and this year (Autumn 2, 2026/27).
 */
interface Spec {
  name: string;
  hub: "north" | "south" | null;
  dis: number;
  other: number;
  lastYear: [number, number] | null;
  thisYear: [number, number];
}

// Hand-worked in the test's comments below.
const SPECS: Spec[] = [
  {
    name: "Aimsfield Oak Primary",
    hub: "north",
    dis: 10,
    other: 10,
    lastYear: [2, 9],
    thisYear: [5, 9],
  },
  {
    name: "Aimsfield Birch Primary",
    hub: "north",
    dis: 10,
    other: 10,
    lastYear: [2, 8],
    thisYear: [4, 8],
  },
  {
    name: "Aimsfield Cedar Primary",
    hub: "south",
    dis: 8,
    other: 8,
    lastYear: [4, 8],
    thisYear: [4, 8],
  },
  {
    name: "Aimsfield Damson Primary",
    hub: "north",
    dis: 3,
    other: 10,
    lastYear: null,
    thisYear: [1, 10],
  },
];

describe(`the network aims dashboard [${testEngine()}]`, () => {
  let t: TestApp;
  let admin: TestClient;
  let leader: TestClient;
  const hubs: Record<"north" | "south", string> = { north: "", south: "" };
  const pupilNames: string[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    const now = t.clock.now();
    hubs.north = await insertHub(t.deps.db, "Aims North Hub", now);
    hubs.south = await insertHub(t.deps.db, "Aims South Hub", now);
    const adminUser = await makeUser(t, { role: "network_admin" });
    admin = await signIn(t, adminUser);
    for (const [index, spec] of SPECS.entries()) {
      const school = await makeSchool(t, {
        name: spec.name,
        hubId: spec.hub ? hubs[spec.hub] : null,
      });
      // Disadvantaged pupils first; the first k of each group are at expected (3 of 4).
      const year = await makeSchoolYear(t, {
        schoolId: school.id,
        pupils: [
          ...repeat(spec.dis, { pupilPremium: true, inCohort: true }),
          ...repeat(spec.other, {}),
        ],
        values: (pupil, point) => {
          const rank = pupil.pupilPremium ? pupil.index : pupil.index - spec.dis;
          const at = pupil.pupilPremium ? spec.thisYear[0] : spec.thisYear[1];
          // Autumn 1 one fewer disadvantaged pupil at expected than Autumn 2.
          const reach = point === 0 && pupil.pupilPremium ? at - 1 : at;
          return { "reading-ta": rank < reach ? 3 : 2 - (rank % 2) };
        },
      });
      const names = await t.deps.db
        .selectFrom("pupils")
        .select(["legal_first_name", "last_name"])
        .where("school_id", "=", school.id)
        .execute();
      pupilNames.push(...names.map((n) => n.legal_first_name));
      if (spec.lastYear) {
        const before = await makeAssessmentPoints(t, {
          schoolId: school.id,
          academicYear: "2025/26",
        });
        const summer = before.ids.get("Summer 2") ?? "";
        const [dAt, oAt] = spec.lastYear;
        await makeObservations(t, {
          schoolId: school.id,
          rows: year.pupilIds.map((pupilId, i) => {
            const dis = i < spec.dis;
            const rank = dis ? i : i - spec.dis;
            return {
              pupilId,
              pointId: summer,
              values: { "reading-ta": rank < (dis ? dAt : oAt) ? 4 : 1 },
            };
          }),
        });
      }
      const measure = await t.deps.db
        .selectFrom("measures")
        .select("id")
        .where("school_id", "=", school.id)
        .where("key", "=", "reading-ta")
        .executeTakeFirstOrThrow();
      await setNationalLink(t.deps.db, now, {
        measureId: measure.id,
        schoolId: school.id,
        key: "ks2-rwm-expected",
        mappedBy: adminUser.id,
      });
      // Oak: a leader on its team, a strategy shared and cascaded, and a workshop attended.
      if (index === 0) {
        await makeTeamMember(t, { enrolmentId: year.enrolmentId, role: "school_leader" });
        const member = await makeTeamMember(t, { enrolmentId: year.enrolmentId });
        const { strategyId } = await makeSharedStrategy(t, { year, comparison: "none" });
        await t.deps.db
          .updateTable("strategies")
          .set({ cascade_stage: "year_group" })
          .where("id", "=", strategyId)
          .execute();
        const workshop = await t.deps.db
          .insertInto("workshops")
          .values({
            cluster_id: year.clusterId,
            title: "October workshop",
            starts_at: new Date("2026-10-08T09:30:00Z"),
            ends_at: new Date("2026-10-08T15:30:00Z"),
            created_at: now,
            updated_at: now,
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        for (const [userId, status] of [
          [member.user.id, "present"],
          [(await makeTeamMember(t, { enrolmentId: year.enrolmentId })).user.id, "absent"],
        ] as const)
          await t.deps.db
            .insertInto("workshop_attendance")
            .values({
              workshop_id: workshop.id,
              user_id: userId,
              enrolment_id: year.enrolmentId,
              status,
              recorded_at: now,
            })
            .execute();
      }
      if (index === 0)
        leader = await signIn(
          t,
          await makeStaff(t, { role: "school_leader", schoolId: school.id }),
        );
    }
    for (const [academicYear, disadvantaged] of [
      ["2025/26", 48],
      ["2026/27", 49],
    ] as const) {
      const added = await admin.post("/api/national-figures", {
        measureKey: "ks2-rwm-expected",
        academicYear,
        disadvantaged,
        other: 70,
        status: "provisional",
        source: "A test's figures",
        readOn: "2026-11-20",
      });
      expect(added.statusCode, added.body).toBe(201);
    }
  });
  afterAll(() => t.close());

  const aims = async (query = "") => {
    const response = await admin.get(`/api/network-aims${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return json<NetworkAims>(response);
  };

  it("pools the schools' counts for each year, against national", async () => {
    const body = await aims();
    // The clusters' facilitation schools, made by the factories, are in the network too.
    const schools = await t.deps.db.selectFrom("schools").select("id").execute();
    expect(body.scope).toEqual({
      hubId: null,
      label: "The whole network",
      schoolCount: schools.length,
    });
    expect(body.nationalMeasure?.key).toBe("ks2-rwm-expected");
    // 2025/26 (Damson has no results): 8 of 28 disadvantaged (28.6%), 25 of 28 others (89.3%).
    // 2026/27: 14 of 31 (45.2%) and 35 of 38 (92.1%): a gap of 46.9 points.
    expect(body.attainment).toEqual([
      {
        academicYear: "2025/26",
        disadvantagedPct: 28.6,
        otherPct: 89.3,
        gap: 60.7,
        nationalDisadvantagedPct: 48,
        nationalGap: 22,
        nationalStatus: "provisional",
        suppressed: false,
      },
      {
        academicYear: "2026/27",
        disadvantagedPct: 45.2,
        otherPct: 92.1,
        gap: 46.9,
        nationalDisadvantagedPct: 49,
        nationalGap: 21,
        nationalStatus: "provisional",
        suppressed: false,
      },
    ]);
  });

  it("suppresses the small school, and beside it what subtraction would give back", async () => {
    const body = await aims();
    const withResults = body.schools.filter((s) => s.academicYear !== null);
    expect(withResults).toHaveLength(4);
    const shown = withResults.filter((s) => !s.suppressed);
    // Damson's 3 disadvantaged pupils: hidden. Cedar is hidden with it against the
    // network's total, and one of Oak and Birch (20 pupils each: a tie) against the
    // north hub's. The other shows: Oak 50% and a gap of 70 → 40, or Birch 40% and 60 → 40.
    expect(shown).toHaveLength(1);
    const [one] = shown;
    expect([
      { disadvantagedPct: 50, gap: 40, previousGap: 70, trend: "narrowing" },
      { disadvantagedPct: 40, gap: 40, previousGap: 60, trend: "narrowing" },
    ]).toContainEqual({
      disadvantagedPct: one?.disadvantagedPct,
      gap: one?.gap,
      previousGap: one?.previousGap,
      trend: one?.trend,
    });
    for (const s of body.schools.filter((row) => row.suppressed))
      expect([s.disadvantagedPct, s.gap]).toEqual([null, null]);
    // Among the schools shown both years (the one of Oak and Birch), the one whose gap narrowed.
    expect(body.improving).toEqual([
      {
        academicYear: "2026/27",
        schoolsCompared: 1,
        schoolsNarrowed: 1,
        sharePct: 100,
        nationalGapChange: -1,
      },
    ]);
  });

  it("filters by hub: the hub's schools and its own total", async () => {
    const north = await aims(`?hubId=${hubs.north}`);
    expect(north.scope).toMatchObject({ label: "Aims North Hub", schoolCount: 3 });
    expect(north.schools).toHaveLength(3);
    // Oak, Birch and Damson this year: 10 of 23 (43.5%), 27 of 30 (90%).
    expect(north.attainment.at(-1)).toMatchObject({
      disadvantagedPct: 43.5,
      otherPct: 90,
      gap: 46.5,
    });
    const south = await aims(`?hubId=${hubs.south}`);
    expect(south.schools.map((s) => s.suppressed)).toEqual([true]);
    expect(south.attainment.at(-1)).toMatchObject({ disadvantagedPct: 50, gap: 50 });
    const missing = await admin.get(`/api/network-aims?hubId=${crypto.randomUUID()}`);
    expect(missing.statusCode).toBe(404);
    const bad = await admin.get("/api/network-aims?hubId=north");
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(json(bad))).toContain("hubId");
  });

  it("counts strategies evaluated and cascaded, workshop attendance and leaders", async () => {
    const body = await aims();
    expect(body.strategies).toEqual([
      { academicYear: "2026/27", planned: 1, evaluated: 1, cascaded: 1 },
    ]);
    expect(body.workshops).toEqual([
      { academicYear: "2026/27", recorded: 2, present: 1, attendancePct: 50 },
    ]);
    expect(body.leadership).toEqual([{ academicYear: "2026/27", teamLeaders: 1, trioLeads: 0 }]);
    const oak = body.schools.find((s) => s.strategiesEvaluated === 1);
    expect(oak).toMatchObject({ strategiesCascaded: 1, attendancePct: 50, teamLeaders: 1 });
  });

  it("shows each school by a pseudonym, never its name, and no pupil", async () => {
    const response = await admin.get("/api/network-aims");
    const body = json<NetworkAims>(response);
    for (const s of body.schools) expect(s.pseudonym).toMatch(/^School [A-Z]{2}\d$/);
    expect(new Set(body.schools.map((s) => s.pseudonym)).size).toBe(body.schools.length);
    for (const spec of SPECS) expect(response.body).not.toContain(spec.name);
    for (const name of pupilNames) expect(response.body).not.toContain(name);
    // The pseudonym is the one the evidence page shows: it stays put.
    expect(json<NetworkAims>(await admin.get("/api/network-aims")).schools).toEqual(body.schools);
  });

  it("downloads the CSV and the PDF with the figures and no names, each audited", async () => {
    const body = await aims();
    const csv = await admin.get("/api/network-aims/export.csv");
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body).toContain("2026/27,45.2,49,92.1,46.9,21");
    expect(csv.body).toContain(`,${SUPPRESSION_MARK},${SUPPRESSION_MARK},`);
    for (const s of body.schools) expect(csv.body).toContain(s.pseudonym);
    const pdf = await admin.get("/api/network-aims/export.pdf");
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    // A table cell may wrap: read the text with its line breaks as spaces.
    const text = (await new PDFParse({ data: pdf.rawPayload }).getText()).text.replaceAll(
      /\s+/g,
      " ",
    );
    expect(text).toContain("45.2");
    expect(text).toContain("46.9");
    for (const s of body.schools) expect(text).toContain(s.pseudonym);
    for (const exported of [csv.body, text]) {
      for (const spec of SPECS) expect(exported).not.toContain(spec.name);
      for (const name of pupilNames) expect(exported).not.toContain(name);
    }
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select(["action", "details"])
      .where("action", "=", "network_aims.exported")
      .execute();
    expect(audit.map((a) => (a.details as { format: string }).format).sort()).toEqual([
      "csv",
      "pdf",
    ]);
  });

  it("refuses anyone but an administrator, and asks nothing of the viewer's school", async () => {
    for (const url of [
      "/api/network-aims",
      "/api/network-aims/export.csv",
      "/api/network-aims/export.pdf",
    ])
      expect((await leader.get(url)).statusCode, url).toBe(403);
    const before = await t.deps.db
      .selectFrom("audit_events")
      .select((eb) => eb.fn.countAll().as("n"))
      .where("action", "=", "network_aims.exported")
      .executeTakeFirstOrThrow();
    expect(Number(before.n)).toBe(2);
  });

  it("says so when no school's measure is mapped to a national measure", async () => {
    const bad = await admin.get("/api/network-aims?nationalMeasure=ks4-nothing");
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(json(bad))).toContain("nationalMeasure");
  });
});
