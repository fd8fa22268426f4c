import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/checks.ts";
import { accounts, signedIn } from "./support/cohort-matrix.ts";
import { openSchoolTab } from "./support/pupil-data.ts";
import { choose, screenshot } from "./support/ui.ts";

/**
 * Data that must be right (issue 11): the gap dashboard shows the DfE's national
 * figures beside the school's once a leader links a measure; an administrator
 * confirms a Toolkit strand whose sources disagree and sees who confirmed it.
 */
test.describe.configure({ mode: "serial", timeout: 180_000 });

const KS2_RWM = "KS2 reading, writing and maths at the expected standard";

test("the gap dashboard shows a national comparator for a linked measure", async ({ browser }) => {
  const { page, errors, close } = await signedIn(browser, accounts().leader);
  await openSchoolTab(page, "Gap", "The disadvantage gap");
  const card = page.getByTestId("national-comparator");
  await expect(card).toContainText("not linked to a national measure");

  await choose(card, "National measure this compares with", KS2_RWM);
  await card.getByRole("button", { name: "Save link" }).click();
  const table = card.getByTestId("comparator-table");
  await expect(table).toBeVisible();
  await expect(
    table.getByRole("columnheader", { name: "England, 2024/25, provisional" }),
  ).toBeVisible();
  await expect(table.getByRole("row", { name: /^Disadvantaged/ })).toContainText("47%");
  await expect(table.getByRole("row", { name: /^Other pupils/ })).toContainText("69%");
  await expect(table.getByRole("row", { name: /^Gap/ })).toContainText("22 percentage points");
  await expect(card.getByTestId("comparator-source")).toContainText(
    "DfE, Explore Education Statistics: Key stage 2 attainment",
  );
  await expect(card.getByTestId("gap-index")).toContainText(
    "national disadvantage gap index for KS2 was 3.14 in 2024/25, provisional",
  );
  await expect(card.getByTestId("gap-index")).toContainText("does not work one out for a school");
  await card.scrollIntoViewIfNeeded();
  await expectAccessible(page, "gap dashboard with a national comparator");
  await screenshot(page, "gap-national-comparator");

  // Unlinked again, so later journeys see the demo as it was.
  await choose(card, "National measure this compares with", "Not linked");
  await card.getByRole("button", { name: "Save link" }).click();
  await expect(card).toContainText("not linked to a national measure");
  expect(errors).toEqual([]);
  await close();
});

test("a network administrator confirms a strand against the live Toolkit", async ({ browser }) => {
  const admin = accounts().leader.replace(/^[^@]+/, "admin");
  const { page, errors, close } = await signedIn(browser, admin);
  await page.getByRole("link", { name: "Admin · EEF Toolkit" }).click();
  await expect(page.getByRole("heading", { name: "EEF Toolkit strands", level: 1 })).toBeVisible();
  const rows = page.getByTestId("strand-row");
  const arts = rows.filter({ hasText: "Arts participation" });
  await expect(arts.getByTestId("needs-checking")).toHaveText(
    "needs checking against the live Toolkit",
  );
  // Insufficient evidence: no months figure.
  await expect(rows.filter({ hasText: "Learning styles" }).locator("td").first()).toHaveText("–");
  await expect(rows.filter({ hasText: "Digital technology" })).toContainText("Retired");

  await arts.getByRole("button", { name: "Confirm Arts participation" }).click();
  const dialog = page.getByRole("dialog", { name: "Confirm Arts participation" });
  await expect(dialog).toContainText("+3 months");
  await dialog.getByLabel("Checked on").fill("2026-11-30");
  await expectAccessible(page, "confirming a strand");
  await dialog.getByRole("button", { name: "Confirm figures" }).click();
  await expect(dialog).toBeHidden();
  await expect(arts.getByTestId("needs-checking")).toHaveCount(0);
  await expect(arts.getByTestId("confirmed")).toContainText("Checked against the live Toolkit by");
  await expect(arts).toContainText("30 Nov 2026");
  await expectAccessible(page, "EEF strands after a confirmation");
  await screenshot(page, "eef-strand-confirmed");

  await page.getByRole("link", { name: "Admin · National figures" }).click();
  await expect(page.getByRole("heading", { name: "National figures", level: 1 })).toBeVisible();
  await expect(page.getByTestId("national-row")).toHaveCount(17);
  await expectAccessible(page, "national figures admin");
  await screenshot(page, "national-figures-admin");
  expect(errors).toEqual([]);
  await close();
});
