import fs from "node:fs";
import { expect, type Page, test } from "@playwright/test";
import { expectAccessible as axeCheck } from "./support/checks.ts";
import { accounts, ownSchool, signedIn } from "./support/cohort-matrix.ts";
import { DEMO_BASE_URL } from "./support/demo.ts";
import { screenshot } from "./support/ui.ts";

/**
 * Running the programme year on the demo network: the programme lead schedules a
 * workshop with materials and tasks, a teacher sees it next on the home page and
 * turns its follow-up into an action, the lead takes the register and records a
 * visit with an agreed action, the school leader sees the action and responds;
 * settings (reminders, the calendar feed) and the administrator's outbox.
 */
test.describe.configure({ mode: "serial", timeout: 120_000 });

/** A London date `days` from today, as YYYY-MM-DD. */
function londonDay(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
  return new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Axe on the page as it rests: the pointer moved off the button just clicked, whose
 * hover colours (the theme's light variant) are a passing state.
 */
async function expectAccessible(page: Page, context: string) {
  await page.mouse.move(0, 0);
  await axeCheck(page, context);
}

/** "2026-12-02" → "2 Dec 2026", as the pages write dates. */
function readableDay(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    timeZone: "UTC",
  });
}

const WORKSHOP = "Sharing what works (extra session)";
const NEXT_WORKSHOP = "Trio planning (follow-up session)";
const TASK = "Try the sharing protocol with your cohort";
const AGREED = "Share the cohort's spring data with the trio";
const RESPONSE = "We will bring the spring data to the next trio meeting.";

