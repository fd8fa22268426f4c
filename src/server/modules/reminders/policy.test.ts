import { describe, expect, it } from "vitest";
import { ACTORS, roleTable } from "../../../../test/support/policy-actors.ts";
import { reminderPolicy } from "./policy.ts";

type Key = keyof typeof reminderPolicy;
/** A message addressed to the teacher. */
const message = { user_id: ACTORS.teacher.userId };
const rules: Record<Key, (a: (typeof ACTORS)["programme_lead"]) => boolean> = {
  sendDue: (a) => reminderPolicy.sendDue(a),
  readOutbox: (a) => reminderPolicy.readOutbox(a),
  openMessage: (a) => reminderPolicy.openMessage(a, message),
};

describe("reminderPolicy", () => {
  it.each(
    roleTable<Key>({
      sendDue: ["network_admin"],
      readOutbox: ["network_admin"],
      openMessage: ["teacher"],
    }),
  )("%s by %s: %s", (action, key, allowed) => {
    expect(rules[action](ACTORS[key])).toBe(allowed);
  });

  it("opens no message addressed to nobody", () => {
    for (const actor of Object.values(ACTORS))
      expect(reminderPolicy.openMessage(actor, { user_id: null })).toBe(false);
  });
});
