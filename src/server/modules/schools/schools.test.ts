import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, TestClient } from "../../../../test/support/client.ts";
import { businessDigest } from "../../../../test/support/digest.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import { makeUser, signIn } from "../../../../test/support/factories.ts";
import { multipartBody } from "../../../../test/support/multipart.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";

interface School {
  id: string;
  urn: string;
  name: string;
  phase: string;
  shortCode: string;
  postcode: string;
  hubId: string | null;
  archived: boolean;
}

describe(`hubs and schools [${testEngine()}]`, () => {
  let t: TestApp;
  let admin: TestClient;
  let hubId: string;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, await makeUser(t));
  });
  afterAll(async () => t.close());

  it("creates, renames and archives a hub, refusing a duplicate name", async () => {
    const created = await admin.post("/api/hubs", { name: "North Fictional Hub" });
    expect(created.statusCode).toBe(201);
    hubId = json<{ id: string }>(created).id;
    expect((await admin.post("/api/hubs", { name: "north fictional hub" })).statusCode).toBe(409);
    expect((await admin.post("/api/hubs", { name: "   " })).statusCode).toBe(400);
    const renamed = await admin.patch(`/api/hubs/${hubId}`, { name: "Northern Fictional Hub" });
    expect(json(renamed)).toMatchObject({ name: "Northern Fictional Hub", archived: false });
    expect((await admin.patch(`/api/hubs/${hubId}`, {})).statusCode).toBe(400);
  });

  it("creates a school, proposing a short code from its name", async () => {
    const proposal = json<{ shortCode: string }>(
      await admin.get("/api/schools/proposed-short-code?name=Riverside%20Valley%20Bridge%20School"),
    );
    expect(proposal.shortCode).toBe("RVB");
    const response = await admin.post("/api/schools", {
      urn: "123456",
      name: "Riverside Valley Bridge School",
      phase: "primary",
      localAuthority: "Fictionshire",
      postcode: "zz1  9xx",
      hubId,
    });
    expect(response.statusCode).toBe(201);
    expect(json<School>(response)).toMatchObject({
      urn: "123456",
      shortCode: "RVB",
      postcode: "ZZ1 9XX",
      hubId,
    });
  });

  it.each([
    [{ urn: "12345" }, "urn"],
    [{ urn: "12345a" }, "urn"],
    [{ phase: "infant" }, "phase"],
    [{ postcode: "NOT A POSTCODE" }, "postcode"],
    [{ shortCode: "R1" }, "shortCode"],
    [{ hubId: "not-an-id" }, "hubId"],
  ])("refuses %j naming the field, and stores nothing", async (change, field) => {
    const before = await businessDigest(t.database);
    const response = await admin.post("/api/schools", {
      urn: "654321",
      name: "Bad Fictional School",
      phase: "primary",
      localAuthority: "Fictionshire",
      postcode: "ZZ1 1ZZ",
      ...change,
    });
    expect(response.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(response).errors.map((e) => e.field)).toContain(
      field,
    );
    expect(await businessDigest(t.database)).toEqual(before);
  });

  it("answers 409 for a URN or short code already in use, naming the school", async () => {
    const base = {
      name: "Another Fictional School",
      phase: "secondary",
      localAuthority: "Fictionshire",
      postcode: "ZZ2 2ZZ",
    };
    const urnClash = await admin.post("/api/schools", { ...base, urn: "123456" });
    expect(urnClash.statusCode).toBe(409);
    expect(json(urnClash).detail).toContain("Riverside Valley Bridge School");
    const codeClash = await admin.post("/api/schools", {
      ...base,
      urn: "223456",
      shortCode: "rvb",
    });
    expect(codeClash.statusCode).toBe(409);
    const ok = await admin.post("/api/schools", { ...base, urn: "223456" });
    expect(json<School>(ok).shortCode).not.toBe("RVB");
  });

  it("edits and archives a school; archived schools leave the default list", async () => {
    const school = json<{ items: School[] }>(await admin.get("/api/schools?search=Riverside"))
      .items[0];
    expect(school).toBeDefined();
    const edited = await admin.patch(`/api/schools/${school?.id}`, {
      name: "Riverside Valley Bridge Academy",
      archived: true,
    });
    expect(json<School>(edited)).toMatchObject({
      name: "Riverside Valley Bridge Academy",
      archived: true,
    });
    const list = json<{ items: School[] }>(await admin.get("/api/schools"));
    expect(list.items.map((s) => s.id)).not.toContain(school?.id);
    const all = json<{ items: School[] }>(await admin.get("/api/schools?includeArchived=true"));
    expect(all.items.map((s) => s.id)).toContain(school?.id);
    expect(
      (await admin.patch(`/api/schools/${crypto.randomUUID()}`, { name: "X" })).statusCode,
    ).toBe(404);
  });
});

