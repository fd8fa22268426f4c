import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, watchForBrowserErrors } from "./support/checks.ts";
import { DEMO_BASE_URL } from "./support/demo.ts";
import { csvFile, dialogSettled, openSchoolTab, signInAs } from "./support/pupil-data.ts";
import { screenshot } from "./support/ui.ts";

/**
 * Leavers on import, on the demo school (setup-demo.spec.ts): a leader imports
 * one year group's list without two of its pupils, sees them offered as "not in
 * this file — mark as left?", marks them as left with the import, and undoes it.
 * The demo is left as it was found.
 */
interface Pupil {
  id: string;
  upn: string;
  legalFirstName: string;
  lastName: string;
  dateOfBirth: string;
  yearGroup: string;
  leftOn: string | null;
}

const quoted = (value: string) => `"${value.replaceAll('"', '""')}"`;

async function onRoll(page: Page, schoolId: string): Promise<Pupil[]> {
  const response = await page.request.get(
    `${DEMO_BASE_URL}/api/schools/${schoolId}/pupils?limit=500`,
  );
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { items: Pupil[] }).items;
}

test("a leader marks the pupils a list leaves out as left, then undoes it", async ({ page }) => {
  test.setTimeout(150_000);
  const errors = watchForBrowserErrors(page);
  await signInAs(page, "leader");
  const me = await (await page.request.get(`${DEMO_BASE_URL}/api/me`)).json();
  const schoolId: string = me.memberships[0].scopeId;
  const before = await onRoll(page, schoolId);

  // One year group's list (as stored, so nothing else changes), without its last two pupils.
  const byYear = new Map<string, Pupil[]>();
  for (const p of before) byYear.set(p.yearGroup, [...(byYear.get(p.yearGroup) ?? []), p]);
  const [year, pupils] = [...byYear.entries()].find(([, list]) => list.length >= 4) ?? ["", []];
  expect(pupils.length).toBeGreaterThanOrEqual(4);
  const staying = pupils.slice(0, -2);
  const leaving = pupils.slice(-2);
  const file = csvFile("year-list.csv", [
    ["UPN", "Forename", "Surname", "DOB", "Year"],
    ...staying.map((p) =>
      [p.upn, p.legalFirstName, p.lastName, p.dateOfBirth, p.yearGroup].map(quoted),
    ),
  ]);

  await openSchoolTab(page, "Imports", "Imports");
  await page.locator("input[type=file]").setInputFiles(file);
  await expect(page.getByText(/No problems found/)).toBeVisible();
  await expect(
    page.getByRole("heading", { name: "Not in this file — mark as left?" }),
  ).toBeVisible();
  await expect(
    page.getByText(
      new RegExp(`^2 pupils on roll in (Year ${year}|Reception) are not in this file`),
    ),
  ).toBeVisible();
  const offered = page.getByRole("region", { name: "Pupils on roll not in this file" });
  for (const p of leaving)
    await expect(offered.getByRole("row", { name: new RegExp(p.upn) })).toBeVisible();
  await expect(offered.getByRole("row")).toHaveCount(3);
  // Opt-in: the button imports the rows only until the box is ticked.
  const importOnly = page.getByRole("button", {
    name: `Import ${staying.length} rows`,
    exact: true,
  });
  await expect(importOnly).toBeEnabled();
  await expectAccessible(page, "import preview offering leavers");
  await screenshot(page, "import-leavers-offer");

  // Keyboard: tick the box, then a leaving date in the future is refused before sending.
  const box = page.getByRole("checkbox", { name: "Mark these 2 pupils as left" });
  await box.focus();
  await page.keyboard.press("Space");
  await expect(box).toBeChecked();
  const date = page.getByLabel("Leaving date");
  const today: string = await date.inputValue();
  expect(today).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await date.fill("2099-01-01");
  await expect(
    page.getByText("1 Jan 2099 is in the future: a leaving date is today or earlier."),
  ).toBeVisible();
  const importAndMark = page.getByRole("button", {
    name: `Import ${staying.length} rows and mark 2 as left`,
  });
  await expect(importAndMark).toBeDisabled();
  await date.fill(today);
  await expect(importAndMark).toBeEnabled();
  await expectAccessible(page, "import preview with leavers ticked");
  await screenshot(page, "import-leavers-ticked");

  await importAndMark.click();
  await expect(
    page.getByText(
      new RegExp(
        `year-list\\.csv: ${staying.length} rows read — 0 created, 0 updated, ${staying.length} unchanged, 2 not in the file marked as left`,
      ),
    ),
  ).toBeVisible();
  const history = page.getByRole("table").filter({ hasText: "Marked as left" });
  const row = history.getByRole("row", { name: /year-list\.csv/ }).first();
  await expect(row.getByRole("cell").nth(7)).toHaveText("2");
  await expectAccessible(page, "imports page after marking leavers");
  await screenshot(page, "import-leavers-done");

  // Off roll: the pupil list no longer has them, and they left today.
  const after = await onRoll(page, schoolId);
  expect(after.map((p) => p.id)).not.toContain(leaving[0]?.id);
  expect(after.map((p) => p.id)).not.toContain(leaving[1]?.id);
  expect(after).toHaveLength(before.length - 2);
  await openSchoolTab(page, "Pupils", "Pupils");
  await page.getByRole("textbox", { name: "Search" }).fill(leaving[0]?.upn ?? "");
  await expect(page.getByText("No pupil matches these filters.")).toBeVisible();

  // Undo puts them back on roll.
  await openSchoolTab(page, "Imports", "Imports");
  await page
    .getByRole("button", { name: /^Undo the import of year-list\.csv/ })
    .first()
    .click();
  const confirm = page.getByRole("dialog", { name: "Undo the import of year-list.csv?" });
  await expect(confirm).toContainText("The 2 pupils it marked as left go back on roll.");
  await dialogSettled(confirm);
  await expectAccessible(page, "undo dialog for leavers");
  await confirm.getByRole("button", { name: "Undo import" }).click();
  await expect(page.getByText("0 removed and 2 put back as they were.")).toBeVisible();
  const restored = await onRoll(page, schoolId);
  expect(restored.map((p) => p.id).sort()).toEqual(before.map((p) => p.id).sort());
  expect(errors).toEqual([]);
});
