import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support/checks.ts";
import { accounts, signedIn } from "./support/cohort-matrix.ts";
import { dialogSettled, openSchoolTab } from "./support/pupil-data.ts";
import { screenshot } from "./support/ui.ts";

/**
 * Who sees the flags (issue 12): a para-professional's pupil list holds the
 * pupils they work with and no pupil premium or FSM; a leader sees what
 * para-professionals see and may widen it.
 */
test.describe.configure({ mode: "serial", timeout: 180_000 });

const paraEmail = () => accounts().leader.replace(/^[^@]+/, "para");

test("a para-professional sees the pupils they work with, without the poverty flags", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, paraEmail());
  await openSchoolTab(page, "Pupils", "Pupils");
  await expect(page.getByTestId("para-access-note")).toContainText(
    "You see the pupils you work with",
  );
  const table = page.getByRole("region", { name: "Pupils" });
  await expect(table.getByRole("row").nth(1)).toBeVisible();
  await expect(table.getByRole("columnheader", { name: "Disadvantaged" })).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "Disadvantaged" })).toHaveCount(0);
  await expect(table.getByText("Pupil premium")).toHaveCount(0);
  await expectAccessible(page, "para-professional's pupil list");
  await screenshot(page, "para-pupils");
  expect(errors).toEqual([]);
  await close();
});

test("a leader sees what para-professionals see, and the choice to widen it", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().leader);
  await openSchoolTab(page, "Pupils", "Pupils");
  await expect(page.getByText("Para-professionals see:")).toBeVisible();
  await page.getByRole("button", { name: "Change what para-professionals see" }).click();
  const dialog = page.getByRole("dialog", { name: "What para-professionals see" });
  await dialogSettled(dialog);
  await expect(dialog.getByRole("radio", { name: /^The pupils they work with/ })).toBeChecked();
  const save = dialog.getByRole("button", { name: "Save" });
  await expect(save).toBeDisabled();
  await dialog.getByRole("radio", { name: /^Every pupil of the school/ }).check();
  await expect(save).toBeEnabled();
  await expectAccessible(page, "what para-professionals see");
  await screenshot(page, "para-access-dialog");
  // Cancelled: the demo stays as it was for later journeys.
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(/Para-professionals see:.*The pupils they work with/)).toBeVisible();
  expect(errors).toEqual([]);
  await close();
});
