import { describe, expect, it } from "vitest";
import { ACTORS, CLUSTER, roleTable } from "../../../../test/support/policy-actors.ts";
import { workshopPolicy } from "./policy.ts";

const workshop = { cluster_id: CLUSTER };
const cluster = { id: CLUSTER };

const rules: Record<
  keyof typeof workshopPolicy,
  (a: (typeof ACTORS)["programme_lead"]) => boolean
> = {
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
    roleTable<keyof typeof workshopPolicy>({
      schedule: ["programme_lead"],
      edit: ["programme_lead"],
      setTask: ["programme_lead"],
      attachMaterial: ["programme_lead"],
      takeRegister: ["programme_lead"],
      seeWholeRegister: ["programme_lead"],
      readProgress: ["programme_lead", "network_admin"],
    }),
  )("%s by %s: %s", (action, key, allowed) => {
    expect(rules[action](ACTORS[key])).toBe(allowed);
  });
});
