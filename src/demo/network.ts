import { SeededRandom } from "./random.ts";

/**
 * A deterministic, clearly fictional network of schools: what `cascade demo`,
 * the access tests and the benchmarks build on. Pure data; loading it into a
 * database is the loader's job.
 */
export type Phase = "primary" | "secondary" | "special" | "all_through";
export type TeamRole = "leader" | "teacher" | "para_professional";

export interface DemoSchool {
  key: string;
  urn: string;
  name: string;
  phase: Phase;
  localAuthority: string;
  postcode: string;
  hubKey: string;
  /** The share of its pupils who are disadvantaged (pupil premium): schools in the programme are above the national quarter. */
  disadvantagedShare: number;
}

export interface DemoPerson {
  key: string;
  name: string;
  email: string;
}

export interface DemoTeamMember {
  personKey: string;
  teamRole: TeamRole;
  subject: string | null;
}

export interface DemoCluster {
  key: string;
  name: string;
  facilitationSchoolKey: string;
  programmeLeadKey: string;
  schoolKeys: string[];
  trio: { name: string; leadKey: string; acceleratorKeys: string[] };
}

export interface DemoNetwork {
  hubs: Array<{ key: string; name: string }>;
  schools: DemoSchool[];
  clusters: DemoCluster[];
  people: DemoPerson[];
  teams: Record<string, DemoTeamMember[]>;
  /** The people to sign in as, one per role. */
  demoUsers: Array<{
    role: "network_admin" | "programme_lead" | "school_leader" | "teacher" | "para_professional";
    personKey: string;
  }>;
}

const FIRST_NAMES = [
  "Amara",
  "Ben",
  "Chloe",
  "Dev",
  "Elif",
  "Femi",
  "Grace",
  "Hamza",
  "Isla",
  "Jonah",
  "Kiran",
  "Leah",
  "Marcus",
  "Nadia",
  "Owen",
  "Priya",
  "Quinn",
  "Rosa",
  "Sami",
  "Tara",
  "Umar",
  "Vera",
  "Wes",
  "Yasmin",
  "Zac",
];
const LAST_NAMES = [
  "Example",
  "Sample",
  "Placeholder",
  "Fictional",
  "Demo",
  "Testwell",
  "Mockford",
  "Pretendon",
  "Imaginary",
  "Madeup",
  "Notreal",
  "Storybook",
];

const SCHOOL_PLAN: Array<{ place: string; phase: Phase; kind: string; disadvantaged: number }> = [
  { place: "Northbrook", phase: "primary", kind: "Primary School", disadvantaged: 0.45 },
  { place: "Ashdown Vale", phase: "secondary", kind: "Academy", disadvantaged: 0.4 },
  { place: "Kestrel Fields", phase: "primary", kind: "Primary School", disadvantaged: 0.45 },
  { place: "Millpond", phase: "special", kind: "Special School", disadvantaged: 0.5 },
  { place: "Harrow Lane", phase: "all_through", kind: "All-through School", disadvantaged: 0.4 },
  { place: "Southmere", phase: "secondary", kind: "High School", disadvantaged: 0.4 },
  { place: "Willowby", phase: "primary", kind: "Primary School", disadvantaged: 0.5 },
  {
    place: "Copperbeech",
    phase: "primary",
    kind: "Infant and Junior School",
    disadvantaged: 0.45,
  },
  { place: "Larkspur", phase: "secondary", kind: "Academy", disadvantaged: 0.38 },
  { place: "Foxglove", phase: "special", kind: "Special School", disadvantaged: 0.5 },
];

function teamShape(phase: Phase): Array<{ teamRole: TeamRole; subject: string | null }> {
  return phase === "secondary" || phase === "all_through"
    ? [
        { teamRole: "leader", subject: null },
        { teamRole: "teacher", subject: "maths" },
        { teamRole: "teacher", subject: "english" },
        { teamRole: "teacher", subject: "science" },
        { teamRole: "para_professional", subject: null },
        { teamRole: "para_professional", subject: null },
      ]
    : [
        { teamRole: "leader", subject: null },
        { teamRole: "teacher", subject: null },
        { teamRole: "para_professional", subject: null },
      ];
}

export const DEMO_EMAIL_DOMAIN = "demo.cascade.invalid";

export function generateNetwork(seed = 2026): DemoNetwork {
  const random = new SeededRandom(seed);
  const hubs = [
    { key: "hub-north", name: "North (fictional) Hub" },
    { key: "hub-south", name: "South (fictional) Hub" },
  ];
  const schools: DemoSchool[] = SCHOOL_PLAN.map((plan, i) => ({
    key: `school-${i + 1}`,
    // 99xxxx: well away from the URNs the DfE has issued.
    urn: String(990001 + i),
    name: `${plan.place} Fictional ${plan.kind}`,
    phase: plan.phase,
    localAuthority: i < 5 ? "Northshire (fictional)" : "Southshire (fictional)",
    postcode: `ZZ${i + 1} ${random.int(1, 9)}${random.pick(["AB", "CD", "EF", "GH"])}`,
    hubKey: i < 5 ? "hub-north" : "hub-south",
    disadvantagedShare: plan.disadvantaged,
  }));

  const people: DemoPerson[] = [];
  const usedNames = new Set<string>();
  const person = (key: string): DemoPerson => {
    let name = "";
    do {
      name = `${random.pick(FIRST_NAMES)} ${random.pick(LAST_NAMES)}`;
    } while (usedNames.has(name));
    usedNames.add(name);
    const p = { key, name, email: `${key}@${DEMO_EMAIL_DOMAIN}` };
    people.push(p);
    return p;
  };

  person("admin");
  person("lead-north");
  person("lead-south");
  const teams: Record<string, DemoTeamMember[]> = {};
  for (const school of schools) {
    teams[school.key] = teamShape(school.phase).map((slot, i) => {
      // The first school's first members are the demo users for the school roles.
      const key =
        school.key === "school-1" && i < 3
          ? (["leader", "teacher", "para"][i] ?? `${school.key}-${i}`)
          : `${school.key}-staff-${i + 1}`;
      return { personKey: person(key).key, teamRole: slot.teamRole, subject: slot.subject };
    });
  }

  const clusters: DemoCluster[] = [
    {
      key: "cluster-north",
      name: "Northbrook Cluster",
      facilitationSchoolKey: "school-1",
      programmeLeadKey: "lead-north",
      schoolKeys: ["school-1", "school-2", "school-3", "school-4", "school-5"],
      trio: {
        name: "Northbrook Trio",
        leadKey: "school-1",
        acceleratorKeys: ["school-2", "school-3"],
      },
    },
    {
      key: "cluster-south",
      name: "Southmere Cluster",
      facilitationSchoolKey: "school-6",
      programmeLeadKey: "lead-south",
      schoolKeys: ["school-6", "school-7", "school-8", "school-9", "school-10"],
      trio: {
        name: "Southmere Trio",
        leadKey: "school-6",
        acceleratorKeys: ["school-7", "school-8"],
      },
    },
  ];

  return {
    hubs,
    schools,
    clusters,
    people,
    teams,
    demoUsers: [
      { role: "network_admin", personKey: "admin" },
      { role: "programme_lead", personKey: "lead-north" },
      { role: "school_leader", personKey: "leader" },
      { role: "teacher", personKey: "teacher" },
      { role: "para_professional", personKey: "para" },
    ],
  };
}
