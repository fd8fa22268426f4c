import { type Browser, type BrowserContext, expect, type Page } from "@playwright/test";
import { signInWithForm } from "./sessions.ts";
import { acceptInvitation } from "./ui.ts";

export interface Person {
  name: string;
  email: string;
  password: string;
}

/** POSTs JSON as the person signed in on `page`; fails the test on any answer but 2xx. */
export async function postJson<T = unknown>(page: Page, path: string, data: unknown): Promise<T> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.post(`${origin}${path}`, { data, headers: { origin } });
  expect(response.ok(), `${path}: ${await response.text()}`).toBe(true);
  return (response.status() === 204 ? null : await response.json()) as T;
}

/** A school of its own on the main Cascade, made through the API by the administrator on `admin`. */
export async function makeSchool(admin: Page, name: string): Promise<{ id: string }> {
  return postJson(admin, "/api/schools", {
    urn: String(900000 + Math.floor(Math.random() * 99999)),
    name,
    phase: "primary",
    localAuthority: "Fictionshire",
    postcode: "ZZ1 1ZZ",
  });
}

/**
 * Gives `schoolId` a school leader, signed in on a page of their own: the
 * administrator on `admin` invites them; an administrator's grant of a school
 * role waits for a second administrator, so `approver` is invited as one and
 * approves it; then the leader signs in again, now with the school. It works on
 * whichever Cascade `admin` is on.
 */
export async function signedInLeader(
  admin: Page,
  browser: Browser,
  input: {
    schoolId: string;
    leader: Person;
    approver: Person;
    /** The school role to grant: a leader unless another is asked for. */
    role?: "school_leader" | "teacher";
  },
): Promise<{ lead: Page; context: BrowserContext }> {
  const invitation = await postJson<{ url: string }>(admin, "/api/invitations", {
    email: input.leader.email,
    role: input.role ?? "school_leader",
    scopeType: "school",
    scopeId: input.schoolId,
  });
  const second = await postJson<{ url: string }>(admin, "/api/invitations", {
    email: input.approver.email,
    role: "network_admin",
    scopeType: "network",
  });
  const context = await browser.newContext();
  const lead = await context.newPage();
  await acceptInvitation(lead, invitation.url, input.leader);
  const approverContext = await browser.newContext();
  const approving = await approverContext.newPage();
  await acceptInvitation(approving, second.url, input.approver);
  const origin = new URL(admin.url()).origin;
  const waiting = await approving.request.get(`${origin}/api/memberships/pending`);
  const pending = (
    (await waiting.json()) as { items: { id: string; userEmail: string }[] }
  ).items.find((m) => m.userEmail === input.leader.email);
  if (!pending) throw new Error(`no pending membership for ${input.leader.email}`);
  await postJson(approving, `/api/memberships/${pending.id}/approve`, {});
  await approverContext.close();
  await context.clearCookies();
  await signInWithForm(lead, origin, input.leader.email, input.leader.password);
  return { lead, context };
}