async function openCluster(page: Page) {
  await page.getByRole("link", { name: "My cluster", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Northbrook Cluster", level: 1 })).toBeVisible();
}

test("the programme lead schedules a workshop with materials and tasks", async ({ browser }) => {
  const { page, errors, close } = await signedIn(browser, accounts().lead);
  await openCluster(page);

  // The year at a glance: one row per school, marks in words, no pupils.
  const progress = page.getByRole("table", { name: /^Progress of each school/ });
  await expect(progress.getByTestId("progress-row")).toHaveCount(5);
  await expect(progress.getByTestId("progress-row").first()).toContainText("Meets guidance");
  await expect(progress).toContainText("Yes, 15 pupils");
  await expect(progress).toContainText("1 overdue");
  const workshops = page.getByRole("table", { name: "The cluster's workshops" });
  await expect(workshops.getByRole("row")).toHaveCount(7);
  await expectAccessible(page, "cluster page with progress, workshops and visits");
  await screenshot(page, "year-cluster");

  // Schedule: the plan is all scheduled already, so this one is the lead's own.
  await page.getByRole("button", { name: "Schedule a workshop" }).click();
  const dialog = page.getByRole("dialog", { name: "Schedule a workshop" });
  await dialog.getByRole("textbox", { name: "Title" }).fill(WORKSHOP);
  await dialog.getByLabel("Focus").fill("Each team shows one strategy's early data to the others.");
  await dialog.getByLabel("Date").fill(londonDay(1));
  await dialog.getByLabel("Starts").fill("15:45");
  await dialog.getByLabel("Ends").fill("15:00");
  await dialog.getByLabel("Venue").fill("Room 4, Northbrook (fictional)");
  await dialog.getByLabel("Online link").fill("meet.example.org/abc");
  await dialog.getByRole("button", { name: "Schedule workshop" }).click();
  await expect(dialog.getByText("The workshop ends after it starts.")).toBeVisible();
  await expect(dialog.getByText("Use a web address starting https://.")).toBeVisible();
  await expectAccessible(page, "schedule workshop dialog with errors");
  await screenshot(page, "year-schedule-errors");
  await dialog.getByLabel("Ends").fill("17:15");
  await dialog.getByLabel("Online link").fill("https://meet.example.org/abc");
  await dialog.getByRole("button", { name: "Schedule workshop" }).click();
  await expect(page.getByRole("heading", { name: WORKSHOP, level: 1 })).toBeVisible();
  await expect(page.getByText(/15:45–17:15/)).toBeVisible();

  // A link, a file too large (refused before it is sent), and a file.
  await page.getByText("A link", { exact: true }).click();
  const linkForm = page.getByRole("form", { name: "Add a link" });
  await linkForm.getByLabel("Title").fill("EEF guidance on metacognition");
  await linkForm.getByLabel("Web address").fill("https://example.org/metacognition");
  await linkForm.getByRole("button", { name: "Add link" }).click();
  const materials = page.getByRole("list", { name: "Materials" });
  await expect(
    materials.getByRole("link", { name: "EEF guidance on metacognition" }),
  ).toBeVisible();
  await page.getByText("A file", { exact: true }).click();
  const uploadForm = page.getByRole("form", { name: "Upload a file" });
  const fileInput = uploadForm.locator('input[type="file"]');
  await fileInput.setInputFiles({
    name: "recording.mp4",
    mimeType: "video/mp4",
    buffer: Buffer.alloc(21 * 1024 * 1024),
  });
  await expect(uploadForm.getByText(/files can be up to 20 MB/)).toBeVisible();
  await uploadForm.getByRole("button", { name: "Upload file" }).click();
  await expect(materials.getByRole("listitem")).toHaveCount(1);
  await expectAccessible(page, "workshop page with a file too large");
  // A program named like a PDF is refused by what it holds.
  await fileInput.setInputFiles({
    name: "notes.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("MZ\u0090\u0000 a program, not a handout"),
  });
  await uploadForm.getByRole("button", { name: "Upload file" }).click();
  await expect(uploadForm.getByText(/not a document or image Cascade accepts/)).toBeVisible();
  await expect(materials.getByRole("listitem")).toHaveCount(1);
  await fileInput.setInputFiles({
    name: "handout.pdf",
    mimeType: "application/pdf",
    buffer: Buffer.from("%PDF-1.4 fictional handout"),
  });
  await uploadForm.getByLabel("Title").fill("Sharing protocol handout");
  await uploadForm.getByRole("button", { name: "Upload file" }).click();
  await expect(materials.getByRole("link", { name: "Sharing protocol handout" })).toBeVisible();

  // A follow-up task for every team.
  const taskForm = page.getByRole("form", { name: "Set a task" });
  await taskForm.getByRole("textbox", { name: "Task" }).fill(TASK);
  await taskForm.getByLabel("Due").fill(londonDay(9));
  await taskForm.getByRole("button", { name: "Set task" }).click();
  await expect(page.getByText("Set for every team.")).toBeVisible();
  await expect(page.getByText(TASK, { exact: true })).toBeVisible();
  await expectAccessible(page, "workshop page, lead");
  await screenshot(page, "year-workshop-lead");
  expect(errors).toEqual([]);
  await close();
});

test("a teacher sees the workshop next, downloads its handout and makes its follow-up an action", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().teacher);
  const next = page.getByRole("list", { name: "Your next three events" });
  await expect(next.getByRole("listitem").first()).toContainText(WORKSHOP);
  await expect(next.getByRole("listitem").first()).toContainText("15:45–17:15");
  const overdue = page.getByRole("region", { name: "Overdue actions" });
  await expect(overdue).toContainText("Agree a date for the next data drop");
  await expectAccessible(page, "teacher's home page with what's next");
  await screenshot(page, "year-home-teacher");

  // The calendar: the year by month, filtered by kind.
  await page.getByRole("link", { name: "Calendar", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Calendar", level: 1 })).toBeVisible();
  const workshopLink = page.getByRole("link", { name: WORKSHOP });
  await expect(workshopLink).toBeVisible();
  await expect(page.getByText("This month", { exact: true })).toBeVisible();
  await expectAccessible(page, "calendar page");
  await screenshot(page, "year-calendar");
  await page.getByText(/^Workshops \(\d+\)$/).click();
  await expect(workshopLink).toHaveCount(0);
  await page.getByText(/^Workshops \(\d+\)$/).click();

  // The same events as a month grid, chosen and used with the keyboard alone.
  await page.getByRole("radio", { name: "List by month" }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio", { name: "Month grid" })).toBeChecked();
  const grid = page.getByRole("table", { name: /by week from Monday to Sunday$/ });
  await expect(grid).toBeVisible();
  await expect(grid.getByRole("columnheader")).toHaveCount(7);
  await expect(page.getByRole("button", { name: "This month" })).toBeDisabled();
  const inGrid = grid.getByRole("link", { name: WORKSHOP });
  for (let i = 0; i < 3 && (await inGrid.count()) === 0; i++)
    await page.getByRole("button", { name: /→$/ }).click();
  await expect(inGrid).toBeVisible();
  await expectAccessible(page, "calendar month grid");
  await screenshot(page, "year-calendar-grid");
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("button", { name: "This month" })).toBeHidden();
  await expect(inGrid).toBeVisible();
  await screenshot(page, "year-calendar-grid-print");
  await page.emulateMedia({ media: "screen" });
  await inGrid.focus();
  await page.keyboard.press("Enter");

  // Read-only for the team: the handout downloads, the follow-up becomes an action.
  await expect(page.getByRole("heading", { name: WORKSHOP, level: 1 })).toBeVisible();
  await expect(page.getByRole("button", { name: "Upload file" })).toHaveCount(0);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Sharing protocol handout" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("handout.pdf");
  expect(fs.readFileSync(await download.path(), "utf8")).toBe("%PDF-1.4 fictional handout");
  await expectAccessible(page, "workshop page, team member");
  await screenshot(page, "year-workshop-team");
  await page.getByRole("link", { name: `Make it one of our actions: ${TASK}` }).click();
  const dialog = page.getByRole("dialog", { name: "Add an action" });
  await expect(dialog.getByLabel("What will be done")).toHaveValue(TASK);
  await expect(dialog.getByLabel("Due")).toHaveValue(londonDay(9));
  await dialog.getByLabel("Pupil group").fill("Target cohort");
  await expectAccessible(page, "add action dialog");
  await dialog.getByRole("button", { name: "Add action" }).click();
  await expect(dialog).toHaveCount(0);
  const row = page.getByTestId("action-row").filter({ hasText: TASK });
  await expect(row).toContainText(`Workshop follow-up: ${WORKSHOP}`);
  await expect(row).toContainText("Pupils: Target cohort");
  await row.getByRole("combobox", { name: `Status of ${TASK}` }).selectOption("in_progress");
  await expect(page.getByText(/^In progress \(2\)$/)).toBeVisible();
  await expectAccessible(page, "actions page, teacher");
  await screenshot(page, "year-actions-teacher");
  expect(errors).toEqual([]);
  await close();
});

test("the lead takes the register, writes the summary and records a visit with an agreed action", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().lead);
  await openCluster(page);
  await page.getByRole("link", { name: WORKSHOP }).click();
  await expect(page.getByRole("heading", { name: WORKSHOP, level: 1 })).toBeVisible();

  // Tomorrow's workshop: the register and summary wait for the day, and say when it is.
  const register = page.getByRole("table", { name: `Register for ${WORKSHOP}` });
  const rows = register.getByTestId("register-row");
  await expect(rows).toHaveCount(21);
  const opens = `The register and summary open on ${readableDay(londonDay(1))}, the day of the workshop.`;
  await expect(page.getByText(opens, { exact: true }).first()).toBeVisible();
  await expect(register).toHaveAccessibleDescription(opens);
  await expect(rows.first().getByRole("radio").first()).toBeDisabled();
  await expect(page.getByRole("button", { name: "Save the register" })).toBeDisabled();
  await expect(
    page.getByRole("button", { name: "Mark everyone not yet marked present" }),
  ).toBeDisabled();
  await expect(page.getByLabel("What happened, in a few lines")).toHaveCount(0);
  await expectAccessible(page, "register before the day of the workshop");
  await screenshot(page, "year-register-before-the-day");

  // The plan stays editable: the lead brings the workshop forward to today, and the register opens.
  await page.getByRole("button", { name: "Change date, time or place" }).click();
  const change = page.getByRole("dialog", { name: `Change ${WORKSHOP}` });
  await change.getByLabel("Date").fill(londonDay(0));
  await change.getByRole("button", { name: "Save changes" }).click();
  await expect(change).toBeHidden();
  await expect(page.getByText(opens, { exact: true })).toHaveCount(0);

  // One table for every team; Tab moves between people, arrow keys choose.
  await page.getByRole("button", { name: "Mark everyone not yet marked present" }).click();
  const first = rows.first().getByRole("radio");
  await first.nth(0).focus();
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("ArrowRight");
  await expect(first.nth(2)).toBeChecked();
  await page.keyboard.press("Tab");
  await expect(rows.nth(1).getByRole("radio").nth(0)).toBeFocused();
  await page.keyboard.press("ArrowRight");
  await expect(rows.nth(1).getByRole("radio").nth(1)).toBeChecked();
  await expect(page.getByText("21 of 21 marked · not saved yet.")).toBeVisible();
  await expectAccessible(page, "register, being taken");
  await screenshot(page, "year-register");
  await page.getByRole("button", { name: "Save the register" }).click();
  await expect(page.getByText("Saved.", { exact: true })).toBeVisible();
  const saved = await (
    await page.request.get(
      `${DEMO_BASE_URL}${new URL(page.url()).pathname.replace("/workshops/", "/api/workshops/")}/register`,
    )
  ).json();
  const statuses = saved.schools.flatMap((s: { members: { status: string }[] }) =>
    s.members.map((m) => m.status),
  );
  expect(statuses.filter((s: string) => s === "present")).toHaveLength(19);
  expect(statuses.filter((s: string) => s === "apologies")).toHaveLength(1);
  expect(statuses.filter((s: string) => s === "absent")).toHaveLength(1);

  await page.getByLabel("What happened, in a few lines").fill("Every team shared early data.");
  await page.getByRole("button", { name: "Save summary" }).click();
  await expect(
    page
      .getByRole("status")
      .filter({ hasText: /^Saved\.$/ })
      .last(),
  ).toBeVisible();

  // A visit to Northbrook, recorded with an agreed action.
  await openCluster(page);
  await page
    .getByRole("button", { name: "Book a visit to Northbrook Fictional Primary School" })
    .click();
  const book = page.getByRole("dialog", { name: "Book a visit" });
  await book.getByRole("button", { name: "Book visit" }).click();
  await expect(book.getByText("Choose the day of the visit.")).toBeVisible();
  await book.getByLabel("Day of the visit").fill(londonDay(0));
  await book.getByRole("button", { name: "Book visit" }).click();
  await expect(
    page.getByRole("heading", { name: "Visit to Northbrook Fictional Primary School", level: 1 }),
  ).toBeVisible();
  await expect(page.getByText("Booked", { exact: true })).toBeVisible();
  await page.getByLabel("Strengths").fill("The team meets weekly and knows each pupil.");
  await page.getByLabel("Challenges").fill("Spring data collection clashes with mocks.");
  await page.getByLabel("Questions posed").fill("Which strategy would you stop first, and why?");
  await page.getByRole("button", { name: "Add an agreed action" }).click();
  await page.getByRole("textbox", { name: "Agreed action 1" }).fill(AGREED);
  await page
    .getByRole("group", { name: /New actions agreed/ })
    .getByLabel("Due")
    .fill(londonDay(20));
  await page.getByRole("button", { name: "Save the visit" }).click();
  await expect(page.getByText("Saved. The school's team can read it now.")).toBeVisible();
  await expect(page.getByRole("table", { name: "Agreed actions" })).toContainText(AGREED);
  await expect(page.getByText("The school's leader has not responded yet.")).toBeVisible();
  await expectAccessible(page, "visit page, lead");
  await screenshot(page, "year-visit-lead");

  // The extra session was brought forward to today, so the next one is tomorrow (the outbox's reminder).
  await openCluster(page);
  await page.getByRole("button", { name: "Schedule a workshop" }).click();
  const next = page.getByRole("dialog", { name: "Schedule a workshop" });
  await next.getByRole("textbox", { name: "Title" }).fill(NEXT_WORKSHOP);
  await next.getByLabel("Date").fill(londonDay(1));
  await next.getByLabel("Starts").fill("15:45");
  await next.getByLabel("Ends").fill("17:15");
  await next.getByRole("button", { name: "Schedule workshop" }).click();
  await expect(page.getByRole("heading", { name: NEXT_WORKSHOP, level: 1 })).toBeVisible();
  expect(errors).toEqual([]);
  await close();
});

