import { expect, test } from "@playwright/test";
import { makeUpn } from "../src/domain/upn.ts";
import { expectAccessible, watchForBrowserErrors } from "./support/checks.ts";
import { DEMO_BASE_URL } from "./support/demo.ts";
import { csvFile, dialogSettled, openSchoolTab, signInAs } from "./support/pupil-data.ts";
import { choose, screenshot } from "./support/ui.ts";

// Runs after setup-demo.spec.ts: the demo leader's school has pupils and this year's points.
const upns = [1, 2, 3].map((serial) => makeUpn(881, 4321, 2019, serial));
const [zara = "", yusuf = "", xena = ""] = upns;
// One character off: the check letter no longer fits.
const mistyped = `${yusuf.slice(0, 12)}${yusuf.endsWith("2") ? "7" : "2"}`;
const pupilHeaders = ["UPN", "Forename", "Surname", "DOB", "Year", "Disadv (PP)", "SEN"];
const pupilRows = (second: string) => [
  pupilHeaders,
  [zara, "Zara", "Testwell", "14/02/2018", "3", "Y", "N"],
  [second, "Yusuf", "Testwell", "03/09/2017", "Y3", "N", "K"],
  [xena, "Xena", "Testwell", "21/06/2018", "Year 3", "Yes", "N"],
];
const valueRows = (typo: string) => [
  ["UPN", "Reading", "Writing", "Maths", "Attendance %"],
  [zara, "WTS", "WTS", typo, "93.5"],
  [yusuf, "EXS", "EXS", "EXS", "97"],
  [xena, "PKS", "WTS", "WTS", "91.2"],
];

