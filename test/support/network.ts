import { json, type TestClient } from "./client.ts";
import { nextUrn } from "./factories.ts";

/** Builds structure through the API as an administrator, for tests that need a little of it. */
export async function createSchoolViaApi(
  admin: TestClient,
  overrides: Partial<{ name: string; phase: string; hubId: string }> = {},
): Promise<{ id: string; name: string; shortCode: string }> {
  const urn = nextUrn();
  const response = await admin.post("/api/schools", {
    urn,
    name: overrides.name ?? `Fictional School ${urn}`,
    phase: overrides.phase ?? "primary",
    localAuthority: "Fictionshire",
    postcode: "ZZ1 1ZZ",
    ...(overrides.hubId ? { hubId: overrides.hubId } : {}),
  });
  if (response.statusCode !== 201) throw new Error(`school not created: ${response.body}`);
  return json(response);
}

export async function createProgrammeYearViaApi(
  admin: TestClient,
  academicYear = "2026/27",
): Promise<{ programmeId: string; yearId: string }> {
  let programme = json<{ items: { id: string; templateKey: string | null }[] }>(
    await admin.get("/api/programmes"),
  ).items.find((p) => p.templateKey === "excellence-for-everyone");
  if (!programme)
    programme = json(await admin.post("/api/programmes", { template: "excellence-for-everyone" }));
  const year = await admin.post("/api/programme-years", {
    programmeId: programme?.id,
    academicYear,
  });
  if (year.statusCode !== 201) throw new Error(`year not opened: ${year.body}`);
  return { programmeId: programme?.id ?? "", yearId: json<{ id: string }>(year).id };
}

export async function createClusterViaApi(
  admin: TestClient,
  yearId: string,
  facilitationSchoolId: string,
  leadEmail: string,
  name = `Cluster ${Math.random().toString(16).slice(2, 8)}`,
): Promise<{ id: string; invitations: { email: string; url?: string }[] }> {
  const response = await admin.post("/api/clusters", {
    programmeYearId: yearId,
    name,
    facilitationSchoolId,
    programmeLeadEmails: [leadEmail],
  });
  if (response.statusCode !== 201) throw new Error(`cluster not created: ${response.body}`);
  return json(response);
}

export async function enrolViaApi(
  admin: TestClient,
  schoolId: string,
  clusterId: string,
): Promise<string> {
  const response = await admin.post("/api/enrolments", { schoolId, clusterId });
  if (response.statusCode !== 201) throw new Error(`not enrolled: ${response.body}`);
  return json<{ id: string }>(response).id;
}

export function tokenOf(url: string | undefined): string {
  return new URL(url ?? "http://x").hash.replace("#token=", "");
}

/**
 * Approves, as `approver`, every school role waiting for approval that they may
 * decide (roles an administrator granted need a second person). Returns how many.
 */
export async function approvePendingViaApi(approver: TestClient): Promise<number> {
  const response = await approver.get("/api/memberships/pending");
  if (response.statusCode !== 200) throw new Error(`no pending list: ${response.body}`);
  const items = json<{ items: { id: string; canDecide: boolean }[] }>(response).items;
  let approved = 0;
  for (const item of items.filter((i) => i.canDecide)) {
    const done = await approver.post(`/api/memberships/${item.id}/approve`, {});
    if (done.statusCode !== 204) throw new Error(`not approved: ${done.body}`);
    approved += 1;
  }
  return approved;
}
