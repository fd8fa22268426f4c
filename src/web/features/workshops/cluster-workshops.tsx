import { Button, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { useClusterWorkshops } from "../../lib/api/workshops.ts";
import { formatTimeRange, monthName } from "../../lib/format.ts";
import { ScheduleWorkshopModal } from "./workshop-form-modal.tsx";

/** The cluster's workshops in date order; its programme lead schedules them from the plan. */
export function ClusterWorkshops({
  clusterId,
  canSchedule,
}: {
  clusterId: string;
  canSchedule: boolean;
}) {
  const workshops = useClusterWorkshops(clusterId);
  const navigate = useNavigate();
  const [scheduling, setScheduling] = useState(false);
  const data = workshops.data;
  const unscheduled = data?.plan.filter((p) => p.scheduled === 0) ?? [];
  const now = Date.now();
  return (
    <Stack gap="sm" component="section" aria-labelledby="cluster-workshops-title">
      <Group justify="space-between" wrap="wrap">
        <Title order={2} size="h3" id="cluster-workshops-title">
          Workshops
        </Title>
        {canSchedule ? (
          <Button onClick={() => setScheduling(true)} disabled={!data}>
            Schedule a workshop
          </Button>
        ) : null}
      </Group>
      <ProblemAlert error={workshops.error} title="The workshops could not be loaded" />
      {workshops.isPending ? (
        <Loader role="status" size="sm" aria-label="Loading the workshops" />
      ) : null}
      {data && data.items.length === 0 ? (
        <EmptyNote
          action={
            canSchedule ? (
              <Button size="xs" variant="light" onClick={() => setScheduling(true)}>
                Schedule the first workshop
              </Button>
            ) : null
          }
        >
          No workshops are scheduled yet.{" "}
          {canSchedule
            ? "Schedule them from the programme's plan: six across the year."
            : "The cluster's programme lead schedules them."}
        </EmptyNote>
      ) : null}
      {data && data.items.length > 0 ? (
        <div className="wide-table-region">
          <Table striped verticalSpacing="sm" miw={760} aria-label="The cluster's workshops">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>When (UK time)</Table.Th>
                <Table.Th>Workshop</Table.Th>
                <Table.Th>Where</Table.Th>
                <Table.Th className="num">Materials</Table.Th>
                <Table.Th className="num">Tasks</Table.Th>
                <Table.Th>Summary</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.items.map((w) => {
                const held = new Date(w.startsAt).getTime() < now;
                return (
                  <Table.Tr key={w.id}>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {formatTimeRange(w.startsAt, w.endsAt)}
                    </Table.Td>
                    <Table.Td>
                      <AnchorLink
                        to="/workshops/$workshopId"
                        params={{ workshopId: w.id }}
                        fw={600}
                      >
                        {w.title}
                      </AnchorLink>
                      {w.theme ? (
                        <Text size="xs" c="dimmed">
                          {w.theme}
                        </Text>
                      ) : null}
                    </Table.Td>
                    <Table.Td>{w.venue || (w.onlineLink ? "Online" : "To be confirmed")}</Table.Td>
                    <Table.Td className="num">{w.materials.length}</Table.Td>
                    <Table.Td className="num">{w.tasks.length}</Table.Td>
                    <Table.Td>
                      {w.summary ? "Written" : held ? "Not yet written" : "After the workshop"}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </div>
      ) : null}
      {canSchedule && data && data.items.length > 0 && unscheduled.length > 0 ? (
        <Text size="sm">
          Still to schedule from the plan:{" "}
          {unscheduled.map((p) => `${p.position}. ${p.title} (${monthName(p.month)})`).join(" · ")}
        </Text>
      ) : null}
      {scheduling && data ? (
        <ScheduleWorkshopModal
          clusterId={clusterId}
          plan={data.plan}
          onClose={() => setScheduling(false)}
          onScheduled={(w) =>
            void navigate({ to: "/workshops/$workshopId", params: { workshopId: w.id } })
          }
        />
      ) : null}
    </Stack>
  );
}
