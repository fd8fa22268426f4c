import { describe, expect, it } from "vitest";
import {
  displayNameOf,
  firstNameOf,
  listNameOf,
  pupilDisplayName,
  pupilShownAs,
} from "./pupil-name.ts";

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

describe("a pupil as one viewer sees them", () => {
  const p = { preferred_first_name: null, legal_first_name: "Ada", last_name: "Lovelace" };

  it("is the name only where the viewer sees the pupil named", () => {
    expect(pupilShownAs(p, { named: true, pseudonym: "RVB-07", schoolCode: "RVB" })).toBe(
      "Ada Lovelace",
    );
    expect(pupilShownAs(p, { named: false, pseudonym: "RVB-07", schoolCode: "RVB" })).toBe(
      "RVB-07",
    );
  });

  it("is the school's code and ?? for a pupil with no pseudonym yet", () => {
    expect(pupilShownAs(p, { named: false, pseudonym: null, schoolCode: "RVB" })).toBe("RVB-??");
    expect(pupilShownAs(null, { named: true, pseudonym: null, schoolCode: null })).toBe("???-??");
    expect(
      pupilShownAs(
        null,
        { named: false, pseudonym: null, schoolCode: "RVB" },
        (code) => `a pupil of ${code}`,
      ),
    ).toBe("a pupil of RVB");
  });
});

describe("first and list names, from the API's fields", () => {
  const legalOnly = { preferredFirstName: null, legalFirstName: "Oluwaseun", lastName: "Adeyemi" };
  const preferred = { ...legalOnly, preferredFirstName: "Seun" };
  it("uses the preferred first name where there is one, else the legal one", () => {
    expect(firstNameOf(legalOnly)).toBe("Oluwaseun");
    expect(firstNameOf(preferred)).toBe("Seun");
  });
  it("writes a list name surname first", () => {
    expect(listNameOf(preferred)).toBe("Adeyemi, Seun");
    expect(listNameOf(legalOnly)).toBe("Adeyemi, Oluwaseun");
  });
});