test("the school leader sees the agreed action, the year and responds to the visit", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().leader);
  await page.getByRole("link", { name: "My school", exact: true }).click();
  const tabs = page.getByRole("navigation", { name: "My school" });
  // What the page lists is what the API answered it: other journeys may have left
  // actions and visits at this school too, so the counts are read, not assumed.
  const actionsAnswer = page.waitForResponse((r) =>
    /^\/api\/enrolments\/[^/]+\/actions$/.test(new URL(r.url()).pathname),
  );
  await tabs.getByRole("link", { name: "Actions" }).click();
  await expect(page.getByRole("heading", { name: "Actions", level: 1 })).toBeVisible();
  const actions: Array<{ overdue: boolean }> = (await (await actionsAnswer).json()).items;
  const overdueCount = actions.filter((a) => a.overdue).length;
  expect(overdueCount, "the late data-drop action at least").toBeGreaterThanOrEqual(1);
  const agreed = page.getByTestId("action-row").filter({ hasText: AGREED });
  await expect(agreed).toContainText("Agreed at a visit");
  const late = page
    .getByTestId("action-row")
    .filter({ hasText: "Agree a date for the next data drop" });
  await expect(late).toContainText("Overdue");
  await expect(page.getByText(/actions? (is|are) overdue\.$/)).toBeVisible();
  await expectAccessible(page, "actions page, leader");
  await screenshot(page, "year-actions-leader");
  await page.getByText(`Overdue (${overdueCount})`, { exact: true }).click();
  await expect(page).toHaveURL(/status=overdue/);
  await expect(page.getByTestId("action-row")).toHaveCount(overdueCount);

  // The programme year: workshops, attendance across the year, visits.
  const visitsAnswer = page.waitForResponse((r) =>
    /^\/api\/enrolments\/[^/]+\/visits$/.test(new URL(r.url()).pathname),
  );
  await tabs.getByRole("link", { name: "Programme year" }).click();
  await expect(page.getByRole("heading", { name: "Programme year", level: 1 })).toBeVisible();
  const visitCount: number = (await (await visitsAnswer).json()).items.length;
  expect(visitCount, "the demo's visit and the lead's").toBeGreaterThanOrEqual(2);
  await expect(
    page.getByRole("table", { name: "The team's attendance at each workshop held" }),
  ).toBeVisible();
  const visits = page.getByRole("table", { name: "Visits to the school" });
  await expect(visits.getByTestId("visit-row")).toHaveCount(visitCount);
  await expectAccessible(page, "programme year page, leader");
  await screenshot(page, "year-team-year");
  // The lead's visit of today, whatever else is listed.
  await visits
    .getByTestId("visit-row")
    .filter({ hasText: readableDay(londonDay(0)) })
    .getByRole("link")
    .click();
  await expect(page.getByText("The team meets weekly and knows each pupil.")).toBeVisible();
  await page.getByRole("button", { name: "Send the response" }).click();
  await expect(page.getByText("Write the school's response.")).toBeVisible();
  await page.getByLabel("Your response").fill(RESPONSE);
  await page.getByRole("button", { name: "Send the response" }).click();
  await expect(page.getByRole("button", { name: "Change the response" })).toBeVisible();
  await expect(page.getByText(RESPONSE)).toBeVisible();
  await expectAccessible(page, "visit page, leader after responding");
  await screenshot(page, "year-visit-leader");
  expect(errors).toEqual([]);
  await close();
});

