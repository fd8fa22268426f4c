import { type Kysely, sql } from "kysely";
import type { DB } from "../../../db/schema.ts";
import { pupilFieldChanges, type RecordChange, recordChanges } from "../../audit/history.ts";
import type { ParsedObservation } from "./parse-observations.ts";
import type { ParsedPupil, PupilField } from "./parse-pupils.ts";

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

const CHUNK = 1000;

function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Cascade's column for each pupil field a file can carry. */
export const PUPIL_COLUMNS = {
  legalFirstName: "legal_first_name",
  preferredFirstName: "preferred_first_name",
  lastName: "last_name",
  dateOfBirth: "date_of_birth",
  gender: "gender",
  yearGroup: "year_group",
  pupilPremium: "pupil_premium",
  fsm: "fsm",
  ever6Fsm: "ever6_fsm",
  lookedAfter: "looked_after",
  previouslyLookedAfter: "previously_looked_after",
  senStatus: "sen_status",
  eal: "eal",
  serviceChild: "service_child",
  otherIntervention: "other_intervention",
  leftOn: "left_on",
} as const satisfies Partial<Record<PupilField, string>>;

type PupilColumn = (typeof PUPIL_COLUMNS)[keyof typeof PUPIL_COLUMNS];

function columnsOf(pupil: ParsedPupil): Partial<Record<PupilColumn | "upn_temporary", unknown>> {
  const out: Partial<Record<PupilColumn | "upn_temporary", unknown>> = {
    upn_temporary: pupil.upnTemporary,
  };
  for (const [field, column] of Object.entries(PUPIL_COLUMNS)) {
    if (field in pupil.values) out[column] = pupil.values[field as PupilField];
  }
  return out;
}

/**
 * Creates pupils new to the school and updates known ones (by UPN) with the
 * fields the file carries, recording before and after of each change.
 */
export async function applyPupilImport(
  trx: Kysely<DB>,
  input: {
    schoolId: string;
    importId: string;
    pupils: ParsedPupil[];
    userId: string | null;
    now: Date;
  },
): Promise<ImportCounts> {
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  const history: RecordChange[] = [];
  const existing = new Map<string, Record<string, unknown>>();
  for (const part of chunks(input.pupils.map((p) => p.upn))) {
    const rows = await trx
      .selectFrom("pupils")
      .selectAll()
      .where("school_id", "=", input.schoolId)
      .where("upn", "in", part)
      .execute();
    for (const row of rows) existing.set(row.upn, row as unknown as Record<string, unknown>);
  }
  const inserts: Array<Record<string, unknown>> = [];
  for (const pupil of input.pupils) {
    const columns = columnsOf(pupil);
    const current = existing.get(pupil.upn);
    if (!current) {
      inserts.push({
        school_id: input.schoolId,
        upn: pupil.upn,
        ...columns,
        created_at: input.now,
        updated_at: input.now,
      });
      continue;
    }
    const changed = Object.entries(columns).filter(([column, value]) => current[column] !== value);
    if (changed.length === 0) {
      counts.unchanged++;
      continue;
    }
    const version = Number(current.version) + 1;
    const set = Object.fromEntries(changed);
    history.push(...pupilFieldChanges(String(current.id), current, set));
    await trx
      .updateTable("pupils")
      .set({ ...set, version, updated_at: input.now })
      .where("id", "=", String(current.id))
      .execute();
    await trx
      .insertInto("import_changes")
      .values({
        import_id: input.importId,
        entity: "pupil",
        entity_id: String(current.id),
        before: JSON.stringify({
          ...Object.fromEntries(changed.map(([c]) => [c, current[c]])),
          version: current.version,
        }),
        after: JSON.stringify({ ...set, version }),
      })
      .execute();
    counts.updated++;
  }
  for (const part of chunks(inserts)) {
    const created = await trx
      .insertInto("pupils")
      .values(part as never)
      .returning(["id", "version"])
      .execute();
    await trx
      .insertInto("import_changes")
      .values(
        created.map((row) => ({
          import_id: input.importId,
          entity: "pupil" as const,
          entity_id: row.id,
          before: null,
          after: JSON.stringify({ version: row.version }),
        })),
      )
      .execute();
    counts.created += created.length;
  }
  await recordChanges(trx, history, { by: input.userId, source: "import", now: input.now });
  return counts;
}

/**
 * Writes observations: new ones and changed values, in chunks of one statement
 * each, recording what each changed value replaced. Values the file repeats
 * are left alone.
 */
