import type { Kysely } from "kysely";
import type { DB } from "../../db/schema.ts";

/**
 * The rectification history (UK GDPR Art. 16, DP-3): every change to a pupil's
 * record and every corrected or cleared observation keeps its old value, new
 * value, who and when. Every path that updates pupils or observations (the
 * pupil edit, data entry, imports, undoing an import) writes it in its own
 * transaction. Unlike the audit log it holds values, so it is personal data
 * about the pupil and goes when the pupil is erased.
 */
export interface RecordChange {
  pupilId: string;
  entity: "pupil" | "observation";
  /** The pupil column, or "value" for an observation. */
  field: string;
  measureId?: string | null;
  assessmentPointId?: string | null;
  oldValue: unknown;
  newValue: unknown;
}

export type ChangeSource = "edit" | "import" | "undo";

/** A value as the history keeps it: text, or null for none. */
export function historyText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  return String(value);
}

/** The fields of `set` whose value differs from the pupil's `before`, as changes. */
export function pupilFieldChanges(
  pupilId: string,
  before: Record<string, unknown>,
  set: Record<string, unknown>,
): RecordChange[] {
  return Object.entries(set)
    .filter(([field, value]) => historyText(before[field]) !== historyText(value))
    .map(([field, value]) => ({
      pupilId,
      entity: "pupil" as const,
      field,
      oldValue: before[field],
      newValue: value,
    }));
}

const CHUNK = 1000;

/** Writes the changes; pass the transaction of the change itself. */
export async function recordChanges(
  trx: Kysely<DB>,
  changes: readonly RecordChange[],
  context: { by: string | null; source: ChangeSource; now: Date },
): Promise<void> {
  for (let i = 0; i < changes.length; i += CHUNK) {
    await trx
      .insertInto("record_changes")
      .values(
        changes.slice(i, i + CHUNK).map((c) => ({
          pupil_id: c.pupilId,
          entity: c.entity,
          field: c.field,
          measure_id: c.measureId ?? null,
          assessment_point_id: c.assessmentPointId ?? null,
          old_value: historyText(c.oldValue),
          new_value: historyText(c.newValue),
          source: context.source,
          changed_by: context.by,
          changed_at: context.now,
        })),
      )
      .execute();
  }
}
