import type { Kysely } from "kysely";
import type { ImportPreview } from "../../../contracts/pupil-data.ts";
import type { DB } from "../../../db/schema.ts";
import { latestBegunPoint } from "../../../domain/assessment-points.ts";
import { toLondon } from "../../../domain/calendar.ts";
import {
  PUPIL_FIELD_LABELS,
  PUPIL_FIELDS,
  REQUIRED_PUPIL_FIELDS,
  suggestObservationMapping,
  suggestPupilMapping,
} from "../../../domain/column-mapping.ts";
import { ImportRejected, ValidationProblem } from "../../errors.ts";
import { inImportSlot } from "../../imports/import-slots.ts";
import { readTable, type Table, TableFormatError } from "../../imports/read-table.ts";
import { definitionOf, measuresOfSchool } from "../measures/store.ts";
import { applyObservationImport, applyPupilImport, type ImportCounts } from "./apply.ts";
import { type PointOpenness, refuseClosedPoints } from "./closed-points.ts";
import { checkLeaversRequest, findLeavers, markLeavers, presentLeavers } from "./leavers.ts";
import { type PointRef, parseObservationTable } from "./parse-observations.ts";
import { parsePupilTable } from "./parse-pupils.ts";
import { claimSchoolImports } from "./store.ts";

export type ImportKind = "pupils" | "observations";

export interface ImportRequest {
  schoolId: string;
  kind: ImportKind;
  fileName: string;
  bytes: Uint8Array;
  /** Header → field; when absent, the remembered or suggested mapping is used. */
  mapping?: Record<string, string | null>;
  assessmentPointId?: string;
  /** For a pupil list: mark the pupils on roll it leaves out as left, as the preview listed them. */
  leavers?: { token: string; leftOn: string };
}

const PREVIEW_ROWS = 20;
const MAX_ERRORS_SHOWN = 1000;

async function readUpload(bytes: Uint8Array): Promise<Table> {
  try {
    return await inImportSlot(() => readTable(bytes));
  } catch (error) {
    if (error instanceof TableFormatError) {
      throw new ValidationProblem(error.message, [{ field: "file", message: error.message }]);
    }
    throw error;
  }
}

/** Everything needed to check or store a file: its table, the mapping in force and the parse. */
async function prepare(db: Kysely<DB>, request: ImportRequest, today: string) {
  const table = await readUpload(request.bytes);
  const remembered = await db
    .selectFrom("import_mappings")
    .select("mapping")
    .where("school_id", "=", request.schoolId)
    .where("kind", "=", request.kind)
    .executeTakeFirst();
  const measures = (await measuresOfSchool(db, request.schoolId)).map((m) => ({
    id: m.id,
    row: m,
    definition: definitionOf(m),
  }));
  const suggested =
    request.kind === "pupils"
      ? suggestPupilMapping(
          table.headers,
          remembered?.mapping as Record<string, string> | undefined,
        )
      : suggestObservationMapping(
          table.headers,
          measures.map((m) => ({
            id: m.id,
            key: m.row.key,
            name: m.row.name,
            subject: m.row.subject,
          })),
          remembered?.mapping as Record<string, string> | undefined,
        );
  const mapping = request.mapping ?? suggested;

  const fieldOptions =
    request.kind === "pupils"
      ? PUPIL_FIELDS.map((f) => ({
          value: f,
          label: PUPIL_FIELD_LABELS[f],
          required: (REQUIRED_PUPIL_FIELDS as readonly string[]).includes(f),
        }))
      : [
          { value: "upn", label: "UPN", required: true },
          { value: "assessmentPoint", label: "Assessment point", required: false },
          ...measures.map((m) => ({
            value: `measure:${m.id}`,
            label: m.row.name,
            required: false,
          })),
        ];
  const allowed = new Set(fieldOptions.map((f) => f.value));
  const mappingErrors: { field: string; message: string }[] = [];
  const used = new Map<string, string>();
  for (const [header, field] of Object.entries(mapping)) {
    if (!table.headers.includes(header)) {
      mappingErrors.push({
        field: `mapping.${header}`,
        message: "The file has no column with this name.",
      });
    } else if (field !== null && !allowed.has(field)) {
      mappingErrors.push({
        field: `mapping.${header}`,
        message: "Not a field this kind of file can fill.",
      });
    } else if (field !== null && used.has(field)) {
      mappingErrors.push({
        field: `mapping.${header}`,
        message: `Column "${used.get(field)}" is already mapped to this field.`,
      });
    } else if (field !== null) {
      used.set(field, header);
    }
  }
  if (mappingErrors.length > 0)
    throw new ValidationProblem("The column mapping does not fit the file.", mappingErrors);

  if (request.kind === "pupils") {
    const parse = parsePupilTable(table, mapping, today);
    return {
      table,
      mapping,
      fieldOptions,
      point: null,
      parse,
      measures,
      leavers: await findLeavers(db, request.schoolId, parse),
    };
  }

  const points: Array<PointRef & PointOpenness> = (
    await db
      .selectFrom("assessment_points")
      .select(["id", "name", "academic_year", "starts_on", "opened_early_at"])
      .where("school_id", "=", request.schoolId)
      .orderBy("starts_on")
      .execute()
  ).map((p) => ({
    id: p.id,
    name: p.name,
    academicYear: p.academic_year,
    startsOn: p.starts_on,
    openedEarly: p.opened_early_at !== null,
  }));
  let point: PointRef | null = null;
  if (request.assessmentPointId) {
    point = points.find((p) => p.id === request.assessmentPointId) ?? null;
    if (!point) {
      throw new ValidationProblem("No such assessment point.", [
        { field: "assessmentPointId", message: "Choose one of the school's assessment points." },
      ]);
    }
  } else {
    point = latestBegunPoint(points, today) ?? null;
  }
  const pupils = await db
    .selectFrom("pupils")
    .select(["id", "upn"])
    .where("school_id", "=", request.schoolId)
    .execute();
  const parse = refuseClosedPoints(
    parseObservationTable(table, mapping, {
      measures: measures.map((m) => ({ id: m.id, definition: m.definition })),
      points,
      defaultPoint: point,
      pupilIdByUpn: new Map(pupils.map((p) => [p.upn, p.id])),
    }),
    points,
    today,
    Object.entries(mapping).find(([, f]) => f === "assessmentPoint")?.[0],
  );
  return { table, mapping, fieldOptions, point, parse, measures, leavers: null };
}

