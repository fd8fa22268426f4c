import { expect, type Page, test } from "@playwright/test";
import { expectAccessible, watchForBrowserErrors } from "./support/checks.ts";
import { admin, invite, screenshot, signIn } from "./support/ui.ts";

/** Runs on the main Cascade after foundation.spec.ts has set up its first administrator. */
const suffix = Math.random().toString(16).slice(2, 8);
const cy = {
  name: "Cy Chen",
  email: `cy-${suffix}@network.test`,
  password: "walnut harbour evening",
};

async function post(page: Page, path: string, data: unknown) {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(`${origin}${path}`, {
    data,
    headers: { origin },
  });
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return response.json();
}

test.describe
  .serial("joining with an account that already exists", () => {
    let invitationLink = "";

    test("an administrator invites a person who already has an account", async ({ page }) => {
      await signIn(page, admin.email, admin.password);
      // Cy joins as a new person first, then is invited to a school as a teacher.
      const first = await invite(page, cy.email);
      const newcomer = await page.context().browser()?.newContext();
      const newcomerPage = await newcomer?.newPage();
      if (!newcomer || !newcomerPage) throw new Error("no browser context");
      await newcomerPage.goto(first);
      await newcomerPage.getByLabel("Your name").fill(cy.name);
      await newcomerPage
        .getByRole("textbox", { name: "Choose a password", exact: true })
        .fill(cy.password);
      await newcomerPage.getByRole("button", { name: "Create my account" }).click();
      await expect(newcomerPage.getByRole("heading", { name: "Welcome, Cy" })).toBeVisible();
      await newcomer.close();

      const school = await post(page, "/api/schools", {
        urn: String(900000 + Math.floor(Math.random() * 99999)),
        name: `Harbourside Primary ${suffix}`,
        phase: "primary",
        localAuthority: "Fictionshire",
        postcode: "ZZ1 1ZZ",
      });
      invitationLink = await invite(page, cy.email, {
        role: "teacher",
        scopeType: "school",
        scopeId: school.id,
      });
      expect(invitationLink).toContain("/invitation#token=");
    });

    test("signed in as someone else, the page says so and offers to sign out", async ({ page }) => {
      const errors = watchForBrowserErrors(page);
      await signIn(page, admin.email, admin.password);
      await page.goto(invitationLink);
      await expect(page.getByText("Signed in with another account")).toBeVisible();
      await expect(page.getByText(`This invitation is for ${cy.email}`)).toBeVisible();
      await expectAccessible(page, "invitation for another account");
      await screenshot(page, "invitation-someone-else");
      await page.getByRole("button", { name: "Sign out and continue" }).click();
      await expect(
        page.getByRole("heading", { name: "New to Cascade? Create your account" }),
      ).toBeVisible();
      expect(errors).toEqual([]);
    });

    test("signed out, the owner signs in on the invitation page and accepts, by keyboard", async ({
      page,
    }) => {
      const errors = watchForBrowserErrors(page);
      await page.goto(invitationLink);
      await expect(page.getByRole("heading", { name: "Join Cascade" })).toBeVisible();
      // Nothing on the page says whether the email has an account.
      await expect(
        page.getByRole("button", { name: "Sign in to accept", exact: true }),
      ).toBeVisible();
      await expectAccessible(page, "accept invitation page, signed out");
      await screenshot(page, "invitation-signed-out");

      // Trying to create the account again sends the owner to sign in instead.
      await page.getByLabel("Your name").fill(cy.name);
      await page.getByRole("textbox", { name: "Choose a password", exact: true }).fill(cy.password);
      await page.getByRole("button", { name: "Create my account" }).click();
      await expect(page.getByText("You already have an account")).toBeVisible();
      await expect(page.getByText(`${cy.email} already has a Cascade account`)).toBeVisible();
      await expectAccessible(page, "sign in to accept");
      await screenshot(page, "invitation-sign-in-to-accept");

      await page
        .getByRole("textbox", { name: "Your password", exact: true })
        .fill("not my password");
      await page.keyboard.press("Enter");
      await expect(page.getByText("The email address or password is not right.")).toBeVisible();
      await page.getByRole("textbox", { name: "Your password", exact: true }).fill(cy.password);
      await page.keyboard.press("Enter");

      const accept = page.getByRole("button", { name: "Accept the invitation" });
      await expect(accept).toBeVisible();
      await expectAccessible(page, "accept as the invitee");
      await screenshot(page, "invitation-accept-as-invitee");
      await accept.focus();
      await page.keyboard.press("Enter");
      await expect(page.getByRole("heading", { name: "Welcome, Cy" })).toBeVisible();
      await expect(page.getByText("Teacher").first()).toBeVisible();

      // The link is used up.
      await page.goto(invitationLink);
      await expect(page.getByText("already been used")).toBeVisible();
      expect(errors).toEqual([]);
    });

    test("the session cookie ends with the browser unless “keep me signed in” is ticked", async ({
      page,
    }) => {
      await signIn(page, cy.email, cy.password);
      const plain = (await page.context().cookies()).find((c) => c.name === "cascade_session");
      expect(plain?.expires).toBe(-1);

      await page.context().clearCookies();
      await page.goto("/sign-in");
      await page.getByLabel("Email address").fill(cy.email);
      await page.getByRole("textbox", { name: "Password", exact: true }).fill(cy.password);
      await page.getByLabel("Keep me signed in on this device").focus();
      await page.keyboard.press("Space");
      await expect(page.getByLabel("Keep me signed in on this device")).toBeChecked();
      await expectAccessible(page, "sign-in page with keep me signed in");
      await screenshot(page, "sign-in-keep");
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.getByRole("heading", { name: /^Welcome, / })).toBeVisible();
      const kept = (await page.context().cookies()).find((c) => c.name === "cascade_session");
      expect(kept?.expires ?? 0).toBeGreaterThan(Date.now() / 1000 + 6 * 24 * 3600);
    });

    test("a used or unknown sign-in link is refused plainly", async ({ page }) => {
      const errors = watchForBrowserErrors(page);
      await page.goto(`/sign-in/link#token=${"x".repeat(43)}`);
      await expect(
        page.getByRole("heading", { name: "Sign in with your emailed link" }),
      ).toBeVisible();
      await expectAccessible(page, "sign-in link page");
      await page.getByRole("button", { name: "Sign in to Cascade" }).click();
      await expect(page.getByText("already been used or has expired")).toBeVisible();
      await screenshot(page, "sign-in-link-refused");
      expect(errors).toEqual([]);
    });
  });
