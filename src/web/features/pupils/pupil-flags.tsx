import { Badge, Group, Text } from "@mantine/core";
import { type Pupil, SEN_LABELS } from "../../../contracts/pupil-data.ts";
import { displayNameOf } from "../../../domain/pupil-name.ts";

type FlagKey =
  | "pupilPremium"
  | "fsm"
  | "ever6Fsm"
  | "lookedAfter"
  | "previouslyLookedAfter"
  | "eal"
  | "serviceChild"
  | "otherIntervention";

export const FLAGS: ReadonlyArray<{ key: FlagKey; short: string; label: string }> = [
  { key: "pupilPremium", short: "PP", label: "Pupil premium" },
  { key: "fsm", short: "FSM", label: "Free school meals now" },
  { key: "ever6Fsm", short: "E6", label: "Free school meals in the last six years (ever-6)" },
  { key: "lookedAfter", short: "LAC", label: "Looked after" },
  { key: "previouslyLookedAfter", short: "PLAC", label: "Previously looked after" },
  { key: "eal", short: "EAL", label: "English as an additional language" },
  { key: "serviceChild", short: "SC", label: "Service child" },
  { key: "otherIntervention", short: "INT", label: "Receiving another intervention" },
];

/** The pupil's flags as short badges, each with its full name for screen readers and on hover. */
export function FlagBadges({ pupil }: { pupil: Pupil }) {
  // A flag the reader is not shown (null) is simply absent, like one that is off.
  const on = FLAGS.filter((f) => pupil[f.key] === true);
  if (on.length === 0)
    return (
      <Text span size="xs" c="dimmed">
        None
      </Text>
    );
  return (
    <Group gap={4} wrap="wrap">
      {on.map((f) => (
        <Badge key={f.key} size="sm" variant="light" color="gray" title={f.label} radius="sm">
          <span aria-hidden="true">{f.short}</span>
          <span className="visually-hidden">{f.label}</span>
        </Badge>
      ))}
    </Group>
  );
}

/** SEN status in words ("SEN support"), or a quiet "No SEN". */
export function SenText({ status }: { status: Pupil["senStatus"] }) {
  return status === "N" ? (
    <Text span size="sm" c="dimmed">
      {SEN_LABELS.N}
    </Text>
  ) : (
    <Text span size="sm" fw={600}>
      {status} · {SEN_LABELS[status]}
    </Text>
  );
}

/** Yes or no, with a mark, never colour alone; null: not shown to this reader. */
export function DisadvantagedText({ value }: { value: boolean | null }) {
  if (value === null)
    return (
      <Text span size="sm" c="dimmed">
        Not shown
      </Text>
    );
  return value ? (
    <Text span size="sm" fw={600}>
      <span aria-hidden="true">● </span>Yes
    </Text>
  ) : (
    <Text span size="sm" c="dimmed">
      No
    </Text>
  );
}

/** The name staff use: preferred first name (else legal), then last name. */
export const pupilName = (p: Pick<Pupil, "preferredFirstName" | "legalFirstName" | "lastName">) =>
  displayNameOf(p);
