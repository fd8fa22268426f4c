import { Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useQueries } from "@tanstack/react-query";
import type { Enrolment } from "../../../contracts/network.ts";
import type { Workshop } from "../../../contracts/programme-year.ts";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { SchoolVisits } from "../../features/visits/school-visits.tsx";
import { ATTENDANCE_LABELS } from "../../features/workshops/register-section.tsx";
import {
  type Register,
  registerQueryOptions,
  useClusterWorkshops,
} from "../../lib/api/workshops.ts";
import { formatDate, formatTimeRange } from "../../lib/format.ts";
import { useSchoolEnrolment } from "../current-enrolment.ts";
import type { CurrentSchool } from "../current-school.ts";
import { SchoolDataPage } from "../my-school-nav.tsx";

/** My school's programme year: the cluster's workshops, the team's attendance, and visits. */
export function TeamYearPage() {
  return (
    <SchoolDataPage
      title="Programme year"
      intro="The cluster's workshops, who from the team was there, and the programme lead's visits."
      actions={
        <AnchorLink to="/calendar" fw={600}>
          Open the calendar
        </AnchorLink>
      }
    >
      {(school) => <YearView key={school.id} school={school} />}
    </SchoolDataPage>
  );
}

function YearView({ school }: { school: CurrentSchool }) {
  const { enrolment, isPending, error, notEnrolled } = useSchoolEnrolment(school.id);
  if (isPending) return <Loader role="status" size="sm" aria-label="Loading the programme year" />;
  if (error) return <ProblemAlert error={error} title="The programme year could not be loaded" />;
  if (notEnrolled || !enrolment)
    return (
      <EmptyNote>
        {school.name} is not enrolled in a programme year yet. A network administrator enrols
        schools in a cluster; your programme lead can tell you when.
      </EmptyNote>
    );
  return (
    <Stack gap="xl">
      <Text fw={600}>
        {school.name} · {enrolment.programmeYear.programmeName}{" "}
        {enrolment.programmeYear.academicYear} · cluster {enrolment.cluster.name}
      </Text>
      <TeamWorkshops enrolment={enrolment} />
      <SchoolVisits enrolmentId={enrolment.id} />
    </Stack>
  );
}

function TeamWorkshops({ enrolment }: { enrolment: Enrolment }) {
  const workshops = useClusterWorkshops(enrolment.cluster.id);
  const items = workshops.data?.items ?? [];
  const now = Date.now();
  const held = items.filter((w) => new Date(w.startsAt).getTime() < now);
  const registers = useQueries({ queries: held.map((w) => registerQueryOptions(w.id)) });
  const byWorkshop = new Map<string, Register | undefined>(
    held.map((w, i) => [w.id, registers[i]?.data]),
  );
  return (
    <>
      <Stack gap="sm" component="section" aria-labelledby="year-workshops-title">
        <Title order={2} size="h3" id="year-workshops-title">
          Workshops
        </Title>
        <ProblemAlert error={workshops.error} title="The workshops could not be loaded" />
        {workshops.isPending ? (
          <Loader role="status" size="sm" aria-label="Loading the workshops" />
        ) : null}
        {workshops.isSuccess && items.length === 0 ? (
          <Text size="sm">No workshops are scheduled yet. Your programme lead schedules them.</Text>
        ) : null}
        {items.length > 0 ? (
          <div className="wide-table-region">
            <Table striped verticalSpacing="sm" miw={720} aria-label="The cluster's workshops">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>When (UK time)</Table.Th>
                  <Table.Th>Workshop</Table.Th>
                  <Table.Th>Where</Table.Th>
                  <Table.Th>The team</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((w) => (
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
                      <Text size="xs" c="dimmed">
                        {[
                          w.materials.length ? `${w.materials.length} materials` : null,
                          w.tasks.length ? `${w.tasks.length} tasks` : null,
                        ]
                          .filter(Boolean)
                          .join(" · ") || "No materials or tasks yet"}
                      </Text>
                    </Table.Td>
                    <Table.Td>{w.venue || (w.onlineLink ? "Online" : "To be confirmed")}</Table.Td>
                    <Table.Td>
                      <TeamAtWorkshop
                        workshop={w}
                        register={byWorkshop.get(w.id)}
                        held={byWorkshop.has(w.id)}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </div>
        ) : null}
      </Stack>
      {held.length > 0 ? <AttendanceAcrossYear workshops={held} registers={byWorkshop} /> : null}
    </>
  );
}

function TeamAtWorkshop({
  workshop,
  register,
  held,
}: {
  workshop: Workshop;
  register: Register | undefined;
  held: boolean;
}) {
  if (!held) return <Text size="sm">Coming up · {formatDate(workshop.startsAt)}</Text>;
  if (!register) return <Loader role="status" size="xs" aria-label="Loading attendance" />;
  const members = register.schools.flatMap((s) => s.members);
  const marked = members.filter((m) => m.status !== null);
  if (marked.length === 0) return <Text size="sm">Register not taken</Text>;
  const present = marked.filter((m) => m.status === "present").length;
  return (
    <Text size="sm">
      {present} of {members.length} present
    </Text>
  );
}

/** Each team member at each workshop held so far: the team's attendance across the year. */
function AttendanceAcrossYear({
  workshops,
  registers,
}: {
  workshops: Workshop[];
  registers: Map<string, Register | undefined>;
}) {
  const people = new Map<string, string>();
  for (const w of workshops)
    for (const s of registers.get(w.id)?.schools ?? [])
      for (const m of s.members) people.set(m.userId, m.name);
  const statusOf = (workshopId: string, userId: string) =>
    registers
      .get(workshopId)
      ?.schools.flatMap((s) => s.members)
      .find((m) => m.userId === userId)?.status ?? null;
  return (
    <Stack gap="sm" component="section" aria-labelledby="attendance-title">
      <Title order={2} size="h3" id="attendance-title">
        Attendance across the year
      </Title>
      {people.size === 0 ? (
        <Text size="sm">Attendance shows here once registers are taken.</Text>
      ) : (
        <section
          className="wide-table-region"
          aria-label="Attendance across the year (scrolls sideways)"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
          tabIndex={0}
        >
          <Table
            striped
            withTableBorder
            className="attendance-grid"
            aria-label="The team's attendance at each workshop held"
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Team member</Table.Th>
                {workshops.map((w) => (
                  <Table.Th key={w.id}>
                    {w.title}
                    <Text size="xs" c="dimmed" fw={400}>
                      {formatDate(w.startsAt)}
                    </Text>
                  </Table.Th>
                ))}
                <Table.Th className="num">Present</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...people].map(([userId, name]) => {
                const present = workshops.filter(
                  (w) => statusOf(w.id, userId) === "present",
                ).length;
                return (
                  <Table.Tr key={userId}>
                    <Table.Th scope="row" fw={500}>
                      {name}
                    </Table.Th>
                    {workshops.map((w) => {
                      const status = statusOf(w.id, userId);
                      return (
                        <Table.Td key={w.id}>
                          {status ? (
                            ATTENDANCE_LABELS[status]
                          ) : (
                            <>
                              <span aria-hidden="true">—</span>
                              <span className="visually-hidden">Not recorded</span>
                            </>
                          )}
                        </Table.Td>
                      );
                    })}
                    <Table.Td className="num">
                      {present} of {workshops.length}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </section>
      )}
    </Stack>
  );
}
