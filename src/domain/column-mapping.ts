/**
 * Suggests how the columns of an MIS export (SIMS, Arbor, Bromcom) map to
 * Cascade's fields. A suggestion is only a starting point: staff confirm it,
 * and the confirmed mapping is remembered for the school's next import.
 */

export const PUPIL_FIELDS = [
  "upn",
  "legalFirstName",
  "preferredFirstName",
  "lastName",
  "dateOfBirth",
  "gender",
  "yearGroup",
  "pupilPremium",
  "fsm",
  "ever6Fsm",
  "lookedAfter",
  "previouslyLookedAfter",
  "senStatus",
  "eal",
  "serviceChild",
  "otherIntervention",
  "leftOn",
] as const;
export type PupilField = (typeof PUPIL_FIELDS)[number];

export const PUPIL_FIELD_LABELS: Readonly<Record<PupilField, string>> = {
  upn: "UPN",
  legalFirstName: "Legal first name",
  preferredFirstName: "Preferred first name",
  lastName: "Last name",
  dateOfBirth: "Date of birth",
  gender: "Gender",
  yearGroup: "Year group",
  pupilPremium: "Pupil premium",
  fsm: "Free school meals (FSM)",
  ever6Fsm: "Ever 6 FSM",
  lookedAfter: "Looked after",
  previouslyLookedAfter: "Previously looked after",
  senStatus: "SEN status",
  eal: "English as an additional language (EAL)",
  serviceChild: "Service child",
  otherIntervention: "Other intervention",
  leftOn: "Date of leaving",
};

export const REQUIRED_PUPIL_FIELDS = [
  "upn",
  "legalFirstName",
  "lastName",
  "dateOfBirth",
  "yearGroup",
] as const satisfies readonly PupilField[];

/** What an observation column can hold: the pupil, the assessment point, or a measure by id. */
export type ObservationTarget = "upn" | "assessmentPoint" | `measure:${string}`;

export interface MeasureForMapping {
  id: string;
  key: string;
  name: string;
  subject: string | null;
}

export type Mapping = Record<string, string | null>;
/** A remembered mapping: header → target, or null for a column the school chose to ignore. */
export type RememberedMapping = Readonly<Record<string, string | null>>;

/** Lower case with everything but a–z and 0–9 removed: "Date of Birth" → "dateofbirth". */
export function normaliseHeader(header: string): string {
  return header.toLowerCase().replaceAll(/[^a-z0-9]/g, "");
}

const PUPIL_SYNONYMS: Readonly<Record<PupilField, readonly string[]>> = {
  upn: ["upn", "uniquepupilnumber", "upnnumber"],
  legalFirstName: [
    "legalforename",
    "legalfirstname",
    "forename",
    "forenames",
    "legalforenames",
    "firstname",
    "firstnames",
    "givenname",
    "givennames",
  ],
  preferredFirstName: ["preferredforename", "preferredfirstname", "preferredname", "knownas"],
  lastName: ["surname", "legalsurname", "lastname", "legallastname", "familyname"],
  dateOfBirth: ["dob", "dateofbirth", "birthdate"],
  gender: ["gender", "sex", "legalsex"],
  yearGroup: [
    "year",
    "yeargroup",
    "ncyear",
    "ncyearactual",
    "nationalcurriculumyear",
    "curriculumyear",
    "yr",
  ],
  pupilPremium: ["pupilpremium", "pp", "ppindicator", "ppeligible"],
  fsm: ["fsm", "freeschoolmeals", "eligibleforfsm", "currentfsm"],
  ever6Fsm: ["ever6fsm", "fsmever6", "fsm6years", "fsm6", "ever6", "everfsm6", "everfsm"],
  lookedAfter: ["lookedafter", "incare", "childlookedafter", "cla", "lac", "lookedafterchild"],
  previouslyLookedAfter: ["previouslylookedafter", "pla", "previouslyincare"],
  senStatus: ["senstatus", "senprovision", "sen", "send"],
  eal: ["eal", "englishasanadditionallanguage"],
  serviceChild: ["servicechild", "servicechildren", "servicepupil", "forceschild"],
  otherIntervention: ["otherintervention", "intervention", "interventions", "onintervention"],
  leftOn: ["leavingdate", "dateofleaving", "leftdate", "dateleft", "leavedate"],
};

/**
 * Headers that look like a field but are not: a preferred surname (Cascade keeps
 * the legal one), registration groups, a pupil's first language (a language, not
 * the EAL flag) and SEN need types (e.g. "SLCN", not the N/K/E status).
 */
const IGNORED = new Set([
  "preferredsurname",
  "preferredlastname",
  "reggroup",
  "registrationgroup",
  "firstlanguage",
  "homelanguage",
  "senneed",
  "senneedtype",
  "primaryneed",
  "senprimaryneed",
]);

