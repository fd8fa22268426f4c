import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/checks.ts";
import { accounts, signedIn } from "./support/cohort-matrix.ts";
import { DEMO_BASE_URL } from "./support/demo.ts";
import { choose, screenshot } from "./support/ui.ts";

/**
 * Data that respects time (issue 12, items 1 and 2), on the demo network: the
 * finder and the gap page say which point they use and let the user choose
 * another; a point that has not begun can be opened early by a leader.
 */
test.describe.configure({ mode: "serial", timeout: 150_000 });

test("the finder ranks at the default point, says so, and ranks at another when chosen", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().leader);
  await page.goto(`${DEMO_BASE_URL}/my-school/cohort/candidates`);
  await expect(page.getByRole("heading", { name: "Candidate finder" })).toBeVisible();
  const choice = page.getByTestId("point-choice");
  await expect(choice).toContainText(/^Using (Autumn 1|Autumn 2) 2026\/27, chosen by default/);
  await expectAccessible(page, "candidate finder with its point picker");
  await screenshot(page, "finder-point-picker");
  await choose(page, "Rank at assessment point", /^Autumn 1 2026\/27/);
  await expect(choice).toHaveText("Using Autumn 1 2026/27, as you chose.");
  await expect(page.getByText("The data used is from Autumn 1 2026/27.")).toBeVisible();

  await page.goto(`${DEMO_BASE_URL}/my-school/gap`);
  await expect(page.getByTestId("point-choice")).toContainText(/chosen by default/);
  expect(errors).toEqual([]);
  await close();
});

test("a leader opens a point early from the measures page; data entry says when a point is closed", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().leader);
  await page.goto(`${DEMO_BASE_URL}/my-school/data-entry`);
  await choose(page, "Assessment point", /^Summer 2 2026\/27/);
  await expect(page.getByTestId("point-not-open")).toContainText(
    "Summer 2 2026/27 begins on 1 Jun 2027",
  );
  await expectAccessible(page, "data entry on a point that has not begun");
  await screenshot(page, "data-entry-point-not-open");

  await page.goto(`${DEMO_BASE_URL}/my-school/measures`);
  const open = page.getByRole("button", { name: "Open Summer 2 2026/27 early" });
  await expect(open).toBeVisible();
  await expectAccessible(page, "measures page with open-early controls");
  await screenshot(page, "points-open-early");
  await open.click();
  const dialog = page.getByRole("dialog", { name: "Open Summer 2 2026/27 early?" });
  await expect(dialog).toContainText("Your name and the time are recorded.");
  await dialog.getByRole("button", { name: "Open it early" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/^Opened early by .+ on \d{1,2} [A-Z][a-z]{2} 2026$/)).toBeVisible();
  expect(errors).toEqual([]);
  await close();
});
