/**
 * The strands of the EEF Teaching and Learning Toolkit, as shipped with Cascade.
 *
 * Each strand carries the Toolkit's three headline figures: the months of
 * additional progress, the cost (1 = very low … 5 = very high, the Toolkit's £
 * signs) and the security of the evidence (0–5 padlocks). The figures follow
 * reference/eef-toolkit-strands.md, row by row, with how sure we are of each:
 *
 * - `verified`: read on the strand's own EEF page;
 * - `secondary`: read on a reputable page that republishes the EEF headline;
 * - `check`: sources disagree, so the app says "needs checking against the live
 *   Toolkit" until a network administrator confirms the row there;
 * - `retired`: no longer a strand (kept for strategies already linked to it).
 *
 * A strand with insufficient evidence (0 padlocks) has no months figure: the EEF
 * does not publish one, so `months` is null and shows as "–". The database copy
 * is what the app uses; this list seeds it and is the reference an
 * administrator's edit is compared with.
 */
export const STRAND_STATUSES = ["verified", "secondary", "check", "retired"] as const;
export type StrandStatus = (typeof STRAND_STATUSES)[number];

export type CostRating = 1 | 2 | 3 | 4 | 5;
export type Padlocks = 0 | 1 | 2 | 3 | 4 | 5;

export interface EefStrand {
  key: string;
  name: string;
  /** Months of additional progress; null where the EEF gives none (insufficient evidence, retired). */
  months: number | null;
  /** The Toolkit's £ rating; null only for a retired strand. */
  cost: CostRating | null;
  /** Padlocks, 0–5; null only for a retired strand. */
  evidence: Padlocks | null;
  status: StrandStatus;
  /** Where the figures were read. */
  sourceUrl: string;
  /** The date the figures were read (ISO). */
  readOn: string;
  /** Why the row is marked as it is (sources that disagree, an update, retirement). */
  statusNote: string;
}

export const TOOLKIT_URL =
  "https://educationendowmentfoundation.org.uk/education-evidence/teaching-learning-toolkit";

export const EEF_STRANDS_SOURCE = {
  source: "Education Endowment Foundation, Teaching and Learning Toolkit",
  /** The date the reference figures were read (reference/eef-toolkit-strands.md). */
  readOn: "2026-12-01",
  note: "Figures as published by the EEF; the Toolkit is a living review, so an administrator records checks against the live pages.",
} as const;

export const strandKey = (name: string): string =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

const strand = (
  name: string,
  months: number | null,
  cost: CostRating | null,
  evidence: Padlocks | null,
  status: StrandStatus,
  statusNote = "",
): EefStrand => ({
  key: strandKey(name),
  name,
  months,
  cost,
  evidence,
  status,
  sourceUrl: `${TOOLKIT_URL}/${strandKey(name)}`,
  readOn: EEF_STRANDS_SOURCE.readOn,
  statusNote,
});

const INSUFFICIENT = "Insufficient evidence: the EEF gives no months figure.";

