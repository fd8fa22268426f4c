import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, watchForBrowserErrors } from "./support/checks.ts";
import { makeSchool, signedInLeader } from "./support/new-school.ts";
import { dialogSettled } from "./support/pupil-data.ts";
import { acceptInvitation, admin, choose, screenshot, signIn } from "./support/ui.ts";

/**
 * Retention (issue #15): on the main Cascade, after foundation.spec.ts made its
 * administrator, this journey builds its own school (enrolled in a programme year
 * of its own), leader and teacher. The administrator changes a retention rule
 * (a wrong value refused first), places and releases a legal hold, previews and
 * runs retention, and reads the records of processing; the leader sees the
 * school's schedule and next deletion date; the teacher is refused that page.
 */
const suffix = Math.random().toString(16).slice(2, 8);
const schoolName = `Keepwell Primary ${suffix}`;
const leader = {
  name: "Rosa Retain",
  email: `rosa-${suffix}@network.test`,
  password: "juniper harbour cobble 31",
};
const approver = {
  name: "Aldo Approver",
  email: `aldo-${suffix}@network.test`,
  password: "meadow lantern quartz 64",
};
const teacher = {
  name: "Tomas Teach",
  email: `tomas-${suffix}@network.test`,
  password: "bramble orchard copper 19",
};

async function post(page: Page, path: string, data: unknown) {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(`${origin}${path}`, { data, headers: { origin } });
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return response.status() === 204 ? null : response.json();
}

const MAIN_NAV = (page: Page) => page.getByRole("navigation", { name: "Main navigation" });

