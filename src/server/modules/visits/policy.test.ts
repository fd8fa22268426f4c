import { describe, expect, it } from "vitest";
import {
  ACTORS,
  type ActorName,
  CLUSTER,
  roleTable,
  SCHOOL,
} from "../../../../test/support/policy-actors.ts";
import { visitAbilities, visitPolicy } from "./policy.ts";

const visit = { cluster_id: CLUSTER, school_id: SCHOOL };
const cluster = { id: CLUSTER };

const rules: Record<keyof typeof visitPolicy, (name: ActorName) => boolean> = {
  view: (name) => visitPolicy.view(ACTORS[name], visit),
  book: (name) => visitPolicy.book(ACTORS[name], cluster),
  record: (name) => visitPolicy.record(ACTORS[name], visit),
  respond: (name) => visitPolicy.respond(ACTORS[name], visit),
};

describe("who may do what with a school's visits", () => {
  it.each(
    roleTable<keyof typeof visitPolicy>({
      view: ["programme_lead", "school_leader", "teacher", "para_professional"],
      book: ["programme_lead"],
      record: ["programme_lead"],
      respond: ["school_leader"],
    }),
  )("%s by %s: %s", (action, name, allowed) => {
    expect(rules[action](name)).toBe(allowed);
  });

  it.each(
    Object.keys(ACTORS) as ActorName[],
  )("the page's abilities for %s are the policy's own answers", (name) => {
    expect(visitAbilities(ACTORS[name], visit)).toEqual({
      canRecord: rules.record(name),
      canRespond: rules.respond(name),
    });
  });
});