export const EEF_STRANDS: readonly EefStrand[] = [
  strand("Arts participation", 3, 1, 3, "check", "Only one structured source for these figures."),
  strand("Aspiration interventions", null, 1, 0, "verified", INSUFFICIENT),
  strand(
    "Behaviour interventions",
    4,
    2,
    2,
    "check",
    "Another source gives +3 months and 3 padlocks.",
  ),
  strand("Collaborative learning approaches", 5, 1, 2, "verified"),
  strand("Extending school time", 3, 3, 2, "check", "Another source gives 3 padlocks."),
  strand("Feedback", 6, 1, 4, "verified"),
  strand("Homework", 5, 1, 1, "verified"),
  strand("Individualised instruction", 4, 1, 2, "verified"),
  strand("Learning styles", null, 1, 0, "verified", INSUFFICIENT),
  strand("Mastery learning", 5, 1, 2, "verified"),
  strand("Mentoring", 2, 3, 3, "verified"),
  strand(
    "Metacognition and self-regulation",
    8,
    1,
    4,
    "verified",
    "+7 months before the EEF's May 2025 update.",
  ),
  strand(
    "One to one tuition",
    5,
    3,
    3,
    "check",
    "Sources give the cost as 3 or 4 £; 3 is shown until it is checked.",
  ),
  strand("Oral language interventions", 6, 1, 4, "verified"),
  strand("Outdoor adventure learning", null, 3, 0, "secondary", INSUFFICIENT),
  strand("Parental engagement", 4, 1, 4, "verified"),
  strand("Peer tutoring", 6, 1, 4, "verified"),
  strand("Performance pay", 1, 2, 1, "secondary"),
  strand("Phonics", 5, 1, 4, "verified"),
  strand("Physical activity", 1, 1, 3, "check", "Another source gives +2 months and 4 padlocks."),
  strand(
    "Reading comprehension strategies",
    6,
    1,
    4,
    "check",
    "Reported as +7 months and 3 padlocks after an October 2025 update.",
  ),
  strand("Reducing class size", 2, 5, 1, "verified"),
  strand("Repeating a year", -3, 5, 2, "verified"),
  strand("School uniform", null, 1, 0, "verified", INSUFFICIENT),
  strand("Setting and streaming", 0, 1, 1, "verified"),
  strand("Small group tuition", 4, 2, 3, "secondary"),
  strand(
    "Social and emotional learning",
    4,
    1,
    1,
    "check",
    "Another source gives +3 months and 3 padlocks (possibly the 2025 update).",
  ),
  strand("Summer schools", 3, 3, 2, "verified"),
  strand(
    "Teaching assistant interventions",
    4,
    3,
    3,
    "check",
    "Newer EEF text says around three months.",
  ),
  strand("Within-class attainment grouping", 2, 1, 1, "secondary"),
  {
    ...strand(
      "Digital technology",
      null,
      null,
      null,
      "retired",
      "Not a strand of the Toolkit since its relaunch in 2021; kept only for strategies already linked to it.",
    ),
    sourceUrl: TOOLKIT_URL,
  },
];

export const referenceStrand = (key: string): EefStrand | undefined =>
  EEF_STRANDS.find((s) => s.key === key);

/** The figures of a stored strand that can differ from the reference. */
export interface StrandFigures {
  months: number | null;
  cost: number | null;
  evidence: number | null;
}

const signed = (months: number | null): string =>
  months === null ? "–" : months > 0 ? `+${months}` : months < 0 ? `−${-months}` : "0";

/** Months as the Toolkit shows them: "+5", "−3", "0", or "–" when the EEF gives none. */
export const formatMonths = signed;

/**
 * How an administrator's figures differ from the shipped Toolkit reference, in
 * words ("months +5 (Toolkit reference +6); padlocks 3 (reference 4)"), or null
 * when they agree.
 */
export function differenceFromReference(
  stored: StrandFigures,
  reference: StrandFigures | undefined,
): string | null {
  if (!reference) return null;
  const parts: string[] = [];
  if (stored.months !== reference.months)
    parts.push(`months ${signed(stored.months)} (reference ${signed(reference.months)})`);
  if (stored.cost !== reference.cost)
    parts.push(`cost ${stored.cost ?? "–"} £ (reference ${reference.cost ?? "–"} £)`);
  if (stored.evidence !== reference.evidence)
    parts.push(`padlocks ${stored.evidence ?? "–"} (reference ${reference.evidence ?? "–"})`);
  return parts.length > 0 ? parts.join("; ") : null;
}

/**
 * The Toolkit's cost rating per pupil per year (reference/eef.md): very low is
 * under £80; low, moderate and high run up to and including £200, £720 and
 * £1,200; very high is over £1,200. A strategy's own cost per pupil is placed
 * on the same scale so teachers compare like with like.
 */
export const COST_BANDS = [
  { level: 1, label: "very low", below: 80 },
  { level: 2, label: "low", upTo: 200 },
  { level: 3, label: "moderate", upTo: 720 },
  { level: 4, label: "high", upTo: 1200 },
  { level: 5, label: "very high" },
] as const;

export function costRating(poundsPerPupil: number): (typeof COST_BANDS)[number] {
  const band = COST_BANDS.find((b) =>
    "below" in b ? poundsPerPupil < b.below : "upTo" in b ? poundsPerPupil <= b.upTo : true,
  );
  return band ?? COST_BANDS[4];
}
