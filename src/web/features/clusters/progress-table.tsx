import { Loader, Stack, Table, Text, Title } from "@mantine/core";
import type { Progress } from "../../../contracts/programme-year.ts";
import { STATUS_LABELS } from "../../../contracts/strategies.ts";
import { StatusMark } from "../../components/composition.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { SuppressedMark, SuppressionKey } from "../../components/suppressed-mark.tsx";
import { formatDate } from "../../lib/format.ts";
import { formatPercent } from "../../lib/format-numbers.ts";
import { useProgress } from "./api/progress.ts";
import "./progress.css";

type SchoolProgress = Progress["schools"][number];

function YesNo({
  yes,
  yesText = "Yes",
  noText = "No",
}: {
  yes: boolean;
  yesText?: string;
  noText?: string;
}) {
  return yes ? (
    <Text size="sm" component="span" style={{ whiteSpace: "nowrap" }}>
      <StatusMark ok label={null} />
      {yesText}
    </Text>
  ) : (
    <Text size="sm" component="span" style={{ whiteSpace: "nowrap" }}>
      <span aria-hidden="true" className="mark">
        ○
      </span>
      {noText}
    </Text>
  );
}

function strategiesText(counts: Record<string, number>): string {
  const parts = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(
      ([status, n]) =>
        `${n} ${(STATUS_LABELS[status as keyof typeof STATUS_LABELS] ?? status).toLowerCase()}`,
    );
  return parts.length > 0 ? parts.join(" · ") : "None yet";
}

/** The year at a glance for the programme lead: one row per school, counts and marks, no pupils. */
export function ProgressTable({ clusterId }: { clusterId: string }) {
  const progress = useProgress(clusterId);
  const data = progress.data;
  const registers = data?.workshops.filter((w) => w.registerTaken).length ?? 0;
  return (
    <Stack gap="sm" component="section" aria-labelledby="progress-title">
      <Title order={2} size="h3" id="progress-title">
        Progress of the year
      </Title>
      <ProblemAlert error={progress.error} title="The progress could not be loaded" />
      {progress.isPending ? (
        <Loader role="status" size="sm" aria-label="Loading the progress" />
      ) : null}
      {data && data.schools.length === 0 ? (
        <Text size="sm">No schools are enrolled yet.</Text>
      ) : null}
      {data && data.schools.length > 0 ? (
        <>
          <Text size="sm" c="dimmed">
            Registers taken at {registers} of {data.workshops.length}{" "}
            {data.workshops.length === 1 ? "workshop" : "workshops"}. Counts only: no pupil is named
            or shown here.
          </Text>
          {data.schools.some((s) => s.cohort.suppressed) ? <SuppressionKey /> : null}
          <section
            className="wide-table-region"
            aria-label="Progress of each school (scrolls sideways)"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
            tabIndex={0}
          >
            <Table
              className="progress-table"
              striped
              withTableBorder
              withColumnBorders
              verticalSpacing="xs"
              miw={1000 + data.points.length * 90}
              aria-label={`Progress of each school in ${data.clusterName}`}
            >
              <Table.Thead>
                <Table.Tr>
                  <Table.Th rowSpan={2}>School</Table.Th>
                  <Table.Th rowSpan={2}>Team</Table.Th>
                  <Table.Th rowSpan={2}>Workshop attendance</Table.Th>
                  <Table.Th rowSpan={2}>Workshop tasks done</Table.Th>
                  <Table.Th rowSpan={2}>Actions</Table.Th>
                  <Table.Th rowSpan={2}>Cohort chosen</Table.Th>
                  {data.points.length > 0 ? (
                    <Table.Th colSpan={data.points.length} scope="colgroup" ta="center">
                      Data collected
                    </Table.Th>
                  ) : null}
                  <Table.Th rowSpan={2}>Strategies</Table.Th>
                  <Table.Th rowSpan={2}>Last visit</Table.Th>
                </Table.Tr>
                <Table.Tr>
                  {data.points.map((p) => (
                    <Table.Th key={p} scope="col" fz="xs">
                      {p}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.schools.map((s) => (
                  <ProgressRow key={s.enrolmentId} school={s} />
                ))}
              </Table.Tbody>
            </Table>
          </section>
        </>
      ) : null}
    </Stack>
  );
}

function ProgressRow({ school: s }: { school: SchoolProgress }) {
  return (
    <Table.Tr data-testid="progress-row">
      <Table.Th scope="row" fw={600}>
        {s.schoolName}
      </Table.Th>
      <Table.Td>
        <Text size="sm" style={{ whiteSpace: "nowrap" }}>
          <StatusMark ok={s.compositionMeets} label={null} />
          {s.compositionMeets ? "Meets guidance" : "Below guidance"}
        </Text>
        {!s.compositionMeets ? (
          <Text size="xs" c="dimmed">
            {s.compositionSummary}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        {s.attendance.recorded === 0 ? (
          <Text size="sm">No registers yet</Text>
        ) : (
          <Text size="sm">
            {formatPercent((100 * s.attendance.present) / s.attendance.recorded)} present
            <Text span size="xs" c="dimmed" display="block">
              {s.attendance.present} of {s.attendance.recorded} marks
            </Text>
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {s.tasks.total === 0 ? "No tasks set" : `${s.tasks.done} of ${s.tasks.total}`}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {s.actions.done} done · {s.actions.open} open
        </Text>
        {s.actions.overdue > 0 ? (
          <Text size="sm" fw={700} c="red.9" style={{ whiteSpace: "nowrap" }}>
            <StatusMark ok={false} label={null} />
            {s.actions.overdue} overdue
          </Text>
        ) : (
          <Text size="sm" style={{ whiteSpace: "nowrap" }}>
            <StatusMark ok label={null} />
            None overdue
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        {s.cohort.chosen && s.cohort.size === null ? (
          <Text size="sm" component="span" style={{ whiteSpace: "nowrap" }}>
            <StatusMark ok label={null} />
            Yes, <SuppressedMark reason={s.cohort.suppressedReason ?? undefined} /> pupils
          </Text>
        ) : s.cohort.chosen ? (
          <YesNo
            yes
            yesText={`Yes, ${s.cohort.size} ${s.cohort.size === 1 ? "pupil" : "pupils"}`}
          />
        ) : (
          <Text size="sm" component="span" style={{ whiteSpace: "nowrap" }}>
            <StatusMark ok={false} label={null} />
            Not yet
          </Text>
        )}
      </Table.Td>
      {s.dataCollected.map((collected, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: one cell per assessment point, in the points' order
        <Table.Td key={i}>
          <YesNo yes={collected} />
        </Table.Td>
      ))}
      <Table.Td>
        <Text size="sm">{strategiesText(s.strategies)}</Text>
      </Table.Td>
      <Table.Td style={{ whiteSpace: "nowrap" }}>
        <Text size="sm">{s.lastVisit ? formatDate(s.lastVisit) : "Not yet visited"}</Text>
      </Table.Td>
    </Table.Tr>
  );
}