/** What the file would store, row by row, with every problem: nothing is written. */
export async function previewImport(
  db: Kysely<DB>,
  request: ImportRequest,
  today: string,
): Promise<ImportPreview> {
  const prepared = await prepare(db, request, today);
  return {
    kind: request.kind,
    fileName: request.fileName,
    headers: prepared.table.headers,
    mapping: prepared.mapping,
    fields: prepared.fieldOptions,
    totalRows: prepared.parse.preview.length,
    rows: prepared.parse.preview.slice(0, PREVIEW_ROWS),
    errors: prepared.parse.errors.slice(0, MAX_ERRORS_SHOWN),
    errorCount: prepared.parse.errors.length,
    assessmentPoint: prepared.point,
    leavers: prepared.leavers ? presentLeavers(prepared.leavers, today) : null,
  };
}

/**
 * Checks the whole file and, only if every row is right, stores it in the
 * caller's transaction, recording the import and what it changed.
 */
export async function runImport(
  trx: Kysely<DB>,
  request: ImportRequest,
  context: { userId: string | null; now: Date },
): Promise<{ importId: string; rows: number; markedLeft: number } & ImportCounts> {
  // One import at a time per school, across every app server: the claim comes first.
  await claimSchoolImports(trx, request.schoolId);
  const today = toLondon(context.now).date;
  const prepared = await prepare(trx, request, today);
  const { errors } = prepared.parse;
  if (errors.length > 0) {
    throw new ImportRejected(
      `${errors.length} problem${errors.length === 1 ? "" : "s"} in the file. Nothing was imported: correct ${errors.length === 1 ? "it" : "them"} and import the whole file again.`,
      errors.slice(0, MAX_ERRORS_SHOWN),
    );
  }
  if (request.leavers) {
    if (!prepared.leavers) {
      throw new ValidationProblem("Only a pupil list can mark pupils as left.", [
        { field: "leavers", message: "Send leavers only with kind pupils." },
      ]);
    }
    checkLeaversRequest(prepared.leavers, request.leavers, today);
  }
  const rows = prepared.parse.preview.length;
  const record = await trx
    .insertInto("imports")
    .values({
      school_id: request.schoolId,
      kind: request.kind,
      file_name: request.fileName.slice(0, 255) || "upload",
      rows,
      created_by: context.userId,
      created_at: context.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const counts =
    "pupils" in prepared.parse
      ? await applyPupilImport(trx, {
          schoolId: request.schoolId,
          importId: record.id,
          pupils: prepared.parse.pupils,
          userId: context.userId,
          now: context.now,
        })
      : await applyObservationImport(trx, {
          importId: record.id,
          observations: prepared.parse.observations,
          userId: context.userId,
          now: context.now,
        });
  const markedLeft =
    request.leavers && prepared.leavers
      ? await markLeavers(trx, {
          importId: record.id,
          pupils: prepared.leavers.pupils,
          leftOn: request.leavers.leftOn,
          userId: context.userId,
          now: context.now,
        })
      : 0;
  await trx
    .updateTable("imports")
    .set({ ...counts, marked_left: markedLeft })
    .where("id", "=", record.id)
    .execute();
  await trx
    .insertInto("import_mappings")
    .values({
      school_id: request.schoolId,
      kind: request.kind,
      mapping: JSON.stringify(prepared.mapping),
      updated_at: context.now,
    })
    .onConflict((oc) =>
      oc
        .columns(["school_id", "kind"])
        .doUpdateSet({ mapping: JSON.stringify(prepared.mapping), updated_at: context.now }),
    )
    .execute();
  return { importId: record.id, rows, markedLeft, ...counts };
}
