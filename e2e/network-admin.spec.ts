import { expect, test } from "@playwright/test";
import { expectAccessible, watchForBrowserErrors } from "./support/checks.ts";
import { admin, choose, screenshot, signIn } from "./support/ui.ts";

const GIAS_HEADER = "URN,EstablishmentName,PhaseOfEducation (name),LA (name),Postcode";
const csv = (...rows: string[]) => ({
  name: "gias.csv",
  mimeType: "text/csv",
  buffer: Buffer.from(`${[GIAS_HEADER, ...rows].join("\n")}\n`),
});

test.describe
  .serial("an administrator sets up the network", () => {
    // This Cascade is the network journeys' own (playwright.config.ts): its first
    // administrator is made through the API, as the first-run journey makes the main one's.
    test.beforeAll(async ({ request }) => {
      const state = await request.get("/api/setup");
      if (!((await state.json()) as { needed: boolean }).needed) return;
      const origin = new URL(state.url()).origin;
      const made = await request.post("/api/setup", {
        data: { ...admin, requireSecondFactor: false },
        headers: { origin },
      });
      expect(made.status(), await made.text()).toBe(201);
    });

    test("hubs and a school, created, edited and archived", async ({ page }) => {
      const errors = watchForBrowserErrors(page);
      await signIn(page, admin.email, admin.password);
      await expect(page.getByText("No schools yet.")).toBeVisible();
      await expectAccessible(page, "home page of an administrator, empty network");

      await page.getByRole("link", { name: "Add or import schools" }).click();
      await expect(page.getByRole("heading", { name: "Schools and hubs" })).toBeVisible();
      await expect(page.getByRole("button", { name: "Add the first school" })).toBeVisible();
      await expectAccessible(page, "schools page, empty");

      await page.getByLabel("New hub").fill("North Hub");
      await page.getByRole("button", { name: "Create hub" }).click();
      await expect(page.getByRole("cell", { name: "North Hub", exact: true })).toBeVisible();
      await page.getByRole("button", { name: "Rename North Hub" }).click();
      const rename = page.getByRole("dialog", { name: "Rename hub" });
      await expectAccessible(page, "rename hub dialog");
      await rename.getByRole("textbox", { name: "Name" }).fill("Northern Hub");
      await rename.getByRole("button", { name: "Rename" }).click();
      await expect(page.getByRole("cell", { name: "Northern Hub", exact: true })).toBeVisible();

      await page.getByLabel("New hub").fill("Spare Hub");
      await page.getByRole("button", { name: "Create hub" }).click();
      await page.getByRole("button", { name: "Archive Spare Hub" }).click();
      await expect(page.getByRole("dialog", { name: "Archive this hub?" })).toBeVisible();
      await expectAccessible(page, "archive hub dialog");
      await page.getByRole("button", { name: "Archive hub" }).click();
      await expect(
        page.getByRole("row", { name: /Spare Hub/ }).getByText("Archived", { exact: true }),
      ).toBeVisible();

      await page.getByRole("button", { name: "Add a school", exact: true }).click();
      const add = page.getByRole("dialog", { name: "Add a school" });
      await add.getByLabel("URN").fill("100001");
      await add
        .getByRole("textbox", { name: "Name", exact: true })
        .fill("Riverside Primary School");
      await expect(add.getByRole("textbox", { name: "Short code" })).toHaveValue(/^[A-Z]{3}$/);
      const proposed = await add.getByRole("textbox", { name: "Short code" }).inputValue();
      await choose(add, "Phase", "Primary");
      await add.getByLabel("Local authority").fill("Leeds");
      await add.getByLabel("Postcode").fill("ls1 4ab");
      await choose(add, "Hub", "Northern Hub");
      await expectAccessible(page, "add school dialog");
      await screenshot(page, "school-add-dialog");
      await add.getByRole("button", { name: "Add school" }).click();
      await expect(add).toBeHidden();
      const row = page.getByRole("row", { name: /Riverside Primary School/ });
      await expect(row.getByRole("cell", { name: "LS1 4AB" })).toBeVisible();
      await expect(row.getByRole("cell", { name: proposed, exact: true })).toBeVisible();

      await page.getByRole("button", { name: "Edit Riverside Primary School" }).click();
      const edit = page.getByRole("dialog", { name: "Edit Riverside Primary School" });
      await expect(edit.getByLabel("URN")).toHaveValue("100001");
      await edit.getByLabel("Local authority").fill("Leeds City");
      await edit.getByRole("button", { name: "Save changes" }).click();
      await expect(row.getByRole("cell", { name: "Leeds City" })).toBeVisible();

      await page.getByRole("button", { name: "Archive Riverside Primary School" }).click();
      await expect(page.getByRole("dialog", { name: "Archive this school?" })).toBeVisible();
      await page.getByRole("button", { name: "Archive school" }).click();
      await expect(row).toBeHidden();
      await page.getByLabel("Show archived").check();
      await expect(row.getByText("Archived", { exact: true })).toBeVisible();
      await page.getByRole("button", { name: "Unarchive Riverside Primary School" }).click();
      await expect(row.getByText("Active", { exact: true })).toBeVisible();
      await screenshot(page, "schools");
      expect(errors).toEqual([]);
    });

    test("a GIAS file with a bad row imports nothing; a clean one imports", async ({ page }) => {
      const errors = watchForBrowserErrors(page);
      await signIn(page, admin.email, admin.password);
      await page.getByRole("link", { name: "Admin · Schools" }).click();
      const fileInput = page.locator('input[type="file"]');

      await fileInput.setInputFiles(
        csv(
          "12345,Short Urn School,Primary,Leeds,LS2 1AA",
          "100006,Fine School,Primary,Leeds,LS2 2AA",
        ),
      );
      await page.getByRole("button", { name: "Import schools" }).click();
      const rejected = page.getByRole("alert").filter({ hasText: "Nothing was imported" });
      await expect(rejected).toBeVisible();
      const problem = rejected.getByRole("row", { name: /12345/ });
      await expect(problem.getByRole("cell").nth(0)).toHaveText("2");
      await expect(problem.getByRole("cell").nth(1)).toHaveText("URN");
      await expect(problem.getByRole("cell").nth(2)).toHaveText("12345");
      await expectAccessible(page, "schools page with import errors");
      await screenshot(page, "schools-import-errors");
      await page.getByLabel("Search schools").fill("Fine School");
      await expect(page.getByText("No school matches this search.")).toBeVisible();
      await page.getByLabel("Search schools").fill("");

      await fileInput.setInputFiles(
        csv(
          "100002,Oakfield Primary School,Primary,Leeds,LS6 2AA",
          "100003,Hillside Primary School,Primary,Bradford,BD1 1AA",
          "100004,Moorland Academy,Secondary,Wakefield,WF1 1AA",
        ),
      );
      await choose(page, "Hub for new schools (optional)", "Northern Hub");
      await page.getByRole("button", { name: "Import schools" }).click();
      await expect(page.getByText("3 rows read: 3 created, 0 updated, 0 unchanged.")).toBeVisible();
      await expect(page.getByRole("heading", { name: "Schools (4)" })).toBeVisible();
      await expect(
        page
          .getByRole("row", { name: /Moorland Academy/ })
          .getByRole("cell", { name: "Secondary" }),
      ).toBeVisible();
      await expectAccessible(page, "schools page after import");
      expect(errors).toEqual([]);
    });

    test("the programme from its template, and a programme year", async ({ page }) => {
      const errors = watchForBrowserErrors(page);
      await signIn(page, admin.email, admin.password);
      await page.getByRole("link", { name: "Admin · Programmes" }).click();
      await expect(
        page.getByRole("heading", { name: "Excellence for Everyone is not set up yet" }),
      ).toBeVisible();
      await expectAccessible(page, "programmes page, empty");
      await page.getByRole("button", { name: "Create Excellence for Everyone" }).click();
      await expect(
        page.getByRole("heading", { name: "Excellence for Everyone", exact: true }),
      ).toBeVisible();
      await expect(page.getByRole("cell", { name: "September" })).toBeVisible();
      await expect(page.getByText("No programme year is open yet.")).toBeVisible();

      await page.getByLabel("Academic year").fill("2026/28");
      await page.getByRole("button", { name: "Open programme year" }).click();
      await expect(page.getByText("the second year follows the first").first()).toBeVisible();
      await page.getByLabel("Academic year").fill("2026/27");
      await page.getByRole("button", { name: "Open programme year" }).click();
      await expect(page.getByRole("cell", { name: "1 Sep 2026 – 31 Aug 2027" })).toBeVisible();
      await expectAccessible(page, "programmes page");
      await screenshot(page, "programmes");
      expect(errors).toEqual([]);
    });
  });
