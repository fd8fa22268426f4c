import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { expectAccessible } from "./support/checks.ts";
import {
  accounts,
  OWN_CODE,
  ownSchool,
  PSEUDONYM,
  segment,
  signedIn,
} from "./support/cohort-matrix.ts";
import { DEMO_BASE_URL } from "./support/demo.ts";
import { choose, screenshot } from "./support/ui.ts";

/**
 * The matrix on the demo network, after the leader's cohort has changed once (cohort.spec.ts
 * does that through the page; this journey does it through the API when it runs alone):
 * the school and trio views, a dot's card by keyboard, exports and presentation; a
 * later value moves a dot; the programme lead sees the cluster, all pseudonymised.
 */
// Axe on pages with 45–75 pupils takes a while on a busy machine.
test.describe.configure({ mode: "serial", timeout: 150_000 });

test("the leader's matrix: school and trio views, a dot's card, exports and presentation", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().leader);
  const { all: names, schoolId } = await ownSchool(page);
  await cohortChangedOnce(page, schoolId);
  await page.getByRole("link", { name: "My school", exact: true }).click();
  await page
    .getByRole("navigation", { name: "My school" })
    .getByRole("link", { name: "Matrix" })
    .click();
  await expect(
    page.getByRole("heading", { name: "The matrix: Northbrook Fictional Primary School" }),
  ).toBeVisible();
  const rows = page.getByTestId("matrix-row");
  await expect(rows).toHaveCount(15);
  await expect(page.getByTestId("matrix-dot")).toHaveCount(15);
  // The dots are the cohort as confirmed, with its change.
  const cohort = await (
    await page.request.get(`${DEMO_BASE_URL}/api/schools/${schoolId}/cohort`)
  ).json();
  const memberIds = cohort.members.map((m: { pupilId: string }) => m.pupilId).sort();
  expect((await rows.evaluateAll((els) => els.map((el) => el.dataset.key))).sort()).toEqual(
    memberIds,
  );
  expect(cohort.history.some((h: { leftOn: string | null }) => h.leftOn !== null)).toBe(true);
  await page.getByRole("button", { name: "Save as the school's default" }).click();
  await expect(page.getByText(/^Saved: everyone opening this school's matrix/)).toBeVisible();
  await expectAccessible(page, "matrix, school view");
  await screenshot(page, "matrix-school");

  // The trio: 45 dots, other schools' pupils only as pseudonyms.
  await segment(page, "My trio");
  await expect(page.getByRole("heading", { name: "The matrix: Northbrook Trio" })).toBeVisible();
  await expect(rows).toHaveCount(45);
  const dots = page.getByTestId("matrix-dot");
  await expect(dots).toHaveCount(45);
  const labels = await dots.evaluateAll((els) =>
    els.map((el) => ({ label: el.dataset.label ?? "", school: el.dataset.school ?? "" })),
  );
  const others = labels.filter((l) => l.school !== OWN_CODE);
  expect(others).toHaveLength(30);
  for (const other of others) {
    expect(other.label).toMatch(PSEUDONYM);
    expect(names).not.toContain(other.label);
  }
  expect(labels.filter((l) => l.school === OWN_CODE).every((l) => names.includes(l.label))).toBe(
    true,
  );
  for (const row of await rows.filter({ hasNotText: OWN_CODE }).allTextContents()) {
    for (const name of names) expect(row).not.toContain(name);
  }
  // The per-quadrant summary: the leader's own school in full; the other schools'
  // counts of 1–5 are not shown, only the suppression mark with its reason.
  const movement = page.getByRole("table", { name: "Movement between quadrants, per school" });
  const ownRows = movement.getByRole("row").filter({ hasText: OWN_CODE });
  await expect(ownRows.locator("[data-suppressed]")).toHaveCount(0);
  const otherMarks = movement.locator("[data-suppressed]");
  await expect(otherMarks.first()).toBeVisible();
  expect(await otherMarks.count()).toBeGreaterThanOrEqual(8);
  await expect(otherMarks.first()).toHaveAttribute("title", /fewer than 6 pupils/);
  await expectAccessible(page, "matrix, trio view");
  await screenshot(page, "matrix-trio");

  // Keyboard: Tab reaches the chart's first pupil, arrow keys move on; each shows its card.
  await page.getByRole("link", { name: "Download CSV" }).focus();
  await page.keyboard.press("Tab");
  await expect(dots.first()).toBeFocused();
  const card = page.getByRole("tooltip");
  await expect(card.getByTestId("dot-card-label")).toHaveText(labels[0]?.label ?? "");
  await page.keyboard.press("ArrowRight");
  await expect(dots.nth(1)).toBeFocused();
  await expect(card.getByTestId("dot-card-label")).toHaveText(labels[1]?.label ?? "");
  await expect(card).toContainText("Autumn 1");
  await expect(card).toContainText("Autumn 2");
  await expect(card).toContainText("Quadrant:");
  await expectAccessible(page, "matrix with a dot's card open");
  await screenshot(page, "matrix-trio-card");
  await dots.nth(5).hover();
  await expect(card.getByTestId("dot-card-label")).toHaveText(labels[5]?.label ?? "");

  // Exports: SVG and PNG made in the browser, CSV from the server.
  const svg = await download(page, () =>
    page.getByRole("button", { name: "Download SVG" }).click(),
  );
  expect(svg.name).toMatch(
    /^matrix-trio-northbrook-trio-autumn-1-2026-27-to-autumn-2-2026-27\.svg$/,
  );
  expect(svg.body.toString("utf8")).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  expect(svg.body.toString("utf8")).toContain("Ready to learn");
  expect(svg.body.toString("utf8")).toContain("Northbrook Trio");
  const png = await download(page, () =>
    page.getByRole("button", { name: "Download PNG" }).click(),
  );
  expect(png.name).toMatch(/\.png$/);
  expect(png.body.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  expect(png.body.length).toBeGreaterThan(20_000);
  const csv = await download(page, () => page.getByRole("link", { name: "Download CSV" }).click());
  expect(csv.name).toBe("matrix-trio-northbrook-trio.csv");
  const lines = csv.body.toString("utf8").trim().split(/\r?\n/);
  expect(lines[0]).toMatch(/^School,Pupil,/);
  expect(lines).toHaveLength(46);
  for (const line of lines.slice(1).filter((l) => !l.startsWith(OWN_CODE))) {
    expect(line.split(",")[1]).toMatch(PSEUDONYM);
  }

  // Presentation mode for the trio meeting: full screen, Escape leaves.
  await page.getByRole("button", { name: "Present full screen" }).click();
  const leave = page.getByRole("button", { name: "Leave presentation (Esc)" });
  await expect(leave).toBeVisible();
  expect(await page.evaluate(() => document.fullscreenElement?.className ?? "")).toContain(
    "matrix-stage",
  );
  await expectAccessible(page, "matrix presentation mode");
  await page.screenshot({ path: ".tmp/screens/matrix-presentation.png" });
  await page.keyboard.press("Escape");
  await expect(leave).toHaveCount(0);
  expect(await page.evaluate(() => document.fullscreenElement)).toBeNull();

  expect(errors).toEqual([]);
  await close();
});

/** Builds what the journey needs: a cohort one pupil of which has left, swapped for the best candidate outside it. */
async function cohortChangedOnce(page: Page, schoolId: string) {
  const url = `${DEMO_BASE_URL}/api/schools/${schoolId}/cohort`;
  const cohort = await (await page.request.get(url)).json();
  if (cohort.history.some((h: { leftOn: string | null }) => h.leftOn !== null)) return;
  const { candidates } = await (await page.request.get(`${url}/candidates`)).json();
  const outside = candidates.find((c: { inCohort: boolean }) => !c.inCohort);
  const members: string[] = cohort.members.map((m: { pupilId: string }) => m.pupilId);
  const saved = await page.request.put(url, {
    headers: { origin: DEMO_BASE_URL },
    data: {
      pupilIds: [...members.slice(1), outside.pupilId],
      reason: "The matrix journey's own change",
    },
  });
  expect(saved.status()).toBe(200);
}

async function download(page: Page, action: () => Promise<void>) {
  const [file] = await Promise.all([page.waitForEvent("download"), action()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), body: fs.readFileSync(path) };
}

test("a value recorded for the later point moves the pupil's dot", async ({ browser }) => {
  const { page, errors, close } = await signedIn(browser, accounts().leader);
  const { schoolId } = await ownSchool(page);
  const api = (path: string) => page.request.get(`${DEMO_BASE_URL}${path}`).then((r) => r.json());
  const matrix = await api("/api/matrix?view=school");
  const dot = matrix.dots.find((d: { to: { y: number } | null }) => d.to !== null && d.to.y < 4.5);
  const [, pointName] = String(matrix.to).split("|");
  const points = (await api(`/api/schools/${schoolId}/assessment-points`)).items;
  const point = points.find((p: { name: string }) => p.name === pointName);
  const themes = (await api(`/api/schools/${schoolId}/measures`)).items.filter(
    (m: { key: string }) => m.key.startsWith("theme-"),
  );
  expect(themes).toHaveLength(3);

  await page.goto(`${DEMO_BASE_URL}/matrix?view=school`);
  const row = page.getByTestId("matrix-row").filter({ hasText: dot.label });
  await expect(row).toHaveCount(1);
  const before = await row.textContent();
  const saved = await page.request.put(`${DEMO_BASE_URL}/api/observations`, {
    headers: { origin: DEMO_BASE_URL },
    data: {
      observations: themes.map((m: { id: string }) => ({
        pupilId: dot.key,
        measureId: m.id,
        assessmentPointId: point.id,
        value: 5,
      })),
    },
  });
  expect(saved.status()).toBe(200);

  await page.reload();
  await expect(row).toHaveCount(1);
  await expect(row).not.toHaveText(before ?? "");
  // Learning behaviours at the later point is now the top of the scale.
  await expect(row.getByRole("cell").nth(5)).toHaveText("5");
  await expectAccessible(page, "matrix after a new value");
  await screenshot(page, "matrix-school-moved");
  expect(errors).toEqual([]);
  await close();
});

test("the programme lead sees the cluster and its trio, every pupil pseudonymised", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().lead);
  await page.getByRole("link", { name: /^Open the matrix for / }).click();
  await expect(page.getByRole("heading", { name: /^The matrix: .*Cluster/ })).toBeVisible();
  const rows = page.getByTestId("matrix-row");
  await expect(rows.first()).toBeVisible();
  const labels = await rows.evaluateAll((els) => els.map((el) => el.getAttribute("data-label")));
  expect(labels.length).toBeGreaterThanOrEqual(45);
  for (const label of labels) expect(label).toMatch(PSEUDONYM);
  await expect(page.getByRole("navigation", { name: "My school" })).toHaveCount(0);
  await expect(page.getByRole("radio", { name: "My school" })).toHaveCount(0);
  // Another axis, and the table sorted by it.
  await choose(page, "Up (y axis)", "Resilient Learner");
  await expect(page).toHaveURL(/y=measure%3Atheme-resilient/);
  const sortBy = page.getByRole("columnheader", { name: /^Resilient Learner.*Autumn 2/ });
  await sortBy.getByRole("button").click();
  await expect(sortBy).toHaveAttribute("aria-sort", "ascending");
  await expect(page.getByRole("button", { name: "Save as the cluster's default" })).toBeVisible();
  // The quadrants are named from the axes chosen, not from attainment and learning behaviours.
  await choose(page, "Across (x axis)", "Attendance");
  await expect(page).toHaveURL(/x=measure%3Aattendance/);
  const quadrants = page.getByRole("heading", { name: "The quadrants" }).locator("..");
  await expect(quadrants).toContainText(
    "Stronger in Resilient Learner: At or above expected in Resilient Learner, but Attendance is below expected.",
  );
  await expect(quadrants).toContainText("Stronger in Attendance:");
  await expect(quadrants).not.toContainText("attainment");
  await expect(quadrants).not.toContainText("learning behaviours");
  await expect(quadrants).not.toContainText("Ready to learn");
  await expectAccessible(page, "matrix, cluster view for the programme lead");
  await screenshot(page, "matrix-cluster-lead");

  await page.getByRole("link", { name: "My cluster" }).click();
  await expect(page.getByRole("link", { name: "Open the cluster's matrix" })).toBeVisible();
  await page.getByRole("link", { name: "Open the matrix for Northbrook Trio" }).click();
  await expect(page.getByRole("heading", { name: "The matrix: Northbrook Trio" })).toBeVisible();
  await expect(rows).toHaveCount(45);
  for (const label of await rows.evaluateAll((els) =>
    els.map((el) => el.getAttribute("data-label")),
  )) {
    expect(label).toMatch(PSEUDONYM);
  }
  await expectAccessible(page, "matrix, trio view for the programme lead");
  expect(errors).toEqual([]);
  await close();
});
