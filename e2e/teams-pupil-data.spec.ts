import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, expectNothingStored, watchForBrowserErrors } from "./support/checks.ts";
import { DEMO_BASE_URL } from "./support/demo.ts";
import { makeSchool, signedInLeader } from "./support/new-school.ts";
import { dialogSettled, openSchoolTab, signInAs } from "./support/pupil-data.ts";
import { admin, choose, screenshot, signIn } from "./support/ui.ts";

// Runs on the demo network (setup-demo.spec.ts), but for the new school's empty
// states, which builds its own school and leader on the main Cascade.
const suffix = Math.random().toString(16).slice(2, 8);

const focusedCell = (page: Page) => page.locator("input.entry-cell:focus");

test("a school leader finds a pupil, reads their profile and corrects a flag", async ({ page }) => {
  const errors = watchForBrowserErrors(page);
  await signInAs(page, "leader");
  await openSchoolTab(page, "Pupils", "Pupils");
  await expect(page.getByText(/^\d+ pupils · page 1 of \d+$/)).toBeVisible();
  await expectAccessible(page, "pupils list");

  await choose(page, "Disadvantaged", "Disadvantaged");
  await expect(page.getByText(/^\d+ pupils match/)).toBeVisible();
  const list = page.getByRole("region", { name: "Pupils" });
  await expect(list.getByRole("cell", { name: "No", exact: true })).toHaveCount(0);
  await list.getByRole("button", { name: "Year" }).click();
  await expect(list.getByRole("columnheader", { name: "Year" })).toHaveAttribute(
    "aria-sort",
    "ascending",
  );
  await screenshot(page, "pupils");

  const first = list.getByRole("link").first();
  const [last, given] = ((await first.textContent()) ?? "").split(", ");
  await first.click();
  const name = `${given} ${last}`;
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText(/^Yes, under the school's rule/)).toBeVisible();
  await expect(page.locator("figure [role=img]").first()).toBeVisible();
  await expect(page.getByRole("region", { name: "Values over time" })).toBeVisible();
  await expect(page.getByText(/Not in the target cohort|Joined/).first()).toBeVisible();
  await expectAccessible(page, "pupil profile");
  await screenshot(page, "pupil-profile");

  // A correction, sent with the version read.
  const flags = page.locator("dt", { hasText: "Flags" }).locator("+ dd");
  await page.getByRole("button", { name: "Edit details" }).click();
  const dialog = page.getByRole("dialog", { name: `Edit ${name}` });
  await dialogSettled(dialog);
  await expectAccessible(page, "edit pupil dialog");
  await dialog.getByRole("checkbox", { name: "Service child (SC)" }).check();
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(flags).toContainText("Service child (SC)");

  // Someone else changes the pupil meanwhile: the stale edit is refused, not merged.
  const pupilId = page.url().split("/pupils/")[1] ?? "";
  const current = await (await page.request.get(`${DEMO_BASE_URL}/api/pupils/${pupilId}`)).json();
  const bumped = await page.request.patch(`${DEMO_BASE_URL}/api/pupils/${pupilId}`, {
    headers: { origin: DEMO_BASE_URL },
    data: { version: current.pupil.version, eal: current.pupil.eal },
  });
  expect(bumped.status()).toBe(200);
  await page.getByRole("button", { name: "Edit details" }).click();
  await dialog.getByRole("checkbox", { name: "Service child (SC)" }).uncheck();
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog.getByRole("alert")).toContainText("Someone else changed this pupil");
  await expectAccessible(page, "edit pupil dialog with a stale edit");
  await dialog.getByRole("button", { name: "Load their change" }).click();
  await expect(dialog.getByRole("alert")).toBeHidden();
  await dialog.getByRole("checkbox", { name: "Service child (SC)" }).uncheck();
  await dialog.getByRole("button", { name: "Save changes" }).click();
  await expect(dialog).toBeHidden();
  await expect(flags).not.toContainText("Service child");
  // After a list of named pupils and a profile, the browser keeps none of it.
  await expectNothingStored(page, [name, last ?? name, current.pupil.upn]);
  expect(errors).toEqual([]);
});

