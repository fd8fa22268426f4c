import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { json, type TestClient } from "../../../../test/support/client.ts";
import { testEngine } from "../../../../test/support/engines.ts";
import {
  makeEnrolment,
  makeStaff,
  makeStrategy,
  makeTeamMember,
  signIn,
} from "../../../../test/support/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/support/test-app.ts";

/** An action links only to the team's own: its owner, its workshop task, its strategy. */
describe(`an action's links [${testEngine()}]`, () => {
  let t: TestApp;
  let enrolment: string;
  let teacher: TestClient;
  let otherSchoolsStrategy: string;
  let outsider: string;

  beforeAll(async () => {
    t = await createTestApp();
    const made = await makeEnrolment(t);
    enrolment = made.id;
    teacher = await signIn(t, (await makeTeamMember(t, { enrolmentId: enrolment })).user);
    otherSchoolsStrategy = (await makeStrategy(t)).id;
    // Works at the school, but is not on the team.
    outsider = (await makeStaff(t, { role: "teacher", schoolId: made.schoolId })).id;
  });
  afterAll(() => t.close());

  const actionCount = async () =>
    Number(
      (
        await t.deps.db
          .selectFrom("actions")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it("refuses an owner off the team, a task from no workshop of the cluster and another school's strategy, naming each, and adds nothing", async () => {
    const before = await actionCount();
    const response = await teacher.post(`/api/enrolments/${enrolment}/actions`, {
      title: "Model thinking aloud",
      ownerUserId: outsider,
      workshopTaskId: crypto.randomUUID(),
      strategyId: otherSchoolsStrategy,
    });
    expect(response.statusCode).toBe(400);
    const problem = json<{ detail: string; errors: { field: string; message: string }[] }>(
      response,
    );
    expect(problem.detail).toBe("The action links to things it cannot.");
    expect(problem.errors).toEqual([
      { field: "ownerUserId", message: "The owner must be on the school's team." },
      { field: "workshopTaskId", message: "Choose a task from one of the cluster's workshops." },
      { field: "strategyId", message: "Choose one of the school's strategies." },
    ]);
    expect(await actionCount()).toBe(before);
  });

  it("adds an action that links to nothing", async () => {
    const response = await teacher.post(`/api/enrolments/${enrolment}/actions`, {
      title: "Model thinking aloud",
    });
    expect(response.statusCode).toBe(201);
  });
});
