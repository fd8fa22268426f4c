import { Paper, Stack, Text } from "@mantine/core";
import type { Matrix } from "../../../contracts/cohort.ts";
import { axisChange, type Dot, movement, type Position, pointLabel, value } from "./describe.ts";
import type { SchoolStyle } from "./school-style.ts";

function At({ matrix, point, at }: { matrix: Matrix; point: string | null; at: Position | null }) {
  return (
    <Text size="sm">
      <strong>{pointLabel(matrix, point)}:</strong>{" "}
      {at
        ? `${matrix.x.label} ${value(at.x)} · ${matrix.y.label} ${value(at.y)}`
        : "no data at this point"}
    </Text>
  );
}

/** A pupil's card: who, which school, the values at both points, the change and the quadrants. */
export function DotCard({
  id,
  matrix,
  dot,
  school,
  style,
}: {
  id: string;
  matrix: Matrix;
  dot: Dot;
  school: SchoolStyle | undefined;
  style: React.CSSProperties;
}) {
  const dx = axisChange(dot, "x");
  const dy = axisChange(dot, "y");
  return (
    <Paper id={id} role="tooltip" className="dot-card" shadow="md" withBorder p="sm" style={style}>
      <Stack gap={4}>
        <Text fw={700} size="md" data-testid="dot-card-label">
          {dot.label}
        </Text>
        <Text size="sm">
          {school ? `${school.code} · ${school.name}` : dot.schoolCode}
          {dot.own ? " (your school)" : ""}
        </Text>
        <At matrix={matrix} point={matrix.from} at={dot.from} />
        <At matrix={matrix} point={matrix.to} at={dot.to} />
        {dx && dy ? (
          <Text size="sm">
            <strong>Change:</strong> {matrix.x.label} {dx}; {matrix.y.label} {dy}
          </Text>
        ) : null}
        <Text size="sm">
          <strong>Quadrant:</strong> {movement(matrix, dot)}
        </Text>
      </Stack>
    </Paper>
  );
}