export async function applyObservationImport(
  trx: Kysely<DB>,
  input: { importId: string; observations: ParsedObservation[]; userId: string | null; now: Date },
): Promise<ImportCounts> {
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  const measureIds = [...new Set(input.observations.map((o) => o.measureId))];
  const pointIds = [...new Set(input.observations.map((o) => o.pointId))];
  const existing = new Map<
    string,
    { value: number; recorded_by: string | null; recorded_at: Date; import_id: string | null }
  >();
  if (measureIds.length > 0 && pointIds.length > 0) {
    const rows = await trx
      .selectFrom("observations")
      .select([
        "pupil_id",
        "measure_id",
        "assessment_point_id",
        "value",
        "recorded_by",
        "recorded_at",
        "import_id",
      ])
      .where("measure_id", "in", measureIds)
      .where("assessment_point_id", "in", pointIds)
      .execute();
    for (const row of rows) {
      existing.set(`${row.pupil_id}|${row.measure_id}|${row.assessment_point_id}`, {
        ...row,
        value: Number(row.value),
      });
    }
  }
  const created: ParsedObservation[] = [];
  const changed: ParsedObservation[] = [];
  for (const o of input.observations) {
    const before = existing.get(`${o.pupilId}|${o.measureId}|${o.pointId}`);
    if (!before) created.push(o);
    else if (before.value !== o.value) changed.push(o);
    else counts.unchanged++;
  }
  counts.created = created.length;
  counts.updated = changed.length;
  // New values: one insert per 10,000 from four arrays (unnest), which PostgreSQL
  // parses far faster than 80,000 separate parameters. Undo finds them by created_import_id.
  for (const part of chunks(created, 10_000)) {
    await sql`
      insert into observations
        (pupil_id, measure_id, assessment_point_id, value, recorded_by, recorded_at, import_id, created_import_id)
      select pupil_id, measure_id, point_id, value, ${input.userId}::uuid, ${input.now}::timestamptz, ${input.importId}::uuid, ${input.importId}::uuid
      from unnest(
        ${part.map((o) => o.pupilId)}::uuid[],
        ${part.map((o) => o.measureId)}::uuid[],
        ${part.map((o) => o.pointId)}::uuid[],
        ${part.map((o) => o.value)}::numeric[]
      ) as rows (pupil_id, measure_id, point_id, value)`.execute(trx);
  }
  // Changed values: written with what they replaced, so undo can put it back.
  for (const part of chunks(changed)) {
    const written = await trx
      .insertInto("observations")
      .values(
        part.map((o) => ({
          pupil_id: o.pupilId,
          measure_id: o.measureId,
          assessment_point_id: o.pointId,
          value: o.value,
          recorded_by: input.userId,
          recorded_at: input.now,
          import_id: input.importId,
        })),
      )
      .onConflict((oc) =>
        oc.columns(["pupil_id", "measure_id", "assessment_point_id"]).doUpdateSet((eb) => ({
          value: eb.ref("excluded.value"),
          recorded_by: eb.ref("excluded.recorded_by"),
          recorded_at: eb.ref("excluded.recorded_at"),
          import_id: eb.ref("excluded.import_id"),
        })),
      )
      .returning(["id", "pupil_id", "measure_id", "assessment_point_id", "value"])
      .execute();
    await recordChanges(
      trx,
      written.map((row) => ({
        pupilId: row.pupil_id,
        entity: "observation" as const,
        field: "value",
        measureId: row.measure_id,
        assessmentPointId: row.assessment_point_id,
        oldValue: existing.get(`${row.pupil_id}|${row.measure_id}|${row.assessment_point_id}`)
          ?.value,
        newValue: Number(row.value),
      })),
      { by: input.userId, source: "import", now: input.now },
    );
    await trx
      .insertInto("import_changes")
      .values(
        written.map((row) => {
          const before = existing.get(
            `${row.pupil_id}|${row.measure_id}|${row.assessment_point_id}`,
          );
          return {
            import_id: input.importId,
            entity: "observation" as const,
            entity_id: row.id,
            before: JSON.stringify({
              value: before?.value,
              recorded_by: before?.recorded_by ?? null,
              recorded_at: before?.recorded_at,
              import_id: before?.import_id ?? null,
            }),
            after: JSON.stringify({ value: Number(row.value) }),
          };
        }),
      )
      .execute();
  }
  return counts;
}
