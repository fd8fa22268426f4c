import { describe, expect, it } from "vitest";
import { displayNameOf, pupilDisplayName } from "./pupil-name.ts";

describe("a pupil's display name", () => {
  it("uses the preferred first name when there is one, else the legal one", () => {
    expect(
      pupilDisplayName({
        preferred_first_name: "Sam",
        legal_first_name: "Samuel",
        last_name: "Okafor",
      }),
    ).toBe("Sam Okafor");
    expect(
      pupilDisplayName({
        preferred_first_name: null,
        legal_first_name: "Zoë",
        last_name: "Brontë",
      }),
    ).toBe("Zoë Brontë");
    expect(
      displayNameOf({ preferredFirstName: null, legalFirstName: "Ada", lastName: "Lovelace" }),
    ).toBe("Ada Lovelace");
  });
});
