import { type Kysely, sql } from "kysely";
import { EEF_STRANDS, EEF_STRANDS_SOURCE } from "../../domain/data/eef-strands.ts";

/**
 * Corrects the EEF Toolkit strands shipped before 1 Dec 2026, whose headline
 * figures were written from memory. Each row gains its status (verified,
 * secondary, check, retired), its source address and a record of who last
 * confirmed it against the live Toolkit. A row an administrator had edited is
 * kept as they left it and marked `edited`, so the app can show how it differs
 * from the reference; every other row takes the reference figures.
 *
 * The figures first shipped, frozen here: a row that still holds them and was
 * never updated by a person is unedited.
 */
export const FIRST_SHIPPED: Record<string, [number, number, number]> = {
  "arts-participation": [3, 1, 3],
  "aspiration-interventions": [0, 1, 1],
  "behaviour-interventions": [4, 2, 3],
  "collaborative-learning-approaches": [5, 1, 4],
  "digital-technology": [4, 2, 3],
  "extending-school-time": [3, 3, 3],
  feedback: [6, 1, 4],
  homework: [5, 1, 3],
  "individualised-instruction": [4, 1, 3],
  "mastery-learning": [5, 1, 3],
  mentoring: [2, 3, 3],
  "metacognition-and-self-regulation": [7, 1, 4],
  "one-to-one-tuition": [5, 4, 3],
  "oral-language-interventions": [6, 1, 4],
  "outdoor-adventure-learning": [4, 3, 1],
  "parental-engagement": [4, 1, 3],
  "peer-tutoring": [5, 1, 4],
  "performance-pay": [1, 2, 1],
  phonics: [5, 1, 4],
  "physical-activity": [1, 1, 2],
  "reading-comprehension-strategies": [6, 1, 4],
  "reducing-class-size": [2, 5, 2],
  "repeating-a-year": [-3, 5, 3],
  "school-uniform": [0, 1, 1],
  "setting-and-streaming": [0, 1, 2],
  "small-group-tuition": [4, 2, 3],
  "social-and-emotional-learning": [4, 1, 3],
  "summer-schools": [3, 3, 3],
  "teaching-assistant-interventions": [4, 3, 3],
  "within-class-attainment-grouping": [2, 1, 2],
};

interface StrandRow {
  id: string;
  key: string;
  months: number | null;
  cost: number | null;
  evidence: number | null;
  updated_by: string | null;
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their time
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    alter table eef_strands
      alter column months drop not null,
      alter column cost drop not null,
      alter column evidence drop not null,
      add column status text not null default 'check'
        check (status in ('verified', 'secondary', 'check', 'retired')),
      add column status_note text not null default '',
      add column source_url text not null default '',
      add column edited boolean not null default false,
      add column confirmed_by uuid references users (id),
      add column confirmed_at timestamptz,
      add constraint eef_strands_figures_unless_retired
        check (status = 'retired' or (cost is not null and evidence is not null))
  `.execute(db);

  const rows: StrandRow[] = await db
    .selectFrom("eef_strands")
    .select(["id", "key", "months", "cost", "evidence", "updated_by"])
    .execute();
  const now = new Date();
  for (const reference of EEF_STRANDS) {
    const row = rows.find((r) => r.key === reference.key);
    const described = {
      status: reference.status,
      status_note: reference.statusNote,
      source_url: reference.sourceUrl,
    };
    if (!row) {
      await db
        .insertInto("eef_strands")
        .values({
          key: reference.key,
          name: reference.name,
          months: reference.months,
          cost: reference.cost,
          evidence: reference.evidence,
          source: EEF_STRANDS_SOURCE.source,
          taken_on: reference.readOn,
          note: EEF_STRANDS_SOURCE.note,
          updated_at: now,
          ...described,
        })
        .execute();
      continue;
    }
    const first = FIRST_SHIPPED[reference.key];
    const untouched =
      row.updated_by === null &&
      first !== undefined &&
      row.months === first[0] &&
      row.cost === first[1] &&
      row.evidence === first[2];
    await db
      .updateTable("eef_strands")
      .set(
        untouched
          ? {
              months: reference.months,
              cost: reference.cost,
              evidence: reference.evidence,
              source: EEF_STRANDS_SOURCE.source,
              taken_on: reference.readOn,
              note: EEF_STRANDS_SOURCE.note,
              updated_at: now,
              ...described,
            }
          : { edited: true, ...described },
      )
      .where("id", "=", row.id)
      .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: migrations run against the schema of their time
export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    alter table eef_strands
      drop constraint eef_strands_figures_unless_retired,
      drop column status,
      drop column status_note,
      drop column source_url,
      drop column edited,
      drop column confirmed_by,
      drop column confirmed_at
  `.execute(db);
}