test("settings: reminders off, and a calendar feed whose old link stops on reset, then switched off", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().teacher);
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  const reminders = page.getByRole("switch", { name: "Email me reminders" });
  const toggle = page.locator("label", { hasText: "Email me reminders" });
  await expect(reminders).toBeChecked();
  await toggle.click();
  await expect(page.getByText("Saved: reminders are off.")).toBeVisible();
  expect(
    (await (await page.request.get(`${DEMO_BASE_URL}/api/me/settings`)).json()).remindersEnabled,
  ).toBe(false);

  await page.getByRole("button", { name: "Make my calendar link" }).click();
  const link = page.getByTestId("feed-url");
  await expect(link).toHaveValue(/\/api\/calendar\/feed\/.+\.ics$/);
  // The first link replaces nothing, so it must not speak of an old one.
  await expect(page.getByText("Your link is made.")).toBeVisible();
  await expect(page.getByText("The old one no longer works.")).toHaveCount(0);
  const oldUrl = await link.inputValue();
  const feed = await page.request.get(oldUrl);
  expect(feed.status()).toBe(200);
  expect(feed.headers()["content-type"]).toContain("text/calendar");
  expect(await feed.text()).toContain(`SUMMARY:Workshop: ${WORKSHOP}`);
  await expectAccessible(page, "settings page with the feed link");
  await screenshot(page, "year-settings");

  await page.getByRole("button", { name: "Reset the link" }).click();
  const confirm = page.getByRole("dialog", { name: "Reset your calendar link?" });
  await expect(confirm).toContainText("the old one stops working");
  await expectAccessible(page, "reset link confirmation");
  await screenshot(page, "year-settings-reset");
  await confirm.getByRole("button", { name: "Reset the link" }).click();
  await expect(page.getByText("New link made. The old one no longer works.")).toBeVisible();
  const newUrl = await link.inputValue();
  expect(newUrl).not.toBe(oldUrl);
  expect((await page.request.get(oldUrl)).status()).toBe(404);
  expect((await page.request.get(newUrl)).status()).toBe(200);

  // Switched off, the feed has no address at all until a new link is made.
  await page.getByRole("button", { name: "Switch the feed off" }).click();
  const off = page.getByRole("dialog", { name: "Switch your calendar feed off?" });
  await expect(off).toContainText("stops working at once");
  await expectAccessible(page, "switch the feed off confirmation");
  await off.getByRole("button", { name: "Switch the feed off" }).click();
  await expect(page.getByText("Your calendar feed is off")).toBeVisible();
  await expect(page.getByRole("button", { name: "Make my calendar link" })).toBeVisible();
  expect((await page.request.get(newUrl)).status()).toBe(404);
  expect(
    (await (await page.request.get(`${DEMO_BASE_URL}/api/me/settings`)).json()).calendarFeed,
  ).toBe(false);
  await expectAccessible(page, "settings page with the feed off");
  await screenshot(page, "year-settings-feed-off");

  await toggle.click();
  await expect(page.getByText("Saved: reminders are on.")).toBeVisible();
  expect(errors).toEqual([]);
  await close();
});

