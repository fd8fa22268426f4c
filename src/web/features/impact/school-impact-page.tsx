import {
  Badge,
  Button,
  Group,
  List,
  Loader,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
} from "@mantine/core";
import { useState } from "react";
import type { SchoolImpactReport } from "../../../contracts/impact.ts";
import { STAGE_LABELS, STATUS_LABELS } from "../../../contracts/strategies.ts";
import type { CurrentSchool } from "../../app/current-school.ts";
import { SchoolDataPage } from "../../app/my-school-nav.tsx";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { ReportDownloads } from "../../components/pdf-download.tsx";
import { PlotFigure } from "../../components/plot-figure.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { SectionCard } from "../../components/section-card.tsx";
import { yearLabel } from "../../components/year-options.tsx";
import { isProblem } from "../../lib/api-client.ts";
import { formatDate, formatDateTime } from "../../lib/format.ts";
import { formatNumber } from "../../lib/format-numbers.ts";
import { GAP_Y, gapLineMarks } from "../../lib/gap-chart.ts";
import { DIRECTION_TEXT } from "../../lib/gap-format.ts";
import {
  type ReportPeriod,
  schoolReportUrl,
  useSaveWhatNext,
  useSchoolReport,
} from "./api/impact.ts";
import { figureText, MovementView, WideTable } from "./report-parts.tsx";

const WHAT_NEXT_LIMIT = 5000;

/** The school's impact report for a programme year (issue 17): workshop six's "So what… and what next?". */
export function SchoolImpactPage() {
  return (
    <SchoolDataPage
      title="Impact report"
      intro="What the year's work changed for the cohort: who was in it, how they moved across the matrix, the change on each measure beside the school's other pupils, the gap over time, each strategy's evaluation, and what the team will do next."
    >
      {(school) => <ImpactView key={school.id} school={school} />}
    </SchoolDataPage>
  );
}

function ImpactView({ school }: { school: CurrentSchool }) {
  const [period, setPeriod] = useState<ReportPeriod>({
    programmeYearId: null,
    from: null,
    to: null,
  });
  const report = useSchoolReport(school.id, period);
  const data = report.data;
  const noEnrolment = isProblem(report.error, 404);
  return (
    <Stack gap="lg" className="impact-report">
      {noEnrolment ? (
        <EmptyNote
          action={
            <AnchorLink to="/my-school" size="sm" fw={600}>
              Back to My school
            </AnchorLink>
          }
        >
          The school is not enrolled in a programme year yet, so there is no impact report. A
          network administrator enrols schools in a cluster.
        </EmptyNote>
      ) : (
        <ProblemAlert error={report.error} title="The impact report could not be made" />
      )}
      {report.isPending ? (
        <Loader role="status" size="sm" aria-label="Building the impact report" />
      ) : null}
      {data ? (
        <>
          <PeriodChoice report={data} period={period} onChange={setPeriod} />
          <ReportDownloads
            url={schoolReportUrl(
              school.id,
              { ...period, programmeYearId: data.programmeYear.id },
              true,
            )}
            filename={`impact-report-${data.programmeYear.academicYear.replace("/", "-")}.pdf`}
            what="the impact report"
          />
          <div aria-busy={report.isFetching}>
            <Report report={data} school={school} />
          </div>
        </>
      ) : null}
    </Stack>
  );
}

function PeriodChoice({
  report,
  period,
  onChange,
}: {
  report: SchoolImpactReport;
  period: ReportPeriod;
  onChange: (period: ReportPeriod) => void;
}) {
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="sm" wrap="wrap" className="no-print">
        <Select
          label="Programme year"
          data={report.programmeYears.map((y) => ({ value: y.id, label: y.academicYear }))}
          value={report.programmeYear.id}
          allowDeselect={false}
          onChange={(v) => v && onChange({ programmeYearId: v, from: null, to: null })}
          w={180}
        />
        <TextInput
          type="date"
          label="From (optional)"
          value={period.from ?? ""}
          onChange={(e) => onChange({ ...period, from: e.currentTarget.value || null })}
        />
        <TextInput
          type="date"
          label="To (optional)"
          value={period.to ?? ""}
          onChange={(e) => onChange({ ...period, to: e.currentTarget.value || null })}
        />
      </Group>
      <Text size="sm" data-testid="report-period">
        {report.school.name} · {report.programmeYear.academicYear} ·{" "}
        {report.period.first && report.period.latest
          ? `from ${report.period.first} to ${report.period.latest}`
          : "no assessment points with data in this period"}{" "}
        · made {formatDate(report.generatedOn)}
      </Text>
    </Stack>
  );
}

