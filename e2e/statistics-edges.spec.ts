import { expect, type Page, test } from "@playwright/test";
import { expectAccessible } from "./support/checks.ts";
import { accounts, ownSchool, signedIn } from "./support/cohort-matrix.ts";
import { DEMO_BASE_URL } from "./support/demo.ts";
import { screenshot } from "./support/ui.ts";

/**
 * Issue 11 in the browser: a negative effect reads as less progress with no
 * praise word, and the evidence page names each pool's design and outcome
 * family and shows Q with its p-value, the HKSJ interval and the prediction
 * interval.
 */
test.describe.configure({ mode: "serial", timeout: 180_000 });

const TITLE = `Quiet reading ${Date.now().toString(36)}`;
const api = async <T>(page: Page, path: string): Promise<T> =>
  (await page.request.get(`${DEMO_BASE_URL}${path}`)).json() as Promise<T>;
const send = (page: Page, method: "post" | "put", path: string, data: unknown) =>
  page.request[method](`${DEMO_BASE_URL}${path}`, { headers: { origin: DEMO_BASE_URL }, data });

test("a leader evaluates a strategy whose effect is negative and reads no praise", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().leader);
  const { schoolId, names } = await ownSchool(page);
  const measures = (
    await api<{ items: { id: string; key: string }[] }>(page, `/api/schools/${schoolId}/measures`)
  ).items;
  const measureId = measures.find((m) => m.key === "reading-scaled")?.id ?? "";
  const points = (
    await api<{ items: { id: string; name: string }[] }>(
      page,
      `/api/schools/${schoolId}/assessment-points`,
    )
  ).items;
  const autumn1 = points.find((p) => p.name === "Autumn 1")?.id ?? "";
  const autumn2 = points.find((p) => p.name === "Autumn 2")?.id ?? "";
  const created = await send(page, "post", `/api/schools/${schoolId}/strategies`, {
    title: TITLE,
    startsOn: "2026-09-07",
    successMeasureId: measureId,
  });
  expect(created.status()).toBe(201);
  const strategyId = ((await created.json()) as { id: string }).id;
  const cohort = (
    await api<{ members: { pupilId: string }[] }>(page, `/api/schools/${schoolId}/cohort`)
  ).members.map((m) => m.pupilId);
  expect(
    (
      await send(page, "put", `/api/strategies/${strategyId}/participants`, { pupilIds: cohort })
    ).status(),
  ).toBe(200);
  // Participants slip back two points; everyone else gains four.
  const inCohort = new Set(cohort);
  const observations = [...names.keys()].flatMap((pupilId, i) => {
    const before = 95 + (i % 11);
    const after = inCohort.has(pupilId) ? before - 2 + (i % 2) : before + 4 + (i % 3);
    return [
      { pupilId, measureId, assessmentPointId: autumn1, value: before },
      { pupilId, measureId, assessmentPointId: autumn2, value: after },
    ];
  });
  expect((await send(page, "put", "/api/observations", { observations })).status()).toBe(200);

  await page.goto(`${DEMO_BASE_URL}/my-school/strategies/${strategyId}`);
  await expect(page.getByRole("heading", { name: TITLE, level: 1 })).toBeVisible();
  await page.getByRole("radio", { name: "All other pupils in the same year groups" }).check();
  const evaluation = page.getByTestId("evaluation-result");
  await expect(evaluation).toContainText("Reading scaled score");
  const months = page.getByTestId("months-figure");
  await expect(months).toContainText("less progress than the comparison group");
  const wording = (await months.textContent()) ?? "";
  expect(wording).toMatch(
    /^EEF months' progress−?-?\d+ months?Pupils made about \d+ months?' less/,
  );
  expect(wording).not.toMatch(/high|moderate|low|impact/i);
  const api1 = await api<{ hedgesG: number; months: number; monthsLabel: string | null }>(
    page,
    `/api/strategies/${strategyId}/evaluation?measureId=${measureId}&from=${autumn1}&to=${autumn2}&comparison=non_participants`,
  );
  expect(api1.hedgesG).toBeLessThan(0);
  expect(api1.months).toBeLessThan(0);
  expect(api1.monthsLabel).toBeNull();
  await expectAccessible(page, "strategy evaluation with a negative effect");
  await screenshot(page, "evaluation-negative");

  // Before and after only: no months at all, the standardised change and the weak-design warning.
  await page.getByRole("radio", { name: /^No comparison group/ }).check();
  await expect(page.getByTestId("evaluation-warnings")).toContainText("the weakest design");
  await expect(months).toContainText("No months' progress");
  expect(errors).toEqual([]);
  await close();
});

test("the evidence page names each pool's design and outcome, with Q, the HKSJ interval and the prediction interval", async ({
  browser,
}) => {
  const { page, errors, close } = await signedIn(browser, accounts().lead);
  await page.getByRole("link", { name: "Evidence", exact: true }).click();
  await expect(
    page.getByRole("heading", { name: "What works across the network", level: 1 }),
  ).toBeVisible();
  const peer = page
    .getByTestId("evidence-group")
    .filter({ has: page.getByRole("heading", { name: "Peer tutoring" }) })
    .first();
  await expect(peer.getByTestId("pool-identity")).toContainText("Against a comparison group");
  await expect(peer.getByTestId("pool-identity")).toContainText("theme rating");
  await expect(peer.getByTestId("pooled-figure")).toContainText("Hartung–Knapp–Sidik–Jonkman");
  await expect(peer.getByTestId("heterogeneity-figure")).toContainText(/Q \d+\.\d\d \(p [=<] /);
  await expect(peer.getByTestId("prediction-interval")).toContainText(
    /95% prediction interval: −?-?\d\.\d\d to −?-?\d\.\d\d/,
  );
  await expectAccessible(page, "network evidence page with pools");
  await peer.scrollIntoViewIfNeeded();
  await screenshot(page, "evidence-pools");
  expect(errors).toEqual([]);
  await close();
});
