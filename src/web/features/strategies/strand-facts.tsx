import { Badge, Paper, Text } from "@mantine/core";
import {
  costText,
  type EefStrand,
  evidenceText,
  monthsText,
  NEEDS_CHECKING,
} from "../../lib/eef-strands.ts";
import { formatDate } from "../../lib/format.ts";

/** A Toolkit strand's headline figures, with where they came from, when, and how sure we are. */
export function StrandFacts({ strand }: { strand: EefStrand }) {
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="strand-facts">
      <Text size="sm" fw={700}>
        {strand.name} in the EEF Toolkit{" "}
        {strand.retired ? (
          <Badge color="gray" variant="light">
            Retired
          </Badge>
        ) : strand.needsChecking ? (
          <Badge color="yellow" variant="filled" autoContrast>
            {NEEDS_CHECKING}
          </Badge>
        ) : null}
      </Text>
      {strand.retired ? (
        <Text size="sm">{strand.statusNote}</Text>
      ) : (
        <dl className="fact-list">
          <dt>Headline impact</dt>
          <dd>
            {strand.months === null
              ? "– (the EEF gives no months figure: insufficient evidence)"
              : `${monthsText(strand.months)}' additional progress`}
          </dd>
          <dt>Cost</dt>
          <dd>{costText(strand.cost)}</dd>
          <dt>Evidence strength</dt>
          <dd>{evidenceText(strand.evidence)} padlocks</dd>
          <dt>Source</dt>
          <dd>
            Figures as published by the EEF, read on {formatDate(strand.takenOn)} ({strand.source}:{" "}
            <a href={strand.sourceUrl} rel="noreferrer">
              the strand's page
            </a>
            )
          </dd>
        </dl>
      )}
      {strand.needsChecking && strand.statusNote ? (
        <Text size="xs" c="dimmed" mt={4}>
          {strand.statusNote}
        </Text>
      ) : null}
    </Paper>
  );
}
