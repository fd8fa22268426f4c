import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import JSZip from "jszip";
import { expectAccessible } from "./support/checks.ts";
import { accounts, signedIn } from "./support/cohort-matrix.ts";
import { choose, screenshot } from "./support/ui.ts";

/**
 * The pupil premium strategy statement on the demo network (issue 17): a
 * leader fills in the funding, takes a challenge from the gap dashboard's
 * suggestions, places the demo strategy in the Teaching table, sees a bad
 * amount refused on its field, saves, previews and downloads the draft for
 * Word; a teacher reads it and downloads it but changes nothing.
 */
test.describe.configure({ mode: "serial", timeout: 180_000 });

async function openStatement(page: Page) {
  await page.getByRole("link", { name: "My school", exact: true }).click();
  await page
    .getByRole("navigation", { name: "My school" })
    .getByRole("link", { name: "Pupil premium statement" })
    .click();
  await expect(
    page.getByRole("heading", { name: "Pupil premium statement", level: 1 }),
  ).toBeVisible();
}

test("a leader builds the pupil premium statement and downloads it for Word", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().leader);
  await openStatement(page);
  await expect(page.getByText(/pupils on roll/)).toBeVisible();

  await page.getByLabel("Pupil premium lead").fill("Ms Leader");
  await page.getByLabel("Allocation this academic year (£)").fill("-5");
  await page.getByRole("button", { name: "Save the statement" }).click();
  await expect(page.getByText("The allocation cannot be negative.")).toBeVisible();
  await page.getByLabel("Allocation this academic year (£)").fill("48930");
  await page.getByLabel("Carried forward from previous years (£)").fill("1200");

  // A challenge from the gap dashboard's suggestions, then the demo strategy in the Teaching table.
  await page.getByRole("button", { name: "Use this" }).first().click();
  await expect(page.getByLabel("Challenge 1")).toHaveValue(/Disadvantaged pupils are behind/);
  await choose(page, "Table for Reading buddies", "Teaching");
  await page.getByLabel("Challenge numbers for Reading buddies").fill("1");
  // Part B: an externally provided programme, added, then a second one removed again.
  await page.getByRole("button", { name: "Add a programme" }).click();
  await page
    .getByLabel("Programme 1", { exact: true })
    .fill("Nuffield Early Language Intervention");
  await page.getByLabel("Provider of programme 1").fill("Nuffield Foundation");
  await page.getByRole("button", { name: "Add a programme" }).click();
  await page.getByRole("button", { name: "Remove programme 2" }).click();
  await expect(page.getByLabel("Programme 2", { exact: true })).toHaveCount(0);
  await page.getByRole("button", { name: "Save the statement" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await expect(page.getByText("Total budget this year: £50,130.00")).toBeVisible();

  const preview = page.getByRole("region", { name: "Preview" });
  await expect(preview.getByRole("heading", { name: "Teaching" })).toBeVisible();
  await expect(preview.getByText("Budgeted cost: £450.00")).toBeVisible();
  await expect(preview.getByRole("cell", { name: "Reading buddies" })).toBeVisible();
  await expect(
    preview.getByRole("cell", { name: "Nuffield Early Language Intervention" }),
  ).toBeVisible();
  await expectAccessible(page, "pupil premium statement (leader)");
  await screenshot(page, "pp-statement-leader");

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download for Word (.docx)" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^pupil-premium-statement-.+-2026-27\.docx$/);
  const file = await download.path();
  const xml = await (await JSZip.loadAsync(fs.readFileSync(file)))
    .file("word/document.xml")
    ?.async("string");
  expect(xml).toContain("Part A: Pupil premium strategy plan");
  expect(xml).toContain("£50,130.00");
  expect(xml).toContain("Reading buddies");
  expect(xml).toContain("Nuffield Foundation");
  expect(errors).toEqual([]);
  await close();
});

test("a teacher reads and downloads the statement but leaves the changes to the leaders", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().teacher);
  await openStatement(page);
  await expect(page.getByText("Only the school's leaders change the statement")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save the statement" })).toHaveCount(0);
  await expect(page.getByLabel("Pupil premium lead")).toHaveValue("Ms Leader");
  await expect(page.getByRole("link", { name: "Download for Word (.docx)" })).toBeVisible();
  await expectAccessible(page, "pupil premium statement (teacher)");
  await screenshot(page, "pp-statement-teacher");
  expect(errors).toEqual([]);
  await close();
});