test("staff read the measures and assessment points; leaders see how to change them", async ({
  page,
}) => {
  const errors = watchForBrowserErrors(page);
  await signInAs(page, "leader");
  await openSchoolTab(page, "Measures", "Measures and assessment points");
  const reading = page.getByRole("row", { name: /^Reading \(teacher assessment\)/ });
  await expect(reading).toContainText("PKS Pre-key stage");
  await expect(reading).toContainText("EXS");
  await expect(page.getByRole("row", { name: /^Autumn 1/ })).toBeVisible();
  await expectAccessible(page, "measures page");
  await screenshot(page, "measures");

  await page.getByRole("button", { name: "Add a measure" }).click();
  const add = page.getByRole("dialog", { name: "Add a measure of the school's own" });
  await expect(add.getByRole("textbox", { name: "Code of level 3" })).toHaveValue("3");
  await add.getByRole("button", { name: "Add measure" }).click();
  await expect(add.getByText("Enter a name.")).toBeVisible();
  await dialogSettled(add);
  await expectAccessible(page, "add measure dialog");
  await add.getByRole("button", { name: "Cancel" }).click();
  await expect(add).toBeHidden();

  await page.getByRole("button", { name: "Archive Behaviour incidents" }).click();
  const archive = page.getByRole("dialog", { name: "Archive this measure?" });
  await expect(archive).toContainText("Its recorded values are kept");
  await archive.getByRole("button", { name: "Cancel" }).click();
  expect(errors).toEqual([]);
});

test("a teacher reads the measures and assessment points without the controls to change them", async ({
  page,
}) => {
  const errors = watchForBrowserErrors(page);
  await signInAs(page, "teacher");
  await openSchoolTab(page, "Measures", "Measures and assessment points");
  await expect(page.getByRole("row", { name: /^Reading \(teacher assessment\)/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /^Autumn 1/ })).toBeVisible();
  // What the page offers comes from the server's policy: a teacher changes neither.
  await expect(page.getByRole("button", { name: "Add a measure" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Archive / })).toHaveCount(0);
  await expect(page.getByRole("button", { name: /^Open .+ early$/ })).toHaveCount(0);
  expect(errors).toEqual([]);
});