test("the administrator sees what the outbox holds, but not the words of others' reminders", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().admin);
  await page.getByRole("link", { name: "Admin · Outbox" }).click();
  await expect(page.getByRole("heading", { name: "Outbox", level: 1 })).toBeVisible();
  await expect(page.getByText("No mail server is set up")).toBeVisible();
  await page.getByRole("button", { name: "Send reminders due now" }).click();
  await expect(page.getByText(/kept here\.$|Nothing new was due/)).toBeVisible();
  const rows = page.getByTestId("outbox-row");
  await expect(rows.first()).toBeVisible();
  // The workshop tomorrow, and the demo's overdue action (to the school's leaders): each
  // listed by kind, addressee and state, its words kept for the person it is for.
  await expect(rows.filter({ hasText: "Workshop next week" }).first()).toBeVisible();
  const overdue = rows.filter({ hasText: "Action overdue" });
  await expect(overdue.first()).toBeVisible();
  await expect(overdue.first()).toContainText("Kept, not sent");
  await expect(overdue.first()).toContainText(/For .+@.+ only/);
  await expect(overdue.first().getByRole("button", { name: /^View/ })).toHaveCount(0);
  await expect(page.getByText("Agree a date for the next data drop")).toHaveCount(0);
  await expect(page.getByText(WORKSHOP)).toHaveCount(0);
  await expectAccessible(page, "outbox page");
  await screenshot(page, "year-outbox");
  expect(errors).toEqual([]);
  await close();
});

