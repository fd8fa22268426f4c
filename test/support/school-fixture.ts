import type { TestClient } from "./client.ts";
import { json } from "./client.ts";
import { makeSchool, makeStaff, signIn, type TestUser } from "./factories.ts";
import { multipartBody } from "./multipart.ts";
import type { TestApp } from "./test-app.ts";

/** A school with a leader and a teacher signed in, and this year's six points. */
export async function schoolWithStaff(t: TestApp, phase: "primary" | "secondary" = "secondary") {
  const school = await makeSchool(t, { phase });
  const schoolId = school.id;
  const leaderUser: TestUser = await makeStaff(t, {
    role: "school_leader",
    schoolId,
    name: "Lena Leader",
  });
  const teacherUser: TestUser = await makeStaff(t, {
    role: "teacher",
    schoolId,
    name: "Theo Teacher",
  });
  const leader = await signIn(t, leaderUser);
  const teacher = await signIn(t, teacherUser);
  const points = json<{ items: Array<{ id: string; name: string }> }>(
    await leader.post(`/api/schools/${schoolId}/assessment-points`, {
      academicYear: "2026/27",
      defaults: true,
    }),
  ).items;
  return { schoolId, urn: school.urn, leader, teacher, leaderUser, teacherUser, points };
}

export function importFile(
  client: TestClient,
  schoolId: string,
  kind: "pupils" | "observations",
  content: Buffer | string,
  extra: Record<string, string> = {},
  filename = "export.csv",
  path: "imports" | "imports/preview" = "imports",
) {
  return client.upload(
    `/api/schools/${schoolId}/${path}`,
    multipartBody({ filename, content }, { kind, ...extra }),
  );
}