const PREFIXES = ["student", "pupil", "child", "is", "has"];
const SUFFIXES = ["indicator", "flag", "yn", "eligible", "eligibility", "status"];

/** The header's normalised form, then forms without a prefix like "Student" or "Is" and a suffix like "Indicator". */
function headerForms(header: string): string[] {
  const full = normaliseHeader(header);
  const forms = [full];
  for (const prefix of ["", ...PREFIXES]) {
    if (!full.startsWith(prefix)) continue;
    const rest = full.slice(prefix.length);
    for (const suffix of ["", ...SUFFIXES]) {
      if (!rest.endsWith(suffix)) continue;
      const core = rest.slice(0, rest.length - suffix.length);
      if (core.length > 0 && !forms.includes(core)) forms.push(core);
    }
  }
  return forms;
}

const PUPIL_BY_SYNONYM = new Map<string, PupilField>(
  PUPIL_FIELDS.flatMap((field) =>
    PUPIL_SYNONYMS[field].map((synonym): [string, PupilField] => [synonym, field]),
  ),
);

/** The pupil field a header names, by synonym, with the tier of the match (1 exact, 2 after stripping). */
function pupilFieldFor(header: string): Match | null {
  const forms = headerForms(header);
  if (forms.some((form) => IGNORED.has(form))) return { target: null, tier: 1 };
  for (const [index, form] of forms.entries()) {
    const field = PUPIL_BY_SYNONYM.get(form);
    if (field) return { target: field, tier: index === 0 ? 1 : 2 };
  }
  return null;
}

/** A header's best target, with a tier: lower tiers win when two headers want the same target. */
interface Match {
  target: string | null;
  tier: number;
}

/**
 * Gives each header its best target, never one target to two headers: lower
 * tiers claim first, then earlier headers; a header whose target is taken gets
 * null. Repeated headers keep the first one's mapping.
 */
function resolve(headers: readonly string[], best: (header: string) => Match | null): Mapping {
  const unique = [...new Set(headers)];
  const matches = unique.map((header, index) => ({ header, index, match: best(header) }));
  const ordered = [...matches].sort(
    (a, b) => (a.match?.tier ?? 99) - (b.match?.tier ?? 99) || a.index - b.index,
  );
  const claimed = new Set<string>();
  const result: Mapping = {};
  for (const { header, match } of ordered) {
    const target = match?.target ?? null;
    result[header] = target !== null && !claimed.has(target) ? target : null;
    if (target !== null) claimed.add(target);
  }
  return Object.fromEntries(unique.map((header) => [header, result[header] ?? null]));
}

/** The remembered target for a header (tier 0), if it is still valid; null-target means "ignore". */
function rememberedMatch(
  header: string,
  remembered: RememberedMapping | undefined,
  isValid: (target: string) => boolean,
): Match | null {
  if (!remembered || !Object.hasOwn(remembered, header)) return null;
  const target = remembered[header];
  if (target === null || target === undefined || target === "") return { target: null, tier: 0 };
  return isValid(target) ? { target, tier: 0 } : null;
}

const isPupilField = (value: string): boolean =>
  (PUPIL_FIELDS as readonly string[]).includes(value);

/** Header → pupil field, or null to ignore the column. `remembered` wins over synonyms. */
export function suggestPupilMapping(headers: string[], remembered?: RememberedMapping): Mapping {
  return resolve(
    headers,
    (header) => rememberedMatch(header, remembered, isPupilField) ?? pupilFieldFor(header),
  );
}

// ---------------------------------------------------------------- observations

const POINT_SYNONYMS = new Set([
  "point",
  "assessmentpoint",
  "term",
  "datadrop",
  "drop",
  "assessmentperiod",
  "period",
  "datacollection",
  "collection",
  "collectionpoint",
]);

/** Synonyms (normalised) for built-in measures that have no subject, by key. */
const MEASURE_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  attendance: [
    "attendance",
    "attendancepercentage",
    "attendancepct",
    "attendancerate",
    "percentageattendance",
    "overallattendance",
  ],
  "behaviour-incidents": [
    "behaviour",
    "behaviourincidents",
    "behaviourpoints",
    "incidents",
    "behaviourincidentcount",
    "behavior",
    "behaviorincidents",
    "behaviorpoints",
  ],
  "theme-academically-competent": [
    "academicallycompetentlearner",
    "academicallycompetent",
    "academiccompetence",
    "themeacademicallycompetentlearner",
  ],
  "theme-self-aware": ["selfawarelearner", "selfaware", "selfawareness", "themeselfawarelearner"],
  "theme-resilient": ["resilientlearner", "resilient", "resilience", "themeresilientlearner"],
};

const SUBJECT_ALIASES: Readonly<Record<string, string>> = {
  read: "reading",
  write: "writing",
  math: "maths",
  mathematics: "maths",
  eng: "english",
  sci: "science",
};

