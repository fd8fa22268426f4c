import { type Browser, expect, type Page, test } from "@playwright/test";
import { expectAccessible, watchForBrowserErrors } from "./support/checks.ts";
import { acceptInvitation, admin, choose, screenshot, signIn } from "./support/ui.ts";

// Runs after network-admin.spec.ts: the schools and the 2026/27 programme year exist.
const lead = { name: "Pat Okafor", email: "pat@lead.test", password: "harbour violet candle 42" };
const leader = {
  name: "Sam Shah",
  email: "sam@riverside.test",
  password: "lantern meadow ochre 19",
};
const teacher = {
  name: "Tia Brown",
  email: "tia@riverside.test",
  password: "pebble orchard maple 88",
};
const secondAdmin = {
  name: "Noor Haddad",
  email: "noor@network.test",
  password: "quartz meadow lantern 64",
};
const links: { lead?: string; leader?: string } = {};

async function invitationLink(page: Page): Promise<string> {
  const link = (await page.getByTestId("invitation-url").first().textContent()) ?? "";
  expect(link).toContain("/invitation#token=");
  return link;
}

async function newPerson(browser: Browser) {
  const context = await browser.newContext();
  const page = await context.newPage();
  return { context, page, errors: watchForBrowserErrors(page) };
}

/** The cluster page's table of enrolled schools (the progress table also names each school). */
const enrolled = (page: Page) => page.getByRole("table", { name: /^Schools enrolled in / });

async function enrol(page: Page, school: string) {
  await choose(page, "Enrol a school", new RegExp(school), school.split(" ")[0]);
  await page.getByRole("button", { name: "Enrol school" }).click();
  await expect(enrolled(page).getByRole("row", { name: new RegExp(school) })).toBeVisible();
}

