import { expect, type Page, test } from "@playwright/test";
import { expectAccessible } from "./support/checks.ts";
import { accounts, signedIn } from "./support/cohort-matrix.ts";
import { DEMO_BASE_URL } from "./support/demo.ts";
import { screenshot } from "./support/ui.ts";

/**
 * The programme lead's week on their home page: a visit written up a week ago
 * with an action agreed for two days ago shows as overdue and as waiting for the
 * school; the link leads to the visit, and the school leader's response and the
 * action marked done clear it. The team's own actions show as counts only.
 */
test.describe.configure({ mode: "serial", timeout: 120_000 });

/** A London date `days` from today, as YYYY-MM-DD. */
function londonDay(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London" }).format(new Date());
  return new Date(Date.parse(`${today}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** "2026-12-02" → "2 Dec 2026", as the pages write dates. */
function readableDay(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  const months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split(" ");
  return `${d} ${months[(m ?? 1) - 1]} ${y}`;
}

const AGREED = "Send the revised cohort list to the programme lead";
const TEAM_OWN = "Private team note: phone the family about the move";

async function api(page: Page, method: "post" | "patch", path: string, data: unknown) {
  const response = await page.request[method](`${DEMO_BASE_URL}${path}`, {
    headers: { origin: DEMO_BASE_URL },
    data,
  });
  expect(response.status(), `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
  return response.json();
}

let visitId = "";
let enrolmentId = "";
let schoolName = "";

test("the lead's home page lists what is overdue and what waits for a school", async ({
  browser,
}) => {
  // The school leader sets the team an overdue action of its own: counted, never shown.
  const leaderSession = await signedIn(browser, accounts().leader);
  const leaderMe = await (await leaderSession.page.request.get(`${DEMO_BASE_URL}/api/me`)).json();
  const leaderSchool: string = leaderMe.memberships.find(
    (m: { role: string }) => m.role === "school_leader",
  ).scopeId;
  await leaderSession.close();

  const { page, errors, close } = await signedIn(browser, accounts().lead);
  const dashboard = await (await page.request.get(`${DEMO_BASE_URL}/api/dashboard`)).json();
  const clusterId: string = dashboard.clusters[0].id;
  const cluster = await (
    await page.request.get(`${DEMO_BASE_URL}/api/clusters/${clusterId}`)
  ).json();
  // The demo leader's school, so the second journey can respond as its leader.
  const enrolment = cluster.enrolments.find(
    (e: { school: { id: string } }) => e.school.id === leaderSchool,
  );
  enrolmentId = enrolment.id;
  schoolName = enrolment.school.name;
  const visit = await api(page, "post", "/api/visits", {
    enrolmentId: enrolment.id,
    visitOn: londonDay(-6),
  });
  visitId = visit.id;
  await api(page, "patch", `/api/visits/${visit.id}`, {
    strengths: "The team knows its cohort well.",
    agreedActions: [{ title: AGREED, dueOn: londonDay(-2) }],
  });

  const leader = await signedIn(browser, accounts().leader);
  await api(leader.page, "post", `/api/enrolments/${enrolment.id}/actions`, {
    title: TEAM_OWN,
    dueOn: londonDay(-4),
  });
  await leader.close();

  await page.goto(`${DEMO_BASE_URL}/`);
  const week = page.getByRole("region", { name: "Your week across your clusters" });
  await expect(week).toBeVisible();
  const overdue = week.getByRole("list", { name: "Overdue actions agreed at visits" });
  const item = overdue.getByRole("listitem").filter({ hasText: AGREED });
  await expect(item).toContainText(schoolName);
  await expect(item).toContainText(`due ${readableDay(londonDay(-2))}, 2 days overdue`);
  const waiting = week.getByRole("list", { name: "Visits awaiting the school's response" });
  const visitItem = waiting
    .getByRole("listitem")
    .filter({ hasText: `visited ${readableDay(londonDay(-6))}` });
  await expect(visitItem).toContainText(schoolName);
  await expect(visitItem).toContainText(`visited ${readableDay(londonDay(-6))}, 6 days ago`);
  await expect(visitItem).toContainText("1 agreed action");
  // The team's own: a count and the oldest due date, not its words.
  const team = week.getByRole("list", { name: "Teams' own overdue actions" });
  // (Journeys before this one may have left older overdue actions at the school: "oldest" is at most ours.)
  await expect(team.getByRole("listitem").filter({ hasText: schoolName })).toContainText(
    /overdue, the oldest due \d+ \w{3} \d{4}/,
  );
  await expect(week).not.toContainText(TEAM_OWN);
  await expectAccessible(page, "the programme lead's home page with their week");
  await screenshot(page, "lead-week");

  // By keyboard: the visit's link opens the visit, where the agreed action is.
  const link = item.getByRole("link", {
    name: new RegExp(`^Open the visit of .* to ${schoolName}`),
  });
  await link.focus();
  await page.keyboard.press("Enter");
  await expect(
    page.getByRole("heading", { name: `Visit to ${schoolName}`, level: 1 }),
  ).toBeVisible();
  await expect(page.getByRole("region", { name: /agreed/i })).toContainText(AGREED);
  expect(errors).toEqual([]);
  await close();
});

test("the school's response and the action done clear the lead's week", async ({ browser }) => {
  const leader = await signedIn(browser, accounts().leader);
  const visit = await (
    await leader.page.request.get(`${DEMO_BASE_URL}/api/visits/${visitId}`)
  ).json();
  const agreed = visit.actions.find((a: { title: string }) => a.title === AGREED);
  await api(leader.page, "patch", `/api/actions/${agreed.id}`, { status: "done" });
  await api(leader.page, "post", `/api/visits/${visitId}/response`, {
    response: "The list went to the lead on Friday.",
  });
  const actions = await (
    await leader.page.request.get(`${DEMO_BASE_URL}/api/enrolments/${enrolmentId}/actions`)
  ).json();
  const own = actions.items.find((a: { title: string }) => a.title === TEAM_OWN);
  await api(leader.page, "patch", `/api/actions/${own.id}`, { status: "done" });
  await leader.close();

  const { page, errors, close } = await signedIn(browser, accounts().lead);
  const week = page.getByRole("region", { name: "Your week across your clusters" });
  await expect(week).toBeVisible();
  await expect(
    week.getByRole("heading", { name: /^Overdue actions agreed at visits/ }),
  ).toBeVisible();
  await expect(week).not.toContainText(AGREED);
  await expect(week).not.toContainText(`visited ${readableDay(londonDay(-6))}`);
  // The demo's other team actions are not overdue: the part says so. (Run after other
  // journeys, another school may still have some; then at least this school is off the list.)
  const teamPart = week.getByRole("region", { name: /^Teams' own overdue actions/ });
  await expect(teamPart.getByRole("listitem").filter({ hasText: schoolName })).toHaveCount(0);
  if ((await teamPart.getByRole("list").count()) === 0)
    await expect(teamPart).toContainText("Nothing overdue.");
  await expectAccessible(page, "the programme lead's week after the school responded");
  await screenshot(page, "lead-week-cleared");
  expect(errors).toEqual([]);
  await close();
});