test("a teacher records values in the grid with the keyboard alone", async ({ page }) => {
  const errors = watchForBrowserErrors(page);
  await signInAs(page, "teacher");
  await openSchoolTab(page, "Data entry", "Data entry");
  await choose(page, "Year group", "Year 2");
  await expect(page.getByText("No changes yet.")).toBeVisible();

  // From the filters, Tab reaches the grid's current cell.
  await page.getByRole("combobox", { name: "Year group" }).focus();
  for (let i = 0; i < 5 && !(await focusedCell(page).count()); i++)
    await page.keyboard.press("Tab");
  const first = focusedCell(page);
  const firstLabel = (await first.getAttribute("aria-label")) ?? "";
  expect(firstLabel).toMatch(/^Reading \(teacher assessment\) for /);
  const original = await first.inputValue();
  const changed = original === "GDS" ? "EXS" : "GDS";

  await page.keyboard.type(changed.toLowerCase());
  await page.keyboard.press("Enter");
  await expect(focusedCell(page)).not.toHaveAttribute("aria-label", firstLabel);
  await expect(focusedCell(page)).toHaveAttribute("aria-label", /^Reading \(teacher assessment\)/);
  await expect(page.getByText(/^✓ Saved 1 value at/)).toBeVisible();

  // A value off the scale is refused with what is allowed; Escape puts the saved one back.
  const second = focusedCell(page);
  const secondValue = await second.inputValue();
  await page.keyboard.type("XYZ");
  await page.keyboard.press("Tab");
  await expect(page.getByRole("alert")).toContainText('"XYZ" is not on this scale');
  await expect(page.getByRole("alert")).toContainText("PKS, WTS, EXS, GDS");
  await expect(second).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "data entry grid with a refused value");
  await screenshot(page, "data-entry-refused");
  await page.keyboard.press("Escape");
  await expect(second).toHaveValue(secondValue);
  await expect(second).not.toHaveAttribute("aria-invalid", "true");

  await page.keyboard.press("ArrowUp");
  await expect(focusedCell(page)).toHaveAttribute("aria-label", firstLabel);
  await expect(focusedCell(page)).toHaveValue(changed);
  await page.keyboard.press("ArrowRight");
  await expect(focusedCell(page)).toHaveAttribute("aria-label", /^Writing \(teacher assessment\)/);
  await expectAccessible(page, "data entry grid");
  await screenshot(page, "data-entry");

  // The value was stored: it is there after a reload. Then the original goes back.
  await page.reload();
  await choose(page, "Year group", "Year 2");
  const stored = page.getByRole("textbox", { name: firstLabel });
  await expect(stored).toHaveValue(changed);
  await page.getByRole("combobox", { name: "Year group" }).focus();
  for (let i = 0; i < 5 && !(await focusedCell(page).count()); i++)
    await page.keyboard.press("Tab");
  await page.keyboard.type(original);
  await page.keyboard.press("Enter");
  await expect(page.getByText(/^✓ Saved 1 value at/)).toBeVisible();
  expect(errors).toEqual([]);
});

test("a programme lead has no way to the named pupil pages", async ({ page }) => {
  await signInAs(page, "lead");
  await expect(page.getByRole("link", { name: "My school" })).toHaveCount(0);
  // The address typed by hand says whose page it is instead of sending them home.
  await page.goto(`${DEMO_BASE_URL}/my-school/pupils`);
  await expect(page).toHaveURL(`${DEMO_BASE_URL}/my-school/pupils`);
  await expect(
    page.getByText("Only members of a school's team can see a school's pupils."),
  ).toBeVisible();
  await expect(page.getByRole("table")).toHaveCount(0);
});

test("a teacher finds a pupil by full name, in either order", async ({ page }) => {
  const errors = watchForBrowserErrors(page);
  await signInAs(page, "teacher");
  await openSchoolTab(page, "Pupils", "Pupils");
  const list = page.getByRole("region", { name: "Pupils" });
  const first = list.getByRole("link").first();
  const shown = (await first.textContent()) ?? "";
  const [last = "", given = ""] = shown.split(", ");
  const search = page.getByRole("textbox", { name: "Search" });
  for (const term of [
    `${given} ${last}`,
    `${last}, ${given}`,
    `${given.toLowerCase()} ${last.toUpperCase()}`,
  ]) {
    await search.fill(term);
    // Once the search has run, every pupil listed has both words in their name.
    await expect
      .poll(async () =>
        (await list.getByRole("link").allTextContents()).every(
          (text) =>
            text.toLowerCase().includes(given.toLowerCase()) &&
            text.toLowerCase().includes(last.toLowerCase()),
        ),
      )
      .toBe(true);
    await expect(list.getByRole("link", { name: shown, exact: true })).toBeVisible();
  }
  await expectAccessible(page, "pupils list, searched by full name");
  await screenshot(page, "pupils-full-name-search");
  expect(errors).toEqual([]);
});

