import { describe, expect, it } from "vitest";
import {
  ACTORS,
  type ActorName,
  roleTable,
  SCHOOL,
} from "../../../../test/support/policy-actors.ts";
import { dataRightsPolicy } from "./policy.ts";

const ALL = Object.keys(ACTORS) as ActorName[];

describe("who may exercise data rights over whose data", () => {
  const pupil = { school_id: SCHOOL };
  const someoneElse = { id: "00000000-0000-4000-8000-0000000000ff" };
  const rules = {
    exportPupil: (a: (typeof ACTORS)[ActorName]) => dataRightsPolicy.exportPupil(a, pupil),
    readHistory: (a: (typeof ACTORS)[ActorName]) => dataRightsPolicy.readHistory(a, pupil),
    erasePupil: (a: (typeof ACTORS)[ActorName]) => dataRightsPolicy.erasePupil(a, pupil),
    exportOwnData: (a: (typeof ACTORS)[ActorName]) =>
      dataRightsPolicy.exportOwnData(a, { id: a.userId }),
    exportSomeoneElsesData: (a: (typeof ACTORS)[ActorName]) =>
      dataRightsPolicy.exportOwnData(a, someoneElse),
    eraseUser: (a: (typeof ACTORS)[ActorName]) => dataRightsPolicy.eraseUser(a, someoneElse),
    eraseOwnAccount: (a: (typeof ACTORS)[ActorName]) =>
      dataRightsPolicy.eraseUser(a, { id: a.userId }),
  };

  it.each(
    roleTable({
      exportPupil: ["school_leader"],
      readHistory: ["school_leader"],
      erasePupil: ["school_leader"],
      exportOwnData: ALL,
      exportSomeoneElsesData: [],
      eraseUser: ["network_admin"],
      eraseOwnAccount: [],
    }),
  )("%s: %s → %s", (action, name, expected) => {
    expect(rules[action](ACTORS[name])).toBe(expected);
  });
});
