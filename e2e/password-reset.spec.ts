import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectAccessible, watchForBrowserErrors } from "./support/checks.ts";
import { signInWithForm } from "./support/sessions.ts";
import { acceptInvitation, admin, invite, screenshot, signIn } from "./support/ui.ts";

/** Runs on the main Cascade (no mail server): mail waits in the outbox. */
const suffix = Math.random().toString(16).slice(2, 8);
const rhea = {
  name: "Rhea Reset",
  email: `rhea-${suffix}@network.test`,
  password: "saffron ladder brook 31",
  newPassword: "pebble orchard violin 58",
};

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

test("a forgotten password is reset through the emailed link, read in the outbox", async ({
  browser,
  page,
}) => {
  test.setTimeout(120_000);
  // An administrator, so the outbox page can show her own mail to her.
  await signIn(page, admin.email, admin.password);
  const link = await invite(page, rhea.email);
  const laptop = await newPage(browser);
  await acceptInvitation(laptop, link, rhea);

  // On another device, she has forgotten her password.
  const phone = await newPage(browser);
  const errors = watchForBrowserErrors(phone);
  await phone.goto("/sign-in");
  await phone.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(phone.getByRole("heading", { name: "Reset your password" })).toBeVisible();
  await expectAccessible(phone, "forgot password page");
  await phone.getByLabel("Email address").fill(rhea.email);
  await phone.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(phone.getByRole("status")).toContainText(
    "If that email address belongs to an account",
  );
  await screenshot(phone, "password-reset-requested");

  // An unknown email gets the very same answer.
  const stranger = await newPage(browser);
  await stranger.goto("/forgot-password");
  await stranger.getByLabel("Email address").fill(`nobody-${suffix}@network.test`);
  await stranger.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(stranger.getByRole("status")).toHaveText(
    (await phone.getByRole("status").textContent()) ?? "",
  );
  await stranger.context().close();

  // The message waits in the outbox, readable by her alone.
  await laptop.goto("/admin/outbox");
  const row = laptop
    .getByTestId("outbox-row")
    .filter({ hasText: rhea.email })
    .filter({ hasText: "Password reset link" });
  await expect(row).toHaveCount(1);
  await row.getByRole("button", { name: /^View/ }).click();
  const body = (await laptop.getByTestId("mail-body").textContent()) ?? "";
  const resetLink = body.match(/https?:\/\/\S+\/reset-password#token=[\w-]+/)?.[0];
  expect(resetLink, body).toBeTruthy();
  await laptop.keyboard.press("Escape");

  await phone.goto(resetLink ?? "");
  await expect(phone.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
  await expectAccessible(phone, "reset password page");
  // A weak password is refused, and the link stays usable.
  await phone.getByRole("textbox", { name: "New password", exact: true }).fill("password1234");
  await phone
    .getByRole("textbox", { name: "New password again", exact: true })
    .fill("password1234");
  await phone.getByRole("button", { name: "Set my new password" }).click();
  await expect(phone.getByText("The password was not changed")).toBeVisible();
  // The server's reason shows beside the field it is about.
  const newPasswordField = phone.getByRole("textbox", { name: "New password", exact: true });
  await expect(newPasswordField).toHaveAccessibleDescription(
    /This password is on a list of commonly used passwords\. Choose another\./,
  );
  await screenshot(phone, "password-reset-refused-field");
  await phone.getByRole("textbox", { name: "New password", exact: true }).fill(rhea.newPassword);
  await phone
    .getByRole("textbox", { name: "New password again", exact: true })
    .fill(rhea.newPassword);
  await screenshot(phone, "password-reset-choose");
  await phone.getByRole("button", { name: "Set my new password" }).click();
  await expect(phone.getByRole("heading", { name: "Password changed" })).toBeVisible();
  await expectAccessible(phone, "password changed page");

  // Every session ended: the laptop is signed out.
  await laptop.goto("/");
  await expect(laptop.getByRole("heading", { name: "Sign in" })).toBeVisible();

  // The old password no longer works.
  await laptop.getByLabel("Email address").fill(rhea.email);
  await laptop.getByRole("textbox", { name: "Password", exact: true }).fill(rhea.password);
  await laptop.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(laptop.getByText("The email address or password is not right.")).toBeVisible();

  // The link works once.
  await laptop.goto(resetLink ?? "");
  await laptop
    .getByRole("textbox", { name: "New password", exact: true })
    .fill("another fresh phrase 99");
  await laptop
    .getByRole("textbox", { name: "New password again", exact: true })
    .fill("another fresh phrase 99");
  await laptop.getByRole("button", { name: "Set my new password" }).click();
  await expect(laptop.getByText("This link cannot be used")).toBeVisible();
  await expect(laptop.getByRole("link", { name: "Ask for a new reset link" })).toBeVisible();
  await screenshot(laptop, "password-reset-used-link");

  // The new password signs her in, and she was told of the change.
  await signInWithForm(phone, "", rhea.email, rhea.newPassword);
  await phone.goto("/admin/outbox");
  await expect(
    phone
      .getByTestId("outbox-row")
      .filter({ hasText: rhea.email })
      .filter({ hasText: "Account security notice" })
      .first(),
  ).toBeVisible();
  expect(errors).toEqual([]);
  await laptop.context().close();
  await phone.context().close();
});
