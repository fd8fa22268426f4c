import { describe, expect, it } from "vitest";
import { CLUSTER, POLICY_ACTORS, table } from "../../../../test/support/policy-actors.ts";
import { workshopPolicy } from "./policy.ts";

const workshop = { cluster_id: CLUSTER };
const cluster = { id: CLUSTER };

const rules: Record<keyof typeof workshopPolicy, (a: (typeof POLICY_ACTORS)["lead"]) => boolean> = {
  schedule: (a) => workshopPolicy.schedule(a, cluster),
  edit: (a) => workshopPolicy.edit(a, workshop),
  setTask: (a) => workshopPolicy.setTask(a, workshop),
  attachMaterial: (a) => workshopPolicy.attachMaterial(a, workshop),
  takeRegister: (a) => workshopPolicy.takeRegister(a, workshop),
  seeWholeRegister: (a) => workshopPolicy.seeWholeRegister(a, workshop),
  readProgress: (a) => workshopPolicy.readProgress(a, cluster),
};

describe("workshopPolicy", () => {
  it.each(
    table<keyof typeof workshopPolicy>({
      schedule: ["lead"],
      edit: ["lead"],
      setTask: ["lead"],
      attachMaterial: ["lead"],
      takeRegister: ["lead"],
      seeWholeRegister: ["lead"],
      readProgress: ["lead", "network_admin"],
    }),
  )("%s by %s: %s", (action, key, allowed) => {
    expect(rules[action](POLICY_ACTORS[key])).toBe(allowed);
  });
});
