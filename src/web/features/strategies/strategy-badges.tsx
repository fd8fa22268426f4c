import { Badge } from "@mantine/core";
import { STAGE_LABELS, STATUS_LABELS, type Strategy } from "../../../contracts/strategies.ts";
import { formatDate } from "../../lib/format.ts";
import "./strategies.css";

const STATUS_COLOURS: Record<Strategy["status"], string> = {
  planned: "gray",
  trialling: "blue",
  reviewing: "violet",
  scaled_up: "teal",
  adapted: "orange",
  stopped: "red",
};

/** The strategy's status in words (the colour only repeats them). */
export function StatusBadge({ status }: { status: Strategy["status"] }) {
  return (
    <Badge
      variant="light"
      color={STATUS_COLOURS[status]}
      radius="sm"
      tt="none"
      className="strategy-badge"
    >
      {STATUS_LABELS[status]}
    </Badge>
  );
}

/** How far the strategy reaches: the cascade stage, with its step of three. */
export function StageBadge({ stage }: { stage: Strategy["cascadeStage"] }) {
  const step = { target_cohort: 1, year_group: 2, whole_school: 3 }[stage];
  return (
    <Badge
      variant="outline"
      color="teal"
      radius="sm"
      tt="none"
      className="strategy-badge"
      title={`Cascade stage ${step} of 3`}
    >
      {STAGE_LABELS[stage]}
    </Badge>
  );
}

/** `7 Sep 2026 – 18 Dec 2026`, `From 7 Sep 2026`, or a dash. */
export function dateRange(startsOn: string | null, endsOn: string | null): string {
  if (startsOn && endsOn) return `${formatDate(startsOn)} – ${formatDate(endsOn)}`;
  if (startsOn) return `From ${formatDate(startsOn)}`;
  if (endsOn) return `Until ${formatDate(endsOn)}`;
  return "—";
}
