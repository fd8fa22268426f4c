import { Select, Stack, Text } from "@mantine/core";
import type { Candidates } from "../../../contracts/cohort.ts";
import { DEFAULT_POINT_RULE } from "../../../domain/assessment-points.ts";

/**
 * Which assessment point the finder ranks at: the default-point rule's choice
 * unless the user picks another. Points that have not begun are listed (a
 * leader may have opened one early) but marked so.
 */
export function PointPicker({
  data,
  onChange,
}: {
  data: Candidates;
  onChange: (pointId: string | null) => void;
}) {
  const options = data.points.map((p) => ({
    value: p.id,
    label: `${p.label} · ${p.pupilsWithData} ${p.pupilsWithData === 1 ? "pupil" : "pupils"} with data${p.begun ? "" : " · not begun"}`,
  }));
  return (
    <Stack gap={4} className="no-print">
      <Select
        label="Rank at assessment point"
        data={options}
        value={data.latestPoint?.id ?? null}
        onChange={(value) => onChange(value)}
        allowDeselect={false}
        disabled={options.length === 0}
        placeholder="No assessment points yet"
        w={420}
        maw="100%"
        comboboxProps={{ withinPortal: true }}
      />
      <Text size="sm" c="dimmed" data-testid="point-choice">
        {data.latestPoint
          ? data.pointChosenBy === "default"
            ? `Using ${data.latestPoint.label}, chosen by default: ${lowerFirst(DEFAULT_POINT_RULE)}`
            : `Using ${data.latestPoint.label}, as you chose.`
          : "No assessment point holds data yet."}
      </Text>
    </Stack>
  );
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
