import { Loader, Stack, Table, Text } from "@mantine/core";
import type { ClusterImpactReport } from "../../../contracts/impact.ts";
import { STAGE_LABELS } from "../../../contracts/strategies.ts";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ReportDownloads } from "../../components/pdf-download.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { SectionCard } from "../../components/section-card.tsx";
import { SuppressedMark, SuppressionKey } from "../../components/suppressed-mark.tsx";
import { formatDate } from "../../lib/format.ts";
import { DIRECTION_TEXT } from "../../lib/gap-format.ts";
import { clusterReportUrl, useClusterReport } from "./api/impact.ts";
import { Count, figureText, MovementView, WideTable } from "./report-parts.tsx";

/**
 * The cluster's impact report for its programme lead: each school by its name
 * only where it chose to be named, no pupil named, groups of 5 or fewer withheld,
 * and nothing a school typed (its what next stays inside it).
 */
export function ClusterImpactPage({ clusterId }: { clusterId: string }) {
  const report = useClusterReport(clusterId);
  const data = report.data;
  return (
    <Stack gap="lg" className="impact-report">
      <div className="no-print">
        <AnchorLink to="/clusters/$clusterId" params={{ clusterId }} size="sm">
          Back to the cluster
        </AnchorLink>
      </div>
      <PageHeader
        title={data ? `Impact report: ${data.cluster.name}` : "Cluster impact report"}
        intro="The year's work across the cluster. Schools appear by name only where they chose to be named in shared evidence; no pupil is named, and figures about 5 or fewer pupils are withheld. Each school's own what next stays inside the school."
      />
      <ProblemAlert error={report.error} title="The cluster report could not be made" />
      {report.isPending ? (
        <Loader role="status" size="sm" aria-label="Building the cluster report" />
      ) : null}
      {data ? (
        <>
          <ReportDownloads
            url={clusterReportUrl(clusterId, true)}
            filename="cluster-impact-report.pdf"
            what="the cluster report"
          />
          <Text size="sm">Made {formatDate(data.generatedOn)}.</Text>
          {data.schools.length === 0 ? (
            <EmptyNote>
              No school is enrolled in this cluster yet, so there is nothing to report. A network
              administrator enrols schools.
            </EmptyNote>
          ) : (
            <ClusterReport report={data} />
          )}
        </>
      ) : null}
    </Stack>
  );
}

function ClusterReport({ report }: { report: ClusterImpactReport }) {
  const reason = report.suppressedReason;
  const measureNames = [
    ...new Set(report.schools.flatMap((s) => s.gaps.map((g) => g.measureName))),
  ];
  return (
    <Stack gap="lg">
      <SectionCard id="cluster-cohort" title="The cohort across the cluster">
        <Text size="sm" data-testid="cluster-cohort-size">
          Cohort pupils across the cluster: <Count value={report.cohortSize} reason={reason} />.
        </Text>
      </SectionCard>
      <SectionCard id="movement" title="Movement across the cluster's matrix">
        <MovementView movement={report.movement} reason={reason} />
      </SectionCard>
      <SectionCard id="schools" title="Schools">
        <WideTable label="Schools">
          <Table withTableBorder verticalSpacing={4} fz="sm" data-testid="schools-table">
            <caption className="visually-hidden">Each school's year at a glance</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">School</Table.Th>
                <Table.Th scope="col" className="num">
                  Cohort
                </Table.Th>
                <Table.Th scope="col" className="num">
                  Attendance
                </Table.Th>
                <Table.Th scope="col" className="num">
                  Actions done
                </Table.Th>
                <Table.Th scope="col" className="num">
                  Strategies
                </Table.Th>
                {measureNames.map((n) => (
                  <Table.Th key={n} scope="col">
                    Gap: {n}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.schools.map((s) => (
                <Table.Tr key={s.label}>
                  <Table.Th scope="row" fw={500}>
                    {s.label}{" "}
                    {s.named ? null : (
                      <Text span size="xs" c="dimmed">
                        (pseudonym)
                      </Text>
                    )}
                  </Table.Th>
                  <Table.Td className="num">
                    <Count value={s.cohortSize} reason={reason} />
                  </Table.Td>
                  <Table.Td className="num">
                    {s.attendance.present} of {s.attendance.recorded}
                  </Table.Td>
                  <Table.Td className="num">{s.actionsDone}</Table.Td>
                  <Table.Td className="num">{s.strategies}</Table.Td>
                  {measureNames.map((n) => {
                    const g = s.gaps.find((x) => x.measureName === n);
                    return (
                      <Table.Td key={n}>
                        {!g ? (
                          "—"
                        ) : g.suppressed ? (
                          <SuppressedMark reason={reason} />
                        ) : (
                          <>
                            {figureText(g.gap, true)}{" "}
                            <Text span size="xs" c="dimmed">
                              ({DIRECTION_TEXT[g.direction].toLowerCase()})
                            </Text>
                          </>
                        )}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </WideTable>
        <SuppressionKey />
      </SectionCard>
      <SectionCard id="stages" title="Strategies by cascade stage">
        <Table withTableBorder verticalSpacing={4} fz="sm" maw={420}>
          <caption className="visually-hidden">
            Strategies across the cluster by cascade stage
          </caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Stage</Table.Th>
              <Table.Th scope="col" className="num">
                Strategies
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {report.stages.map((s) => (
              <Table.Tr key={s.cascadeStage}>
                <Table.Th scope="row" fw={500}>
                  {STAGE_LABELS[s.cascadeStage]}
                </Table.Th>
                <Table.Td className="num">{s.strategies}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </SectionCard>
    </Stack>
  );
}
