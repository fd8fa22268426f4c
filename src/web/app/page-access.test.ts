import { describe, expect, it } from "vitest";
import type { Me } from "../../contracts/auth.ts";
import {
  administrators,
  atSchool,
  clusterLeads,
  FOR,
  forbiddenReason,
  PageForbidden,
  requireAbility,
  schoolLeaders,
} from "./page-access.ts";

const NONE: Me["abilities"] = {
  manageAccounts: false,
  manageSchools: false,
  manageProgrammes: false,
  manageClusters: false,
  enrolSchools: false,
  manageEefStrands: false,
  addNationalFigures: false,
  readNetworkAims: false,
  readClusterReports: false,
  readOutbox: false,
  compileNewsletter: false,
  manageRetention: false,
  readRecordsOfProcessing: false,
  readAuditLog: false,
  changeSecuritySettings: false,
  configureSingleSignOn: false,
  manageResources: false,
};
const SCHOOL_NONE: Me["schools"][number]["abilities"] = {
  importData: false,
  readAccessHistory: false,
  planStrategy: false,
  addPoints: false,
  confirmCohort: false,
  editPupils: false,
  mapNationalMeasure: false,
  readRetentionSchedule: false,
  exportPupilData: false,
  readPupilHistory: false,
  erasePupils: false,
  readPupilPremiumStatement: false,
  editPupilPremiumStatement: false,
  readImpactReport: false,
  writeWhatNext: false,
  keepShelf: false,
};
const SCHOOL = "00000000-0000-4000-8000-000000000001";
const CLUSTER = "00000000-0000-4000-8000-000000000002";

function me(parts: Partial<Me>): Me {
  return {
    id: "00000000-0000-4000-8000-000000000009",
    name: "Ada Example",
    email: "ada@example.org",
    memberships: [],
    schools: [],
    clusters: [],
    abilities: NONE,
    ...parts,
  };
}
const teacher = me({
  schools: [{ id: SCHOOL, name: "Oak", abilities: { ...SCHOOL_NONE, readImpactReport: true } }],
});
const para = me({ schools: [{ id: SCHOOL, name: "Oak", abilities: SCHOOL_NONE }] });
const leader = me({
  schools: [{ id: SCHOOL, name: "Oak", abilities: { ...SCHOOL_NONE, importData: true } }],
});
const lead = me({
  clusters: [
    {
      id: CLUSTER,
      name: "North",
      abilities: {
        scheduleWorkshops: true,
        bookVisits: true,
        openMatrix: true,
        readClusterReport: true,
      },
    },
  ],
});
const admin = me({ abilities: { ...NONE, manageAccounts: true, manageClusters: true } });

/** The guard's answer: null when the page opens, else the words it refuses with. */
function refusal(guard: ReturnType<typeof requireAbility>, who: Me): string | null {
  try {
    guard({ context: { me: who } });
    return null;
  } catch (error) {
    if (error instanceof PageForbidden) return error.reason;
    throw error;
  }
}

describe("page guards read the server's abilities, never role names", () => {
  it("opens a team page to anyone who works at a school, and says who may otherwise", () => {
    const guard = requireAbility("see a school's pupils", FOR.team);
    expect(refusal(guard, teacher)).toBeNull();
    expect(refusal(guard, lead)).toBe("Only members of a school's team can see a school's pupils.");
    expect(refusal(guard, admin)).not.toBeNull();
  });

  it("opens a leader's page only where a school's abilities allow it", () => {
    const guard = requireAbility("import data", schoolLeaders("importData"));
    expect(refusal(guard, leader)).toBeNull();
    expect(refusal(guard, teacher)).toBe("Only the school's leaders can import data.");
  });

  it("opens a page to those a school's abilities name, in the words given", () => {
    const guard = requireAbility(
      "read the impact report",
      atSchool("readImpactReport", "the school's leaders and teachers"),
    );
    expect(refusal(guard, teacher)).toBeNull();
    expect(refusal(guard, para)).toBe(
      "Only the school's leaders and teachers can read the impact report.",
    );
  });

  it("opens a cluster lead's page by the cluster's ability", () => {
    const guard = requireAbility("read a cluster's report", clusterLeads("readClusterReport"));
    expect(refusal(guard, lead)).toBeNull();
    expect(refusal(guard, teacher)).toBe(
      "Only the cluster's programme leads can read a cluster's report.",
    );
  });

  it("opens a cluster's report to its lead and to an administrator who may read any", () => {
    const guard = requireAbility("read a cluster's impact report", FOR.clusterReports);
    expect(refusal(guard, lead)).toBeNull();
    expect(refusal(guard, me({ abilities: { ...NONE, readClusterReports: true } }))).toBeNull();
    expect(refusal(guard, admin)).toBe(
      "Only the cluster's programme lead and network administrators can read a cluster's impact report.",
    );
  });

  it("opens an administrator's tool by its own ability", () => {
    expect(
      refusal(requireAbility("manage accounts", administrators("manageAccounts")), admin),
    ).toBeNull();
    expect(refusal(requireAbility("read the outbox", administrators("readOutbox")), admin)).toBe(
      "Only network administrators can read the outbox.",
    );
  });

  it("opens the matrix to a school's team and to a lead who may open a cluster's matrix", () => {
    const guard = requireAbility("open the matrix", FOR.teamOrLeads);
    expect(refusal(guard, teacher)).toBeNull();
    expect(refusal(guard, lead)).toBeNull();
    expect(refusal(guard, admin)).toBe(
      "Only members of a school's team and programme leads can open the matrix.",
    );
  });

  it("opens a cluster's page to its leads and to administrators", () => {
    const guard = requireAbility("open a cluster's page", FOR.leadsOrAdmins);
    expect(refusal(guard, lead)).toBeNull();
    expect(refusal(guard, admin)).toBeNull();
    expect(refusal(guard, teacher)).toBe(
      "Only programme leads and network administrators can open a cluster's page.",
    );
  });
});

describe("forbiddenReason", () => {
  it("says who may, and what", () => {
    expect(forbiddenReason("the school's leaders", "create strategies")).toBe(
      "Only the school's leaders can create strategies.",
    );
  });
});
