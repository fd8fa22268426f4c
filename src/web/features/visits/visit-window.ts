import type { Visit } from "../../../contracts/programme-year.ts";
import { today } from "../../../domain/calendar.ts";
import { recordClosedReason } from "../../../domain/record-window.ts";

/** Before the visit's day (London): when its record or response opens; null from the day on. */
export function visitClosedReason(visit: Visit, opens: string): string | null {
  return recordClosedReason(
    { opens, opensOn: visit.visitOn, occasion: "the day of the visit" },
    today({ now: () => new Date() }),
  );
}
