import { expect, type Page, test } from "@playwright/test";
import { expectAccessible } from "./support/checks.ts";
import { accounts, ownSchool, signedIn } from "./support/cohort-matrix.ts";
import { DEMO_BASE_URL } from "./support/demo.ts";
import { dialogSettled, openSchoolTab } from "./support/pupil-data.ts";
import { choose, screenshot } from "./support/ui.ts";

/**
 * Number fields keep what was typed: "abc" is refused with the field's own
 * message instead of turning into a blank, and 150% or a cost of −20 are named
 * as out of range instead of changed, and nothing is saved.
 */
test.describe.configure({ mode: "serial", timeout: 120_000 });

const TITLE = "Number check: paired reading";

async function strategyTitles(page: Page, schoolId: string): Promise<string[]> {
  const list = await (
    await page.request.get(`${DEMO_BASE_URL}/api/schools/${schoolId}/strategies`)
  ).json();
  return list.items.map((s: { title: string }) => s.title);
}

test("a strategy's dose and cost refuse what is not a number, or out of range, and save nothing", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().leader);
  const { schoolId } = await ownSchool(page);
  await openSchoolTab(page, "Strategies", "Strategies");
  await page.getByRole("link", { name: "New strategy" }).click();
  await expect(page.getByRole("heading", { name: "New strategy", level: 1 })).toBeVisible();

  await page.getByRole("textbox", { name: "Title" }).fill(TITLE);
  const cost = page.getByRole("textbox", { name: "Cost (£)" });
  const hours = page.getByRole("textbox", { name: "Staff hours" });
  const sessions = page.getByRole("textbox", { name: "Sessions per week" });
  await cost.pressSequentially("abc");
  await hours.fill("six");
  await sessions.fill("150");
  // What was typed stays in the field.
  await expect(cost).toHaveValue("abc");
  await page.getByRole("button", { name: "Create strategy" }).click();
  await expect(
    page.getByText('"abc" is not a number. Type digits, like 250 or 1,200.50.'),
  ).toBeVisible();
  await expect(page.getByText('"six" is not a number. Type digits, like 6 or 7.5.')).toBeVisible();
  await expect(page.getByText("At most 50 a week.")).toBeVisible();
  await expect(cost).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "new strategy form refusing text that is not a number");
  await screenshot(page, "number-fields-strategy");

  // A cost of −20 (the typographic minus, as pasted) is named, not turned into £0.
  await cost.fill("−20");
  await hours.fill("6");
  await sessions.fill("2");
  await page.getByRole("button", { name: "Create strategy" }).click();
  await expect(page.getByText("The cost cannot be negative.")).toBeVisible();
  await expect(page.getByText(/is not a number/)).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "New strategy", level: 1 })).toBeVisible();
  expect(await strategyTitles(page, schoolId)).not.toContain(TITLE);

  // Corrected, it saves what was typed (a pound sign and grouping are fine).
  await cost.fill("£1,200.50");
  await page.getByRole("button", { name: "Create strategy" }).click();
  await expect(page.getByRole("heading", { name: TITLE, level: 1 })).toBeVisible();
  await expect(page.getByTestId("plan-facts")).toContainText("£1,200.50 and 6 staff hours");
  expect(errors).toEqual([]);
  await close();
});

test("a measure's national percentages refuse 150 and text, and save nothing", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().leader);
  const { schoolId } = await ownSchool(page);
  const measuresNow = async () =>
    (await page.request.get(`${DEMO_BASE_URL}/api/schools/${schoolId}/measures`)).json();
  const before = await measuresNow();
  await openSchoolTab(page, "Measures", "Measures and assessment points");
  const editButton = page.getByRole("button", { name: /^Edit / }).first();
  const name = ((await editButton.getAttribute("aria-label")) ?? "").replace(/^Edit /, "");
  await editButton.click();
  const edit = page.getByRole("dialog", { name: `Edit ${name}` });
  await dialogSettled(edit);
  const disadvantaged = edit.getByRole("textbox", { name: "Disadvantaged (%)" });
  const others = edit.getByRole("textbox", { name: "Others (%)" });
  await disadvantaged.fill("150%");
  await others.pressSequentially("abc");
  await edit.getByRole("button", { name: "Save measure" }).click();
  await expect(edit.getByText("A percentage is from 0 to 100.")).toBeVisible();
  await expect(edit.getByText('"abc" is not a number. Type digits, like 80.')).toBeVisible();
  await expect(others).toHaveValue("abc");
  await expectAccessible(page, "edit measure dialog refusing 150% and text");
  await screenshot(page, "number-fields-measure");
  await edit.getByRole("button", { name: "Cancel" }).click();
  await expect(edit).toBeHidden();
  expect(await measuresNow()).toEqual(before);
  expect(errors).toEqual([]);
  await close();
});

test("the measure a school adds refuses a range that is not numbers", async ({ browser }) => {
  const { page, errors, close } = await signedIn(browser, accounts().leader);
  const { schoolId } = await ownSchool(page);
  const measuresNow = async () =>
    (await page.request.get(`${DEMO_BASE_URL}/api/schools/${schoolId}/measures`)).json();
  const before = await measuresNow();
  await openSchoolTab(page, "Measures", "Measures and assessment points");
  await page.getByRole("button", { name: "Add a measure" }).click();
  const add = page.getByRole("dialog", { name: "Add a measure of the school's own" });
  await dialogSettled(add);
  await add.getByRole("textbox", { name: "Name" }).fill("Number check: spelling score");
  await choose(add, "Scale", "Number");
  const lowest = add.getByRole("textbox", { name: "Lowest value" });
  await lowest.fill("");
  await lowest.pressSequentially("abc");
  await add.getByRole("textbox", { name: "Highest value" }).fill("");
  await add.getByRole("button", { name: "Add measure" }).click();
  await expect(add.getByText('"abc" is not a number. Type digits, like 0.')).toBeVisible();
  await expect(add.getByText("Enter the highest value.")).toBeVisible();
  await expectAccessible(page, "add measure dialog refusing text as its range");
  await add.getByRole("button", { name: "Cancel" }).click();
  expect(await measuresNow()).toEqual(before);
  expect(errors).toEqual([]);
  await close();
});
