import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, type TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  makeCluster,
  makeSchool,
  makeStaff,
  makeUser,
  signIn,
} from "../../../../test/support/factories.ts";
import { multipartBody } from "../../../../test/support/multipart.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";
import type { Workshop } from "../../../contracts/programme-year.ts";
import type { ReadingList, Resource, ResourceList, Shelf } from "../../../contracts/resources.ts";

const PDF = Buffer.from("%PDF-1.4 a fictional planning tool");

describe(`the resource library [${testEngine()}]`, () => {
  let t: TestApp;
  let admin: TestClient;
  let lead: TestClient;
  let otherLead: TestClient;
  let leader: TestClient;
  let teacher: TestClient;
  let otherTeacher: TestClient;
  let schoolId: string;
  let otherSchoolId: string;
  let clusterId: string;
  let themes: { id: string; name: string }[];

  const upload = (client: TestClient, details: unknown, file = PDF, filename = "plan.pdf") =>
    client.upload(
      "/api/resources",
      multipartBody(
        { filename, content: file, type: "application/pdf" },
        { details: JSON.stringify(details) },
      ),
    );
  const addLink = async (client: TestClient, body: Record<string, unknown>) => {
    const response = await client.post("/api/resources", body);
    expect(response.statusCode, response.body).toBe(201);
    return json<Resource>(response);
  };
  const search = async (client: TestClient, query: string) =>
    json<ResourceList>(await client.get(`/api/resources?${query}`)).resources;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await signIn(t, await makeUser(t, { role: "network_admin" }));
    clusterId = (await makeCluster(t)).id;
    lead = await signIn(t, await makeStaff(t, { role: "programme_lead", clusterId }));
    otherLead = await signIn(t, await makeStaff(t, { role: "programme_lead" }));
    schoolId = (await makeSchool(t)).id;
    otherSchoolId = (await makeSchool(t)).id;
    leader = await signIn(t, await makeStaff(t, { role: "school_leader", schoolId }));
    teacher = await signIn(t, await makeStaff(t, { role: "teacher", schoolId }));
    otherTeacher = await signIn(
      t,
      await makeStaff(t, { role: "teacher", schoolId: otherSchoolId }),
    );
    themes = await t.deps.db
      .selectFrom("programme_themes")
      .select(["id", "name"])
      .orderBy("position")
      .limit(2)
      .execute();
    expect(themes).toHaveLength(2);
  });
  afterAll(() => t.close());

  it("adds a file and a link, with its kind, themes and audience; edits and archives", async () => {
    const file = await upload(lead, {
      title: "Gap tracker",
      summary: "A spreadsheet-style planning tool for tracking the gap.",
      kind: "planning_tool",
      themeIds: [themes[0]?.id],
      audience: ["leaders", "teachers"],
    });
    expect(file.statusCode, file.body).toBe(201);
    const made = json<Resource>(file);
    expect(made).toMatchObject({
      title: "Gap tracker",
      kind: "planning_tool",
      url: null,
      fileName: "plan.pdf",
      sizeBytes: PDF.length,
      audience: ["leaders", "teachers"],
      themes: [{ id: themes[0]?.id }],
      canChange: true,
    });
    const download = await teacher.get(`/api/resources/${made.id}/download`);
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe(PDF.toString());
    expect(download.headers["content-disposition"]).toBe('attachment; filename="plan.pdf"');
    expect(download.headers["x-content-type-options"]).toBe("nosniff");
    expect(download.headers["content-type"]).toBe("application/octet-stream");

    const link = await addLink(admin, {
      title: "EEF metacognition guidance",
      url: "https://example.org/metacognition",
      kind: "reading",
      audience: ["teachers"],
    });
    expect(link).toMatchObject({ url: "https://example.org/metacognition", fileName: null });
    expect((await teacher.get(`/api/resources/${link.id}/download`)).statusCode).toBe(404);

    // The lead who added the file changes it; another lead may not, an administrator may.
    const edited = await lead.patch(`/api/resources/${made.id}`, {
      title: "Gap tracker (2027)",
      themeIds: [themes[1]?.id],
      audience: ["leaders"],
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(json<Resource>(edited)).toMatchObject({
      title: "Gap tracker (2027)",
      themes: [{ id: themes[1]?.id }],
      audience: ["leaders"],
    });
    expect((await otherLead.patch(`/api/resources/${made.id}`, { title: "Mine" })).statusCode).toBe(
      403,
    );
    expect((await lead.patch(`/api/resources/${link.id}`, { title: "Mine" })).statusCode).toBe(403);
    const noUrlOnFile = await lead.patch(`/api/resources/${made.id}`, {
      url: "https://example.org",
    });
    expect(noUrlOnFile.statusCode).toBe(400);

    const archived = await admin.post(`/api/resources/${made.id}/archive`);
    expect(archived.statusCode).toBe(200);
    expect(json<Resource>(archived).archivedAt).not.toBeNull();
    expect((await search(teacher, "q=tracker")).map((r) => r.id)).not.toContain(made.id);
    const audit = await t.deps.db
      .selectFrom("audit_events")
      .select("action")
      .where("target_id", "=", made.id)
      .orderBy("id")
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      "resource.created",
      "resource.updated",
      "resource.archived",
    ]);
  });

  it("says what is wrong with a resource, and refuses a file over 20 MB or of the wrong type", async () => {
    const bad = await admin.post("/api/resources", {
      title: "",
      url: "javascript:alert(1)",
      kind: "poster",
    });
    expect(bad.statusCode).toBe(400);
    const fields = json<{ errors: { field: string; message: string }[] }>(bad).errors;
    expect(fields.map((e) => e.field).sort()).toEqual(["kind", "title", "url"]);
    expect(fields.find((e) => e.field === "title")?.message).toBe("Give the resource a title.");
    expect(fields.find((e) => e.field === "url")?.message).toContain("https://");

    const unknownTheme = await admin.post("/api/resources", {
      title: "A reading",
      url: "https://example.org/a",
      kind: "reading",
      themeIds: ["00000000-0000-4000-8000-000000000999"],
    });
    expect(unknownTheme.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(unknownTheme).errors[0]?.field).toBe("themeIds");

    const tooBig = await admin.upload(
      "/api/resources",
      multipartBody(
        { filename: "big.pdf", content: Buffer.alloc(21 * 1024 * 1024) },
        { details: JSON.stringify({ title: "Big", kind: "reading" }) },
      ),
    );
    expect(tooBig.statusCode).toBe(413);
    expect(json<{ detail: string }>(tooBig).detail).toContain("20 MB");

    const program = await upload(
      admin,
      { title: "Program", kind: "template" },
      Buffer.from("MZ\x90\x00 not a document"),
      "plan.pdf",
    );
    expect(program.statusCode).toBe(415);

    const noDetails = await upload(admin, { kind: "template" });
    expect(noDetails.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(noDetails).errors[0]?.field).toBe("title");
  });

  it("lets only administrators and programme leads add", async () => {
    const body = { title: "Not mine", url: "https://example.org/x", kind: "reading" };
    for (const client of [leader, teacher]) {
      expect((await client.post("/api/resources", body)).statusCode).toBe(403);
    }
    // A lead attaches a resource to their own cluster's workshop, not another's.
    const workshop = await lead.post("/api/workshops", {
      clusterId,
      title: "Feedback that moves learning on",
      date: "2027-03-30",
      startTime: "09:00",
      endTime: "12:00",
    });
    expect(workshop.statusCode, workshop.body).toBe(201);
    const workshopId = json<Workshop>(workshop).id;
    expect((await otherLead.post("/api/resources", { ...body, workshopId })).statusCode).toBe(404);
    const attached = await addLink(lead, { ...body, title: "Feedback prompts", workshopId });
    expect(attached.workshop).toEqual({ id: workshopId, title: "Feedback that moves learning on" });
  });

  it("finds resources by English full-text search, best match first, and by filters", async () => {
    const weak = await addLink(admin, {
      title: "Planning the school year",
      summary: "Includes a short note on vocabulary.",
      url: "https://example.org/year",
      kind: "planning_tool",
      audience: ["leaders"],
      themeIds: [themes[0]?.id],
    });
    const strong = await addLink(admin, {
      title: "Vocabulary instruction for disadvantaged readers",
      summary: "Teaching vocabulary explicitly: a research summary.",
      url: "https://example.org/vocab",
      kind: "research_summary",
      audience: ["teachers", "teaching_assistants"],
      themeIds: [themes[1]?.id],
    });
    // Stemming: "vocabularies" and "teaching" match; the title's match ranks first.
    const found = await search(teacher, "q=vocabularies%20teaching");
    expect(found.map((r) => r.id)).toEqual([strong.id]);
    const ranked = await search(teacher, "q=vocabulary");
    expect(ranked.map((r) => r.id).slice(0, 2)).toEqual([strong.id, weak.id]);
    expect((await search(teacher, 'q="school year" -vocabulary')).map((r) => r.id)).toEqual([]);
    expect((await search(teacher, "q=planning")).map((r) => r.id)).toContain(weak.id);

    const kinds = await search(teacher, "kind=research_summary");
    expect(kinds.every((r) => r.kind === "research_summary")).toBe(true);
    expect(kinds.map((r) => r.id)).toContain(strong.id);
    const assistants = await search(teacher, "audience=teaching_assistants");
    expect(assistants.map((r) => r.id)).toEqual([strong.id]);
    const themed = await search(teacher, `theme=${themes[0]?.id}&q=vocabulary`);
    expect(themed.map((r) => r.id)).toEqual([weak.id]);
    expect((await teacher.get("/api/resources?kind=poster")).statusCode).toBe(400);
  });

  it("builds a reading list in order with notes, and only its maker or an administrator changes it", async () => {
    const a = await addLink(lead, {
      title: "List A",
      url: "https://example.org/a",
      kind: "reading",
    });
    const b = await addLink(lead, {
      title: "List B",
      url: "https://example.org/b",
      kind: "reading",
    });
    const c = await addLink(lead, {
      title: "List C",
      url: "https://example.org/c",
      kind: "reading",
    });
    const made = await lead.post("/api/reading-lists", { title: "Start here" });
    expect(made.statusCode).toBe(201);
    const list = json<ReadingList>(made);
    const set = (client: TestClient, items: { resourceId: string; note?: string }[]) =>
      client.put(`/api/reading-lists/${list.id}/items`, { items });
    const first = await set(lead, [
      { resourceId: b.id, note: "Read this first." },
      { resourceId: a.id },
      { resourceId: c.id, note: "For leaders." },
    ]);
    expect(first.statusCode, first.body).toBe(200);
    // Move C up, drop A.
    await set(lead, [
      { resourceId: c.id, note: "For leaders." },
      { resourceId: b.id, note: "Then this." },
    ]);
    const read = json<ReadingList>(await teacher.get(`/api/reading-lists/${list.id}`));
    expect(read.items.map((i) => [i.resource.title, i.note])).toEqual([
      ["List C", "For leaders."],
      ["List B", "Then this."],
    ]);
    expect(read.canChange).toBe(false);
    expect((await set(otherLead, [])).statusCode).toBe(403);
    expect((await set(teacher, [])).statusCode).toBe(403);
    const twice = await set(lead, [{ resourceId: a.id }, { resourceId: a.id }]);
    expect(twice.statusCode).toBe(400);
    expect(json<{ errors: { field: string }[] }>(twice).errors[0]?.field).toBe(
      "items.1.resourceId",
    );
    expect((await set(admin, [{ resourceId: a.id }])).statusCode).toBe(200);
    const lists = json<{ readingLists: { id: string; items: number }[] }>(
      await teacher.get("/api/reading-lists"),
    );
    expect(lists.readingLists.find((l) => l.id === list.id)?.items).toBe(1);
  });

  it("keeps a shelf per school, seen by that school's staff only", async () => {
    const r = await addLink(admin, {
      title: "Shelf item",
      url: "https://example.org/shelf",
      kind: "template",
    });
    const saved = await teacher.put(`/api/schools/${schoolId}/shelf/${r.id}`);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(json<Shelf>(saved).items.map((i) => i.resource.id)).toEqual([r.id]);
    // Saving twice keeps one.
    await leader.put(`/api/schools/${schoolId}/shelf/${r.id}`);
    const shelf = json<Shelf>(await leader.get(`/api/schools/${schoolId}/shelf`));
    expect(shelf.items).toHaveLength(1);
    expect(json<Resource>(await teacher.get(`/api/resources/${r.id}`)).onShelfOf).toEqual([
      schoolId,
    ]);
    expect(json<Resource>(await otherTeacher.get(`/api/resources/${r.id}`)).onShelfOf).toEqual([]);
    // Another school's staff and an administrator do not see it: it is not found, or not theirs.
    expect((await otherTeacher.get(`/api/schools/${schoolId}/shelf`)).statusCode).toBe(404);
    expect((await otherTeacher.put(`/api/schools/${schoolId}/shelf/${r.id}`)).statusCode).toBe(404);
    expect((await admin.get(`/api/schools/${schoolId}/shelf`)).statusCode).toBe(403);
    expect(
      json<Shelf>(await otherTeacher.get(`/api/schools/${otherSchoolId}/shelf`)).items,
    ).toEqual([]);
    const removed = await teacher.delete(`/api/schools/${schoolId}/shelf/${r.id}`);
    expect(json<Shelf>(removed).items).toEqual([]);
  });

  it("puts a workshop's material in the library, reading its file, and the workshop says so", async () => {
    const made = await lead.post("/api/workshops", {
      clusterId,
      title: "Metacognition in practice",
      date: "2027-04-20",
      startTime: "09:00",
      endTime: "12:00",
    });
    const workshopId = json<Workshop>(made).id;
    const withFile = await lead.upload(
      `/api/workshops/${workshopId}/materials`,
      multipartBody(
        { filename: "slides.pdf", content: PDF, type: "application/pdf" },
        {
          title: "Workshop slides",
        },
      ),
    );
    expect(withFile.statusCode).toBe(201);
    const material = json<Workshop>(withFile).materials[0];
    if (!material) throw new Error("no material");
    expect(material.libraryResourceId).toBeNull();
    const body = { kind: "research_summary", audience: ["leaders"] };
    expect(
      (await otherLead.post(`/api/workshop-materials/${material.id}/library`, body)).statusCode,
    ).toBe(404);
    expect(
      (await teacher.post(`/api/workshop-materials/${material.id}/library`, body)).statusCode,
    ).toBe(403);
    const linked = await lead.post(`/api/workshop-materials/${material.id}/library`, body);
    expect(linked.statusCode, linked.body).toBe(201);
    const resource = json<Resource>(linked);
    expect(resource).toMatchObject({
      title: "Workshop slides",
      fileName: "slides.pdf",
      sizeBytes: PDF.length,
      workshopMaterialId: material.id,
      workshop: { id: workshopId, title: "Metacognition in practice" },
    });
    // No copy of the file: the resource row holds none.
    const row = await t.deps.db
      .selectFrom("resources")
      .select(["content", "url"])
      .where("id", "=", resource.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ content: null, url: null });
    const download = await otherTeacher.get(`/api/resources/${resource.id}/download`);
    expect(download.statusCode).toBe(200);
    expect(download.body).toBe(PDF.toString());
    expect(
      (await lead.post(`/api/workshop-materials/${material.id}/library`, body)).statusCode,
    ).toBe(400);
    const workshop = json<Workshop>(await lead.get(`/api/workshops/${workshopId}`));
    expect(workshop.materials[0]?.libraryResourceId).toBe(resource.id);
    expect((await search(teacher, `workshop=${workshopId}`)).map((r) => r.id)).toEqual([
      resource.id,
    ]);
  });
});
