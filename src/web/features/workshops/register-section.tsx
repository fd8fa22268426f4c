import { Button, Group, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import { TEAM_ROLE_LABELS } from "../../../contracts/network.ts";
import { ATTENDANCE, type Workshop } from "../../../contracts/programme-year.ts";
import { today, toLondon } from "../../../domain/calendar.ts";
import { recordClosedReason } from "../../../domain/record-window.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { type Register, useRegister, useTakeRegister } from "../../lib/api/workshops.ts";
import "./workshops.css";

type Status = (typeof ATTENDANCE)[number];

export const ATTENDANCE_LABELS: Record<Status, string> = {
  present: "Present",
  absent: "Absent",
  apologies: "Apologies",
};

const roleLabel = (role: string) => TEAM_ROLE_LABELS[role as keyof typeof TEAM_ROLE_LABELS] ?? role;

/**
 * Null on or after the workshop's day (London); before it, the line saying when
 * the register and summary open. The server refuses them before the day too.
 */
export function recordsClosedReason(workshop: Workshop): string | null {
  return recordClosedReason(
    {
      opens: "The register and summary open",
      opensOn: toLondon(new Date(workshop.startsAt)).date,
      occasion: "the day of the workshop",
    },
    today({ now: () => new Date() }),
  );
}

/** The register: the lead takes it for every team; school staff see their own team's. */
export function RegisterSection({
  workshop,
  closed,
}: {
  workshop: Workshop;
  /** Before the day: when it opens; the lead's controls are disabled until then. */
  closed: string | null;
}) {
  const register = useRegister(workshop.id);
  return (
    <Stack gap="sm" component="section" aria-labelledby="register-title">
      <Title order={2} size="h3" id="register-title">
        Register
      </Title>
      <ProblemAlert error={register.error} title="The register could not be loaded" />
      {register.isPending ? (
        <Loader role="status" size="sm" aria-label="Loading the register" />
      ) : null}
      {register.data ? (
        workshop.canManage ? (
          <TakeRegister
            key={workshop.id}
            workshop={workshop}
            register={register.data}
            closed={closed}
          />
        ) : (
          <TeamAttendance register={register.data} />
        )
      ) : null}
    </Stack>
  );
}

function TeamAttendance({ register }: { register: Register }) {
  const members = register.schools.flatMap((s) => s.members);
  if (members.length === 0) return <Text size="sm">Your team has nobody on it yet.</Text>;
  if (members.every((m) => m.status === null))
    return (
      <Text size="sm">
        The register has not been taken yet: your programme lead takes it at the workshop.
      </Text>
    );
  return (
    <Table striped maw={640} aria-label="Your team's attendance">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Team member</Table.Th>
          <Table.Th>Role</Table.Th>
          <Table.Th>Attendance</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {members.map((m) => (
          <Table.Tr key={m.userId}>
            <Table.Td>{m.name}</Table.Td>
            <Table.Td>{roleLabel(m.teamRole)}</Table.Td>
            <Table.Td>{m.status ? ATTENDANCE_LABELS[m.status] : "Not recorded"}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function TakeRegister({
  workshop,
  register,
  closed,
}: {
  workshop: Workshop;
  register: Register;
  closed: string | null;
}) {
  const take = useTakeRegister(workshop.id, workshop.clusterId);
  const initial = new Map(
    register.schools.flatMap((s) => s.members.map((m) => [m.userId, m.status] as const)),
  );
  const [marks, setMarks] = useState<Map<string, Status | null>>(initial);
  const [saved, setSaved] = useState(false);
  const members = register.schools.flatMap((s) => s.members);
  const unmarked = members.filter((m) => !marks.get(m.userId)).length;
  const changed = members.some((m) => marks.get(m.userId) !== m.status);
  const mark = (userId: string, status: Status) => {
    setMarks(new Map(marks).set(userId, status));
    setSaved(false);
  };
  if (members.length === 0)
    return (
      <Text size="sm">No school in the cluster has a team yet, so there is nobody to mark.</Text>
    );
  return (
    <Stack gap="sm">
      {closed ? (
        <Text size="sm" fw={600} id="register-closed">
          {closed}
        </Text>
      ) : (
        <Text size="sm">
          Mark each team member present, absent or sent apologies. In the table, Tab moves from
          person to person and the arrow keys choose.
        </Text>
      )}
      <div className="wide-table-region">
        <table
          className="register-table"
          aria-label={`Register for ${workshop.title}`}
          aria-describedby={closed ? "register-closed" : undefined}
        >
          <thead>
            <tr>
              <th scope="col">Team member</th>
              <th scope="col">Role</th>
              {ATTENDANCE.map((s) => (
                <th key={s} scope="col" className="register-choice-head">
                  {ATTENDANCE_LABELS[s]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {register.schools.map((school) => (
              <SchoolRows
                key={school.enrolmentId}
                school={school}
                marks={marks}
                onMark={mark}
                disabled={closed !== null}
              />
            ))}
          </tbody>
        </table>
      </div>
      <Group gap="sm" wrap="wrap">
        <Button
          loading={take.isPending}
          disabled={!changed || closed !== null}
          onClick={() =>
            take.mutate(
              members.flatMap((m) => {
                const status = marks.get(m.userId);
                return status ? [{ userId: m.userId, status }] : [];
              }),
              { onSuccess: () => setSaved(true) },
            )
          }
        >
          Save the register
        </Button>
        <Button
          variant="default"
          disabled={unmarked === 0 || closed !== null}
          onClick={() => {
            const next = new Map(marks);
            for (const m of members) if (!next.get(m.userId)) next.set(m.userId, "present");
            setMarks(next);
            setSaved(false);
          }}
        >
          Mark everyone not yet marked present
        </Button>
        <Text size="sm" role="status">
          {saved && !changed
            ? "Saved."
            : `${members.length - unmarked} of ${members.length} marked${changed ? " · not saved yet" : ""}.`}
        </Text>
      </Group>
      <ProblemAlert error={take.error} title="The register was not saved" />
    </Stack>
  );
}

function SchoolRows({
  school,
  marks,
  onMark,
  disabled,
}: {
  school: Register["schools"][number];
  marks: Map<string, Status | null>;
  onMark: (userId: string, status: Status) => void;
  disabled: boolean;
}) {
  return (
    <>
      <tr className="register-school">
        <th scope="colgroup" colSpan={2 + ATTENDANCE.length}>
          {school.schoolName}
        </th>
      </tr>
      {school.members.length === 0 ? (
        <tr>
          <td colSpan={2 + ATTENDANCE.length}>
            <Text size="sm" c="dimmed">
              No team members yet.
            </Text>
          </td>
        </tr>
      ) : null}
      {school.members.map((m) => (
        <tr key={m.userId} data-testid="register-row">
          <th scope="row">{m.name}</th>
          <td>{roleLabel(m.teamRole)}</td>
          {ATTENDANCE.map((s) => (
            <td key={s} className="register-choice">
              <input
                type="radio"
                name={`attendance-${m.userId}`}
                value={s}
                checked={marks.get(m.userId) === s}
                disabled={disabled}
                onChange={() => onMark(m.userId, s)}
                aria-label={`${m.name}: ${ATTENDANCE_LABELS[s].toLowerCase()}`}
              />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}
