import type { Page } from "@playwright/test";
import { signInSaved } from "./sessions.ts";

/** The second Cascade the Playwright config starts, for journeys on the demo network. */
const demoPort = Number(process.env.E2E_PORT ?? 3100) + 1;
export const DEMO_BASE_URL = `http://127.0.0.1:${demoPort}`;

/** Where setup-demo.spec.ts leaves the demo accounts for the journeys that run after it (one file per port, so parallel runs do not share it). */
export const DEMO_ACCOUNTS_FILE = `.tmp/e2e-demo-accounts-${demoPort}.json`;

export interface DemoAccounts {
  password: string;
  leader: string;
  lead: string;
  teacher: string;
  admin: string;
}

/** Signs in to the demo Cascade as one of its accounts (reusing the run's saved session when it has one). */
export async function signInToDemo(page: Page, email: string, password: string): Promise<void> {
  await signInSaved(page, DEMO_BASE_URL, email, password);
}
