import { expect, type Page, test } from "@playwright/test";
import { expectAccessible } from "./support/checks.ts";
import { accounts, ownSchool, signedIn } from "./support/cohort-matrix.ts";
import { DEMO_BASE_URL } from "./support/demo.ts";
import { makeSchool, signedInLeader } from "./support/new-school.ts";
import { screenshot } from "./support/ui.ts";

/**
 * Case studies on the demo network (issue 16): a leader turns the evaluated
 * strategy into a case study, is stopped by a pupil's name in the team's words,
 * removes it and submits; the cluster's programme lead publishes it to the whole
 * network; a teacher at a school outside the cluster finds it by search, and
 * reads it with no pupil and no school named.
 */
test.describe.configure({ mode: "serial", timeout: 180_000 });

const TITLE = `Reading buddies across year 4 ${Date.now().toString(36)}`;
const LEARNED =
  "Short daily sessions with an older reading buddy kept pupils keen; fluency rose most in the first half-term.";
let pupilNames: string[] = [];
let schoolName = "";

async function openCaseStudy(page: Page, title: string) {
  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "Case studies", exact: true })
    .click();
  await expect(page.getByRole("heading", { name: "Case studies", level: 1 })).toBeVisible();
  await page.getByRole("link", { name: title }).first().click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();
}

test("a leader drafts a case study, is stopped by a pupil's name, fixes it and submits", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().leader);
  const own = await ownSchool(page);
  pupilNames = own.all;
  const me = await (await page.request.get(`${DEMO_BASE_URL}/api/me`)).json();
  schoolName = me.schools.find((s: { id: string }) => s.id === own.schoolId)?.name ?? "";
  expect(schoolName).not.toBe("");
  const pupil = pupilNames[0] ?? "";
  expect(pupil).not.toBe("");

  await page
    .getByRole("navigation", { name: "Main" })
    .getByRole("link", { name: "My school", exact: true })
    .click();
  await page
    .getByRole("navigation", { name: "My school" })
    .getByRole("link", { name: "Strategies" })
    .click();
  await page.getByRole("link", { name: "Reading buddies" }).first().click();
  await page.getByRole("link", { name: "Start a case study" }).click();
  await expect(page.getByRole("heading", { name: "Start a case study", level: 1 })).toBeVisible();
  await expectAccessible(page, "start a case study");
  await page.getByRole("button", { name: "Draft the case study" }).click();

  // The draft: the facts from the record, in sections; the team's words still to come.
  await expect(page.getByRole("heading", { name: "What the data showed" })).toBeVisible();
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();
  await page.getByRole("button", { name: "Edit the team's words" }).click();
  await page.getByRole("textbox", { name: "Title" }).fill(TITLE);
  await page
    .getByRole("textbox", { name: "What we learned" })
    .fill(`${LEARNED} ${pupil} loved it.`);
  await page
    .getByRole("textbox", { name: "Advice to another school" })
    .fill("Train the buddies first.");
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  await page.getByRole("button", { name: "Submit for review" }).click();
  const stop = page.getByRole("alert").filter({ hasText: "This case study names a pupil" });
  await expect(stop).toBeVisible();
  for (const word of pupil.split(/\s+/)) await expect(stop).toContainText(word);
  await expect(page.getByText("Draft", { exact: true })).toBeVisible();

  await page.getByRole("textbox", { name: "What we learned" }).fill(LEARNED);
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByText("Submitted for review", { exact: true })).toBeVisible();
  await expect(stop).toHaveCount(0);
  await expectAccessible(page, "case study (leader, submitted)");
  await screenshot(page, "case-study-leader");
  expect(errors).toEqual([]);
  await close();
});

test("the cluster's programme lead publishes it to the whole network", async ({ browser }) => {
  const { page, errors, close } = await signedIn(browser, accounts().lead);
  await openCaseStudy(page, TITLE);
  await expect(page.getByText("Submitted for review", { exact: true })).toBeVisible();
  await expect(page.getByText(LEARNED)).toBeVisible();
  await page.getByRole("radio", { name: "The whole network" }).check();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByText("Published", { exact: true })).toBeVisible();
  await expectAccessible(page, "case study (programme lead, published)");
  expect(errors).toEqual([]);
  await close();
});

test("a teacher at a school outside the cluster finds it by search, with no pupil or school named", async ({
  browser,
}) => {
  const admin = await signedIn(browser, accounts().admin);
  const stamp = Date.now().toString(36);
  const school = await makeSchool(admin.page, `Elmfield Outside Primary ${stamp}`);
  const { lead: page, context } = await signedInLeader(admin.page, browser, {
    schoolId: school.id,
    role: "teacher",
    leader: {
      name: "Tess Reader",
      email: `tess-${stamp}@elmfield.test`,
      password: "correct horse battery staple 7",
    },
    approver: {
      name: "Second Admin",
      email: `second-${stamp}@network.test`,
      password: "correct horse battery staple 8",
    },
  });
  await admin.close();

  await page.goto(`${DEMO_BASE_URL}/case-studies`);
  await page.getByLabel("Search", { exact: true }).fill("reading buddy fluency");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByRole("link", { name: TITLE })).toBeVisible();
  await expectAccessible(page, "case-study library (search)");
  await screenshot(page, "case-study-library");
  await page.getByRole("link", { name: TITLE }).first().click();
  await expect(page.getByRole("heading", { name: TITLE, level: 1 })).toBeVisible();
  await expect(page.getByText(LEARNED)).toBeVisible();
  const text = await page.locator("main").innerText();
  for (const name of pupilNames) expect(text).not.toContain(name);
  expect(text).not.toContain(schoolName);
  await expectAccessible(page, "case study (teacher elsewhere)");
  await context.close();
});
