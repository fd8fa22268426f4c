import { z } from "zod";
import { isoDate } from "../../../contracts/dates.ts";
import { IMPORT_KINDS } from "../../../contracts/pupil-data.ts";
import { ValidationProblem } from "../../errors.ts";
import type { readUpload } from "../../imports/upload.ts";
import type { ImportRequest } from "./service.ts";

/** The form fields of an import: kind, and optionally the mapping and the assessment point. */
export function requestFrom(
  schoolId: string,
  upload: Awaited<ReturnType<typeof readUpload>>,
): ImportRequest {
  const kind = upload.fields.kind;
  if (!kind || !(IMPORT_KINDS as readonly string[]).includes(kind)) {
    throw new ValidationProblem("Say what the file holds.", [
      { field: "kind", message: "Use pupils or observations." },
    ]);
  }
  let mapping: Record<string, string | null> | undefined;
  if (upload.fields.mapping) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(upload.fields.mapping);
    } catch {
      throw new ValidationProblem("The mapping is not JSON.", [
        { field: "mapping", message: 'Send an object like {"UPN": "upn"}.' },
      ]);
    }
    const result = z.record(z.string(), z.string().nullable()).safeParse(parsed);
    if (!result.success) {
      throw new ValidationProblem("The mapping is not column → field.", [
        {
          field: "mapping",
          message:
            'Send an object of column names to field names (or null to ignore), like {"UPN": "upn"}.',
        },
      ]);
    }
    mapping = result.data;
  }
  const point = upload.fields.assessmentPointId;
  if (point && !z.uuid().safeParse(point).success) {
    throw new ValidationProblem("No such assessment point.", [
      { field: "assessmentPointId", message: "Choose one of the school's points." },
    ]);
  }
  const leavers = leaversFrom(kind, upload.fields);
  return {
    schoolId,
    kind: kind as ImportRequest["kind"],
    fileName: upload.filename,
    bytes: upload.file,
    ...(mapping ? { mapping } : {}),
    ...(point ? { assessmentPointId: point } : {}),
    ...(leavers ? { leavers } : {}),
  };
}

/** `leavers` (the preview's token) with `leftOn`: mark the pupils the preview listed as left. */
function leaversFrom(
  kind: string,
  fields: Record<string, string>,
): ImportRequest["leavers"] | undefined {
  const token = fields.leavers;
  const leftOn = fields.leftOn;
  if (!token) {
    if (leftOn) {
      throw new ValidationProblem("A leaving date needs the pupils it is for.", [
        {
          field: "leavers",
          message: "Send the preview's leavers.token with leftOn, or leave leftOn out.",
        },
      ]);
    }
    return undefined;
  }
  if (kind !== "pupils") {
    throw new ValidationProblem("Only a pupil list can mark pupils as left.", [
      { field: "leavers", message: "Send leavers only with kind pupils." },
    ]);
  }
  if (!leftOn) {
    throw new ValidationProblem("Say when these pupils left.", [
      { field: "leftOn", message: "Give the leaving date, like 2026-07-22." },
    ]);
  }
  const date = isoDate.safeParse(leftOn);
  if (!date.success) {
    throw new ValidationProblem("The leaving date is not a date.", [
      { field: "leftOn", message: date.error.issues[0]?.message ?? "Use a date like 2026-07-22." },
    ]);
  }
  return { token: token.slice(0, 100), leftOn: date.data };
}
