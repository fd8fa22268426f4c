import { describe, expect, it } from "vitest";
import {
  type MeasureForMapping,
  missingRequired,
  normaliseHeader,
  PUPIL_FIELD_LABELS,
  PUPIL_FIELDS,
  REQUIRED_PUPIL_FIELDS,
  suggestObservationMapping,
  suggestPupilMapping,
} from "./column-mapping.ts";
import { measureCatalogue, type Phase } from "./measures.ts";

/** The built-in catalogue for a phase, with ids like "m-reading-ta". */
function measuresFor(phase: Phase): MeasureForMapping[] {
  return measureCatalogue(phase).map(({ key, name, subject }) => ({
    id: `m-${key}`,
    key,
    name,
    subject,
  }));
}

/** Maps each header on its own, so tests of synonyms are not affected by claims. */
function single(header: string): string | null {
  return suggestPupilMapping([header])[header] ?? null;
}

describe("PUPIL_FIELDS", () => {
  it("has a British English label for every field", () => {
    for (const field of PUPIL_FIELDS) expect(PUPIL_FIELD_LABELS[field]).toMatch(/^[A-Z]/);
    expect(Object.keys(PUPIL_FIELD_LABELS)).toHaveLength(PUPIL_FIELDS.length);
  });

  it("requires UPN, legal first name, last name, date of birth and year group", () => {
    expect(REQUIRED_PUPIL_FIELDS).toEqual([
      "upn",
      "legalFirstName",
      "lastName",
      "dateOfBirth",
      "yearGroup",
    ]);
  });
});

describe("normaliseHeader", () => {
  it("lower-cases and strips punctuation and spaces", () => {
    expect(normaliseHeader(" Date of Birth ")).toBe("dateofbirth");
    expect(normaliseHeader("\uFEFFUPN")).toBe("upn");
    expect(normaliseHeader("Attendance %")).toBe("attendance");
    expect(normaliseHeader("Ever-6 FSM?")).toBe("ever6fsm");
  });
});

