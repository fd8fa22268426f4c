import { describe, expect, it } from "vitest";
import { ACTORS, CLUSTER, roleTable, SCHOOL } from "../../../../test/support/policy-actors.ts";
import type { Actor } from "../../context.ts";
import { resourcePolicy } from "./policy.ts";

const byLead = { created_by: ACTORS.programme_lead.userId };
const byAdmin = { created_by: ACTORS.network_admin.userId };
const workshop = { cluster_id: CLUSTER };

const asks = {
  manage: (actor: Actor) => resourcePolicy.manage(actor),
  changeLeadsOwn: (actor: Actor) => resourcePolicy.change(actor, byLead),
  changeAdmins: (actor: Actor) => resourcePolicy.change(actor, byAdmin),
  attachToWorkshop: (actor: Actor) => resourcePolicy.attachToWorkshop(actor, workshop),
  linkMaterial: (actor: Actor) => resourcePolicy.linkMaterial(actor, workshop),
  changeListLeadsOwn: (actor: Actor) => resourcePolicy.changeList(actor, byLead),
  changeListAdmins: (actor: Actor) => resourcePolicy.changeList(actor, byAdmin),
  keepShelf: (actor: Actor) => resourcePolicy.keepShelf(actor, { id: SCHOOL }),
};

describe("who may change the resource library", () => {
  it.each(
    roleTable({
      manage: ["network_admin", "programme_lead", "other_programme_lead"],
      changeLeadsOwn: ["network_admin", "programme_lead"],
      changeAdmins: ["network_admin"],
      attachToWorkshop: ["network_admin", "programme_lead"],
      linkMaterial: ["network_admin", "programme_lead"],
      changeListLeadsOwn: ["network_admin", "programme_lead"],
      changeListAdmins: ["network_admin"],
      keepShelf: ["school_leader", "teacher", "para_professional"],
    }),
  )("%s: %s → %s", (action, name, expected) => {
    expect(asks[action](ACTORS[name])).toBe(expected);
  });
});