test("a leader imports an export, corrects it, sees the gap, then undoes the imports", async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = watchForBrowserErrors(page);
  await signInAs(page, "leader");
  await openSchoolTab(page, "Imports", "Imports");
  await expect(page.getByText(/up to 20 MB/)).toBeVisible();
  await expectAccessible(page, "imports page");
  const fileInput = page.locator("input[type=file]");

  // 1–3: the pupil list, one column to match by hand, one UPN mistyped.
  await fileInput.setInputFiles(csvFile("pupils.csv", pupilRows(mistyped)));
  await expect(page.getByRole("heading", { name: "2. Match the columns" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Field for the column Forename" })).toHaveValue(
    "Legal first name (required)",
  );
  await choose(page, "Field for the column Disadv (PP)", "Pupil premium");
  await expect(page.getByText("1 problem to correct")).toBeVisible();
  const problems = page.getByRole("region", { name: "Problems in the file" });
  await expect(problems.getByRole("row", { name: new RegExp(`^3 UPN ${mistyped}`) })).toBeVisible();
  await expect(page.locator(".problem-cell")).toHaveCount(1);
  await expect(page.getByRole("button", { name: "Import 3 rows" })).toBeDisabled();
  await expectAccessible(page, "import preview with a problem");
  await screenshot(page, "import-preview-problem");

  // The corrected file keeps the columns as matched.
  await fileInput.setInputFiles(csvFile("pupils-fixed.csv", pupilRows(yusuf)));
  await expect(page.getByText(/No problems found/)).toBeVisible();
  await expect(
    page.getByRole("combobox", { name: "Field for the column Disadv (PP)" }),
  ).toHaveValue("Pupil premium");
  await page.getByRole("button", { name: "Import 3 rows" }).click();
  await expect(
    page.getByText(/pupils-fixed\.csv: 3 rows read — 3 created, 0 updated/),
  ).toBeVisible();
  const history = page.getByRole("table").filter({ hasText: "Unchanged" });
  await expect(history.getByRole("row", { name: /pupils-fixed\.csv/ }).first()).toBeVisible();

  // Assessment data for Autumn 2, with a typo first.
  await page.getByRole("radio", { name: /^Assessment data/ }).check();
  await choose(page, "Assessment point", /^Autumn 2 /);
  await fileInput.setInputFiles(csvFile("autumn-2.csv", valueRows("EXT")));
  await expect(page.getByText("1 problem to correct")).toBeVisible();
  await expect(problems).toContainText('"EXT" is not on this scale');
  await fileInput.setInputFiles(csvFile("autumn-2-fixed.csv", valueRows("EXS")));
  await expect(page.getByText(/No problems found/)).toBeVisible();
  await page.getByRole("button", { name: "Import 3 rows" }).click();
  await expect(page.getByText(/autumn-2-fixed\.csv: 3 rows read — 12 created/)).toBeVisible();
  await expectAccessible(page, "imports page after two imports");
  await screenshot(page, "imports");

  // A national figure to read the gap against.
  await openSchoolTab(page, "Measures", "Measures and assessment points");
  await page.getByRole("button", { name: "Edit Maths (teacher assessment)" }).click();
  const edit = page.getByRole("dialog", { name: "Edit Maths (teacher assessment)" });
  await dialogSettled(edit);
  await expectAccessible(page, "edit measure dialog");
  await edit.getByRole("textbox", { name: "Disadvantaged (%)" }).fill("59");
  await edit.getByRole("textbox", { name: "Others (%)" }).fill("78");
  await edit.getByRole("button", { name: "Save measure" }).click();
  await expect(edit).toBeHidden();
  await expect(page.getByRole("row", { name: /^Maths \(teacher assessment\)/ })).toContainText(
    "59% · 78%",
  );

  // The gap dashboard: every measure, then one measure's trend as a chart and a table.
  await openSchoolTab(page, "Gap", "The disadvantage gap");
  await choose(page, "Year group", "Year 3");
  const me = await (await page.request.get(`${DEMO_BASE_URL}/api/me`)).json();
  const schoolId = me.memberships[0].scopeId;
  const overview = await (
    await page.request.get(`${DEMO_BASE_URL}/api/schools/${schoolId}/gap/overview?yearGroup=3`)
  ).json();
  const table = page.getByRole("region", { name: "The gap on every measure" });
  type OverviewRow = {
    measure: { name: string };
    tooSmall: boolean;
    disadvantaged: { n: number | null };
    other: { n: number | null };
  };
  for (const row of overview.rows as OverviewRow[]) {
    const line = table.getByRole("row", {
      name: new RegExp(`^${row.measure.name.replace(/[()]/g, "\\$&")}`),
    });
    // A measure this year group does not take (KS2 scaled scores are Year 6's) has no data.
    if (!row.disadvantaged.n && !row.other.n)
      await expect(line).toContainText("No data at this point");
    else if (row.tooSmall) await expect(line).toContainText("Too small to read");
    else await expect(line).not.toContainText("Too small to read");
  }
  await page.getByRole("button", { name: "Show the trend for Maths (teacher assessment)" }).click();
  await expect(
    page.getByRole("heading", { name: "Maths (teacher assessment): the gap over time" }),
  ).toBeVisible();
  const chart = page.locator("figure [role=img]");
  await expect(chart).toHaveAttribute(
    "aria-label",
    /^Means of disadvantaged and other pupils in Maths/,
  );
  await expect(chart.locator("svg")).toBeVisible();
  await expect(page.getByRole("row", { name: /^Autumn 2 \d{4}\/\d{2}/ })).toBeVisible();
  await expect(
    page.getByText(/Nationally, 59% of disadvantaged pupils and 78% of others/),
  ).toBeVisible();
  await page.getByText("The gap", { exact: true }).click();
  await expect(chart).toHaveAttribute("aria-label", /^The gap in Maths/);
  await expectAccessible(page, "gap dashboard");
  await screenshot(page, "gap");

  // Undo: the pupils first is refused while their values exist; the values, then the pupils.
  await openSchoolTab(page, "Imports", "Imports");
  await page.getByRole("button", { name: /^Undo the import of pupils-fixed\.csv/ }).click();
  const confirm = page.getByRole("dialog", { name: "Undo the import of pupils-fixed.csv?" });
  await expect(confirm).toContainText("The 3 pupils it added are removed");
  await dialogSettled(confirm);
  await expectAccessible(page, "undo dialog");
  await confirm.getByRole("button", { name: "Undo import" }).click();
  await expect(confirm.getByRole("alert")).toContainText("Undo the imports of their data first");
  await screenshot(page, "import-undo-refused");
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await page.getByRole("button", { name: /^Undo the import of autumn-2-fixed\.csv/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Undo import" }).click();
  await expect(page.getByText("12 removed and 0 put back as they were.")).toBeVisible();
  await page.getByRole("button", { name: /^Undo the import of pupils-fixed\.csv/ }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Undo import" }).click();
  await expect(page.getByText("3 removed and 0 put back as they were.")).toBeVisible();
  await expect(history.getByRole("row", { name: /pupils-fixed\.csv/ }).first()).toContainText(
    "Undone",
  );
  await openSchoolTab(page, "Pupils", "Pupils");
  await page.getByRole("textbox", { name: "Search" }).fill("Testwell");
  await expect(page.getByText("No pupil matches these filters.")).toBeVisible();
  expect(errors).toEqual([]);
});
