import { Anchor, Badge, Button, Card, Group, Loader, SimpleGrid, Stack, Text } from "@mantine/core";
import { useState } from "react";
import type { Workshop } from "../../../contracts/programme-year.ts";
import { useMe } from "../../app/get-me.ts";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { useWorkshop } from "../../lib/api/workshops.ts";
import { formatTimeRange } from "../../lib/format.ts";
import { MaterialsSection } from "./materials-section.tsx";
import { RegisterSection, recordsClosedReason } from "./register-section.tsx";
import { SummarySection } from "./summary-section.tsx";
import { TasksSection } from "./tasks-section.tsx";
import { EditWorkshopModal } from "./workshop-form-modal.tsx";

/** One workshop: when and where, its materials and tasks, the register and the summary. */
export function WorkshopPage({ workshopId }: { workshopId: string }) {
  const workshop = useWorkshop(workshopId);
  const { data: me } = useMe();
  const [editing, setEditing] = useState(false);
  if (workshop.isPending)
    return <Loader role="status" size="sm" aria-label="Loading the workshop" />;
  if (workshop.error)
    return (
      <>
        <PageHeader title="Workshop" />
        <ProblemAlert error={workshop.error} title="This workshop cannot be shown" />
      </>
    );
  const w = workshop.data;
  const isStaff = (me?.schools.length ?? 0) > 0;
  const held = new Date(w.startsAt).getTime() < Date.now();
  const closed = recordsClosedReason(w);
  return (
    <>
      <PageHeader
        title={w.title}
        intro={`Workshop for cluster ${w.clusterName}`}
        actions={
          w.canManage ? (
            <Group gap="sm">
              <AnchorLink to="/clusters/$clusterId" params={{ clusterId: w.clusterId }} fw={600}>
                Back to the cluster
              </AnchorLink>
              <Button variant="default" onClick={() => setEditing(true)}>
                Change date, time or place
              </Button>
            </Group>
          ) : (
            <AnchorLink to="/calendar" fw={600}>
              Back to the calendar
            </AnchorLink>
          )
        }
      />
      <Stack gap="xl">
        <WorkshopFacts workshop={w} held={held} />
        <MaterialsSection workshop={w} />
        <TasksSection workshop={w} isStaff={isStaff} />
        <RegisterSection workshop={w} closed={closed} />
        <SummarySection key={w.summary ?? ""} workshop={w} held={held} closed={closed} />
      </Stack>
      {editing ? <EditWorkshopModal workshop={w} onClose={() => setEditing(false)} /> : null}
    </>
  );
}

function WorkshopFacts({ workshop, held }: { workshop: Workshop; held: boolean }) {
  return (
    <Card withBorder padding="md">
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
        <Stack gap={2}>
          <Text size="xs" fw={600} tt="uppercase" c="dimmed">
            When (UK time)
          </Text>
          <Text size="sm" fw={600}>
            {formatTimeRange(workshop.startsAt, workshop.endsAt)}
          </Text>
          <Badge variant="light" color={held ? "gray" : "teal"} w="fit-content">
            {held ? "Held" : "Coming up"}
          </Badge>
        </Stack>
        <Stack gap={2}>
          <Text size="xs" fw={600} tt="uppercase" c="dimmed">
            Where
          </Text>
          <Text size="sm">
            {workshop.venue || (workshop.onlineLink ? "Online" : "To be confirmed")}
          </Text>
          {workshop.onlineLink ? (
            <Anchor href={workshop.onlineLink} target="_blank" rel="noopener noreferrer" size="sm">
              Join online (opens in a new tab)
            </Anchor>
          ) : null}
        </Stack>
        <Stack gap={2}>
          <Text size="xs" fw={600} tt="uppercase" c="dimmed">
            Theme
          </Text>
          <Text size="sm">{workshop.theme ?? "The whole programme"}</Text>
        </Stack>
      </SimpleGrid>
      {workshop.focus ? (
        <Stack gap={2} mt="md">
          <Text size="xs" fw={600} tt="uppercase" c="dimmed">
            Focus
          </Text>
          <Text size="sm" maw={820}>
            {workshop.focus}
          </Text>
        </Stack>
      ) : null}
    </Card>
  );
}
