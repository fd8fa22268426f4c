/**
 * The strands of the EEF Teaching and Learning Toolkit, as shipped with Cascade.
 *
 * Each strand carries the Toolkit's three headline figures: the months of
 * additional progress, the cost (1 = very low … 5 = very high, the Toolkit's £
 * signs) and the security of the evidence (0–5 padlocks). The EEF revises these
 * figures; the database copy is what the app uses, and a network administrator
 * corrects it there with the date the figures were read. The strand list
 * follows reference/eef.md; the per-strand headline figures could not be read
 * from the live Toolkit here, so they ship marked as needing verification.
 */
export interface EefStrand {
  key: string;
  name: string;
  months: number;
  cost: 1 | 2 | 3 | 4 | 5;
  evidence: 0 | 1 | 2 | 3 | 4 | 5;
}

export const EEF_STRANDS_SOURCE = {
  source: "Education Endowment Foundation, Teaching and Learning Toolkit",
  takenOn: "2026-11-01",
  note: "Shipped with Cascade; verify against the live Toolkit before relying on it.",
} as const;

const strand = (
  name: string,
  months: number,
  cost: EefStrand["cost"],
  evidence: EefStrand["evidence"],
): EefStrand => ({
  key: name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, ""),
  name,
  months,
  cost,
  evidence,
});

export const EEF_STRANDS: readonly EefStrand[] = [
  strand("Arts participation", 3, 1, 3),
  strand("Aspiration interventions", 0, 1, 1),
  strand("Behaviour interventions", 4, 2, 3),
  strand("Collaborative learning approaches", 5, 1, 4),
  strand("Digital technology", 4, 2, 3),
  strand("Extending school time", 3, 3, 3),
  strand("Feedback", 6, 1, 4),
  strand("Homework", 5, 1, 3),
  strand("Individualised instruction", 4, 1, 3),
  strand("Mastery learning", 5, 1, 3),
  strand("Mentoring", 2, 3, 3),
  strand("Metacognition and self-regulation", 7, 1, 4),
  strand("One to one tuition", 5, 4, 3),
  strand("Oral language interventions", 6, 1, 4),
  strand("Outdoor adventure learning", 4, 3, 1),
  strand("Parental engagement", 4, 1, 3),
  strand("Peer tutoring", 5, 1, 4),
  strand("Performance pay", 1, 2, 1),
  strand("Phonics", 5, 1, 4),
  strand("Physical activity", 1, 1, 2),
  strand("Reading comprehension strategies", 6, 1, 4),
  strand("Reducing class size", 2, 5, 2),
  strand("Repeating a year", -3, 5, 3),
  strand("School uniform", 0, 1, 1),
  strand("Setting and streaming", 0, 1, 2),
  strand("Small group tuition", 4, 2, 3),
  strand("Social and emotional learning", 4, 1, 3),
  strand("Summer schools", 3, 3, 3),
  strand("Teaching assistant interventions", 4, 3, 3),
  strand("Within-class attainment grouping", 2, 1, 2),
];

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