describe("suggestPupilMapping", () => {
  it.each([
    // SIMS
    ["UPN", "upn"],
    ["Legal Surname", "lastName"],
    ["Legal Forename", "legalFirstName"],
    ["Forename", "legalFirstName"],
    ["Surname", "lastName"],
    ["Preferred Forename", "preferredFirstName"],
    ["DOB", "dateOfBirth"],
    ["Date of Birth", "dateOfBirth"],
    ["Gender", "gender"],
    ["Year", "yearGroup"],
    ["NC Year Actual", "yearGroup"],
    ["Year Group", "yearGroup"],
    ["Pupil Premium Indicator", "pupilPremium"],
    ["FSM Eligible", "fsm"],
    ["FSM", "fsm"],
    ["Ever 6 FSM", "ever6Fsm"],
    ["FSM Ever 6", "ever6Fsm"],
    ["Looked After", "lookedAfter"],
    ["In Care", "lookedAfter"],
    ["Child Looked After", "lookedAfter"],
    ["Previously Looked After", "previouslyLookedAfter"],
    ["SEN Status", "senStatus"],
    ["SEN Provision", "senStatus"],
    ["EAL", "eal"],
    ["English as an Additional Language", "eal"],
    ["Service Child", "serviceChild"],
    ["Service Children", "serviceChild"],
    ["Leaving Date", "leftOn"],
    ["Date of Leaving", "leftOn"],
    // Arbor
    ["Student UPN", "upn"],
    ["Legal First Name", "legalFirstName"],
    ["Legal Last Name", "lastName"],
    ["Preferred First Name", "preferredFirstName"],
    ["Pupil Premium", "pupilPremium"],
    ["Is FSM", "fsm"],
    ["FSM 6 Years", "ever6Fsm"],
    ["Is Looked After", "lookedAfter"],
    ["Is EAL", "eal"],
    ["Is Service Child", "serviceChild"],
    // Bromcom-ish
    ["Pupil UPN", "upn"],
    ["Student First Name", "legalFirstName"],
    ["Student Surname", "lastName"],
    // Other intervention
    ["Other Intervention", "otherIntervention"],
    ["Intervention", "otherIntervention"],
    ["On Intervention", "otherIntervention"],
    // Spacing, case and punctuation do not matter
    ["date_of_birth", "dateOfBirth"],
    ["  upn  ", "upn"],
    ["D.O.B.", "dateOfBirth"],
    ["Pupil Premium (Y/N)", "pupilPremium"],
  ])("maps %j to %s", (header, field) => {
    expect(single(header)).toBe(field);
  });

  it.each([
    "Preferred Surname",
    "Reg Group",
    "First Language",
    "SEN Need",
    "Admission Number",
    "Name",
    "House",
    "",
  ])("ignores %j", (header) => {
    expect(single(header)).toBeNull();
  });

  it("maps a whole SIMS export", () => {
    const headers = [
      "UPN",
      "Legal Surname",
      "Legal Forename",
      "Preferred Forename",
      "Preferred Surname",
      "DOB",
      "Gender",
      "Year",
      "Reg Group",
      "Pupil Premium Indicator",
      "FSM Eligible",
      "Ever 6 FSM",
      "Looked After",
      "Previously Looked After",
      "SEN Provision",
      "SEN Need",
      "EAL",
      "First Language",
      "Service Child",
      "Leaving Date",
    ];
    expect(suggestPupilMapping(headers)).toEqual({
      UPN: "upn",
      "Legal Surname": "lastName",
      "Legal Forename": "legalFirstName",
      "Preferred Forename": "preferredFirstName",
      "Preferred Surname": null,
      DOB: "dateOfBirth",
      Gender: "gender",
      Year: "yearGroup",
      "Reg Group": null,
      "Pupil Premium Indicator": "pupilPremium",
      "FSM Eligible": "fsm",
      "Ever 6 FSM": "ever6Fsm",
      "Looked After": "lookedAfter",
      "Previously Looked After": "previouslyLookedAfter",
      "SEN Provision": "senStatus",
      "SEN Need": null,
      EAL: "eal",
      "First Language": null,
      "Service Child": "serviceChild",
      "Leaving Date": "leftOn",
    });
  });

  it("maps a whole Arbor export", () => {
    const mapping = suggestPupilMapping([
      "Student UPN",
      "Legal First Name",
      "Legal Last Name",
      "Preferred First Name",
      "Date of Birth",
      "Year Group",
      "Pupil Premium",
      "Is FSM",
      "FSM 6 Years",
      "Is Looked After",
      "Previously Looked After",
      "SEN Status",
      "Is EAL",
      "Is Service Child",
    ]);
    expect(Object.values(mapping)).toEqual([
      "upn",
      "legalFirstName",
      "lastName",
      "preferredFirstName",
      "dateOfBirth",
      "yearGroup",
      "pupilPremium",
      "fsm",
      "ever6Fsm",
      "lookedAfter",
      "previouslyLookedAfter",
      "senStatus",
      "eal",
      "serviceChild",
    ]);
    expect(missingRequired(mapping, REQUIRED_PUPIL_FIELDS)).toEqual([]);
  });

  it("never maps two headers to the same field: the first wins", () => {
    expect(suggestPupilMapping(["Year Group", "NC Year Actual", "Year"])).toEqual({
      "Year Group": "yearGroup",
      "NC Year Actual": null,
      Year: null,
    });
    expect(suggestPupilMapping(["Forename", "Legal Forename"])).toEqual({
      Forename: "legalFirstName",
      "Legal Forename": null,
    });
  });

  it("lets an exact synonym beat one found by stripping a prefix or suffix", () => {
    expect(suggestPupilMapping(["Pupil Premium Indicator", "Pupil Premium"])).toEqual({
      "Pupil Premium Indicator": null,
      "Pupil Premium": "pupilPremium",
    });
  });

  it("keeps the first of repeated headers", () => {
    expect(suggestPupilMapping(["UPN", "UPN"])).toEqual({ UPN: "upn" });
  });

  it("uses the remembered mapping first", () => {
    const remembered = { "Kid ID": "upn", "Year Group": null, Cohort: "yearGroup" };
    expect(suggestPupilMapping(["UPN", "Kid ID", "Year Group", "Cohort"], remembered)).toEqual({
      UPN: null,
      "Kid ID": "upn",
      "Year Group": null,
      Cohort: "yearGroup",
    });
  });

  it("matches remembered headers exactly, and falls back to synonyms for unknown fields", () => {
    expect(suggestPupilMapping(["kid id", "DOB"], { "Kid ID": "upn", DOB: "birthday" })).toEqual({
      "kid id": null,
      DOB: "dateOfBirth",
    });
  });

  it("lets only the first of two remembered headers claim a field", () => {
    expect(suggestPupilMapping(["A", "B"], { A: "upn", B: "upn" })).toEqual({ A: "upn", B: null });
  });
});

