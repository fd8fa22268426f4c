import { expect, type Page, test } from "@playwright/test";
import { expectAccessible } from "./support/checks.ts";
import { accounts, signedIn } from "./support/cohort-matrix.ts";
import { screenshot } from "./support/ui.ts";

/**
 * Cost-effectiveness on the demo network (issue 12): a leader sets the hourly
 * cost of staff time and sees it added to each strategy's cost; the school's
 * strategies sit side by side on cost per pupil, effect and cost per month's
 * progress, sortable from the keyboard; a teacher reads the same page but
 * cannot change the rate.
 */
test.describe.configure({ mode: "serial", timeout: 180_000 });

async function openCostPage(page: Page) {
  await page.getByRole("link", { name: "My school", exact: true }).click();
  await page
    .getByRole("navigation", { name: "My school" })
    .getByRole("link", { name: "Strategies" })
    .click();
  await page.getByRole("link", { name: "Compare cost and effect" }).click();
  await expect(page.getByRole("heading", { name: "Cost and effect", level: 1 })).toBeVisible();
}

const buddiesRow = (page: Page) =>
  page.getByTestId("cost-row").filter({ has: page.getByRole("link", { name: "Reading buddies" }) });

test("a leader costs staff time and compares the school's strategies on cost and effect", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().leader);
  await openCostPage(page);
  // The demo sets no rate: the demo strategy's 30 staff hours are left out, and the page says so.
  await expect(page.getByTestId("staff-rate")).toContainText("Not set");
  await expect(buddiesRow(page)).toContainText("30 staff hours not costed");
  await expect(buddiesRow(page)).toContainText("£450.00 direct");

  const rate = page.getByLabel("Hourly cost of staff time (£)");
  await rate.fill("25.50");
  await page.getByRole("button", { name: "Save rate" }).click();
  await expect(page.getByTestId("staff-rate")).toHaveText("£25.50 an hour.");
  await expect(buddiesRow(page)).toContainText(
    "£450.00 direct + 30 staff hours × £25.50 an hour = £1,215.00",
  );
  // Resilience is a theme measure: months (and so cost per month) do not apply to it.
  await expect(buddiesRow(page)).toContainText(/No months' progress|no usable effect size/);

  // Sorting from the keyboard: the header's button, announced with aria-sort.
  const header = page.getByRole("columnheader", { name: "Cost per pupil", exact: true });
  await expect(header).toHaveAttribute("aria-sort", "none");
  await header.getByRole("button").focus();
  await page.keyboard.press("Enter");
  await expect(header).toHaveAttribute("aria-sort", "ascending");
  await page.keyboard.press("Enter");
  await expect(header).toHaveAttribute("aria-sort", "descending");

  // The chart of cost against effect, or the sentence saying why there is none, with the table beside it.
  await expect(
    page
      .getByRole("img", { name: /^Cost per pupil against effect size/ })
      .or(page.getByText("No strategy has both a cost per pupil and an effect size yet")),
  ).toBeVisible();
  await expectAccessible(page, "cost and effect page (leader)");
  await screenshot(page, "cost-effectiveness-leader");

  // Another comparison group re-evaluates every strategy.
  await page.getByRole("combobox", { name: "Evaluate each strategy against" }).click();
  await page.getByRole("option", { name: /^No comparison group/ }).click();
  await expect(buddiesRow(page)).toContainText(
    /Before and after only|No evaluation|No participants/,
  );
  expect(errors).toEqual([]);
  await close();
});

test("a teacher reads the comparison but leaves the rate to the leaders", async ({ browser }) => {
  const { page, errors, close } = await signedIn(browser, accounts().teacher);
  await openCostPage(page);
  await expect(page.getByTestId("staff-rate")).toHaveText("£25.50 an hour.");
  await expect(page.getByText("The school's leaders set this rate.")).toBeVisible();
  await expect(page.getByLabel("Hourly cost of staff time (£)")).toHaveCount(0);
  await expect(buddiesRow(page)).toBeVisible();
  await expectAccessible(page, "cost and effect page (teacher)");
  await screenshot(page, "cost-effectiveness-teacher");
  expect(errors).toEqual([]);
  await close();

  // Leave the demo as it was: the leader clears the rate.
  const leader = await signedIn(browser, accounts().leader);
  await openCostPage(leader.page);
  await leader.page.getByRole("button", { name: "Clear rate" }).click();
  await expect(leader.page.getByTestId("staff-rate")).toContainText("Not set");
  await leader.close();
});