test("an administrator sets retention, holds a school and runs retention; a leader sees the schedule; a teacher is refused", async ({
  browser,
  page,
}) => {
  test.setTimeout(240_000);
  const errors = watchForBrowserErrors(page);

  // The administrator builds a school, enrolled in a programme year that ended on 31 August 2026.
  await signIn(page, admin.email, admin.password);
  const school = await makeSchool(page, schoolName);
  const programme = await post(page, "/api/programmes", {
    name: `Retention Programme ${suffix}`,
    themes: [{ name: "Reading" }],
    workshops: [],
  });
  const year = await post(page, "/api/programme-years", {
    programmeId: programme.id,
    academicYear: "2025/26",
  });
  const cluster = await post(page, "/api/clusters", {
    programmeYearId: year.id,
    name: `Keepwell Cluster ${suffix}`,
    facilitationSchoolId: school.id,
    programmeLeadEmails: [`pat-${suffix}@network.test`],
  });
  const enrolment = await post(page, "/api/enrolments", {
    schoolId: school.id,
    clusterId: cluster.id,
  });

  // Its leader (an administrator's grant of a school role waits for a second administrator).
  const { lead, context: leaderContext } = await signedInLeader(page, browser, {
    schoolId: school.id,
    leader,
    approver,
  });
  const leadErrors = watchForBrowserErrors(lead);
  // The leader invites a teacher to the school's team.
  const teacherInvitation = await post(lead, `/api/enrolments/${enrolment.id}/team`, {
    email: teacher.email,
    teamRole: "teacher",
  });

  // 1. Admin · Retention: the rules, the daily run, the legal holds.
  await MAIN_NAV(page).getByRole("link", { name: "Admin · Retention" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Retention" })).toBeVisible();
  const rules = page.getByRole("region", { name: "Retention rules" });
  const pupilYears = rules.getByRole("textbox", { name: /^Pupil-level data: years after/ });
  await expect(pupilYears).toHaveValue(/^\d+$/);
  const before = await pupilYears.inputValue();
  const auditBefore = await rules
    .getByRole("textbox", { name: /^Audit log: years kept/ })
    .inputValue();
  await expectAccessible(page, "retention page");
  await screenshot(page, "retention");
  await page.screenshot({ path: "/tmp/retention-admin.png", fullPage: true });

  // A value out of range is refused with the range, and nothing is saved.
  await pupilYears.fill("11");
  await rules.getByRole("button", { name: "Save the rules" }).click();
  await expect(pupilYears).toHaveAccessibleDescription(
    /Type a whole number of years from 1 to 10\./,
  );
  await expect(pupilYears).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "retention rules with an error");
  await page.reload();
  await expect(pupilYears).toHaveValue(before);

  // A good value, typed and saved from the keyboard, is kept after a reload.
  const chosen = before === "4" ? "5" : "4";
  await pupilYears.fill(chosen);
  await pupilYears.press("Enter");
  await expect(rules.getByRole("status")).toHaveText("Saved.");
  await page.reload();
  await expect(pupilYears).toHaveValue(chosen);
  await expect(rules.getByRole("status")).toHaveText(/^Last changed /);

  // A legal hold on the school is listed, then released from the keyboard.
  const holds = page.getByRole("region", { name: "Legal holds" });
  const form = holds.getByRole("form", { name: "Place a legal hold" });
  await form.getByRole("button", { name: "Place the hold" }).click();
  await expect(form.getByText("Choose a school.")).toBeVisible();
  await choose(form, "School", schoolName, schoolName);
  await form.getByRole("textbox", { name: "Reason" }).fill("A subject access request in progress");
  await form.getByRole("button", { name: "Place the hold" }).click();
  await expect(form.getByRole("status")).toHaveText("Hold placed.");
  const inForce = holds.getByRole("table", { name: "Legal holds in force" });
  const held = inForce.getByRole("row", { name: new RegExp(schoolName) });
  await expect(held).toContainText(`${schoolName} (school)`);
  await expect(held).toContainText("A subject access request in progress");
  await expect(held).toContainText(`by ${admin.name}`);
  await expectAccessible(page, "retention page with a legal hold");
  const heldSchedule = await (await lead.request.get(`/api/schools/${school.id}/retention`)).json();
  expect(heldSchedule).toMatchObject({ schoolHeld: true, nextDeletionDate: null });

  // Preview, then run now: the report of what was deleted.
  const daily = page.getByRole("region", { name: "The daily run" });
  await daily.getByRole("button", { name: "Preview a run" }).click();
  const preview = daily.getByRole("table", { name: "What a run now would delete" });
  await expect(preview.getByRole("columnheader", { name: "Would delete" })).toBeVisible();
  await expect(preview.getByRole("row", { name: /^Observations \d+$/ })).toBeVisible();
  await daily.getByRole("button", { name: "Run now" }).click();
  const confirm = page.getByRole("dialog", { name: "Delete what is past retention now?" });
  await dialogSettled(confirm);
  await expectAccessible(page, "run retention now dialog");
  await confirm.getByRole("button", { name: "Run now" }).click();
  await expect(confirm).toBeHidden();
  const report = daily.getByRole("table", { name: "What the last run deleted" });
  await expect(report.getByRole("columnheader", { name: "Deleted" })).toBeVisible();
  for (const category of ["Observations", "Cohort places", "Pupils erased", "Audit rows"]) {
    await expect(report.getByRole("row", { name: new RegExp(`^${category} \\d+$`) })).toBeVisible();
  }
  await expect(daily.getByText(/^Last run .* \(admin\): pupil-level data/)).toContainText(
    /Legal holds kept [1-9]\d* school\(s\)/,
  );
  await expectAccessible(page, "retention page with the run's report");
  await screenshot(page, "retention-run");
  await page.screenshot({ path: "/tmp/retention-admin-run.png", fullPage: true });

  const release = inForce.getByRole("button", { name: `Release the hold on ${schoolName}` });
  await release.focus();
  await page.keyboard.press("Enter");
  await expect(held).toBeHidden();

  // 2. Admin · Records of processing: categories, counts, purposes and retention.
  await MAIN_NAV(page).getByRole("link", { name: "Admin · Records of processing" }).click();
  await expect(
    page.getByRole("heading", { level: 1, name: "Records of processing" }),
  ).toBeVisible();
  const held_ = page.getByRole("table", { name: "Personal data held, with counts now" });
  await expect(
    held_.getByRole("row", { name: /^Pupil identity \d[\d,]* pupils on record/ }),
  ).toContainText(`Deleted ${chosen} years after the end of the programme year`);
  const staff = held_.getByRole("row", { name: /^Staff accounts / });
  const staffCount = Number(
    /(\d[\d,]*) accounts/.exec((await staff.textContent()) ?? "")?.[1]?.replace(/,/g, ""),
  );
  // At least the administrators, the leader and the teacher invited here.
  expect(staffCount).toBeGreaterThanOrEqual(3);
  const identity = page.getByRole("region", { name: "Pupil identity" });
  await expect(identity.getByText("Purpose", { exact: true })).toBeVisible();
  await expect(identity.getByText("Lawful basis", { exact: true })).toBeVisible();
  await expect(identity).toContainText(
    `Deleted ${chosen} years after the end of the programme year`,
  );
  await expect(page.getByRole("region", { name: /^Disadvantage indicators/ })).toContainText(
    "Sensitive",
  );
  await expectAccessible(page, "records of processing");
  await screenshot(page, "records-of-processing");
  expect(errors).toEqual([]);

  // 3. The leader's My school · Data retention: the schedule and the next deletion date.
  await lead.goto("/");
  await MAIN_NAV(lead).getByRole("link", { name: "My school" }).click();
  await lead
    .getByRole("navigation", { name: "My school" })
    .getByRole("link", { name: "Data retention", exact: true })
    .click();
  await expect(lead.getByRole("heading", { level: 1, name: "Data retention" })).toBeVisible();
  const next = `1 Sep ${2026 + Number(chosen)}`;
  await expect(lead.getByTestId("next-deletion")).toHaveText(`Next deletion: ${next}`);
  await expect(lead.getByText(`is deleted ${chosen} years after the end`)).toBeVisible();
  const schedule = lead.getByRole("table", {
    name: "Programme years and when their pupil data is deleted",
  });
  const row = schedule.getByRole("row", { name: /^2025\/26/ });
  await expect(row).toContainText("31 Aug 2026");
  await expect(row).toContainText(next);
  await expect(row).toContainText("Kept until then");
  await expectAccessible(lead, "a school's retention schedule");
  await screenshot(lead, "school-retention");
  expect(leadErrors).toEqual([]);
  await leaderContext.close();

  // A teacher of the school is refused the page, in the page's words.
  const teacherContext = await browser.newContext();
  const teaching = await teacherContext.newPage();
  await acceptInvitation(teaching, teacherInvitation.url, teacher);
  await expect(
    teaching
      .getByRole("navigation", { name: "My school" })
      .getByRole("link", { name: "Data retention" }),
  ).toHaveCount(0);
  await teaching.goto("/my-school/retention");
  await expect(
    teaching.getByRole("heading", { level: 1, name: "You cannot open this page" }),
  ).toBeVisible();
  await expect(
    teaching.getByText("Only the school's leaders can see the school's retention schedule."),
  ).toBeVisible();
  await expectAccessible(teaching, "retention schedule refused to a teacher");
  const refused = await teaching.request.get(`/api/schools/${school.id}/retention`);
  expect(refused.status()).toBe(403);
  await teacherContext.close();

  // The network's rules as they were, for the journeys that follow.
  const origin = new URL(page.url()).origin;
  const restored = await page.request.put(`${origin}/api/retention/settings`, {
    data: { pupilDataYears: Number(before), auditLogYears: Number(auditBefore) },
    headers: { origin },
  });
  expect(restored.ok(), await restored.text()).toBe(true);
});
