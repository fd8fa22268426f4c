import { expect, test } from "@playwright/test";
import { expectAccessible, watchForBrowserErrors } from "./support/checks.ts";
import { signInToDemo } from "./support/demo.ts";
import { demoAccounts, openSchoolTab, signInAs } from "./support/pupil-data.ts";
import { choose, screenshot } from "./support/ui.ts";

// Runs on the demo network that setup-demo.spec.ts made.
test.describe
  .serial("the audit log and a school's access history", () => {
    let pupilName = "";

    test("a school leader sees who opened their pupils' records", async ({ page }) => {
      const errors = watchForBrowserErrors(page);
      await signInAs(page, "leader");
      await openSchoolTab(page, "Pupils", "Pupils");
      const list = page.getByRole("region", { name: "Pupils" });
      const first = list.getByRole("link").first();
      const [last, given] = ((await first.textContent()) ?? "").split(", ");
      pupilName = `${given} ${last}`;
      await first.click();
      await expect(page.getByRole("heading", { level: 1, name: pupilName })).toBeVisible();

      await openSchoolTab(page, "Access history", "Access history");
      const table = page.getByRole("table", { name: /pupil data, newest first/ });
      const opened = table.getByRole("row", { name: /Opened a pupil's record/ }).first();
      await expect(opened).toBeVisible();
      await expect(opened.getByRole("cell", { name: pupilName, exact: true })).toBeVisible();
      await expect(table.getByRole("row", { name: /Listed pupils/ }).first()).toBeVisible();
      await page.getByRole("textbox", { name: "From", exact: true }).fill("2000-01-01");
      await page.getByRole("textbox", { name: "To", exact: true }).fill("2000-01-31");
      await expect(page.getByText(/has used .* pupil data in these dates/)).toBeVisible();
      await page.getByRole("textbox", { name: "From", exact: true }).fill("");
      await page.getByRole("textbox", { name: "To", exact: true }).fill("");
      await expect(opened).toBeVisible();
      await expectAccessible(page, "access history");
      await screenshot(page, "access-history");
      expect(errors).toEqual([]);
    });

    test("an administrator reads the audit log, filters it and sees the chain intact", async ({
      page,
    }) => {
      const errors = watchForBrowserErrors(page);
      const accounts = demoAccounts();
      await signInToDemo(page, accounts.admin, accounts.password);
      await page
        .getByRole("navigation", { name: "Main navigation" })
        .getByRole("link", { name: "Admin · Audit log" })
        .click();
      await expect(page.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
      await expect(page.getByTestId("chain-check")).toContainText("Chain intact");
      await expect(page.getByTestId("chain-check")).toContainText("every link checked");

      await choose(page, "Action", "pupil.viewed", "pupil.viewed");
      const rows = page.getByTestId("audit-row");
      await expect(rows.first()).toContainText("pupil.viewed");
      await expect(page.getByText(/rows? match\./)).toBeVisible();
      // The log holds ids, never pupils' names.
      await expect(page.getByText(pupilName)).toHaveCount(0);

      const who = rows.first().getByRole("button", { name: /^Only rows by / });
      const whoName = ((await who.getAttribute("aria-label")) ?? "").replace("Only rows by ", "");
      await who.click();
      await expect(
        page.getByRole("button", { name: `Show everyone, not only ${whoName}` }),
      ).toBeVisible();
      await expect(rows.first()).toContainText(whoName);
      await expectAccessible(page, "audit log");
      await screenshot(page, "audit-log");
      await page.getByRole("button", { name: `Show everyone, not only ${whoName}` }).click();
      await page.getByRole("button", { name: "Check again" }).click();
      await expect(page.getByTestId("chain-check")).toContainText("Chain intact");
      expect(errors).toEqual([]);
    });
  });
