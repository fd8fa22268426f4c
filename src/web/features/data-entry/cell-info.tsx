import { Group, Paper, Text } from "@mantine/core";
import type { Measure } from "../../../contracts/pupil-data.ts";
import { allowedValues } from "../../lib/scale-text.ts";
import type { GridPupil } from "./api/observations.ts";

/** What the active cell is, what it accepts, and what is wrong with it. */
export function CellInfo({
  pupil,
  measure,
  error,
  announce,
}: {
  pupil: GridPupil | undefined;
  measure: Measure | undefined;
  error: string | null;
  /** The person tried to leave the cell: the problem is announced, not just shown. */
  announce: boolean;
}) {
  if (!pupil || !measure) return null;
  return (
    <Paper withBorder p="xs" radius="sm" className="cell-info no-print">
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={700}>
          {measure.name} · {pupil.name}
        </Text>
        <Text size="sm" id="cell-info">
          {allowedValues(measure)} Leave empty to clear.
          {error && !announce ? <span className="cell-error"> ⚠ {error}</span> : null}
        </Text>
      </Group>
      {error && announce ? (
        <Text size="sm" className="cell-error" role="alert">
          ⚠ Not accepted: {error}
        </Text>
      ) : null}
    </Paper>
  );
}
