import type { FastifyRequest } from "fastify";
import { ValidationProblem } from "../errors.ts";

/** The uploaded file and the form's other fields, from a multipart request. */
export async function readUpload(
  request: FastifyRequest,
): Promise<{ file: Buffer; filename: string; fields: Record<string, string> }> {
  if (!request.isMultipart()) {
    throw new ValidationProblem("Send the file as multipart/form-data.", [
      { field: "file", message: "Attach a file." },
    ]);
  }
  let file: Buffer | undefined;
  let filename = "";
  const fields: Record<string, string> = {};
  for await (const part of request.parts()) {
    if (part.type === "file") {
      if (part.fieldname !== "file" || file) {
        await part.toBuffer();
        throw new ValidationProblem("Send one file, in the field named file.", [
          { field: part.fieldname, message: "Only one file, named file, is accepted." },
        ]);
      }
      file = await part.toBuffer();
      filename = part.filename;
    } else {
      const value = String(part.value);
      if (value.includes("\u0000") || part.fieldname.includes("\u0000")) {
        throw new ValidationProblem("Text in the request holds a NUL character.", [
          {
            field: part.fieldname,
            message: "This text holds a NUL character (U+0000), which is not accepted.",
          },
        ]);
      }
      fields[part.fieldname] = value;
    }
  }
  if (!file || file.length === 0) {
    throw new ValidationProblem("No file was sent, or it was empty.", [
      { field: "file", message: "Attach a CSV or Excel file." },
    ]);
  }
  return { file, filename, fields };
}
