import { randomBytes } from "node:crypto";
import { insertSchool } from "../../src/server/modules/schools/store.ts";
import type { TestClient } from "./client.ts";
import { json } from "./client.ts";
import { makeUser, signIn, type TestUser } from "./factories.ts";
import { multipartBody } from "./multipart.ts";
import type { TestApp } from "./test-app.ts";

let urn = 500000;

/** A school with a leader and a teacher signed in, and this year's six points. */
export async function schoolWithStaff(t: TestApp, phase: "primary" | "secondary" = "secondary") {
  urn += 1;
  const schoolId = await insertSchool(
    t.deps.db,
    {
      urn: String(urn),
      name: `Data Fictional School ${randomBytes(2).toString("hex")}`,
      phase,
      localAuthority: "Fictionshire",
      postcode: "ZZ1 1ZZ",
      hubId: null,
    },
    t.clock.now(),
  );
  const leaderUser: TestUser = await makeUser(t, {
    role: "school_leader",
    scopeId: schoolId,
    name: "Lena Leader",
  });
  const teacherUser: TestUser = await makeUser(t, {
    role: "teacher",
    scopeId: schoolId,
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
  return { schoolId, urn: String(urn), leader, teacher, leaderUser, teacherUser, points };
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
