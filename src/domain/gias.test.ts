import { describe, expect, it } from "vitest";
import {
  GIAS_COLUMNS,
  type GiasRow,
  giasPhase,
  missingGiasColumns,
  normaliseUkPostcode,
  validateGiasRow,
  validateGiasRows,
} from "./gias.ts";

/** A GIAS-like row (fictional schools) with the columns Cascade reads and a few it ignores. */
function giasRow(overrides: Partial<Record<keyof typeof GIAS_COLUMNS, string>>): GiasRow {
  const values = {
    urn: "100001",
    name: "Brookfield Fictional Primary School",
    phase: "Primary",
    localAuthority: "Camden",
    postcode: "NW1 2AB",
    type: "Community school",
    typeGroup: "Local authority maintained schools",
    ...overrides,
  };
  return {
    URN: values.urn,
    "LA (code)": "202",
    "LA (name)": values.localAuthority,
    EstablishmentNumber: "2001",
    EstablishmentName: values.name,
    "TypeOfEstablishment (name)": values.type,
    "EstablishmentTypeGroup (name)": values.typeGroup,
    "EstablishmentStatus (name)": "Open",
    "PhaseOfEducation (name)": values.phase,
    Postcode: values.postcode,
  };
}

const brookfield = giasRow({});
const hollins = giasRow({
  urn: " 136842 ",
  name: "Hollins Fictional Academy",
  phase: "Secondary",
  localAuthority: "Leeds",
  postcode: "ls6 3qd",
  type: "Academy converter",
  typeGroup: "Academies",
});
const meadowbank = giasRow({
  urn: "145210",
  name: "Meadowbank Fictional Special School",
  phase: "Not applicable",
  localAuthority: "Bristol, City of",
  postcode: "BS7 8XY",
  type: "Academy special converter",
  typeGroup: "Special schools",
});
const littleAcorns = giasRow({
  urn: "100123",
  name: "Little Acorns Fictional Nursery School",
  phase: "Nursery",
  type: "Local authority nursery school",
});
const badUrn = giasRow({ urn: "12345", name: "Short URN Fictional School", postcode: "M1 1AE" });

describe("GIAS_COLUMNS", () => {
  it("names the GIAS headers Cascade reads", () => {
    expect(GIAS_COLUMNS).toEqual({
      urn: "URN",
      name: "EstablishmentName",
      phase: "PhaseOfEducation (name)",
      localAuthority: "LA (name)",
      postcode: "Postcode",
      type: "TypeOfEstablishment (name)",
      typeGroup: "EstablishmentTypeGroup (name)",
    });
  });
});

