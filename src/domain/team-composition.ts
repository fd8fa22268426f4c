/** The programme's guidance on who makes up a school's team. It warns; it never blocks. */

import type { SchoolPhase } from "./phases.ts";
import type { TeamRole } from "./roles.ts";

export type { SchoolPhase, TeamRole };

export interface TeamMemberForComposition {
  teamRole: TeamRole;
  /** Lower-case subject key such as "maths", "english" or "science", or null. */
  subject: string | null;
}

export interface TeamCompositionItem {
  key: string;
  label: string;
  required: number;
  have: number;
  ok: boolean;
  /** What falls short, e.g. "2 of 3, English missing"; null when the item is met. */
  note: string | null;
}

export interface TeamComposition {
  meets: boolean;
  rule: string;
  items: TeamCompositionItem[];
  summary: string;
}

/** Subjects a secondary teacher on the team can be recorded against. */
export const SUBJECTS = [
  { key: "maths", label: "Maths" },
  { key: "english", label: "English" },
  { key: "science", label: "Science" },
  { key: "humanities", label: "Humanities" },
  { key: "languages", label: "Modern languages" },
  { key: "arts", label: "Arts" },
  { key: "pe", label: "PE" },
  { key: "computing", label: "Computing" },
  { key: "technology", label: "Design and technology" },
  { key: "other", label: "Other" },
] as const satisfies readonly { key: string; label: string }[];

export type SubjectKey = (typeof SUBJECTS)[number]["key"];

interface PhaseRule {
  leaders: number;
  teachers: number;
  paraProfessionals: number;
  /** Subjects that must be among the teachers, with how they read in a sentence. */
  teacherSubjects: ReadonlyArray<{ key: SubjectKey; inSentence: string }>;
}

const PRIMARY_RULE: PhaseRule = {
  leaders: 1,
  teachers: 1,
  paraProfessionals: 1,
  teacherSubjects: [],
};

const SECONDARY_RULE: PhaseRule = {
  leaders: 1,
  teachers: 3,
  paraProfessionals: 2,
  teacherSubjects: [
    { key: "maths", inSentence: "maths" },
    { key: "english", inSentence: "English" },
  ],
};

// Decision: all-through schools follow the secondary rule and special schools the primary rule.
const RULES: Record<SchoolPhase, { heading: string; rule: PhaseRule }> = {
  primary: { heading: "Primary", rule: PRIMARY_RULE },
  secondary: { heading: "Secondary", rule: SECONDARY_RULE },
  special: { heading: "Special (primary rule)", rule: PRIMARY_RULE },
  all_through: { heading: "All-through (secondary rule)", rule: SECONDARY_RULE },
};

function count(n: number, singular: string, plural: string): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** "maths", "maths and English", "a, b and c". */
function listInSentence(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

function countItem(
  key: string,
  label: string,
  required: number,
  have: number,
): TeamCompositionItem {
  const ok = have >= required;
  return { key, label, required, have, ok, note: ok ? null : `${have} of ${required}` };
}

function teachersItem(rule: PhaseRule, teachers: TeamMemberForComposition[]): TeamCompositionItem {
  const have = teachers.length;
  const required = rule.teachers;
  const subjectsHeld = new Set(teachers.map((member) => member.subject?.trim().toLowerCase()));
  const missing = rule.teacherSubjects.filter((subject) => !subjectsHeld.has(subject.key));
  const baseLabel = count(required, "teacher", "teachers");
  const label =
    rule.teacherSubjects.length === 0
      ? baseLabel
      : `${baseLabel} including ${listInSentence(rule.teacherSubjects.map((s) => s.inSentence))}`;
  const ok = have >= required && missing.length === 0;
  if (ok) return { key: "teachers", label, required, have, ok, note: null };
  const shortfall: string[] = [
    have <= required ? `${have} of ${required}` : count(have, "teacher", "teachers"),
  ];
  if (missing.length > 0) {
    shortfall.push(`${listInSentence(missing.map((s) => s.inSentence))} missing`);
  }
  return { key: "teachers", label, required, have, ok, note: shortfall.join(", ") };
}

/**
 * Compares a school's team with the programme's guidance for its phase: primary
 * (and special) 1 leader, 1 teacher, 1 para-professional; secondary (and
 * all-through) 1 leader, 3 teachers including maths and English, 2
 * para-professionals. More members than required is fine.
 */
export function checkTeamComposition(
  phase: SchoolPhase,
  members: TeamMemberForComposition[],
): TeamComposition {
  const { heading, rule } = RULES[phase];
  const withRole = (role: TeamRole) => members.filter((member) => member.teamRole === role);

  const items: TeamCompositionItem[] = [
    countItem(
      "leaders",
      count(rule.leaders, "leader", "leaders"),
      rule.leaders,
      withRole("leader").length,
    ),
    teachersItem(rule, withRole("teacher")),
    countItem(
      "para_professionals",
      count(rule.paraProfessionals, "para-professional", "para-professionals"),
      rule.paraProfessionals,
      withRole("para_professional").length,
    ),
  ];

  const ruleText = `${heading}: ${items.map((item) => item.label).join(", ")}`;
  const shortfalls = items.filter((item) => !item.ok);
  const meets = shortfalls.length === 0;
  const summary = meets
    ? `Meets the programme's guidance — ${ruleText}`
    : `${heading}: ${shortfalls.map((item) => `${item.label} — ${item.note}`).join("; ")}`;
  return { meets, rule: ruleText, items, summary };
}

/** The team role that goes with a school role, and back. */
export const TEAM_ROLE_FOR = {
  school_leader: "leader",
  teacher: "teacher",
  para_professional: "para_professional",
} as const;

export const SCHOOL_ROLE_FOR = {
  leader: "school_leader",
  teacher: "teacher",
  para_professional: "para_professional",
} as const;

/** The team role of a school role; a role with no team place of its own counts as a teacher. */
export function teamRoleOf(role: string): TeamRole {
  return TEAM_ROLE_FOR[role as keyof typeof TEAM_ROLE_FOR] ?? "teacher";
}