describe("suggestObservationMapping", () => {
  const primary = measuresFor("primary");
  const secondary = measuresFor("secondary");
  const map = (headers: string[], measures = primary) =>
    suggestObservationMapping(headers, measures);
  const one = (header: string, measures = primary) => map([header], measures)[header] ?? null;

  it.each([
    ["UPN", "upn"],
    ["Student UPN", "upn"],
    ["Point", "assessmentPoint"],
    ["Assessment Point", "assessmentPoint"],
    ["Term", "assessmentPoint"],
    ["Data Drop", "assessmentPoint"],
    ["Reading", "measure:m-reading-ta"],
    ["Reading TA", "measure:m-reading-ta"],
    ["KS2 Reading", "measure:m-reading-ta"],
    ["Reading Teacher Assessment", "measure:m-reading-ta"],
    ["Reading Scaled Score", "measure:m-reading-scaled"],
    ["Reading SS", "measure:m-reading-scaled"],
    ["KS2 Reading Scaled Score", "measure:m-reading-scaled"],
    ["Writing", "measure:m-writing-ta"],
    ["Maths", "measure:m-maths-ta"],
    ["Mathematics", "measure:m-maths-ta"],
    ["Maths SS", "measure:m-maths-scaled"],
    ["Attendance %", "measure:m-attendance"],
    ["Attendance", "measure:m-attendance"],
    ["% Attendance", "measure:m-attendance"],
    ["Attendance Percentage", "measure:m-attendance"],
    ["Behaviour Incidents", "measure:m-behaviour-incidents"],
    ["Behaviour Points", "measure:m-behaviour-incidents"],
    ["Resilient Learner", "measure:m-theme-resilient"],
    ["Self-Aware Learner", "measure:m-theme-self-aware"],
    ["Academically Competent Learner", "measure:m-theme-academically-competent"],
    ["theme-resilient", "measure:m-theme-resilient"],
  ])("maps %j to %s in a primary school", (header, target) => {
    expect(one(header)).toBe(target);
  });

  it.each([
    ["English", "measure:m-english-grade"],
    ["English Language", "measure:m-english-grade"],
    ["Maths Grade", "measure:m-maths-grade"],
    ["Maths", "measure:m-maths-grade"],
    ["Mathematics", "measure:m-maths-grade"],
    ["Science", "measure:m-science-grade"],
    ["Combined Science", "measure:m-science-grade"],
    ["GCSE Maths", "measure:m-maths-grade"],
  ])("maps %j to %s in a secondary school", (header, target) => {
    expect(one(header, secondary)).toBe(target);
  });

  it.each([
    "Reading Age",
    "Maths Target Grade",
    "Reading and Writing",
    "Maths TA",
    "Forename",
    "Surname",
    "Year Group",
    "Positive Behaviour Points",
    "",
  ])("ignores %j in a secondary school", (header) => {
    expect(one(header, secondary)).toBeNull();
  });

  it("does not map a teacher-assessment header to a scaled score", () => {
    const scaledOnly = primary.filter((m) => m.key !== "reading-ta");
    expect(one("Reading TA", scaledOnly)).toBeNull();
    expect(one("Reading", scaledOnly)).toBe("measure:m-reading-scaled");
  });

  it("splits reading between teacher assessment and scaled score", () => {
    expect(map(["UPN", "Term", "Reading SS", "Reading", "Maths Scaled Score", "Maths TA"])).toEqual(
      {
        UPN: "upn",
        Term: "assessmentPoint",
        "Reading SS": "measure:m-reading-scaled",
        Reading: "measure:m-reading-ta",
        "Maths Scaled Score": "measure:m-maths-scaled",
        "Maths TA": "measure:m-maths-ta",
      },
    );
  });

  it("prefers exact key and name matches over subject matches, whatever the order", () => {
    expect(map(["KS2 Reading", "Reading TA"])).toEqual({
      "KS2 Reading": null,
      "Reading TA": "measure:m-reading-ta",
    });
    expect(map(["Reading", "Reading (teacher assessment)"])).toEqual({
      Reading: null,
      "Reading (teacher assessment)": "measure:m-reading-ta",
    });
  });

  it("matches custom measures by key, name and subject", () => {
    const custom: MeasureForMapping[] = [
      { id: "h1", key: "history-grade", name: "History grade", subject: "history" },
      { id: "p1", key: "phonics", name: "Phonics screening check", subject: null },
    ];
    expect(map(["History", "Phonics Screening Check", "Phonics"], custom)).toEqual({
      History: "measure:h1",
      "Phonics Screening Check": "measure:p1",
      Phonics: null,
    });
  });

  it("uses the remembered mapping first, ignoring targets that no longer exist", () => {
    const remembered = {
      "Pupil ID": "upn",
      "Half Term": "assessmentPoint",
      "Reading Mark": "measure:m-reading-scaled",
      Reading: "measure:deleted",
      UPN: null,
    };
    expect(
      suggestObservationMapping(
        ["UPN", "Pupil ID", "Half Term", "Reading Mark", "Reading"],
        primary,
        remembered,
      ),
    ).toEqual({
      UPN: null,
      "Pupil ID": "upn",
      "Half Term": "assessmentPoint",
      "Reading Mark": "measure:m-reading-scaled",
      Reading: "measure:m-reading-ta",
    });
  });

  it("never maps two headers to the same target", () => {
    expect(map(["UPN", "Pupil UPN", "Attendance", "Attendance %"])).toEqual({
      UPN: "upn",
      "Pupil UPN": null,
      Attendance: "measure:m-attendance",
      "Attendance %": null,
    });
  });

  it("prefers teacher assessment to scaled score in an all-through school", () => {
    const all = measuresFor("all_through");
    expect(one("Maths", all)).toBe("measure:m-maths-ta");
    expect(one("Maths Grade", all)).toBe("measure:m-maths-grade");
    expect(one("English", all)).toBe("measure:m-english-grade");
  });
});

describe("missingRequired", () => {
  it("lists required fields that no column maps to, in order", () => {
    const mapping = { UPN: "upn", Forename: "legalFirstName", Notes: null };
    expect(missingRequired(mapping, REQUIRED_PUPIL_FIELDS)).toEqual([
      "lastName",
      "dateOfBirth",
      "yearGroup",
    ]);
    expect(missingRequired({}, ["upn"])).toEqual(["upn"]);
    expect(missingRequired({ A: "upn" }, [])).toEqual([]);
  });
});