describe("giasPhase", () => {
  it.each([
    ["Primary", "primary"],
    ["Middle deemed primary", "primary"],
    ["Secondary", "secondary"],
    ["Middle deemed secondary", "secondary"],
    ["16 plus", "secondary"],
    ["All-through", "all_through"],
    ["  all-through ", "all_through"],
    ["PRIMARY", "primary"],
    ["middle  deemed secondary", "secondary"],
  ])("maps %j to %s", (phase, expected) => {
    expect(giasPhase(giasRow({ phase }))).toEqual({ ok: true, phase: expected });
  });

  it.each([
    "Community special school",
    "Foundation special school",
    "Academy special converter",
    "Academy special sponsor led",
    "Free schools special",
    "Non-maintained special school",
  ])("recognises %j as a special school whatever the phase says", (type) => {
    for (const phase of ["Not applicable", "Primary", "Secondary", "All-through", "Nursery", ""]) {
      expect(giasPhase(giasRow({ phase, type, typeGroup: "Academies" }))).toEqual({
        ok: true,
        phase: "special",
      });
    }
  });

  it("recognises a special school from its type group alone", () => {
    const row = giasRow({ phase: "Not applicable", type: "Other", typeGroup: " special SCHOOLS " });
    expect(giasPhase(row)).toEqual({ ok: true, phase: "special" });
  });

  it("refuses nursery schools as outside the programme", () => {
    const result = giasPhase(littleAcorns);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({
      message: expect.stringContaining("Nursery schools are outside"),
    });
  });

  it("explains that a non-special school with no phase cannot be placed", () => {
    const result = giasPhase(giasRow({ phase: "Not applicable", type: "Community school" }));
    expect(result).toMatchObject({
      ok: false,
      message: expect.stringContaining("its phase cannot be told"),
    });
  });

  it.each(["Infant", "Sixth form", ""])("lists the accepted values for %j", (phase) => {
    const result = giasPhase(giasRow({ phase }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    for (const accepted of [
      "Primary",
      "Middle deemed primary",
      "Secondary",
      "Middle deemed secondary",
      "16 plus",
      "All-through",
    ]) {
      expect(result.message).toContain(accepted);
    }
  });

  it("treats a row without type columns as not special", () => {
    expect(giasPhase({ "PhaseOfEducation (name)": "Secondary" })).toEqual({
      ok: true,
      phase: "secondary",
    });
  });
});

describe("normaliseUkPostcode", () => {
  it.each([
    ["sw1a1aa", "SW1A 1AA"],
    ["SW1A 1AA", "SW1A 1AA"],
    ["  m1   1ae ", "M1 1AE"],
    ["B33 8TH", "B33 8TH"],
    ["cr2 6xh", "CR2 6XH"],
    ["DN55 1PT", "DN55 1PT"],
    ["W1A 0AX", "W1A 0AX"],
    ["EC1A 1BB", "EC1A 1BB"],
    ["gir0aa", "GIR 0AA"],
  ])("%j → %j", (raw, normalised) => {
    expect(normaliseUkPostcode(raw)).toBe(normalised);
  });

  it.each([
    "",
    "SW1A",
    "12345",
    "SW1A 1A",
    "SW1A 1AAA",
    "1SW 1AA",
    "SW1A-1AA",
    "ABC1 1AA",
  ])("refuses %j", (raw) => {
    expect(normaliseUkPostcode(raw)).toBeNull();
  });
});

describe("validateGiasRow", () => {
  it("maps a good row to a school", () => {
    expect(validateGiasRow(brookfield, 2)).toEqual({
      ok: true,
      school: {
        urn: "100001",
        name: "Brookfield Fictional Primary School",
        phase: "primary",
        localAuthority: "Camden",
        postcode: "NW1 2AB",
      },
    });
  });

  it("trims the URN and normalises a lower-case postcode", () => {
    expect(validateGiasRow(hollins, 3)).toEqual({
      ok: true,
      school: {
        urn: "136842",
        name: "Hollins Fictional Academy",
        phase: "secondary",
        localAuthority: "Leeds",
        postcode: "LS6 3QD",
      },
    });
  });

  it("takes a special school whose phase is Not applicable", () => {
    expect(validateGiasRow(meadowbank, 4)).toMatchObject({
      ok: true,
      school: { urn: "145210", phase: "special", localAuthority: "Bristol, City of" },
    });
  });

  it.each([
    "12345",
    "1234567",
    "012345",
    "099999",
    "10000A",
    "",
    "  ",
  ])("refuses the URN %j and says what is allowed", (urn) => {
    const result = validateGiasRow(giasRow({ urn }), 7);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ row: 7, column: "URN", value: urn });
    expect(result.errors[0]?.message).toContain("6 digits, from 100000 to 999999");
  });

  it.each(["100000", "999999", "\t123456 "])("accepts the URN %j", (urn) => {
    expect(validateGiasRow(giasRow({ urn }), 2).ok).toBe(true);
  });

  it("refuses a nursery school with the phase column named", () => {
    expect(validateGiasRow(littleAcorns, 5)).toEqual({
      ok: false,
      errors: [
        {
          row: 5,
          column: "PhaseOfEducation (name)",
          value: "Nursery",
          message: expect.stringContaining("outside the programme"),
        },
      ],
    });
  });

  it("refuses a name over 200 characters but accepts exactly 200", () => {
    expect(validateGiasRow(giasRow({ name: "A".repeat(200) }), 2).ok).toBe(true);
    const result = validateGiasRow(giasRow({ name: "A".repeat(201) }), 2);
    expect(result).toMatchObject({
      ok: false,
      errors: [
        { column: "EstablishmentName", message: "The school's name has at most 200 characters." },
      ],
    });
  });

  it("reports every problem in a row, in column order", () => {
    const row = giasRow({
      urn: "12345",
      name: "   ",
      phase: "Nursery",
      localAuthority: "",
      postcode: "not a postcode",
    });
    const result = validateGiasRow(row, 9);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => [error.row, error.column, error.value])).toEqual([
      [9, "URN", "12345"],
      [9, "EstablishmentName", "   "],
      [9, "PhaseOfEducation (name)", "Nursery"],
      [9, "LA (name)", ""],
      [9, "Postcode", "not a postcode"],
    ]);
    expect(result.errors.map((error) => error.message)).toEqual([
      "The URN must be 6 digits, from 100000 to 999999.",
      "The school's name is missing.",
      expect.stringContaining("Nursery schools"),
      "The local authority is missing.",
      "This is not a UK postcode. Write it like SW1A 1AA or M1 1AE.",
    ]);
  });

  it("reports a missing postcode as missing", () => {
    expect(validateGiasRow(giasRow({ postcode: "" }), 2)).toMatchObject({
      ok: false,
      errors: [{ column: "Postcode", message: "The postcode is missing." }],
    });
  });

  it("reports missing columns as empty values", () => {
    const result = validateGiasRow({}, 2);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((error) => error.column)).toEqual([
      "URN",
      "EstablishmentName",
      "PhaseOfEducation (name)",
      "LA (name)",
      "Postcode",
    ]);
  });

  it("reads a header with a stray byte-order mark", () => {
    const { URN: urn, ...rest } = brookfield;
    expect(validateGiasRow({ "\uFEFFURN": urn ?? "", ...rest }, 2)).toMatchObject({
      ok: true,
      school: { urn: "100001" },
    });
  });
});

