import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { expectAccessible } from "./support/checks.ts";
import { accounts, ownSchool, signedIn } from "./support/cohort-matrix.ts";
import { DEMO_BASE_URL } from "./support/demo.ts";
import { screenshot } from "./support/ui.ts";

/**
 * The impact reports on the demo network (issue 17): a leader reads the school's
 * report, writes what next (refused over 5,000 characters, then saved) and
 * downloads the PDF while a status says it is being built; a teacher reads the
 * same report without the Save control; the programme lead reads the cluster
 * report with every school by its pseudonym and no pupil named.
 */
test.describe.configure({ mode: "serial", timeout: 180_000 });

const WHAT_NEXT = "Widen reading buddies to year 4, and share the guide with our trio.";
/** The leader's pupils' names, for the cluster report to be checked against. */
let pupilNames: string[] = [];

async function openImpactReport(page: Page) {
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "My school", exact: true })
    .click();
  await page
    .getByRole("navigation", { name: "My school" })
    .getByRole("link", { name: "Impact report" })
    .click();
  await expect(page.getByRole("heading", { name: "Impact report", level: 1 })).toBeVisible();
  await expect(page.getByTestId("report-period")).toBeVisible();
}

const SECTIONS = [
  "The cohort",
  "Movement across the matrix",
  "Change on each measure",
  "The gap over time",
  "Strategies",
  "Workshop attendance",
  "Actions done",
  "What next",
];

test("a leader reads the impact report, writes what next and downloads the PDF", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().leader);
  pupilNames = (await ownSchool(page)).all;
  expect(pupilNames.length).toBeGreaterThan(5);
  await openImpactReport(page);
  for (const name of SECTIONS)
    await expect(page.getByRole("heading", { name, level: 2, exact: true })).toBeVisible();
  // The demo's cohort and its points: figures, a chart with its table, strategies.
  await expect(page.getByTestId("cohort-size")).toContainText(/\d+ pupils in the cohort/);
  await expect(page.getByTestId("movement-table")).toBeVisible();
  await expect(page.getByRole("img", { name: /^Pupils now in each quadrant/ })).toBeVisible();
  await expect(page.getByRole("img", { name: /^The gap in / }).first()).toBeVisible();
  await expect(page.getByTestId("strategies-table")).toContainText("Reading buddies");
  // The report names no pupil: the movement is counts.
  const text = await page.locator("main").innerText();
  for (const name of pupilNames) expect(text).not.toContain(name);

  // What next: too long is refused with the field's message, then a real text is saved.
  const box = page.getByRole("textbox", { name: "What the team will do next" });
  await box.fill("x".repeat(5001));
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByText("Keep what next to 5,000 characters.")).toBeVisible();
  await box.fill(WHAT_NEXT);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("textbox", { name: "What the team will do next" })).toHaveValue(
    WHAT_NEXT,
  );
  await expectAccessible(page, "impact report (leader)");
  await screenshot(page, "impact-report-leader");

  // The PDF: held back a moment so the status can be seen while it builds.
  await page.route("**/impact-report.pdf*", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 800));
    await route.continue();
  });
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download PDF" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Building the PDF…" })).toBeVisible();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^impact-report-.+\.pdf$/);
  const saved = ".tmp/screens/impact-report.pdf";
  await file.saveAs(saved);
  expect(fs.readFileSync(saved).subarray(0, 4).toString("latin1")).toBe("%PDF");
  await expect(page.getByRole("status").filter({ hasText: /^Saved impact-report-/ })).toBeVisible();
  expect(errors).toEqual([]);
  await close();
});