test("a cohort of 1 to 5 pupils is not counted for the programme lead: the suppression mark, with its reason", async ({
  browser,
}) => {
  const leader = await signedIn(browser, accounts().leader);
  const { schoolId } = await ownSchool(leader.page);
  const cohortUrl = `${DEMO_BASE_URL}/api/schools/${schoolId}/cohort`;
  const members: string[] = (await (await leader.page.request.get(cohortUrl)).json()).members.map(
    (m: { pupilId: string }) => m.pupilId,
  );
  const setCohort = (pupilIds: string[]) =>
    leader.page.request.put(cohortUrl, {
      headers: { origin: DEMO_BASE_URL },
      data: { pupilIds, reason: "End-to-end test of a small cohort" },
    });
  expect((await setCohort(members.slice(0, 3))).status()).toBe(200);
  try {
    const { page, errors, close } = await signedIn(browser, accounts().lead);
    await openCluster(page);
    const progress = page.getByRole("table", { name: /^Progress of each school/ });
    const row = progress
      .getByTestId("progress-row")
      .filter({ hasText: "Northbrook Fictional Primary School" });
    await expect(row.locator("[data-suppressed]")).toHaveCount(1);
    await expect(row).toContainText(/Yes, c.*pupils/);
    await expect(row).toContainText("fewer than 6 pupils");
    await expect(row).not.toContainText("Yes, 3 pupils");
    await expect(page.getByTestId("suppression-key")).toContainText("fewer than 6 pupils");
    await expect(progress).toContainText("Yes, 15 pupils");
    await expectAccessible(page, "cluster progress with a suppressed cohort size");
    await screenshot(page, "year-cluster-suppressed");
    expect(errors).toEqual([]);
    await close();
  } finally {
    expect((await setCohort(members)).status()).toBe(200);
    await leader.close();
  }
});
