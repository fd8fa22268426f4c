import { describe, expect, it } from "vitest";
import { SCHOOL_ROLES } from "../../domain/roles.ts";
import { forbiddenReason, whoMay } from "./page-access.ts";

describe("whoMay", () => {
  it("names the people a page is for", () => {
    expect(whoMay(["school_leader"])).toBe("the school's leaders");
    expect(whoMay(SCHOOL_ROLES)).toBe("members of a school's team");
    expect(whoMay([...SCHOOL_ROLES, "programme_lead"])).toBe(
      "members of a school's team and programme leads",
    );
    expect(whoMay(["network_admin", "programme_lead"])).toBe(
      "programme leads and network administrators",
    );
  });
});

describe("forbiddenReason", () => {
  it("says who may, and what", () => {
    expect(forbiddenReason(["school_leader"], "create strategies")).toBe(
      "Only the school's leaders can create strategies.",
    );
  });
});
