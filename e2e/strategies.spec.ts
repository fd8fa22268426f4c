import { expect, type Page, test } from "@playwright/test";
import { expectAccessible } from "./support/checks.ts";
import { accounts, ownSchool, signedIn } from "./support/cohort-matrix.ts";
import { DEMO_BASE_URL } from "./support/demo.ts";
import { choose, screenshot } from "./support/ui.ts";

/**
 * Strategies on the demo network (issue 6): a leader plans one, chooses its
 * participants, records data, evaluates it, moves it to a year group and shares
 * it; the network evidence page pools it. A teacher adds a review but cannot
 * decide; an administrator corrects the Toolkit's figures.
 */
test.describe.configure({ mode: "serial", timeout: 180_000 });

const TITLE = `Thinking aloud ${Date.now().toString(36)}`;
const PSEUDONYMISED_SCHOOL = /^School [A-Z]{2}\d · /;

async function openStrategies(page: Page) {
  await page.getByRole("link", { name: "My school", exact: true }).click();
  await page
    .getByRole("navigation", { name: "My school" })
    .getByRole("link", { name: "Strategies" })
    .click();
  await expect(page.getByRole("heading", { name: "Strategies", level: 1 })).toBeVisible();
}

const api = async <T>(page: Page, path: string): Promise<T> =>
  (await page.request.get(`${DEMO_BASE_URL}${path}`)).json() as Promise<T>;

test("the demo's shared strategies fill the network evidence page with a forest plot", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().lead);
  await page.getByRole("link", { name: "Evidence", exact: true }).click();
  await expect(
    page.getByRole("heading", { name: "What works across the network", level: 1 }),
  ).toBeVisible();
  const groups = page.getByTestId("evidence-group");
  await expect(groups.first()).toBeVisible();
  const peer = groups.filter({ has: page.getByRole("heading", { name: "Peer tutoring" }) });
  await expect(peer).toHaveCount(1);
  await expect(peer.getByRole("img", { name: /^Forest plot for Peer tutoring/ })).toBeVisible();
  await expect(peer.locator("svg").first()).toBeVisible();
  await expect(peer.getByTestId("toolkit-beside")).toContainText("Toolkit's headline");
  const studies = peer.getByTestId("evidence-study");
  expect(await studies.count()).toBeGreaterThanOrEqual(2);
  for (const row of await studies.getByRole("rowheader").allTextContents())
    expect(row).toMatch(PSEUDONYMISED_SCHOOL);
  await expect(peer.getByText(/^Pooled effect \(g\)$/i)).toBeVisible();
  await expectAccessible(page, "network evidence page (demo)");
  await screenshot(page, "evidence-demo");

  // A strand nobody has shared for says so, and offers the way back.
  await choose(page, "Toolkit strand", "Homework", "Homew");
  await expect(page).toHaveURL(/strand=homework/);
  await expect(page.getByText("No school has shared a result for Homework yet.")).toBeVisible();
  await expectAccessible(page, "network evidence page, a strand with nothing shared");
  await screenshot(page, "evidence-empty-strand");
  await page.getByRole("link", { name: "Show every shared result" }).click();
  await expect(groups.first()).toBeVisible();
  expect(errors).toEqual([]);
  await close();
});