test("a new school starts from empty states that say what to do next", async ({
  page: adminPage,
  browser,
}) => {
  await signIn(adminPage, admin.email, admin.password);
  const school = await makeSchool(adminPage, `Newbrook Primary ${suffix}`);
  const { lead: page, context } = await signedInLeader(adminPage, browser, {
    schoolId: school.id,
    leader: {
      name: "Nia Newbrook",
      email: `nia-${suffix}@network.test`,
      password: "pebble orchard violet 27",
    },
    approver: {
      name: "Ari Approver",
      email: `ari-${suffix}@network.test`,
      password: "copper meadow thistle 83",
    },
  });
  const errors = watchForBrowserErrors(page);
  await openSchoolTab(page, "Pupils", "Pupils");
  await expect(page.getByText(/^No pupils yet\. Import the pupil list/)).toBeVisible();
  await expect(page.getByRole("link", { name: "Import the pupil list" })).toBeVisible();
  await expectAccessible(page, "pupils list, empty");

  await openSchoolTab(page, "Data entry", "Data entry");
  await expect(page.getByText("The school has no assessment points yet.")).toBeVisible();
  await expectAccessible(page, "data entry without points");
  await screenshot(page, "data-entry-no-points");
  await page.getByRole("button", { name: /^Create the six half-terms for \d{4}\/\d{2}$/ }).click();
  await expect(page.getByRole("combobox", { name: "Assessment point" })).toBeVisible();
  await expect(page.getByText(/^No pupils on roll at this point/)).toBeVisible();

  await openSchoolTab(page, "Gap", "The disadvantage gap");
  await expect(page.getByText("No data at this point").first()).toBeVisible();
  await expectAccessible(page, "gap dashboard without data");
  await context.close();
  expect(errors).toEqual([]);
});

test("a leader changes who counts as disadvantaged, and the gap follows", async ({ page }) => {
  const errors = watchForBrowserErrors(page);
  await signInAs(page, "leader");
  await openSchoolTab(page, "Gap", "The disadvantage gap");
  const card = page.locator("p", { hasText: "Disadvantaged here means:" });
  await expect(card).toContainText("Pupil premium (the default)");
  const disadvantagedN = page
    .getByRole("table")
    .first()
    .locator("tbody tr")
    .first()
    .locator("td")
    .nth(1);
  const before = await disadvantagedN.textContent();

  await page.getByRole("button", { name: "Change who counts" }).click();
  const dialog = page.getByRole("dialog", { name: "Who counts as disadvantaged at this school" });
  await dialogSettled(dialog);
  await expect(dialog.getByRole("button", { name: "Use this rule" })).toBeDisabled();
  await expectAccessible(page, "disadvantage rule dialog");
  await dialog.getByRole("radio", { name: /^Pupil premium, looked after/ }).check();
  await dialog.getByRole("button", { name: "Use this rule" }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toContainText("Pupil premium, looked after, or previously looked after");
  await screenshot(page, "gap-disadvantage-rule");

  // The pupil list's "Disadvantaged" filter now follows the new rule.
  const counted = /\((\d+) of \d+ pupils on roll\)/.exec((await card.textContent()) ?? "")?.[1];
  expect(counted).toBeDefined();
  await openSchoolTab(page, "Pupils", "Pupils");
  await choose(page, "Disadvantaged", "Disadvantaged");
  await expect(page.getByText(new RegExp(`^${counted} pupils? match`))).toBeVisible();
  await openSchoolTab(page, "Gap", "The disadvantage gap");

  // Back to the default, so later journeys see the demo as it was.
  await page.getByRole("button", { name: "Change who counts" }).click();
  await dialogSettled(dialog);
  await dialog.getByRole("radio", { name: "Pupil premium (the default)" }).check();
  await dialog.getByRole("button", { name: "Use this rule" }).click();
  await expect(dialog).toBeHidden();
  await expect(card).toContainText("Pupil premium (the default)");
  await expect(disadvantagedN).toHaveText(before ?? "");
  expect(errors).toEqual([]);
});

test("a teacher reads the school's rule but cannot change it", async ({ page }) => {
  await signInAs(page, "teacher");
  await openSchoolTab(page, "Gap", "The disadvantage gap");
  await expect(page.locator("p", { hasText: "Disadvantaged here means:" })).toContainText(
    "Pupil premium",
  );
  await expect(page.getByRole("button", { name: "Change who counts" })).toHaveCount(0);
});
