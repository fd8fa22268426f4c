import { describe, expect, it } from "vitest";
import { POLICY_ACTORS, table } from "../../../../test/support/policy-actors.ts";
import { reminderPolicy } from "./policy.ts";

type Key = keyof typeof reminderPolicy;
/** A message addressed to the teacher. */
const message = { user_id: POLICY_ACTORS.teacher.userId };
const rules: Record<Key, (a: (typeof POLICY_ACTORS)["lead"]) => boolean> = {
  sendDue: (a) => reminderPolicy.sendDue(a),
  readOutbox: (a) => reminderPolicy.readOutbox(a),
  openMessage: (a) => reminderPolicy.openMessage(a, message),
};

describe("reminderPolicy", () => {
  it.each(
    table<Key>({
      sendDue: ["network_admin"],
      readOutbox: ["network_admin"],
      openMessage: ["teacher"],
    }),
  )("%s by %s: %s", (action, key, allowed) => {
    expect(rules[action](POLICY_ACTORS[key])).toBe(allowed);
  });

  it("opens no message addressed to nobody", () => {
    for (const actor of Object.values(POLICY_ACTORS))
      expect(reminderPolicy.openMessage(actor, { user_id: null })).toBe(false);
  });
});