function Report({ report, school }: { report: SchoolImpactReport; school: CurrentSchool }) {
  const noPoints = !report.period.first;
  return (
    <Stack gap="lg">
      {noPoints ? (
        <EmptyNote
          action={
            <AnchorLink to="/my-school/data-entry" size="sm" fw={600}>
              Go to Data entry
            </AnchorLink>
          }
        >
          No assessment point in this period has values yet. Enter the cohort's values at two
          points, and the movement, the change on each measure and the gap appear here.
        </EmptyNote>
      ) : null}
      <CohortSection cohort={report.cohort} />
      <SectionCard id="movement" title="Movement across the matrix">
        <MovementView movement={report.movement} />
      </SectionCard>
      <ChangeSection measures={report.measures} />
      <GapSection gaps={report.gaps} />
      <StrategiesSection strategies={report.strategies} />
      <WorkshopsSection report={report} />
      <WhatNextSection report={report} school={school} />
    </Stack>
  );
}

function CohortSection({ cohort }: { cohort: SchoolImpactReport["cohort"] }) {
  return (
    <SectionCard id="cohort" title="The cohort">
      {cohort.size === 0 ? (
        <EmptyNote
          action={
            <AnchorLink to="/my-school/cohort" size="sm" fw={600}>
              Choose the cohort
            </AnchorLink>
          }
        >
          No cohort is chosen for this year yet. Choose the pupils the team will focus on, and the
          report follows them.
        </EmptyNote>
      ) : (
        <>
          <Text size="sm" data-testid="cohort-size">
            <strong>{cohort.size}</strong> {cohort.size === 1 ? "pupil" : "pupils"} in the cohort.
          </Text>
          <Table withTableBorder verticalSpacing={4} fz="sm" maw={360}>
            <caption className="visually-hidden">The cohort by year group</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Year group</Table.Th>
                <Table.Th scope="col" className="num">
                  Pupils
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {cohort.yearGroups.map((y) => (
                <Table.Tr key={y.yearGroup}>
                  <Table.Th scope="row" fw={500}>
                    {yearLabel(y.yearGroup)}
                  </Table.Th>
                  <Table.Td className="num">{y.pupils}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
      <Text size="sm">{cohort.howChosen}</Text>
    </SectionCard>
  );
}

const GROUPS = [
  ["cohort", "Cohort"],
  ["otherDisadvantaged", "Other disadvantaged pupils"],
  ["nonDisadvantaged", "Non-disadvantaged pupils"],
] as const;

function ChangeSection({ measures }: { measures: SchoolImpactReport["measures"] }) {
  return (
    <SectionCard id="change" title="Change on each measure">
      {measures.length === 0 ? (
        <Text size="sm">
          The change needs values at two points in the period. Enter them under Data entry.
        </Text>
      ) : (
        <>
          <Text size="sm">
            The mean change from the first to the latest point, for pupils with a value at both (n),
            for the cohort beside the school's other disadvantaged pupils and its non-disadvantaged
            pupils.
          </Text>
          <WideTable label="Change on each measure">
            <Table withTableBorder verticalSpacing={4} fz="sm" data-testid="change-table">
              <caption className="visually-hidden">Change on each measure by group</caption>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">Measure</Table.Th>
                  {GROUPS.map(([key, label]) => (
                    <Table.Th key={key} scope="col" className="num">
                      {label}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {measures.map((m) => (
                  <Table.Tr key={m.measureName}>
                    <Table.Th scope="row" fw={500}>
                      {m.measureName}
                    </Table.Th>
                    {GROUPS.map(([key]) => (
                      <Table.Td key={key} className="num">
                        {figureText(m[key].meanChange, true)}{" "}
                        <Text span size="xs" c="dimmed">
                          ({figureText(m[key].meanFirst)} to {figureText(m[key].meanLatest)}, n{" "}
                          {m[key].n})
                        </Text>
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </WideTable>
        </>
      )}
    </SectionCard>
  );
}

type GapTrend = SchoolImpactReport["gaps"][number];

function gapChartOptions(gap: GapTrend) {
  const data = gap.points.flatMap((p) =>
    p.gap === null ? [] : [{ label: p.label, gap: p.gap, small: p.tooSmall }],
  );
  return {
    data,
    options: {
      marginLeft: 52,
      marginBottom: 40,
      x: {
        type: "point" as const,
        domain: gap.points.map((p) => p.label),
        label: null,
        padding: 0.3,
      },
      y: GAP_Y,
      marks: gapLineMarks(data),
    },
  };
}

function GapSection({ gaps }: { gaps: SchoolImpactReport["gaps"] }) {
  return (
    <SectionCard id="gap" title="The gap over time">
      {gaps.length === 0 ? (
        <Text size="sm">
          No core measure has values yet. Mark the school's core measures under Measures and enter
          their values.
        </Text>
      ) : (
        gaps.map((g) => <GapTrendView key={g.measureName} gap={g} />)
      )}
    </SectionCard>
  );
}

function GapTrendView({ gap }: { gap: GapTrend }) {
  const { data, options } = gapChartOptions(gap);
  return (
    <Stack gap="xs" className="print-avoid-break">
      <Group gap="sm">
        <Text fw={600}>{gap.measureName}</Text>
        <Badge variant="light" color="gray">
          {DIRECTION_TEXT[gap.direction]}
        </Badge>
      </Group>
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg">
        {data.length > 0 ? (
          <PlotFigure
            options={options}
            height={240}
            label={`The gap in ${gap.measureName} by assessment point: ${data.map((d) => `${d.label} ${figureText(d.gap, true)}`).join("; ")}. ${DIRECTION_TEXT[gap.direction]}.`}
            caption="Above zero, disadvantaged pupils are behind; hollow marks: a group too small to read."
          />
        ) : (
          <Text size="sm">No point has values for both groups yet.</Text>
        )}
        <Stack gap="xs">
          <Table withTableBorder verticalSpacing={4} fz="sm">
            <caption className="visually-hidden">The gap in {gap.measureName} as a table</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Point</Table.Th>
                <Table.Th scope="col" className="num">
                  Disadvantaged mean
                </Table.Th>
                <Table.Th scope="col" className="num">
                  Other mean
                </Table.Th>
                <Table.Th scope="col" className="num">
                  Gap
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {gap.points.map((p) => (
                <Table.Tr key={p.label}>
                  <Table.Th scope="row" fw={500}>
                    {p.label}
                    {p.tooSmall ? (
                      <Text size="xs" className="too-small">
                        <span aria-hidden="true">⚠ </span>Too small to read
                      </Text>
                    ) : null}
                  </Table.Th>
                  <Table.Td className="num">{figureText(p.disadvantagedMean)}</Table.Td>
                  <Table.Td className="num">{figureText(p.otherMean)}</Table.Td>
                  <Table.Td className="num">{figureText(p.gap, true)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <NationalLine gap={gap} />
        </Stack>
      </SimpleGrid>
    </Stack>
  );
}

function NationalLine({ gap }: { gap: GapTrend }) {
  const comparator = gap.nationalComparator;
  if (!comparator) {
    return (
      <Text size="sm" c="dimmed">
        Not linked to a national measure. The school's leaders can link it under Gap.
      </Text>
    );
  }
  const f = comparator.figure;
  if (!f) {
    return (
      <Text size="sm">No national figures are recorded for {comparator.measure.name} yet.</Text>
    );
  }
  const percent = comparator.measure.unit === "percent";
  const show = (v: number | null) =>
    v === null ? "—" : percent ? `${formatNumber(v, 0)}%` : formatNumber(v, 1);
  const nationalGap =
    f.gap ?? (f.disadvantaged !== null && f.other !== null ? f.other - f.disadvantaged : null);
  return (
    <Text size="sm" data-testid="national-line">
      <strong>England</strong> ({comparator.measure.name}, {f.academicYear}, {f.status}):
      disadvantaged {show(f.disadvantaged)}, others {show(f.other)}, gap{" "}
      {nationalGap === null ? "—" : formatNumber(nationalGap, percent ? 0 : 1)}
      {percent ? " percentage points" : ""}. Source: {f.source}.
    </Text>
  );
}

function StrategiesSection({ strategies }: { strategies: SchoolImpactReport["strategies"] }) {
  return (
    <SectionCard id="strategies" title="Strategies">
      {strategies.length === 0 ? (
        <EmptyNote
          action={
            <AnchorLink to="/my-school/strategies" size="sm" fw={600}>
              Go to Strategies
            </AnchorLink>
          }
        >
          No strategies this year yet. Plan one, and its evaluation and decision appear here.
        </EmptyNote>
      ) : (
        <WideTable label="Strategies">
          <Table withTableBorder verticalSpacing={4} fz="sm" data-testid="strategies-table">
            <caption className="visually-hidden">Each strategy's evaluation and decision</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Strategy</Table.Th>
                <Table.Th scope="col">Status</Table.Th>
                <Table.Th scope="col">Cascade stage</Table.Th>
                <Table.Th scope="col" className="num">
                  Pupils
                </Table.Th>
                <Table.Th scope="col">Evaluation</Table.Th>
                <Table.Th scope="col">Decision</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {strategies.map((s) => (
                <Table.Tr key={s.title}>
                  <Table.Th scope="row" fw={500}>
                    {s.title}
                  </Table.Th>
                  <Table.Td>{STATUS_LABELS[s.status]}</Table.Td>
                  <Table.Td>{STAGE_LABELS[s.cascadeStage]}</Table.Td>
                  <Table.Td className="num">{s.participants}</Table.Td>
                  <Table.Td>
                    {s.evaluation}
                    {s.hedgesG !== null ? ` (Hedges' g ${figureText(s.hedgesG, true)})` : ""}
                  </Table.Td>
                  <Table.Td>{s.decision ?? "Not decided yet"}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
      )}
    </SectionCard>
  );
}

function WorkshopsSection({ report }: { report: SchoolImpactReport }) {
  const { workshops, actions } = report;
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
      <SectionCard id="workshops" title="Workshop attendance">
        <Text size="sm" data-testid="attendance">
          {workshops.present} present of {workshops.recorded} marked, at {workshops.held.length}{" "}
          {workshops.held.length === 1 ? "workshop" : "workshops"} with a register taken.
        </Text>
        {workshops.held.length > 0 ? (
          <List size="sm">
            {workshops.held.map((w) => (
              <List.Item key={`${w.title}-${w.startsAt}`}>
                {w.title} ({formatDateTime(w.startsAt)})
              </List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm" c="dimmed">
            No register has been taken at a workshop yet.
          </Text>
        )}
      </SectionCard>
      <SectionCard id="actions" title="Actions done">
        <Text size="sm" data-testid="actions-count">
          {actions.done} done, {actions.open} open, {actions.overdue} overdue.
        </Text>
        {actions.doneTitles.length > 0 ? (
          <List size="sm">
            {actions.doneTitles.map((t) => (
              <List.Item key={t}>{t}</List.Item>
            ))}
          </List>
        ) : (
          <Text size="sm" c="dimmed">
            No action is marked done yet. The team's actions are under Actions.
          </Text>
        )}
      </SectionCard>
    </SimpleGrid>
  );
}

function WhatNextSection({
  report,
  school,
}: {
  report: SchoolImpactReport;
  school: CurrentSchool;
}) {
  const { whatNext } = report;
  return (
    <SectionCard id="what-next" title="What next">
      {whatNext.canChange ? (
        <WhatNextForm
          key={report.programmeYear.id}
          schoolId={school.id}
          programmeYearId={report.programmeYear.id}
          saved={whatNext.text}
        />
      ) : null}
      <Text
        size="sm"
        style={{ whiteSpace: "pre-wrap" }}
        className={whatNext.canChange ? "print-only" : undefined}
        data-testid="what-next-text"
      >
        {whatNext.text || "The team has not written what next yet."}
      </Text>
      {whatNext.updatedOn ? (
        <Text size="xs" c="dimmed">
          Last saved {formatDate(whatNext.updatedOn)}.
          {whatNext.canChange ? "" : " The school's leaders write it."}
        </Text>
      ) : null}
    </SectionCard>
  );
}

function WhatNextForm({
  schoolId,
  programmeYearId,
  saved,
}: {
  schoolId: string;
  programmeYearId: string;
  saved: string;
}) {
  const [text, setText] = useState(saved);
  const save = useSaveWhatNext(schoolId, programmeYearId);
  const fieldError = isProblem(save.error) ? save.error.fieldMessage("text") : undefined;
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        save.mutate(text);
      }}
    >
      <Stack gap="xs">
        <Textarea
          label="What the team will do next"
          description={`Kept inside the school: the cluster report does not show it. Up to 5,000 characters (${text.length.toLocaleString("en-GB")} so far).`}
          autosize
          minRows={4}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={fieldError}
          maxLength={WHAT_NEXT_LIMIT * 2}
        />
        <ProblemAlert error={save.error} title="What next was not saved" shownFields={["text"]} />
        <Group gap="sm">
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
          {save.isSuccess && !save.isPending && text === save.data.text ? (
            <Text size="sm" role="status">
              Saved.
            </Text>
          ) : null}
        </Group>
      </Stack>
    </form>
  );
}