describe("validateGiasRows", () => {
  const rows = [brookfield, hollins, meadowbank, littleAcorns, badUrn, giasRow({ urn: "136842" })];

  it("keeps the good rows and reports the others with file line numbers", () => {
    const { schools, errors } = validateGiasRows(rows);
    expect(schools.map((school) => [school.urn, school.phase, school.postcode])).toEqual([
      ["100001", "primary", "NW1 2AB"],
      ["136842", "secondary", "LS6 3QD"],
      ["145210", "special", "BS7 8XY"],
    ]);
    expect(errors.map((error) => [error.row, error.column, error.value])).toEqual([
      [5, "PhaseOfEducation (name)", "Nursery"],
      [6, "URN", "12345"],
      [7, "URN", "136842"],
    ]);
    expect(errors[2]?.message).toBe("URN 136842 appears more than once: it is already on row 3.");
  });

  it("reports each later duplicate against the first row, and counts rows from firstDataRow", () => {
    const { schools, errors } = validateGiasRows([brookfield, brookfield, brookfield], 10);
    expect(schools).toHaveLength(1);
    expect(errors).toEqual([
      {
        row: 11,
        column: "URN",
        value: "100001",
        message: "URN 100001 appears more than once: it is already on row 10.",
      },
      {
        row: 12,
        column: "URN",
        value: "100001",
        message: "URN 100001 appears more than once: it is already on row 10.",
      },
    ]);
  });

  it("reports a duplicate even when the first occurrence has other problems", () => {
    const first = giasRow({ urn: "200002", phase: "Nursery" });
    const second = giasRow({ urn: "200002" });
    const { schools, errors } = validateGiasRows([first, second]);
    expect(schools).toEqual([]);
    expect(errors.map((error) => [error.row, error.column])).toEqual([
      [2, "PhaseOfEducation (name)"],
      [3, "URN"],
    ]);
  });

  it("returns nothing for no rows", () => {
    expect(validateGiasRows([])).toEqual({ schools: [], errors: [] });
  });
});

describe("missingGiasColumns", () => {
  it("finds nothing missing in a full GIAS header", () => {
    expect(missingGiasColumns(Object.keys(brookfield))).toEqual([]);
  });

  it("lists the required headers that are absent", () => {
    expect(missingGiasColumns(["URN", "EstablishmentName", "Town"])).toEqual([
      "PhaseOfEducation (name)",
      "LA (name)",
      "Postcode",
    ]);
    expect(missingGiasColumns([])).toHaveLength(5);
  });

  it("does not require the type columns", () => {
    const core = ["URN", "EstablishmentName", "PhaseOfEducation (name)", "LA (name)", "Postcode"];
    expect(missingGiasColumns(core)).toEqual([]);
    expect(missingGiasColumns([...core, "EstablishmentTypeGroup (name)"])).toEqual([]);
  });

  it("ignores a byte-order mark and surrounding spaces but not a different spelling", () => {
    expect(
      missingGiasColumns([
        "\uFEFFURN",
        " EstablishmentName ",
        "PhaseOfEducation (name)",
        "LA (name)",
        "postcode",
        "TypeOfEstablishment (name)",
      ]),
    ).toEqual(["Postcode"]);
  });
});
