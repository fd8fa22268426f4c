import fs from "node:fs";
import { SESSIONS_DIR } from "./sessions.ts";

/** Each run starts from empty databases, so no session saved by an earlier run can work. */
export default function globalSetup(): void {
  fs.rmSync(SESSIONS_DIR, { recursive: true, force: true });
}
