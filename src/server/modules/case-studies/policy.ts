import type { CaseStudy } from "../../../contracts/case-studies.ts";
import type { CaseStudyStatus } from "../../../db/schema.ts";
import {
  isNetworkAdmin,
  isSchoolLeaderOf,
  leadsCluster,
  worksAtSchool,
} from "../../access/scope.ts";
import type { Actor } from "../../context.ts";

/** What a rule needs to know about a case study. */
export interface CaseStudyFacts {
  schoolId: string;
  clusterId: string | null;
  status: CaseStudyStatus;
  audience: "cluster" | "network" | null;
  /** The actor works at a school enrolled in the case study's cluster. */
  inCluster: boolean;
}

const team = (actor: Actor, c: CaseStudyFacts) => worksAtSchool(actor, c.schoolId);
const leader = (actor: Actor, c: CaseStudyFacts) => isSchoolLeaderOf(actor, c.schoolId);
/** The cluster's programme lead or a network administrator. */
const reviewer = (actor: Actor, c: CaseStudyFacts) =>
  isNetworkAdmin(actor) || (c.clusterId !== null && leadsCluster(actor, c.clusterId));
const editable = (c: CaseStudyFacts) =>
  c.status === "draft" || c.status === "changes_requested" || c.status === "withdrawn";

/**
 * Who may do what with a case study. A draft (any state but published) is read
 * by the school's team and its reviewers only; a published one by every
 * signed-in user of its audience: the whole network, or the cluster's schools,
 * its lead and the network's administrators. The school's leaders write,
 * refresh and submit it while it is theirs to change; reviewers comment,
 * request changes and publish a submitted one; either side withdraws it.
 */
export const caseStudyPolicy = {
  readDraft: (actor: Actor, c: CaseStudyFacts): boolean => team(actor, c) || reviewer(actor, c),
  read: (actor: Actor, c: CaseStudyFacts): boolean =>
    team(actor, c) ||
    reviewer(actor, c) ||
    (c.status === "published" && (c.audience === "network" || c.inCluster)),
  start: (actor: Actor, s: { schoolId: string }): boolean => isSchoolLeaderOf(actor, s.schoolId),
  edit: (actor: Actor, c: CaseStudyFacts): boolean => leader(actor, c) && editable(c),
  submit: (actor: Actor, c: CaseStudyFacts): boolean => leader(actor, c) && editable(c),
  comment: (actor: Actor, c: CaseStudyFacts): boolean =>
    (leader(actor, c) || reviewer(actor, c)) && c.status !== "withdrawn",
  review: (actor: Actor, c: CaseStudyFacts): boolean =>
    reviewer(actor, c) && c.status === "submitted",
  withdraw: (actor: Actor, c: CaseStudyFacts): boolean =>
    (leader(actor, c) || reviewer(actor, c)) && c.status !== "withdrawn",
  /** Show the school's name: to its own team, or where it chose to be named. */
  nameSchool: (actor: Actor, c: CaseStudyFacts & { showSchoolName: boolean }): boolean =>
    team(actor, c) || c.showSchoolName,
} as const;

export function caseStudyAbilities(actor: Actor, c: CaseStudyFacts): CaseStudy["abilities"] {
  return {
    edit: caseStudyPolicy.edit(actor, c),
    submit: caseStudyPolicy.submit(actor, c),
    review: caseStudyPolicy.review(actor, c),
    comment: caseStudyPolicy.comment(actor, c),
    withdraw: caseStudyPolicy.withdraw(actor, c),
  };
}
