import { Group, Loader, Select, Stack, Text } from "@mantine/core";
import { useState } from "react";
import { DEFAULT_POINT_RULE } from "../../../domain/assessment-points.ts";
import type { CurrentSchool } from "../../app/current-school.ts";
import { SchoolDataPage } from "../../app/my-school-nav.tsx";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { YearGroupFilter, yearLabel } from "../../components/year-options.tsx";
import { pointOptions, useAssessmentPoints } from "../../lib/assessment-points.ts";
import { useGapOverview } from "./api/gap.ts";
import { DisadvantageRuleCard } from "./disadvantage-rule-card.tsx";
import { GapOverviewTable } from "./gap-overview-table.tsx";
import { GapTrend } from "./gap-trend.tsx";
import { NationalComparatorCard } from "./national-comparator.tsx";

export function GapPage() {
  return (
    <SchoolDataPage
      title="The disadvantage gap"
      intro="How disadvantaged pupils compare with their peers on every measure, and how the gap moves across the year."
    >
      {(school) => <GapDashboard school={school} />}
    </SchoolDataPage>
  );
}

function GapDashboard({ school }: { school: CurrentSchool }) {
  const points = useAssessmentPoints(school.id);
  const [pointId, setPointId] = useState<string | null>(null);
  const [yearGroup, setYearGroup] = useState<string | null>(null);
  const [measureId, setMeasureId] = useState<string | null>(null);
  // Until a point is chosen, the server's default (see DEFAULT_POINT_RULE).
  const filters = { assessmentPointId: pointId, yearGroup };
  const overview = useGapOverview(school.id, filters);
  const point = overview.data?.assessmentPoint ?? null;
  const rows = overview.data?.rows ?? [];
  const selected =
    rows.find((r) => r.measure.id === measureId)?.measure ??
    rows.find((r) => r.measure.core)?.measure ??
    rows[0]?.measure;

  if (points.data?.length === 0) {
    return (
      <EmptyNote
        action={
          <AnchorLink to="/my-school/data-entry" size="sm" fw={600}>
            Go to data entry
          </AnchorLink>
        }
      >
        The school has no assessment points yet, so there is no gap to show. Create them and enter
        or import data first.
      </EmptyNote>
    );
  }
  return (
    <Stack gap="lg">
      <Group align="flex-end" gap="sm" wrap="wrap" className="no-print">
        <Select
          label="Assessment point"
          data={pointOptions(points.data ?? [])}
          value={pointId ?? point?.id ?? null}
          onChange={(v) => v && setPointId(v)}
          allowDeselect={false}
          w={240}
        />
        <YearGroupFilter value={yearGroup} onChange={setYearGroup} w={180} />
      </Group>
      {point && overview.data ? (
        <Text size="sm" c="dimmed" className="no-print" data-testid="point-choice">
          {overview.data.pointChosenBy === "default"
            ? `Showing ${point.name} ${point.academicYear}, chosen by default: ${DEFAULT_POINT_RULE.charAt(0).toLowerCase()}${DEFAULT_POINT_RULE.slice(1)} Choose another point above.`
            : `Showing ${point.name} ${point.academicYear}, as you chose.`}
        </Text>
      ) : null}
      <DisadvantageRuleCard schoolId={school.id} />
      <Text size="sm" className="print-only">
        {point ? `${point.name} ${point.academicYear}` : ""} ·{" "}
        {yearGroup ? yearLabel(yearGroup) : "All year groups"}
      </Text>
      <ProblemAlert error={overview.error} title="The gap could not be worked out" />
      {overview.isPending ? <Loader role="status" size="sm" aria-label="Loading the gap" /> : null}
      {overview.data ? (
        <GapOverviewTable
          overview={overview.data}
          selectedId={selected?.id ?? null}
          onSelect={setMeasureId}
        />
      ) : null}
      {selected && point ? (
        <GapTrend
          schoolId={school.id}
          measure={selected}
          filters={{ assessmentPointId: point.id, yearGroup }}
        />
      ) : null}
      {selected && point ? (
        <NationalComparatorCard
          schoolId={school.id}
          measure={selected}
          filters={{ assessmentPointId: point.id, yearGroup }}
          mayMap={school.abilities.mapNationalMeasure}
        />
      ) : null}
    </Stack>
  );
}
