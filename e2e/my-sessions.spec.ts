import { expect, test } from "@playwright/test";
import { expectAccessible, watchForBrowserErrors } from "./support/checks.ts";
import { dialogSettled } from "./support/pupil-data.ts";
import { signInWithForm } from "./support/sessions.ts";
import { acceptInvitation, admin, invite, screenshot, signIn } from "./support/ui.ts";

/** Runs on the main Cascade after the network journeys. */
const suffix = Math.random().toString(16).slice(2, 8);
const sol = {
  name: "Sol Sessions",
  email: `sol-${suffix}@network.test`,
  password: "juniper canal whistle 64",
};

test("a person sees where they are signed in and ends the other session; an administrator ends them all", async ({
  browser,
  page,
}) => {
  test.setTimeout(120_000);
  await signIn(page, admin.email, admin.password);
  const link = await invite(page, sol.email);
  const first = await (await browser.newContext()).newPage();
  await acceptInvitation(first, link, sol);
  const second = await (await browser.newContext()).newPage();
  const errors = watchForBrowserErrors(second);
  await signInWithForm(second, "", sol.email, sol.password);

  await second.getByRole("link", { name: "Settings" }).click();
  await second.getByRole("link", { name: "Your sessions" }).click();
  await expect(second.getByRole("heading", { name: "Your sessions" })).toBeVisible();
  const rows = second.getByRole("row").filter({ has: second.getByRole("cell") });
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "This device" })).toContainText("Password");
  await expect(rows.filter({ hasText: "Accepting an invitation" })).toHaveCount(1);
  await expect(rows.first()).toContainText("Chrome on Linux");
  await expectAccessible(second, "my sessions page");
  await screenshot(second, "my-sessions");

  // End the other one: the first browser is signed out, this one stays.
  await rows
    .filter({ hasText: "Accepting an invitation" })
    .getByRole("button", { name: /^End the session/ })
    .click();
  await expect(rows).toHaveCount(1);
  await first.goto("/");
  await expect(first.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await expect(second.getByText("You are signed in nowhere else.")).toBeVisible();

  // Signed in again elsewhere, then all others ended at once.
  await signInWithForm(first, "", sol.email, sol.password);
  await second.reload();
  await expect(rows).toHaveCount(2);
  await second.getByRole("button", { name: "End all other sessions" }).click();
  const dialog = second.getByRole("dialog", { name: "End all other sessions?" });
  await dialogSettled(dialog);
  await expectAccessible(second, "end other sessions dialog");
  await dialog.getByRole("button", { name: "End other sessions" }).click();
  await expect(second.getByText("1 other session was signed out.")).toBeVisible();
  await expect(rows).toHaveCount(1);

  // The change-password page is one link away and passes axe.
  await second.getByRole("link", { name: "Change password" }).click();
  await expect(second.getByRole("heading", { name: "Change your password" })).toBeVisible();
  await expectAccessible(second, "change password page");
  await screenshot(second, "change-password");

  // An administrator ends every session of the account from the people page.
  await page.goto("/admin/users");
  await page.getByRole("textbox", { name: "Search people" }).fill(sol.email);
  await page.getByRole("button", { name: `End all sessions of ${sol.name}` }).click();
  const confirm = page.getByRole("dialog", { name: "End all sessions of this account?" });
  await dialogSettled(confirm);
  await expectAccessible(page, "end all sessions dialog");
  await confirm.getByRole("button", { name: "End all sessions" }).click();
  await expect(page.getByText(`${sol.name} was signed out everywhere`)).toBeVisible();
  await screenshot(page, "users-end-sessions");
  await second.goto("/");
  await expect(second.getByRole("heading", { name: "Sign in" })).toBeVisible();
  expect(errors).toEqual([]);
  await first.context().close();
  await second.context().close();
});
