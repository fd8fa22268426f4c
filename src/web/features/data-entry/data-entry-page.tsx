import { Alert, Button, Group, Loader, Select, Stack, Text } from "@mantine/core";
import { useMemo, useState } from "react";
import { YEAR_GROUPS } from "../../../contracts/pupil-data.ts";

type YearGroup = (typeof YEAR_GROUPS)[number];

import { academicYearOf } from "../../../domain/academic-year.ts";
import { latestBegunPoint, pointClosedReason } from "../../../domain/assessment-points.ts";
import type { CurrentSchool } from "../../app/current-school.ts";
import { SchoolDataPage } from "../../app/my-school-nav.tsx";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { YearGroupFilter, yearLabel } from "../../components/year-options.tsx";
import {
  londonToday,
  pointLabel,
  pointOptions,
  useAssessmentPoints,
  useCreateAssessmentPoints,
} from "../../lib/assessment-points.ts";
import { useGrid } from "./api/observations.ts";
import { EntryGrid } from "./entry-grid.tsx";
import { SaveStatusBar } from "./save-status.tsx";
import { useGridEdits } from "./use-grid-edits.ts";

export function DataEntryPage() {
  return (
    <SchoolDataPage
      title="Data entry"
      intro="Record each pupil's measures at an assessment point, like a spreadsheet."
    >
      {(school) => <DataEntry school={school} />}
    </SchoolDataPage>
  );
}

/** Points grouped by academic year for a select, newest year first. */

function DataEntry({ school }: { school: CurrentSchool }) {
  const points = useAssessmentPoints(school.id);
  const [chosen, setChosen] = useState<string | null>(null);
  const [yearGroup, setYearGroup] = useState<string | null>(null);
  if (points.isPending)
    return <Loader role="status" size="sm" aria-label="Loading assessment points" />;
  if (points.error)
    return <ProblemAlert error={points.error} title="The points could not be loaded" />;
  const items = points.data;
  if (items.length === 0) return <NoPoints school={school} />;
  const pointId = chosen ?? (latestBegunPoint(items, londonToday()) ?? items[0])?.id ?? "";
  const point = items.find((p) => p.id === pointId);

  return (
    <Stack gap="sm">
      <Group align="flex-end" gap="sm" wrap="wrap" className="no-print">
        <Select
          label="Assessment point"
          data={pointOptions(items)}
          value={pointId}
          onChange={(v) => v && setChosen(v)}
          allowDeselect={false}
          w={240}
        />
        <YearGroupFilter value={yearGroup} onChange={setYearGroup} w={180} />
      </Group>
      {point &&
      pointClosedReason({ ...point, openedEarly: point.openedEarly !== null }, londonToday()) ? (
        <Alert
          color="orange"
          variant="light"
          title={
            <Text span fw={700} c="gray.9">
              This point has not begun
            </Text>
          }
          data-testid="point-not-open"
        >
          {pointClosedReason({ ...point, openedEarly: point.openedEarly !== null }, londonToday())}{" "}
          Values typed now are not saved.{" "}
          <AnchorLink to="/my-school/measures" size="sm" fw={600}>
            Go to the measures page
          </AnchorLink>
        </Alert>
      ) : null}
      <Text size="sm" c="dimmed">
        Arrow keys move between cells. Type to replace a value; Enter or Tab accepts it and moves
        on; Escape puts back the saved value. Accepted values are saved in batches as you go. Tab at
        the end of a row leaves the grid.
      </Text>
      {point ? (
        <GridForPoint
          key={`${pointId}:${yearGroup ?? ""}`}
          schoolId={school.id}
          pointId={pointId}
          label={`${pointLabel(point)}${yearGroup ? `, ${yearLabel(yearGroup)}` : ""}`}
          yearGroup={yearGroup}
        />
      ) : null}
    </Stack>
  );
}

function GridForPoint(props: {
  schoolId: string;
  pointId: string;
  yearGroup: string | null;
  label: string;
}) {
  const grid = useGrid(props.schoolId, props.pointId, props.yearGroup);
  if (grid.isPending) return <Loader role="status" size="sm" aria-label="Loading the grid" />;
  if (grid.error) return <ProblemAlert error={grid.error} title="The grid could not be loaded" />;
  if (grid.data.pupils.length === 0) {
    return (
      <EmptyNote
        action={
          <AnchorLink to="/my-school/pupils" size="sm" fw={600}>
            See the pupils
          </AnchorLink>
        }
      >
        No pupils on roll{props.yearGroup ? ` in ${yearLabel(props.yearGroup)}` : ""} at this point.
        Pupils come from the school's pupil list import.
      </EmptyNote>
    );
  }
  return <EditableGrid {...props} grid={grid.data} />;
}

function EditableGrid({
  grid,
  schoolId,
  pointId,
  yearGroup,
  label,
}: {
  grid: NonNullable<ReturnType<typeof useGrid>["data"]>;
  schoolId: string;
  pointId: string;
  yearGroup: string | null;
  label: string;
}) {
  const edits = useGridEdits(grid, schoolId, pointId, yearGroup);
  // Reception first, then Year 1 upwards (the server sorts year groups as text).
  const ordered = useMemo(
    () => ({
      ...grid,
      pupils: [...grid.pupils].sort(
        (a, b) =>
          YEAR_GROUPS.indexOf(a.yearGroup as YearGroup) -
          YEAR_GROUPS.indexOf(b.yearGroup as YearGroup),
      ),
    }),
    [grid],
  );
  return (
    <Stack gap="xs">
      <SaveStatusBar edits={edits} />
      <EntryGrid grid={ordered} edits={edits} label={`Data entry: ${label}`} />
    </Stack>
  );
}

function NoPoints({ school }: { school: CurrentSchool }) {
  const create = useCreateAssessmentPoints(school.id);
  const year = academicYearOf(londonToday());
  return (
    <Stack gap="sm">
      <EmptyNote
        action={
          school.abilities.addPoints ? (
            <Button
              onClick={() => create.mutate({ academicYear: year, defaults: true })}
              loading={create.isPending}
            >
              Create the six half-terms for {year}
            </Button>
          ) : null
        }
      >
        {school.abilities.addPoints
          ? `The school has no assessment points yet. Start with the six half-terms of ${year} (you can change them under Measures).`
          : "The school has no assessment points yet. The school's leaders add them under Measures."}
      </EmptyNote>
      <ProblemAlert error={create.error} title="The points were not created" />
    </Stack>
  );
}