test.describe
  .serial("a cluster, its trio and a school's team", () => {
    test("an administrator creates a cluster and its lead is invited", async ({ page }) => {
      const errors = watchForBrowserErrors(page);
      await signIn(page, admin.email, admin.password);
      await page.getByRole("link", { name: "Admin · Clusters" }).click();
      await expect(page.getByRole("heading", { name: "Clusters", exact: true })).toBeVisible();
      await expect(page.getByText("No clusters yet.")).toBeVisible();
      await expectAccessible(page, "clusters page, empty");

      await page.getByRole("button", { name: "Create cluster" }).click();
      await expect(page.getByText("Choose the facilitation school.")).toBeVisible();
      await page.getByRole("textbox", { name: "Name", exact: true }).fill("Aire Valley");
      await choose(page, "Facilitation school", /Riverside Primary School/, "River");
      await page.getByLabel("Programme lead 1 email address").fill(lead.email);
      await page.getByRole("button", { name: "Create cluster" }).click();
      await expect(page.getByText("Aire Valley created; programme leads invited")).toBeVisible();
      links.lead = await invitationLink(page);
      const row = page.getByRole("row", { name: /Aire Valley/ });
      await expect(row.getByText("Invitation pending")).toBeVisible();
      await expectAccessible(page, "clusters page");
      await screenshot(page, "clusters");
      expect(errors).toEqual([]);
    });

    test("the administrator enrols schools, forms a trio and invites a school leader", async ({
      page,
    }) => {
      const errors = watchForBrowserErrors(page);
      await signIn(page, admin.email, admin.password);
      await page.getByRole("link", { name: "Admin · Clusters" }).click();
      await page.getByRole("link", { name: "Aire Valley" }).click();
      await expect(page.getByRole("heading", { name: "Aire Valley" })).toBeVisible();
      await expect(page.getByText("No schools are enrolled yet.")).toBeVisible();
      await expectAccessible(page, "cluster page, empty");

      for (const school of [
        "Riverside Primary School",
        "Oakfield Primary School",
        "Hillside Primary School",
        "Moorland Academy",
      ])
        await enrol(page, school);
      await expect(page.getByText("0 of 4 teams meet the programme's guidance")).toBeVisible();

      await page.getByLabel("Trio name").fill("Aire North");
      await choose(page, "Lead school", "Riverside Primary School");
      await choose(page, "Accelerator school", "Oakfield Primary School");
      await choose(page, "Second accelerator school", "Hillside Primary School");
      await page.getByRole("button", { name: "Form trio" }).click();
      const riverside = enrolled(page).getByRole("row", { name: /Riverside Primary School/ });
      await expect(riverside.getByRole("cell", { name: "Aire North · Lead" })).toBeVisible();
      await expect(
        enrolled(page)
          .getByRole("row", { name: /Hillside/ })
          .getByRole("cell", { name: "Aire North · Accelerator" }),
      ).toBeVisible();

      // The server's field error for a name already taken shows at the field.
      await page.getByLabel("Trio name").fill("Aire North");
      await choose(page, "Lead school", "Moorland Academy");
      await page.getByRole("button", { name: "Form trio" }).click();
      await expect(page.getByText("This name is taken.")).toBeVisible();

      // A secondary school's teachers are invited with their subject.
      await page.getByRole("button", { name: "Invite to the team of Moorland Academy" }).click();
      const moorland = page.getByRole("dialog", { name: "Invite to the team of Moorland Academy" });
      await moorland.getByLabel("Email address").fill("max@moorland.test");
      await moorland.getByRole("button", { name: "Send invitation" }).click();
      await expect(moorland.getByText("Choose the teacher's subject.")).toBeVisible();
      await expectAccessible(page, "invite to team dialog, secondary school");
      await moorland.getByRole("button", { name: "Close" }).click();

      await page.getByRole("button", { name: "Withdraw Moorland Academy" }).click();
      await expect(page.getByRole("dialog", { name: "Withdraw this enrolment?" })).toBeVisible();
      await expectAccessible(page, "withdraw enrolment dialog");
      await page.getByRole("button", { name: "Withdraw enrolment" }).click();
      await expect(enrolled(page).getByRole("row", { name: /Moorland Academy/ })).toHaveCount(0);

      // By keyboard: Enter opens the confirmation, Escape leaves everything as it was.
      await page.getByRole("button", { name: "Dissolve Aire North" }).focus();
      await page.keyboard.press("Enter");
      const dissolve = page.getByRole("dialog", { name: "Dissolve this trio?" });
      await expect(dissolve).toBeVisible();
      await expect(dissolve.getByText("its 3 schools stay enrolled")).toBeVisible();
      await expectAccessible(page, "dissolve trio dialog");
      await page.keyboard.press("Escape");
      await expect(dissolve).toBeHidden();
      await expect(page.getByText("Aire North · Lead")).toBeVisible();

      await page
        .getByRole("button", { name: "Invite to the team of Riverside Primary School" })
        .click();
      const invite = page.getByRole("dialog", { name: /Invite to the team of Riverside/ });
      await invite.getByLabel("Email address").fill(leader.email);
      await choose(invite, "Team role", "Leader");
      await expect(invite.getByLabel("Subject")).toHaveCount(0);
      await invite.getByRole("button", { name: "Send invitation" }).click();
      links.leader = await invitationLink(page);
      await expectAccessible(page, "invite to team dialog");
      await screenshot(page, "cluster-invite-dialog");
      await invite.getByRole("button", { name: "Close" }).click();
      await expect(invite).toBeHidden();
      await screenshot(page, "cluster");
      expect(errors).toEqual([]);
    });

    test("the school leader joins, invites a teacher, and the teacher sees the team", async ({
      browser,
    }) => {
      const sam = await newPerson(browser);
      await acceptInvitation(sam.page, links.leader ?? "", leader);
      // An administrator invited Sam, so the role waits for a second person's approval.
      await expect(sam.page.getByText("Waiting for approval")).toBeVisible();
      await expect(sam.page.getByRole("heading", { name: "Your school" })).toHaveCount(0);
      await expectAccessible(sam.page, "home page of a person whose role waits for approval");
      await screenshot(sam.page, "home-waiting-for-approval");

      // Ada, who invited Sam, cannot approve; a second administrator, Noor, does.
      const ada = await newPerson(browser);
      await signIn(ada.page, admin.email, admin.password);
      await ada.page.getByRole("link", { name: "Admin · People" }).click();
      const waiting = ada.page.getByRole("row", { name: /Sam Shah/ }).first();
      await expect(
        ada.page.getByRole("heading", { name: "Roles waiting for approval" }),
      ).toBeVisible();
      await expect(waiting.getByText("Someone else must approve this")).toBeVisible();
      await ada.page.getByLabel("Email address").fill(secondAdmin.email);
      await ada.page.getByRole("button", { name: "Send invitation" }).click();
      const adminLink = await invitationLink(ada.page);
      const noor = await newPerson(browser);
      await acceptInvitation(noor.page, adminLink, secondAdmin);
      await noor.page.getByRole("link", { name: "Admin · People" }).click();
      const approve = noor.page.getByRole("button", {
        name: "Approve Sam Shah as school leader at Riverside Primary School",
      });
      await expect(approve).toBeVisible();
      await expectAccessible(noor.page, "people page with a role waiting for approval");
      await screenshot(noor.page, "people-waiting-for-approval");
      await approve.click();
      await expect(
        noor.page.getByRole("heading", { name: "Roles waiting for approval" }),
      ).toHaveCount(0);
      expect(ada.errors).toEqual([]);
      expect(noor.errors).toEqual([]);
      await ada.context.close();
      await noor.context.close();

      await sam.page.reload();
      await expect(sam.page.getByRole("heading", { name: "Your school" })).toBeVisible();
      await expect(sam.page.getByText("Trio Aire North", { exact: true })).toBeVisible();
      await expect(sam.page.getByText("Oakfield Primary School")).toBeVisible();
      await expect(sam.page.getByText("Below guidance")).toBeVisible();
      await expectAccessible(sam.page, "home page of a school leader");
      await screenshot(sam.page, "home-school-leader");

      await sam.page.getByRole("link", { name: "My school", exact: true }).click();
      await expect(
        sam.page.getByRole("heading", { name: "Riverside Primary School" }),
      ).toBeVisible();
      await expect(sam.page.getByRole("heading", { name: "Cluster Aire Valley" })).toBeVisible();
      await expect(sam.page.getByText("This school leads the trio.")).toBeVisible();
      await expect(sam.page.getByRole("row", { name: /Sam Shah/ })).toBeVisible();
      await expect(sam.page.getByText("does not block")).toBeVisible();
      await expectAccessible(sam.page, "my school page of a school leader");

      await sam.page.getByLabel("Email address").fill(teacher.email);
      await expect(sam.page.getByLabel("Subject")).toHaveCount(0);
      await sam.page.getByRole("button", { name: "Send invitation" }).click();
      const teacherLink = await invitationLink(sam.page);
      await expect(sam.page.getByRole("cell", { name: teacher.email, exact: true })).toBeVisible();
      await screenshot(sam.page, "my-school-leader");

      const tia = await newPerson(browser);
      await acceptInvitation(tia.page, teacherLink, teacher);
      await tia.page.getByRole("link", { name: "My school", exact: true }).click();
      await expect(
        tia.page.getByRole("heading", { name: "Riverside Primary School" }),
      ).toBeVisible();
      await expect(tia.page.getByRole("row", { name: /Sam Shah.*Leader/ })).toBeVisible();
      await expect(tia.page.getByRole("row", { name: /Tia Brown.*Teacher/ })).toBeVisible();
      const checklist = tia.page.getByRole("list", {
        name: "Team composition against the guidance",
      });
      await expect(checklist.getByRole("listitem")).toHaveText([
        /✓.*1 leader/,
        /✓.*1 teacher/,
        /⚠.*1 para-professional — 0 of 1/,
      ]);
      await expect(tia.page.getByRole("button", { name: "Send invitation" })).toHaveCount(0);
      await expectAccessible(tia.page, "my school page of a teacher");
      await screenshot(tia.page, "my-school-teacher");

      await sam.page.reload();
      await sam.page.getByRole("button", { name: "Remove Tia Brown from the team" }).click();
      await expect(sam.page.getByRole("dialog", { name: "Remove from the team?" })).toBeVisible();
      await expectAccessible(sam.page, "remove team member dialog");
      await sam.page.getByRole("button", { name: "Cancel" }).click();

      // An invitation sent to the wrong address is withdrawn, and its link stops working.
      await sam.page.getByLabel("Email address").fill("wrong.address@riverside.test");
      await sam.page.getByRole("button", { name: "Send invitation" }).click();
      const wrongLink = await invitationLink(sam.page);
      await sam.page
        .getByRole("button", { name: "Withdraw the invitation to wrong.address@riverside.test" })
        .click();
      const withdrawDialog = sam.page.getByRole("dialog", { name: "Withdraw the invitation?" });
      await expect(withdrawDialog).toContainText("stops working at once");
      await expectAccessible(sam.page, "withdraw invitation dialog");
      await withdrawDialog.getByRole("button", { name: "Withdraw invitation" }).click();
      await expect(withdrawDialog).toBeHidden();
      await expect(
        sam.page.getByRole("cell", { name: "wrong.address@riverside.test", exact: true }),
      ).toHaveCount(0);
      const stranger = await newPerson(browser);
      await stranger.page.goto(wrongLink);
      await expect(stranger.page.getByText(/withdrawn|no longer/i).first()).toBeVisible();
      await stranger.context.close();

      expect([...sam.errors, ...tia.errors]).toEqual([]);
      await sam.context.close();
      await tia.context.close();
    });

    test("the programme lead joins and sees the cluster", async ({ browser }) => {
      const pat = await newPerson(browser);
      await acceptInvitation(pat.page, links.lead ?? "", lead);
      await expect(
        pat.page.getByRole("heading", { name: "Your clusters", exact: true }),
      ).toBeVisible();
      await expect(pat.page.getByText("0 of 3 teams meet the programme's guidance")).toBeVisible();
      await expectAccessible(pat.page, "home page of a programme lead");
      await screenshot(pat.page, "home-programme-lead");

      await pat.page.getByRole("link", { name: "My cluster", exact: true }).click();
      await expect(pat.page.getByRole("heading", { name: "Aire Valley" })).toBeVisible();
      await expect(
        enrolled(pat.page).getByRole("row", { name: /Riverside.*2 members/ }),
      ).toBeVisible();
      await expect(pat.page.getByRole("button", { name: "Enrol school" })).toHaveCount(0);
      await expectAccessible(pat.page, "cluster page of a programme lead");
      await screenshot(pat.page, "cluster-programme-lead");

      // Admin pages are not theirs: the page says so rather than sending them home.
      await pat.page.goto("/admin/clusters");
      await expect(pat.page).toHaveURL(/\/admin\/clusters$/);
      await expect(
        pat.page.getByText("Only network administrators can manage clusters."),
      ).toBeVisible();
      await expect(pat.page.getByRole("link", { name: "Go to your home page" })).toBeVisible();
      expect(pat.errors).toEqual([]);
      await pat.context.close();
    });

    test("an administrator invites a teacher to a school from People", async ({ page }) => {
      const errors = watchForBrowserErrors(page);
      await signIn(page, admin.email, admin.password);
      await page.getByRole("link", { name: "Admin · People" }).click();
      await choose(page, "Role", "Teacher");
      await page.getByLabel("Email address").fill("hal@hillside.test");
      await page.getByRole("button", { name: "Send invitation" }).click();
      await expect(page.getByText("Choose the school.")).toBeVisible();
      await choose(page, "School", /Hillside Primary School/, "Hill");
      await expectAccessible(page, "people page, inviting to a school");
      await page.getByRole("button", { name: "Send invitation" }).click();
      await invitationLink(page);
      await expect(
        page
          .getByRole("row", { name: /hal@hillside\.test/ })
          .getByRole("cell", { name: "Teacher · Hillside Primary School" }),
      ).toBeVisible();

      await choose(page, "Role", "Programme lead");
      await choose(page, "Cluster", /Aire Valley/);
      await page.getByLabel("Email address").fill("second.lead@lead.test");
      await page.getByRole("button", { name: "Send invitation" }).click();
      await expect(
        page
          .getByRole("row", { name: /second\.lead@lead\.test/ })
          .getByRole("cell", { name: /^Programme lead · Aire Valley/ }),
      ).toBeVisible();
      await screenshot(page, "people-invite");

      await page.getByRole("link", { name: "Home" }).click();
      await expect(page.getByRole("link", { name: /^3\s*Enrolled schools$/ })).toBeVisible();
      await expectAccessible(page, "home page of an administrator");
      await screenshot(page, "home-admin");
      expect(errors).toEqual([]);
    });
  });
