import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/checks.ts";
import { accounts, ownSchool, segment, signedIn } from "./support/cohort-matrix.ts";
import { DEMO_BASE_URL } from "./support/demo.ts";
import { screenshot } from "./support/ui.ts";

/**
 * The target cohort on the demo network (filled by setup-demo.spec.ts): the leader of
 * Northbrook Fictional Primary School changes the cohort in the candidate finder; a
 * teacher sees the ranking read-only. matrix.spec.ts continues with the matrix.
 */
// Axe on pages with the demo school's 105 pupils and their reasons takes a while on a busy machine.
test.describe.configure({ mode: "serial", timeout: 300_000 });

test("a leader changes the target cohort in the candidate finder", async ({ browser }) => {
  const { page, errors, close } = await signedIn(browser, accounts().leader);
  await expect(page.getByRole("link", { name: "Open the matrix" })).toBeVisible();
  await page.getByRole("link", { name: "Target cohort" }).click();
  await expect(page.getByRole("heading", { name: "Target cohort", level: 1 })).toBeVisible();
  await expect(page.getByTestId("cohort-member")).toHaveCount(15);
  await expect(page.getByRole("heading", { name: "15 pupils in the cohort" })).toBeVisible();
  await expect(page.getByTestId("cohort-member").first()).toContainText(/NFO-\d+/);
  await expectAccessible(page, "cohort page");
  await screenshot(page, "cohort");

  await page.getByRole("link", { name: "Change the cohort in the candidate finder" }).click();
  await expect(page.getByRole("heading", { name: "Candidate finder" })).toBeVisible();
  const weights = page.getByRole("table", { name: "Weights of the criteria" });
  await expect(weights).toContainText("Disadvantaged under the school's rule");
  await expect(weights.getByRole("row")).toHaveCount(12);
  const count = page.getByTestId("chosen-count");
  await expect(count).toHaveText("15 pupils chosen · no changes");
  await expectAccessible(page, "candidate finder");
  await screenshot(page, "cohort-finder");

  // Filters: proposed only, then a year group, then everyone again.
  await segment(page, "Proposed");
  const rows = page.getByTestId("candidate-row");
  await expect(rows.first()).toContainText("Proposed");
  expect(await rows.filter({ hasText: "Held back" }).count()).toBe(0);
  await segment(page, "All");

  // Untick a member and tick the highest-ranked pupil outside the cohort (on the demo data
  // every proposed pupil is already in). Rows are named by pupil id: two pupils may share a name.
  const { names: byId } = await ownSchool(page);
  const leftId =
    (await rows
      .filter({ has: page.getByRole("checkbox", { checked: true }) })
      .first()
      .getAttribute("data-pupil")) ?? "";
  const joinedId =
    (await rows
      .filter({ has: page.getByRole("checkbox", { checked: false }) })
      .first()
      .getAttribute("data-pupil")) ?? "";
  const box = (id: string) => page.locator(`[data-pupil="${id}"]`).getByRole("checkbox");
  await box(leftId).click();
  await box(joinedId).press("Space");
  await expect(count).toHaveText("15 pupils chosen · 1 joining, 1 leaving");

  // The size warning follows the count as it changes.
  const dropped: string[] = [];
  for (let i = 0; i < 6; i++) {
    const id = await rows
      .filter({ has: page.getByRole("checkbox", { checked: true }) })
      .first()
      .getAttribute("data-pupil");
    dropped.push(id ?? "");
    await box(id ?? "").click();
  }
  await expect(count).toContainText("9 pupils chosen");
  await expect(page.getByText("About 15 pupils is the aim: 9 is fewer than 10.")).toBeVisible();
  await expectAccessible(page, "candidate finder with the size warning");
  for (const id of dropped) await box(id).click();
  await expect(count).toHaveText("15 pupils chosen · 1 joining, 1 leaving");
  await expect(page.getByText(/About 15 pupils is the aim: /)).toHaveCount(0);
  const joined = byId.get(joinedId) ?? "";
  const left = byId.get(leftId) ?? "";

  await page.getByLabel("Reason (optional)").fill("Swapped after the Autumn 2 review.");
  await page.getByRole("button", { name: "Confirm the cohort" }).click();
  const dialog = page.getByRole("dialog", { name: "Confirm the cohort?" });
  await expect(dialog).toContainText(`Joining today: ${joined}.`);
  await expect(dialog).toContainText(`Leaving today: ${left}.`);
  await expectAccessible(page, "confirming the cohort");
  await dialog.getByRole("button", { name: "Confirm the cohort" }).click();

  await expect(page.getByRole("heading", { name: "Target cohort", level: 1 })).toBeVisible();
  const members = page.getByTestId("cohort-member");
  await expect(members).toHaveCount(15);
  await expect(page.locator(`[data-testid="cohort-member"][data-pupil="${joinedId}"]`)).toHaveCount(
    1,
  );
  await expect(page.locator(`[data-testid="cohort-member"][data-pupil="${leftId}"]`)).toHaveCount(
    0,
  );
  const history = page.getByRole("table", { name: "Who joined and left the cohort" });
  await expect(
    history.getByRole("row").filter({ hasText: left }).filter({ hasText: "Swapped after" }),
  ).toHaveCount(1);
  await screenshot(page, "cohort-after-change");
  expect(errors).toEqual([]);
  await close();
});

test("a teacher sees the finder's ranking read-only", async ({ browser }) => {
  const { page, errors, close } = await signedIn(browser, accounts().teacher);
  await page.goto(`${DEMO_BASE_URL}/my-school/cohort/candidates`);
  await expect(page.getByRole("heading", { name: "How pupils are ranked" })).toBeVisible();
  await expect(page.getByText("The school's leaders choose and confirm the cohort")).toBeVisible();
  await expect(page.getByRole("checkbox")).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Confirm the cohort" })).toHaveCount(0);
  await expectAccessible(page, "candidate finder for a teacher");
  expect(errors).toEqual([]);
  await close();
});