test("a teacher reads the report and the team's what next, without a Save control", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().teacher);
  await openImpactReport(page);
  await expect(page.getByTestId("what-next-text")).toHaveText(WHAT_NEXT);
  await expect(page.getByText("The school's leaders write it.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save", exact: true })).toHaveCount(0);
  await expect(page.getByRole("textbox", { name: "What the team will do next" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Download PDF" })).toBeVisible();
  await expectAccessible(page, "impact report (teacher)");
  await screenshot(page, "impact-report-teacher");

  // Printed: the navigation and every control drop away, the sections and the team's
  // words stay, and the report starts at the page's left edge, not beside a missing nav.
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Main" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Download PDF" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print" })).toBeHidden();
  for (const name of SECTIONS)
    await expect(page.getByRole("heading", { name, level: 2, exact: true })).toBeVisible();
  await expect(page.getByTestId("what-next-text")).toHaveText(WHAT_NEXT);
  const heading = await page
    .getByRole("heading", { name: "Impact report", level: 1 })
    .boundingBox();
  expect(heading?.x ?? 999).toBeLessThan(60);
  await screenshot(page, "impact-report-print");
  await page.emulateMedia({ media: "screen" });
  expect(errors).toEqual([]);
  await close();
});

test("the programme lead reads the cluster report: schools by pseudonym, no pupil named", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().lead);
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "My cluster" })
    .click();
  await page.getByRole("link", { name: "Impact report", exact: true }).click();
  await expect(page.getByRole("heading", { name: /^Impact report: /, level: 1 })).toBeVisible();
  const clusterId = /\/clusters\/([0-9a-f-]{36})\/impact-report/.exec(page.url())?.[1];
  expect(clusterId).toBeTruthy();
  const cluster = await (
    await page.request.get(`${DEMO_BASE_URL}/api/clusters/${clusterId}`)
  ).json();
  const schoolNames: string[] = cluster.enrolments.map(
    (e: { school: { name: string } }) => e.school.name,
  );
  expect(schoolNames.length).toBeGreaterThan(1);

  const rows = page.getByTestId("schools-table").locator("tbody tr");
  await expect(rows).toHaveCount(schoolNames.length);
  // No demo school chose to be named: each appears by its evidence label (e.g. HT3) where it
  // shared evidence, else by a letter (School A), and is marked as a pseudonym.
  const headers = await rows.locator("th").allInnerTexts();
  for (const header of headers) {
    expect(header).toMatch(/^(School [A-Z]|[A-Z]{2}\d)\s+\(pseudonym\)$/);
    expect(schoolNames.some((name) => header.includes(name))).toBe(false);
  }
  const text = await page.locator("main").innerText();
  for (const name of schoolNames) expect(text).not.toContain(name);
  for (const name of pupilNames) expect(text).not.toContain(name);
  expect(text).not.toContain(WHAT_NEXT);
  await expect(page.getByTestId("suppression-key").first()).toBeVisible();
  await expectAccessible(page, "cluster impact report (programme lead)");
  await screenshot(page, "impact-report-cluster");

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download PDF" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^cluster-impact-report-.+\.pdf$/);
  const saved = ".tmp/screens/cluster-impact-report.pdf";
  await file.saveAs(saved);
  expect(fs.readFileSync(saved).subarray(0, 4).toString("latin1")).toBe("%PDF");
  expect(errors).toEqual([]);
  await close();
});

test("an administrator opens any cluster's report from the cluster's page", async ({ browser }) => {
  const { page, errors, close } = await signedIn(browser, accounts().admin);
  const clusters = await (await page.request.get(`${DEMO_BASE_URL}/api/clusters`)).json();
  const first = clusters.items[0];
  expect(first?.id).toBeTruthy();
  await page.goto(`${DEMO_BASE_URL}/clusters/${first.id}`);
  await page.getByRole("link", { name: "Impact report", exact: true }).click();
  await expect(page.getByRole("heading", { name: /^Impact report: /, level: 1 })).toBeVisible();
  await expect(page.getByTestId("schools-table")).toBeVisible();
  await expectAccessible(page, "cluster impact report (administrator)");
  expect(errors).toEqual([]);
  await close();
});