/** Words in a header that say which kind of measure it is: teacher assessment, scaled score or grade. */
const HINTS: Readonly<Record<string, Hint>> = {
  ta: "ta",
  tas: "ta",
  ss: "ss",
  scaled: "ss",
  score: "ss",
  sats: "ss",
  test: "ss",
  grade: "grade",
  grades: "grade",
  gcse: "grade",
};
type Hint = "ta" | "ss" | "grade";

/** Words that say nothing about which measure a column is. */
const NOISE = /^(?:ks\d|y\d{1,2}|yr\d{1,2}|current|latest|result|results|assessment)$/;

const PHRASES: ReadonlyArray<[RegExp, string]> = [
  [/key\s*stage\s*(\d)/g, "ks$1"],
  [/teacher\s+assessment/g, "ta"],
  [/scaled?\s+score/g, "ss"],
  [/english\s+lang(?:uage)?/g, "english"],
  [/combined\s+science/g, "science"],
];

function hintsOf(measure: MeasureForMapping): Set<Hint> {
  const key = measure.key.toLowerCase();
  const name = measure.name.toLowerCase();
  const hints = new Set<Hint>();
  if (/scaled|(?:^|-)ss(?:-|$)/.test(key) || /scaled/.test(name)) hints.add("ss");
  if (/grade/.test(key) || /grade/.test(name)) hints.add("grade");
  if (/(?:^|-)ta(?:-|$)/.test(key) || /teacher assessment|\bta\b/.test(name)) hints.add("ta");
  return hints;
}

/**
 * The measure a header names by subject, e.g. "KS2 Reading", "Reading SS",
 * "Mathematics", "Maths Grade". Any word that is neither a subject, a hint nor
 * noise (as in "Reading Age" or "Maths Target Grade") means no match. Without a
 * hint, teacher assessments and grades are preferred to scaled scores.
 */
function measureBySubject(header: string, measures: readonly MeasureForMapping[]): string | null {
  let text = header.toLowerCase();
  for (const [pattern, replacement] of PHRASES) text = text.replaceAll(pattern, replacement);
  const words = text.split(/[^a-z0-9]+/).filter((word) => word !== "" && !NOISE.test(word));
  const subjects = new Set(measures.map((measure) => measure.subject).filter((s) => s !== null));
  const found: string[] = [];
  const hints = new Set<Hint>();
  for (const word of words) {
    const subject = SUBJECT_ALIASES[word] ?? word;
    const hint = HINTS[word];
    if (subjects.has(subject)) found.push(subject);
    else if (hint) hints.add(hint);
    else return null;
  }
  if (found.length !== 1) return null;
  const candidates = measures.filter((measure) => measure.subject === found[0]);
  const chosen =
    hints.size > 0
      ? candidates.find((measure) => [...hints].every((hint) => hintsOf(measure).has(hint)))
      : (candidates.find((measure) => !hintsOf(measure).has("ss")) ?? candidates[0]);
  return chosen ? chosen.id : null;
}

function observationTargetFor(
  header: string,
  measures: readonly MeasureForMapping[],
): Match | null {
  const normalised = normaliseHeader(header);
  const forms = headerForms(header);
  if (forms.includes("upn") || forms.includes("uniquepupilnumber")) {
    return { target: "upn", tier: 1 };
  }
  if (POINT_SYNONYMS.has(normalised)) return { target: "assessmentPoint", tier: 1 };
  const exact = measures.find(
    (m) => normaliseHeader(m.key) === normalised || normaliseHeader(m.name) === normalised,
  );
  if (exact) return { target: `measure:${exact.id}`, tier: 1 };
  const synonym = measures.find((m) => MEASURE_SYNONYMS[m.key]?.includes(normalised));
  if (synonym) return { target: `measure:${synonym.id}`, tier: 2 };
  const bySubject = measureBySubject(header, measures);
  return bySubject === null ? null : { target: `measure:${bySubject}`, tier: 3 };
}

/**
 * Header → "upn", "assessmentPoint" or "measure:<id>", or null to ignore the
 * column. `remembered` wins, then exact key or name matches, then synonyms,
 * then subject matches.
 */
export function suggestObservationMapping(
  headers: string[],
  measures: Array<MeasureForMapping>,
  remembered?: RememberedMapping,
): Mapping {
  const ids = new Set(measures.map((measure) => `measure:${measure.id}`));
  const isValid = (target: string) =>
    target === "upn" || target === "assessmentPoint" || ids.has(target);
  return resolve(
    headers,
    (header) =>
      rememberedMatch(header, remembered, isValid) ?? observationTargetFor(header, measures),
  );
}

/** The required fields that no column is mapped to, in the order given. */
export function missingRequired(
  mapping: Readonly<Record<string, string | null>>,
  required: readonly string[],
): string[] {
  const mapped = new Set(Object.values(mapping));
  return required.filter((field) => !mapped.has(field));
}