describe(`importing schools from a GIAS extract [${testEngine()}]`, () => {
  let t: TestApp;
  let admin: TestClient;
  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, await makeUser(t));
  });
  afterAll(async () => t.close());

  const clean = fs.readFileSync("test/fixtures/gias-clean.csv");
  const withErrors = fs.readFileSync("test/fixtures/gias-with-errors.csv");

  it("lists every problem with its row, column and value, and imports nothing", async () => {
    const before = await businessDigest(t.database);
    const response = await admin.upload(
      "/api/schools/import",
      multipartBody({ filename: "gias.csv", content: withErrors }),
    );
    expect(response.statusCode).toBe(422);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    const { errors } = json<{
      errors: { row: number; column: string; value: string; message: string }[];
    }>(response);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 7, column: "URN", value: "12345" }),
        expect.objectContaining({ row: 8, column: "PhaseOfEducation (name)", value: "Nursery" }),
        expect.objectContaining({ row: 9, column: "URN", value: "990101" }),
        expect.objectContaining({ row: 10, column: "Postcode", value: "not a postcode" }),
      ]),
    );
    expect(errors.find((e) => e.row === 9)?.message).toContain("row 2");
    expect(await businessDigest(t.database)).toEqual(before);
  });

  it("imports a clean file, reading Windows-1252, GIAS phases and special schools", async () => {
    const response = await admin.upload(
      "/api/schools/import",
      multipartBody({ filename: "gias.csv", content: clean }),
    );
    expect(response.statusCode).toBe(201);
    expect(json(response)).toEqual({ rows: 5, created: 5, updated: 0, unchanged: 0 });
    const schools = json<{ items: School[] }>(await admin.get("/api/schools?limit=50")).items;
    const byUrn = Object.fromEntries(schools.map((s) => [s.urn, s]));
    expect(byUrn["990101"]?.phase).toBe("primary");
    expect(byUrn["990102"]).toMatchObject({ phase: "secondary", postcode: "ZZ1 1AB" });
    expect(byUrn["990103"]?.phase).toBe("special");
    expect(byUrn["990104"]).toMatchObject({
      phase: "primary",
      name: "St Aidan\u2019s Fictional CE Primary School",
    });
    expect(byUrn["990105"]?.phase).toBe("all_through");
    expect(new Set(schools.map((s) => s.shortCode)).size).toBe(schools.length);
  });

  it("changes nothing when the same file is imported again", async () => {
    const before = await businessDigest(t.database);
    const response = await admin.upload(
      "/api/schools/import",
      multipartBody({ filename: "gias.csv", content: clean }),
    );
    expect(json(response)).toEqual({ rows: 5, created: 0, updated: 0, unchanged: 5 });
    expect(await businessDigest(t.database)).toEqual(before);
  });

  it("updates schools in place from a corrected file, keeping their short codes", async () => {
    const before = json<{ items: School[] }>(await admin.get("/api/schools?search=990102"))
      .items[0];
    const corrected = Buffer.from(
      clean.toString("latin1").replace("Ashgrove Fictional Academy", "Ashgrove Fictional School"),
      "latin1",
    );
    const response = await admin.upload(
      "/api/schools/import",
      multipartBody({ filename: "gias.csv", content: corrected }),
    );
    expect(json(response)).toEqual({ rows: 5, created: 0, updated: 1, unchanged: 4 });
    const after = json<{ items: School[] }>(await admin.get("/api/schools?search=990102")).items[0];
    expect(after).toMatchObject({
      name: "Ashgrove Fictional School",
      shortCode: before?.shortCode,
      id: before?.id,
    });
  });

  it("refuses a file without the GIAS columns, an empty upload, and a non-multipart request", async () => {
    const wrong = await admin.upload(
      "/api/schools/import",
      multipartBody({ filename: "x.csv", content: "Name,Town\nA school,Somewhere\n" }),
    );
    expect(wrong.statusCode).toBe(422);
    expect(json<{ errors: { column: string }[] }>(wrong).errors.map((e) => e.column)).toContain(
      "URN",
    );
    const empty = await admin.upload(
      "/api/schools/import",
      multipartBody({ filename: "x.csv", content: "" }),
    );
    expect(empty.statusCode).toBe(400);
    expect((await admin.post("/api/schools/import", { file: "x" })).statusCode).toBe(400);
  });

  it("answers 413 to a file over 20 MB", async () => {
    const big = Buffer.alloc(21 * 1024 * 1024, "a");
    const response = await admin.upload(
      "/api/schools/import",
      multipartBody({ filename: "big.csv", content: big }),
    );
    expect(response.statusCode).toBe(413);
    expect(json(response).detail).toContain("20 MB");
  });

  it("is for network administrators only", async () => {
    const upload = multipartBody({ filename: "gias.csv", content: clean });
    expect((await new TestClient(t.app).upload("/api/schools/import", upload)).statusCode).toBe(
      401,
    );
  });
});
