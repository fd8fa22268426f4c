import { describe, expect, it } from "vitest";
import {
  ACTOR_NAMES,
  ACTORS,
  type ActorName,
  CLUSTER,
  SCHOOL,
} from "../../../../test/support/policy-actors.ts";
import { type CaseStudyFacts, caseStudyAbilities, caseStudyPolicy } from "./policy.ts";

const row = (over: Partial<CaseStudyFacts> = {}): CaseStudyFacts => ({
  schoolId: SCHOOL,
  clusterId: CLUSTER,
  status: "draft",
  audience: null,
  inCluster: false,
  ...over,
});

const TEAM: ActorName[] = ["school_leader", "teacher", "para_professional"];
const REVIEWERS: ActorName[] = ["network_admin", "programme_lead"];
const LEADER: ActorName[] = ["school_leader"];

type Case = [action: keyof typeof caseStudyPolicy, facts: CaseStudyFacts, who: ActorName[]];

/** Exactly who may do each thing, in each state that matters. */
const TABLE: Array<[string, Case]> = [
  ["readDraft a draft", ["readDraft", row(), [...TEAM, ...REVIEWERS]]],
  ["read a draft", ["read", row(), [...TEAM, ...REVIEWERS]]],
  ["read a submitted one", ["read", row({ status: "submitted" }), [...TEAM, ...REVIEWERS]]],
  [
    "read one published to the network",
    ["read", row({ status: "published", audience: "network" }), ACTOR_NAMES],
  ],
  [
    "read one published to another cluster",
    ["read", row({ status: "published", audience: "cluster" }), [...TEAM, ...REVIEWERS]],
  ],
  [
    "read one published to the actor's cluster",
    ["read", row({ status: "published", audience: "cluster", inCluster: true }), ACTOR_NAMES],
  ],
  ["edit a draft", ["edit", row(), LEADER]],
  ["edit one with changes requested", ["edit", row({ status: "changes_requested" }), LEADER]],
  ["edit a submitted one", ["edit", row({ status: "submitted" }), []]],
  ["edit a published one", ["edit", row({ status: "published", audience: "network" }), []]],
  ["submit a draft", ["submit", row(), LEADER]],
  ["submit a submitted one", ["submit", row({ status: "submitted" }), []]],
  ["review a submitted one", ["review", row({ status: "submitted" }), REVIEWERS]],
  ["review a draft", ["review", row(), []]],
  [
    "comment on a submitted one",
    ["comment", row({ status: "submitted" }), [...LEADER, ...REVIEWERS]],
  ],
  ["comment on a withdrawn one", ["comment", row({ status: "withdrawn" }), []]],
  [
    "withdraw a published one",
    ["withdraw", row({ status: "published", audience: "network" }), [...LEADER, ...REVIEWERS]],
  ],
  ["withdraw a withdrawn one", ["withdraw", row({ status: "withdrawn" }), []]],
];

describe("caseStudyPolicy: who may do what, state by state", () => {
  const cases = TABLE.flatMap(([label, [action, facts, allowed]]) =>
    ACTOR_NAMES.map((who) => [label, who, allowed.includes(who), action, facts] as const),
  );
  it.each(cases)("%s by %s: %s", (_label, who, allowed, action, facts) => {
    const rule = caseStudyPolicy[action] as (
      a: (typeof ACTORS)[ActorName],
      f: CaseStudyFacts,
    ) => boolean;
    expect(rule(ACTORS[who], facts)).toBe(allowed);
  });

  it("starts a case study: the school's leaders only", () => {
    for (const who of ACTOR_NAMES)
      expect(caseStudyPolicy.start(ACTORS[who], { schoolId: SCHOOL })).toBe(
        who === "school_leader",
      );
  });

  it("names the school to its own team, and to others only when it chose to be named", () => {
    for (const who of ACTOR_NAMES) {
      expect(caseStudyPolicy.nameSchool(ACTORS[who], { ...row(), showSchoolName: false })).toBe(
        TEAM.includes(who),
      );
      expect(caseStudyPolicy.nameSchool(ACTORS[who], { ...row(), showSchoolName: true })).toBe(
        true,
      );
    }
  });

  it("a case study outside the lead's cluster is not theirs to review", () => {
    expect(
      caseStudyPolicy.review(ACTORS.programme_lead, row({ status: "submitted", clusterId: null })),
    ).toBe(false);
  });
});

describe("caseStudyAbilities", () => {
  it.each(ACTOR_NAMES)("for %s follow the policy", (who) => {
    const facts = row({ status: "submitted" });
    const abilities = caseStudyAbilities(ACTORS[who], facts);
    for (const [action, allowed] of Object.entries(abilities))
      expect(allowed).toBe(
        (caseStudyPolicy[action as keyof typeof abilities] as (a: unknown, f: unknown) => boolean)(
          ACTORS[who],
          facts,
        ),
      );
  });
});
