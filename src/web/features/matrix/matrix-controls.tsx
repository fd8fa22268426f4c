import { Button, Card, Group, SegmentedControl, Select, Stack, Text } from "@mantine/core";
import type { Matrix } from "../../../contracts/cohort.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { type MatrixQuery, useSaveAxes } from "./api/matrix.ts";
import type { ViewOption } from "./api/view-options.ts";

/** Which view, which two points and which axes; leaders and leads may save the axes as the default. */
export function MatrixControls({
  options,
  current,
  matrix,
  onView,
  onChange,
}: {
  options: ViewOption[];
  current: ViewOption;
  matrix: Matrix | undefined;
  onView: (option: ViewOption) => void;
  onChange: (patch: Partial<MatrixQuery>) => void;
}) {
  const save = useSaveAxes();
  const pick = (id: string | null) => {
    const option = options.find((o) => o.id === id);
    if (option) onView(option);
  };
  const points = matrix?.points.map((p) => ({ value: p.key, label: p.label })) ?? [];
  // The earlier point comes before the later one: the other choices are offered but disabled.
  const at = (key: string | null | undefined) => points.findIndex((p) => p.value === key);
  const fromPoints = points.map((p, i) => ({ ...p, disabled: i >= at(matrix?.to) }));
  const toPoints = points.map((p, i) => ({ ...p, disabled: i <= at(matrix?.from) }));
  const axes = matrix?.axisOptions.map((a) => ({ value: a.spec, label: a.label })) ?? [];
  const scope = matrix?.canSaveAxes;

  return (
    <Card withBorder padding="md" className="no-print">
      <Stack gap="md">
        {options.length > 1 ? (
          options.length <= 4 ? (
            <Stack gap={4}>
              <Text size="sm" fw={500} id="matrix-view-label">
                View
              </Text>
              <SegmentedControl
                aria-labelledby="matrix-view-label"
                value={current.id}
                onChange={pick}
                data={options.map((o) => ({ value: o.id, label: o.label }))}
                style={{ alignSelf: "flex-start" }}
              />
            </Stack>
          ) : (
            <Select
              label="View"
              data={options.map((o) => ({ value: o.id, label: o.label }))}
              value={current.id}
              onChange={pick}
              allowDeselect={false}
              w={340}
            />
          )
        ) : null}
        {matrix && points.length > 0 ? (
          <Group gap="md" align="flex-end" wrap="wrap">
            <Group gap="md" align="flex-end" wrap="wrap">
              <Select
                label="From (earlier point)"
                data={fromPoints}
                value={matrix.from}
                onChange={(from) => from && onChange({ from })}
                allowDeselect={false}
                w={220}
              />
              <Select
                label="To (later point)"
                data={toPoints}
                value={matrix.to}
                onChange={(to) => to && onChange({ to })}
                allowDeselect={false}
                w={220}
              />
            </Group>
            <Group gap="md" align="flex-end" wrap="wrap">
              <Select
                label="Across (x axis)"
                data={axes}
                value={matrix.x.spec}
                onChange={(x) => x && onChange({ x })}
                allowDeselect={false}
                w={340}
              />
              <Select
                label="Up (y axis)"
                data={axes}
                value={matrix.y.spec}
                onChange={(y) => y && onChange({ y })}
                allowDeselect={false}
                w={340}
              />
              {scope ? (
                <Button
                  variant="default"
                  loading={save.isPending}
                  onClick={() => save.mutate({ ...scope, x: matrix.x.spec, y: matrix.y.spec })}
                >
                  {scope.scopeType === "school"
                    ? "Save as the school's default"
                    : "Save as the cluster's default"}
                </Button>
              ) : null}
            </Group>
          </Group>
        ) : null}
        {save.isSuccess ? (
          <Text size="sm" role="status">
            Saved: everyone opening this{" "}
            {save.data.scopeType === "school" ? "school's" : "cluster's"} matrix now starts with
            these axes.
          </Text>
        ) : null}
        <ProblemAlert error={save.error} title="The axes were not saved" />
      </Stack>
    </Card>
  );
}
