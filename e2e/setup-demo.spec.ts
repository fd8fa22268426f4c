import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { expectAccessible, watchForBrowserErrors } from "./support/checks.ts";
import { DEMO_ACCOUNTS_FILE, DEMO_BASE_URL, signInToDemo } from "./support/demo.ts";
import { screenshot } from "./support/ui.ts";

test("an empty Cascade fills itself with the demo network and shows its accounts once", async ({
  page,
}) => {
  const errors = watchForBrowserErrors(page);
  await page.goto(`${DEMO_BASE_URL}/`);
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Set up Cascade" })).toBeVisible();
  await expectAccessible(page, "setup page with the demo offer");
  await screenshot(page, "setup");
  await page.getByRole("button", { name: "Explore with demo data" }).click();
  await expect(page.getByRole("heading", { name: "Explore Cascade" })).toBeVisible({
    timeout: 60_000,
  });
  const password = (await page.getByTestId("demo-password").textContent()) ?? "";
  expect(password.length).toBeGreaterThanOrEqual(12);
  const leaderRow = page.getByRole("row", { name: /School leader/ });
  const leaderEmail = (await leaderRow.getByText(/@demo\.cascade\.invalid/).textContent()) ?? "";
  const leadEmail =
    (await page
      .getByRole("row", { name: /Programme lead/ })
      .getByText(/@demo\.cascade\.invalid/)
      .textContent()) ?? "";
  const teacherEmail =
    (await page
      .getByRole("row", { name: /Teacher/ })
      .getByText(/@demo\.cascade\.invalid/)
      .textContent()) ?? "";
  const adminEmail =
    (await page
      .getByRole("row", { name: /Network administrator/ })
      .getByText(/@demo\.cascade\.invalid/)
      .textContent()) ?? "";
  await expectAccessible(page, "setup page with demo accounts");
  await screenshot(page, "setup-demo");
  fs.writeFileSync(
    DEMO_ACCOUNTS_FILE,
    JSON.stringify({
      password,
      leader: leaderEmail,
      lead: leadEmail,
      teacher: teacherEmail,
      admin: adminEmail,
    }),
  );

  await page.getByRole("link", { name: "Go to sign in" }).click();
  await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await signInToDemo(page, leaderEmail, password);
  await expect(page.getByText("Northbrook Trio").first()).toBeVisible();
  expect(errors).toEqual([]);
});
