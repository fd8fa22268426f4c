import { Paper, Text } from "@mantine/core";
import { formatDate } from "../../lib/format.ts";
import { costText, type EefStrand, evidenceText, monthsText } from "../evidence/api/eef-strands.ts";

/** A Toolkit strand's headline figures, with where they came from and when. */
export function StrandFacts({ strand }: { strand: EefStrand }) {
  return (
    <Paper withBorder p="sm" radius="sm" data-testid="strand-facts">
      <Text size="sm" fw={700}>
        {strand.name} in the EEF Toolkit
      </Text>
      <dl className="fact-list">
        <dt>Headline impact</dt>
        <dd>{monthsText(strand.months)}' additional progress</dd>
        <dt>Cost</dt>
        <dd>{costText(strand.cost)}</dd>
        <dt>Evidence strength</dt>
        <dd>{evidenceText(strand.evidence)} padlocks</dd>
        <dt>Source</dt>
        <dd>
          {strand.source}; figures taken {formatDate(strand.takenOn)}
        </dd>
      </dl>
      {strand.note ? (
        <Text size="xs" c="dimmed" mt={4}>
          {strand.note}
        </Text>
      ) : null}
    </Paper>
  );
}
