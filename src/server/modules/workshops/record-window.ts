import { recordClosedReason } from "../../../domain/record-window.ts";
import { Conflict } from "../../errors.ts";

/**
 * Refuses what describes an occasion (a workshop's register or summary, a
 * visit's record or response) before the occasion's day in London: 409, with
 * the day it opens.
 */
export function refuseBeforeTheDay(
  occasion: string,
  opens: string,
  opensOn: string,
  on: string,
): void {
  const reason = recordClosedReason({ opens, opensOn, occasion }, on);
  if (reason) throw new Conflict(reason, { opensOn });
}
