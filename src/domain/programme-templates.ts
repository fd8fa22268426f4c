/** Built-in programme templates: a year's themes and workshops, as data. */

export interface ProgrammeTemplate {
  key: string;
  name: string;
  description: string;
  themes: Array<{ key: string; name: string; description: string }>;
  workshops: Array<{
    position: number;
    /** Calendar month, 1–12, in which the workshop usually falls. */
    month: number;
    title: string;
    focus: string;
    /** The theme the workshop works on, or null for workshops spanning the whole programme. */
    themeKey: string | null;
  }>;
}

export const PROGRAMME_TEMPLATES: readonly ProgrammeTemplate[] = [
  {
    key: "excellence-for-everyone",
    name: "Excellence for Everyone",
    description:
      "A year of six workshops in which school teams, working in trios, help disadvantaged pupils become academically competent, self-aware and resilient learners.",
    themes: [
      {
        key: "academically-competent",
        name: "Academically Competent Learner",
        description:
          "Pupils gain the language, number sense and habits of reasoning they need to take a full part in lessons.",
      },
      {
        key: "self-aware",
        name: "Self-Aware Learner",
        description:
          "Pupils learn to plan, check and adjust their own learning, and know what helps them make progress.",
      },
      {
        key: "resilient",
        name: "Resilient Learner",
        description:
          "Pupils build the confidence to keep going when work gets hard, in lessons and in school life beyond them.",
      },
    ],
    workshops: [
      {
        position: 1,
        month: 9,
        title: "Getting started",
        focus:
          "Teams meet their trio partners, agree the common problems they will work on together, and record where their pupils start from.",
        themeKey: null,
      },
      {
        position: 2,
        month: 11,
        title: "Looking closely at the data",
        focus:
          "What research tells us and why the three themes matter, what our own figures show about the target pupils, and a plan for the rest of the year.",
        themeKey: null,
      },
      {
        position: 3,
        month: 1,
        title: "Academic competence in lessons",
        focus:
          "Strengthening academic literacy, numeracy or critical thinking in everyday teaching, with each school choosing its own focus.",
        themeKey: "academically-competent",
      },
      {
        position: 4,
        month: 3,
        title: "Learning about learning",
        focus:
          "Bringing metacognition into lessons and leading change that reaches the target pupils.",
        themeKey: "self-aware",
      },
      {
        position: 5,
        month: 6,
        title: "Building resilience",
        focus:
          "Growing pupils' resilience inside and outside the classroom, and leading change across the whole school.",
        themeKey: "resilient",
      },
      {
        position: 6,
        month: 7,
        title: "Taking stock and spreading the gains",
        focus:
          "Judging the progress made over the year and planning how to extend its impact to the rest of the school.",
        themeKey: null,
      },
    ],
  },
];

/** The built-in template with this key, if there is one. */
export function findTemplate(key: string): ProgrammeTemplate | undefined {
  return PROGRAMME_TEMPLATES.find((template) => template.key === key);
}