test("a leader plans a strategy, evaluates it, moves it to a year group and shares it", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().leader);
  const { schoolId, all: pupilNames } = await ownSchool(page);
  await openStrategies(page);
  await expect(
    page.getByTestId("strategy-row").filter({ hasText: "Reading buddies" }),
  ).toBeVisible();
  await expectAccessible(page, "strategies list");
  await screenshot(page, "strategy-list");

  // The plan, with real validation first.
  await page.getByRole("link", { name: "New strategy" }).click();
  await expect(page.getByRole("heading", { name: "New strategy", level: 1 })).toBeVisible();
  await page.getByLabel("Starts on").fill("2026-09-07");
  await page.getByLabel("Ends on").fill("2026-09-01");
  await page.getByRole("button", { name: "Create strategy" }).click();
  await expect(page.getByText("Give the strategy a title.")).toBeVisible();
  await expect(page.getByText("The end comes on or after the start.")).toBeVisible();
  await expectAccessible(page, "new strategy form with errors");
  await screenshot(page, "strategy-form-errors");

  await page.getByRole("textbox", { name: "Title" }).fill(TITLE);
  await page
    .getByLabel("Description")
    .fill("Teachers model planning, monitoring and evaluating a task out loud; pupils copy.");
  await choose(page, "Theme", "Self-Aware Learner");
  await choose(page, "Owner", /^Grace Fictional/);
  await page.getByLabel("Ends on").fill("2026-12-18");
  await choose(
    page,
    "EEF Teaching and Learning Toolkit strand",
    "Metacognition and self-regulation",
    "Metacog",
  );
  const facts = page.getByTestId("strand-facts");
  await expect(facts).toContainText("+8 months");
  await expect(facts).toContainText("Figures as published by the EEF, read on");
  await expect(facts).toContainText("Education Endowment Foundation");
  await page
    .getByLabel("Other references")
    .fill("EEF guidance report: Metacognition and self-regulated learning.");
  await page.getByLabel("Sessions per week").fill("3");
  await page.getByLabel("Minutes per session").fill("15");
  await page.getByLabel("Cost (£)").fill("300");
  await page.getByLabel("Staff hours").fill("20");
  await choose(page, "Success measure", "Self-Aware Learner", "Self");
  await page.getByLabel("Change hoped for").fill("1");
  await screenshot(page, "strategy-form");
  await page.getByRole("button", { name: "Create strategy" }).click();

  await expect(page.getByRole("heading", { name: TITLE, level: 1 })).toBeVisible();
  const plan = page.getByTestId("plan-facts");
  await expect(plan).toContainText("3 sessions a week, 15 minutes each (45 minutes a week)");
  await expect(plan).toContainText("£300.00 and 20 staff hours");
  await expect(plan).toContainText("7 Sep 2026 – 18 Dec 2026");
  await expect(plan).toContainText("Self-Aware Learner: hoping for a change of +1.00");
  const strategyId = page.url().split("/").at(-1) ?? "";

  // The plan can be edited; the change is saved against the version read.
  await page.getByRole("link", { name: "Edit the plan" }).click();
  await expect(page.getByRole("heading", { name: `Edit: ${TITLE}`, level: 1 })).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Title" })).toHaveValue(TITLE);
  await page.getByLabel("Staff hours").fill("24");
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page.getByRole("heading", { name: TITLE, level: 1 })).toBeVisible();
  await expect(plan).toContainText("£300.00 and 24 staff hours");

  // Participants: the whole cohort, one click.
  await page.getByRole("button", { name: "Choose participants" }).click();
  const picker = page.getByRole("dialog", { name: "Choose the participants" });
  await picker.getByRole("button", { name: /^Add the whole cohort \(15\)$/ }).click();
  await expect(picker.getByText("15 pupils chosen")).toBeVisible();
  await expectAccessible(page, "participant picker");
  await screenshot(page, "strategy-participants");
  await picker.getByRole("button", { name: "Save participants" }).click();
  await expect(picker).toBeHidden();
  await expect(page.getByTestId("participant-row")).toHaveCount(15);

  // Data: before and after values for the participants, one of them typed into the grid.
  type Participant = { pupilId: string; name: string; yearGroup: string };
  const strategy = await api<{ participants: Participant[] }>(
    page,
    `/api/strategies/${strategyId}`,
  );
  const measures = (
    await api<{ items: { id: string; key: string }[] }>(page, `/api/schools/${schoolId}/measures`)
  ).items;
  const measureId = measures.find((m) => m.key === "theme-self-aware")?.id ?? "";
  const points = (
    await api<{ items: { id: string; name: string }[] }>(
      page,
      `/api/schools/${schoolId}/assessment-points`,
    )
  ).items;
  const autumn1 = points.find((p) => p.name === "Autumn 1")?.id ?? "";
  const autumn2 = points.find((p) => p.name === "Autumn 2")?.id ?? "";
  const typed = strategy.participants[0] as Participant;
  const observations = strategy.participants.flatMap((p, i) => {
    const before = 2 + (i % 2);
    const after = Math.min(5, before + 1 + (i % 3 === 0 ? 1 : 0));
    return [
      { pupilId: p.pupilId, measureId, assessmentPointId: autumn1, value: before },
      ...(p === typed
        ? []
        : [{ pupilId: p.pupilId, measureId, assessmentPointId: autumn2, value: after }]),
    ];
  });
  const saved = await page.request.put(`${DEMO_BASE_URL}/api/observations`, {
    headers: { origin: DEMO_BASE_URL },
    data: { observations },
  });
  expect(saved.status()).toBe(200);
  await page
    .getByRole("navigation", { name: "My school" })
    .getByRole("link", { name: "Data entry" })
    .click();
  await choose(page, "Assessment point", "Autumn 2 2026/27");
  await choose(
    page,
    "Year group",
    typed.yearGroup === "R" ? "Reception" : `Year ${typed.yearGroup}`,
  );
  const lastName = typed.name.split(" ").at(-1) ?? "";
  const cell = page.getByRole("textbox", {
    name: new RegExp(`^Self-Aware Learner for .*${lastName}`),
  });
  await expect(cell.first()).toBeVisible();
  // A change, whatever the grid held (the journey may run twice on one server).
  await cell.first().fill((await cell.first().inputValue()) === "4" ? "5" : "4");
  await cell.first().press("Enter");
  await expect(page.getByText(/^✓ Saved 1 value at/)).toBeVisible();

  // The evaluation: g, its interval and months, checked against the API's own figures.
  await openStrategies(page);
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { name: TITLE, level: 1 })).toBeVisible();
  const evaluation = page.getByTestId("evaluation-result");
  await expect(evaluation).toBeVisible();
  await page.getByRole("radio", { name: /^No comparison group/ }).check();
  await expect(page.getByRole("radio", { name: /the weakest design/ })).toBeChecked();
  await expect(page.getByTestId("evaluation-warnings")).toContainText("the weakest design");
  await page.getByRole("radio", { name: "All other pupils in the same year groups" }).check();
  await expect(page.getByTestId("evaluation-warnings")).not.toContainText("the weakest design");
  const expected = await api<{
    hedgesG: number;
    ciLow: number;
    ciHigh: number;
    months: number | null;
    groups: { n: number }[];
  }>(
    page,
    `/api/strategies/${strategyId}/evaluation?measureId=${measureId}&from=${autumn1}&to=${autumn2}&comparison=non_participants`,
  );
  expect(expected.groups[0]?.n).toBe(15);
  expect(expected.hedgesG).toBeGreaterThan(0);
  const two = (n: number) => n.toFixed(2);
  await expect(evaluation.getByText(two(expected.hedgesG), { exact: true }).first()).toBeVisible();
  await expect(evaluation).toContainText(
    `95% CI ${two(expected.ciLow)} to ${two(expected.ciHigh)}`,
  );
  // A theme rating is not attainment: no months, its change and g instead (issue 11).
  expect(expected.months).toBeNull();
  await expect(page.getByTestId("months-figure")).toContainText("No months' progress");
  await expect(evaluation).toContainText("Cost per pupil");
  await expect(evaluation).toContainText("£20.00");
  await expect(page.getByTestId("groups-table")).toContainText("Participants");
  await expect(
    evaluation.getByRole("img", { name: /^Each pupil's Self-Aware Learner before and after/ }),
  ).toBeVisible();
  await expect(page.getByTestId("pupil-values").getByRole("row")).toHaveCount(
    1 + 15 + (expected.groups[1]?.n ?? 0),
  );
  await expectAccessible(page, "strategy page with its evaluation");
  await screenshot(page, "strategy-page");

  // Wider stage: the evidence is asked for, and who decided is recorded.
  await choose(page, "Status", "Scaled up");
  await choose(page, "Cascade stage", "Year group");
  await page.getByRole("button", { name: "Save decision" }).click();
  await expect(
    page.getByText("Moving a strategy wider needs the evidence that it works."),
  ).toBeVisible();
  await page
    .getByLabel("Evidence that justifies moving it wider")
    .fill(
      `g = ${two(expected.hedgesG)} against all other pupils in the same year groups, Autumn 1 to Autumn 2.`,
    );
  await page.getByRole("button", { name: "Save decision" }).click();
  const changes = page.getByTestId("stage-changes");
  await expect(changes).toContainText("Target cohort → Year group");
  await expect(changes).toContainText("decided by Grace Fictional on");
  await expect(changes).toContainText("against all other pupils");
  await expect(page.getByRole("region", { name: "Decision and cascade" })).toContainText(
    "Scaled up",
  );
  await expectAccessible(page, "strategy page after moving to a year group");

  // Share: the dialog says exactly what leaves the school, and no pupil is in it.
  await page.getByRole("button", { name: "Share with the network…" }).click();
  const dialog = page.getByRole("dialog", { name: "Share this result with the network?" });
  await expect(dialog).toContainText(
    "No pupil's name, values or any other pupil-level data leave the school.",
  );
  await expect(dialog).toContainText("The school is not named");
  await expect(dialog.getByRole("row")).toHaveCount(3);
  const dialogText = (await dialog.textContent()) ?? "";
  for (const name of pupilNames) expect(dialogText).not.toContain(name);
  await expectAccessible(page, "share confirmation");
  await screenshot(page, "strategy-share-confirm");
  await dialog.getByRole("button", { name: "Share these figures" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("shared-note")).toContainText("under a pseudonym");

  // The network evidence page pools it under its strand, pseudonymised.
  await page.getByRole("link", { name: "Evidence", exact: true }).click();
  await choose(page, "Toolkit strand", "Metacognition and self-regulation", "Metacog");
  await expect(page).toHaveURL(/strand=metacognition-and-self-regulation/);
  const group = page.getByTestId("evidence-group");
  await expect(
    group.getByRole("heading", { name: "Metacognition and self-regulation", level: 2 }),
  ).toBeVisible();
  const ours = group.getByTestId("evidence-study").filter({ hasText: TITLE });
  await expect(ours).toHaveCount(1);
  expect(await ours.getByRole("rowheader").textContent()).toMatch(PSEUDONYMISED_SCHOOL);
  await expect(ours).toContainText(two(expected.hedgesG));
  await expect(group.getByTestId("toolkit-beside")).toContainText("+8 months");
  await expect(group.getByRole("img", { name: /^Forest plot for Metacognition/ })).toBeVisible();
  const pageText = (await page.locator("main").textContent()) ?? "";
  expect(pageText).not.toContain("Northbrook");
  for (const name of pupilNames) expect(pageText).not.toContain(name);
  await expectAccessible(page, "network evidence page for one strand");
  await screenshot(page, "evidence-strand");
  expect(errors).toEqual([]);
  await close();
});

test("a teacher adds a review but cannot change the status, stage or sharing", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().teacher);
  await openStrategies(page);
  await expect(page.getByRole("link", { name: "New strategy" })).toHaveCount(0);
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { name: TITLE, level: 1 })).toBeVisible();
  await expect(page.getByRole("link", { name: "Edit the plan" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Change participants" })).toHaveCount(0);
  await expect(page.getByRole("combobox", { name: "Status" })).toHaveCount(0);
  await expect(page.getByRole("combobox", { name: "Cascade stage" })).toHaveCount(0);
  await expect(
    page.getByText(/^Only the school's leaders change the status and the cascade stage/),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: "Share with the network" })).toHaveCount(0);
  await expect(page.getByTestId("stage-changes")).toContainText("decided by Grace Fictional");

  // The review, by keyboard: the form checks each part before sending.
  await page.getByRole("button", { name: "Add a review" }).focus();
  await page.keyboard.press("Enter");
  const form = page.getByRole("form", { name: "New review" });
  await expect(form).toBeVisible();
  await form.getByRole("button", { name: "Save review" }).click();
  await expect(form.getByText("Say what was done.")).toBeVisible();
  await expect(form.getByText("Record the decision.")).toBeVisible();
  await form.getByLabel("What was done").focus();
  await page.keyboard.type("Three 15-minute sessions a week in maths since September.");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Self-awareness ratings rose by about one point for most participants.");
  await page.keyboard.press("Tab");
  await page.keyboard.type("Keep going, and try it with the whole of Year 4.");
  await expectAccessible(page, "strategy page with the review form");
  await form.getByRole("button", { name: "Save review" }).click();
  await expect(form).toBeHidden();
  const review = page.getByTestId("review").filter({ hasText: "the whole of Year 4" });
  await expect(review).toBeVisible();
  await expect(page.getByRole("heading", { name: /Kiran Fictional/ })).toBeVisible();
  await screenshot(page, "strategy-teacher");

  // The server agrees: a teacher's change of status is refused.
  const strategyId = page.url().split("/").at(-1) ?? "";
  const current = await api<{ version: number }>(page, `/api/strategies/${strategyId}`);
  const refused = await page.request.patch(`${DEMO_BASE_URL}/api/strategies/${strategyId}`, {
    headers: { origin: DEMO_BASE_URL },
    data: { version: current.version, status: "stopped" },
  });
  expect(refused.status()).toBe(403);
  // A page the role may not open says why, and offers a way back (issue 12, item 6).
  await page.goto(`${DEMO_BASE_URL}/my-school/strategies/new`);
  await expect(page).toHaveURL(`${DEMO_BASE_URL}/my-school/strategies/new`);
  await expect(
    page.getByRole("heading", { name: "You cannot open this page", level: 1 }),
  ).toBeVisible();
  await expect(page.getByText("Only the school's leaders can create strategies.")).toBeVisible();
  await expectAccessible(page, "a page the teacher may not open");
  await screenshot(page, "strategy-new-forbidden");
  // Opened by its address, there is no page to go back to inside the app; home is the way out.
  await expect(page.getByRole("link", { name: "Go to your home page" })).toBeVisible();

  // An address whose id is not an id is a page not found, not the API's words.
  await page.goto(`${DEMO_BASE_URL}/my-school/strategies/not-a-uuid`);
  await expect(page.getByRole("heading", { name: "Page not found", level: 1 })).toBeVisible();
  await expect(page.getByText(/Invalid UUID/i)).toHaveCount(0);
  await expectAccessible(page, "a strategy address that names nothing");
  await screenshot(page, "strategy-not-found");
  expect(errors).toEqual([]);
  await close();
});

test("a network administrator corrects a Toolkit strand's figures", async ({ browser }) => {
  const admin = accounts().leader.replace(/^[^@]+/, "admin");
  const { page, errors, close } = await signedIn(browser, admin);
  await page.getByRole("link", { name: "Admin · EEF Toolkit" }).click();
  await expect(page.getByRole("heading", { name: "EEF Toolkit strands", level: 1 })).toBeVisible();
  await expect(page.getByTestId("verify-note")).toContainText(
    "Figures as published by the EEF Teaching and Learning Toolkit",
  );
  const rows = page.getByTestId("strand-row");
  await expect(rows).toHaveCount(31);
  await expectAccessible(page, "EEF strands admin");
  await screenshot(page, "evidence-eef-admin");

  await page.getByRole("button", { name: "Correct Homework" }).click();
  const dialog = page.getByRole("dialog", { name: "Correct Homework" });
  const months = dialog.getByLabel("Months' additional progress");
  await months.fill("");
  await dialog.getByRole("button", { name: "Save figures" }).click();
  await expect(dialog.getByText("Enter the months, from −12 to 12.")).toBeVisible();
  await months.fill("4");
  await dialog.getByLabel("Figures read on").fill("2026-11-20");
  await expectAccessible(page, "correcting a strand");
  await dialog.getByRole("button", { name: "Save figures" }).click();
  await expect(dialog).toBeHidden();
  const homework = rows.filter({ hasText: "Homework" });
  await expect(homework).toContainText("+4 months");
  await expect(homework).toContainText("20 Nov 2026");
  await expect(homework.getByTestId("differs")).toHaveText(
    "Your edit differs from the Toolkit reference: months +4 (reference +5)",
  );
  expect(errors).toEqual([]);
  await close();
});
