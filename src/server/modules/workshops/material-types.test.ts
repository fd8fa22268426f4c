import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, type TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeStaff, signIn } from "../../../../test/support/factories.ts";
import { multipartBody } from "../../../../test/support/multipart.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe(`workshop materials are documents, images or office files, by content [${testEngine()}]`, () => {
  let t: TestApp;
  let lead: () => TestClient;
  let workshopId: string;
  const attach = (filename: string, content: Buffer, type = "application/pdf") =>
    lead().upload(
      `/api/workshops/${workshopId}/materials`,
      multipartBody({ filename, content, type }, { title: filename }),
    );
  const stored = () =>
    t.deps.db
      .selectFrom("workshop_materials")
      .select(["file_name", "content_type"])
      .where("workshop_id", "=", workshopId)
      .where("content", "is not", null)
      .orderBy("created_at")
      .orderBy("file_name")
      .execute();
  beforeAll(async () => {
    t = await createTestApp();
    const programmeLead = await makeStaff(t, { role: "programme_lead" });
    const client = await signIn(t, programmeLead);
    lead = () => client;
    const response = await lead().post("/api/workshops", {
      clusterId: programmeLead.scopeId,
      title: "Materials check",
      date: "2027-03-30",
      startTime: "09:30",
      endTime: "15:30",
    });
    expect(response.statusCode).toBe(201);
    workshopId = json<{ id: string }>(response).id;
  });
  afterAll(async () => t.close());

  it("refuses with 415, naming the file field, a program, script or page whatever its name and declared type", async () => {
    const refused = [
      ["handout.pdf", Buffer.from("MZ\x90\x00\x03 a Windows program")],
      ["slides.pptx", Buffer.from("#!/bin/sh\nrm -rf /\n")],
      ["notes.docx", Buffer.from("<html><script>alert(1)</script></html>")],
      ["photo.png", Buffer.from("<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>")],
      ["archive.docx", Buffer.from("PK\x03\x04 not really a zip")],
    ] as const;
    for (const [name, content] of refused) {
      const response = await attach(name, content);
      expect(response.statusCode, name).toBe(415);
      expect(json(response)).toMatchObject({
        status: 415,
        errors: [{ field: "file", message: expect.stringContaining("PDF, Word") }],
      });
    }
    expect(await stored()).toEqual([]);
  });

  it("accepts a PDF, an image and an Excel workbook by what they hold, and stores the type found", async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet("Plan").addRow(["Week", "Focus"]);
    const xlsx = Buffer.from(await workbook.xlsx.writeBuffer());
    expect((await attach("a.pdf", Buffer.from("%PDF-1.7 fictional"))).statusCode).toBe(201);
    // Named and declared as something else: the content decides.
    expect((await attach("b.bin", PNG, "application/octet-stream")).statusCode).toBe(201);
    expect((await attach("c.dat", xlsx, "text/plain")).statusCode).toBe(201);
    expect(await stored()).toEqual([
      { file_name: "a.pdf", content_type: "application/pdf" },
      { file_name: "b.bin", content_type: "image/png" },
      {
        file_name: "c.dat",
        content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      },
    ]);
  });
});
