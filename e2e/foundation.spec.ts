import { expect, test } from "@playwright/test";
import { expectAccessible, watchForBrowserErrors } from "./support/checks.ts";

const admin = {
  name: "Ada Adeyemi",
  email: "ada@network.test",
  password: "copper kettle moorland 7",
};
const invitee = {
  name: "Bea Bello",
  email: "bea@network.test",
  password: "saffron lighthouse 1987",
};

test.describe
  .serial("first run, sign-in, invitations and disabling", () => {
    test("the first visit sets up the first administrator", async ({ page }) => {
      const errors = watchForBrowserErrors(page);
      await page.goto("/");
      await expect(page).toHaveURL(/\/setup$/);
      await expect(page.getByRole("heading", { name: "Set up Cascade" })).toBeVisible();
      await expectAccessible(page, "setup page");
      await expect(page.getByRole("button", { name: "Explore with demo data" })).toBeVisible();

      await page.getByLabel("Your name").fill(admin.name);
      await page.getByLabel("Email address").fill(admin.email);
      await page.getByRole("textbox", { name: "Password", exact: true }).fill("password1234");
      await page.getByRole("button", { name: "Create administrator" }).click();
      await expect(page.getByText("commonly used passwords")).toBeVisible();

      await page.getByRole("textbox", { name: "Password", exact: true }).fill(admin.password);
      // The journeys after this one sign people in with passwords alone (e2e/mfa.spec.ts covers the factor).
      await page
        .getByLabel("Require a second factor for staff who can see named pupil data")
        .uncheck();
      await page.getByRole("button", { name: "Create administrator" }).click();
      await expect(page.getByRole("heading", { name: "Welcome, Ada" })).toBeVisible();
      await expect(page.getByText("Network administrator")).toBeVisible();
      await expectAccessible(page, "home page");
      await page.screenshot({ path: ".tmp/screens/home.png", fullPage: true });
      expect(errors).toEqual([]);
    });

    test("signing out and in again, using the keyboard", async ({ page }) => {
      const errors = watchForBrowserErrors(page);
      await page.goto("/sign-in");
      await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();
      await expectAccessible(page, "sign-in page");
      await page.screenshot({ path: ".tmp/screens/sign-in.png", fullPage: true });

      await page.getByLabel("Email address").fill(admin.email);
      await page
        .getByRole("textbox", { name: "Password", exact: true })
        .fill("not my password at all");
      await page.keyboard.press("Enter");
      await expect(page.getByText("The email address or password is not right.")).toBeVisible();

      await page.getByRole("textbox", { name: "Password", exact: true }).fill(admin.password);
      await page.keyboard.press("Enter");
      await expect(page.getByRole("heading", { name: "Welcome, Ada" })).toBeVisible();

      await page.getByRole("button", { name: "Sign out" }).focus();
      await page.keyboard.press("Enter");
      await expect(page).toHaveURL(/\/sign-in/);
      await page.goto("/");
      await expect(page).toHaveURL(/\/sign-in/);
      expect(errors).toEqual([]);
    });

    test("an administrator invites a person, who accepts and is later disabled", async ({
      page,
      browser,
    }) => {
      const errors = watchForBrowserErrors(page);
      await page.goto("/sign-in");
      await page.getByLabel("Email address").fill(admin.email);
      await page.getByRole("textbox", { name: "Password", exact: true }).fill(admin.password);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await page.getByRole("link", { name: "Admin · People" }).click();
      await expect(page.getByRole("heading", { name: "People" })).toBeVisible();
      await expectAccessible(page, "people page");

      await page.getByLabel("Email address").fill(invitee.email);
      await page.getByRole("button", { name: "Send invitation" }).click();
      const link = await page.getByTestId("invitation-url").textContent();
      expect(link).toContain("/invitation#token=");
      await expect(page.getByRole("cell", { name: invitee.email, exact: true })).toBeVisible();
      await page.screenshot({ path: ".tmp/screens/people.png", fullPage: true });

      const inviteeContext = await browser.newContext();
      const inviteePage = await inviteeContext.newPage();
      const inviteeErrors = watchForBrowserErrors(inviteePage);
      await inviteePage.goto(link ?? "");
      await expect(inviteePage.getByRole("heading", { name: "Join Cascade" })).toBeVisible();
      await expectAccessible(inviteePage, "accept invitation page");
      await inviteePage.getByLabel("Your name").fill(invitee.name);
      await inviteePage
        .getByRole("textbox", { name: "Choose a password", exact: true })
        .fill(invitee.password);
      await inviteePage.getByRole("button", { name: "Create my account" }).click();
      await expect(inviteePage.getByRole("heading", { name: "Welcome, Bea" })).toBeVisible();

      // The same link cannot be used twice.
      const replay = await browser.newContext();
      const replayPage = await replay.newPage();
      await replayPage.goto(link ?? "");
      await expect(replayPage.getByText("already been used")).toBeVisible();
      await replay.close();

      await page.reload();
      // Searching people by name: the term goes in a request body, never in a URL.
      const searchUrls: string[] = [];
      page.on("request", (request) => searchUrls.push(request.url()));
      await page.getByLabel("Search people").fill("Bea");
      await expect(page.getByRole("row", { name: new RegExp(invitee.name) })).toBeVisible();
      await expect(page.getByRole("row", { name: new RegExp(admin.name) })).toHaveCount(0);
      expect(searchUrls.filter((url) => url.includes("Bea"))).toEqual([]);
      await page.getByRole("button", { name: `Disable ${invitee.name}` }).click();
      await expect(page.getByRole("dialog", { name: "Disable this account?" })).toBeVisible();
      await expectAccessible(page, "disable dialog");
      await page.getByRole("button", { name: "Disable account" }).click();
      await expect(
        page.getByRole("row", { name: new RegExp(invitee.name) }).getByText("Disabled"),
      ).toBeVisible();

      await inviteePage.goto("/");
      await expect(inviteePage).toHaveURL(/\/sign-in/);
      await inviteeContext.close();
      expect([...errors, ...inviteeErrors]).toEqual([]);
    });
  });
