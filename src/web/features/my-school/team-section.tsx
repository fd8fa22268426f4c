import { Badge, Button, Card, Stack, Table, Text, Title } from "@mantine/core";
import { useState } from "react";
import {
  type PendingTeamInvitation,
  TEAM_ROLE_LABELS,
  type Team,
  type TeamMember,
} from "../../../contracts/network.ts";
import { SUBJECTS } from "../../../domain/team-composition.ts";
import { useMe } from "../../app/get-me.ts";
import { CompositionChecklist } from "../../components/composition.tsx";
import { ConfirmModal } from "../../components/confirm-modal.tsx";
import { PendingApprovals } from "../../components/pending-approvals.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { TeamInviteForm } from "../../components/team-invite-form.tsx";
import {
  useInviteTeamMember,
  useRemoveTeamMember,
  useWithdrawTeamInvitation,
} from "../../lib/api/team.ts";
import { formatDate } from "../../lib/format.ts";

const subjectLabel = (key: string | null) =>
  key ? (SUBJECTS.find((s) => s.key === key)?.label ?? key) : "—";

/** The school's team: members, the guidance check, and (for its leaders) invitations. */
export function TeamSection({
  team,
  schoolId,
  academicYear,
}: {
  team: Team;
  schoolId: string;
  academicYear: string;
}) {
  const { data: me } = useMe();
  const invite = useInviteTeamMember(team.enrolmentId);
  const remove = useRemoveTeamMember(team.enrolmentId);
  const [removing, setRemoving] = useState<TeamMember | null>(null);
  const withdraw = useWithdrawTeamInvitation(team.enrolmentId);
  const [withdrawing, setWithdrawing] = useState<PendingTeamInvitation | null>(null);
  // Subjects are recorded for secondary and all-through teachers only.
  const withSubjects =
    team.phase === "secondary" ||
    team.phase === "all_through" ||
    team.members.some((m) => m.subject) ||
    team.pendingInvitations.some((i) => i.subject);
  const columns = 3 + Number(withSubjects) + Number(team.canManage);

  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        Team
      </Title>
      <Card withBorder padding="md">
        <Stack gap="xs">
          <Title order={3} size="h5">
            Against the programme's guidance
          </Title>
          <Text size="sm" c="dimmed">
            {team.composition.rule}
          </Text>
          <CompositionChecklist composition={team.composition} />
          <Text size="sm" c="dimmed">
            The composition is guidance from the programme: it does not block anything.
          </Text>
        </Stack>
      </Card>

      <Title order={3} size="h5">
        Members ({team.members.length})
      </Title>
      <ProblemAlert error={remove.error} title="The member was not removed" />
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Name</Table.Th>
            <Table.Th>Email</Table.Th>
            <Table.Th>Team role</Table.Th>
            {withSubjects ? <Table.Th>Subject</Table.Th> : null}
            {team.canManage ? (
              <Table.Th>
                <span className="visually-hidden">Actions</span>
              </Table.Th>
            ) : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {team.members.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={columns}>
                <Text size="sm">
                  {team.canManage
                    ? "Nobody is on the team yet. Invite its leader, teachers and para-professionals below."
                    : "Nobody is on the team yet. The school's leaders invite its members."}
                </Text>
              </Table.Td>
            </Table.Tr>
          ) : null}
          {team.members.map((member) => (
            <Table.Tr key={member.id}>
              <Table.Td>
                {member.name}
                {member.awaitingApproval ? (
                  <Badge ml="xs" size="sm" variant="outline" color="dark">
                    Waiting for approval
                  </Badge>
                ) : null}
                {member.userId === me?.id ? (
                  <Badge ml="xs" size="sm" variant="light" color="gray">
                    You
                  </Badge>
                ) : null}
              </Table.Td>
              <Table.Td>{member.email}</Table.Td>
              <Table.Td>{TEAM_ROLE_LABELS[member.teamRole]}</Table.Td>
              {withSubjects ? <Table.Td>{subjectLabel(member.subject)}</Table.Td> : null}
              {team.canManage ? (
                <Table.Td>
                  {member.userId === me?.id ? null : (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => setRemoving(member)}
                      aria-label={`Remove ${member.name} from the team`}
                    >
                      Remove
                    </Button>
                  )}
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>

      {team.canManage ? <PendingApprovals schoolId={schoolId} headingOrder={3} /> : null}

      {team.canManage && team.pendingInvitations.length > 0 ? (
        <Stack gap="xs">
          <Title order={3} size="h5">
            Invitations waiting for an answer
          </Title>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Email</Table.Th>
                <Table.Th>Team role</Table.Th>
                {withSubjects ? <Table.Th>Subject</Table.Th> : null}
                <Table.Th>Expires</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {team.pendingInvitations.map((invitation) => (
                <Table.Tr key={invitation.id}>
                  <Table.Td>{invitation.email}</Table.Td>
                  <Table.Td>{TEAM_ROLE_LABELS[invitation.teamRole]}</Table.Td>
                  {withSubjects ? <Table.Td>{subjectLabel(invitation.subject)}</Table.Td> : null}
                  <Table.Td>{formatDate(invitation.expiresAt)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => setWithdrawing(invitation)}
                      aria-label={`Withdraw the invitation to ${invitation.email}`}
                    >
                      Withdraw
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ) : null}

      {team.canManage ? (
        <Card withBorder padding="md">
          <Stack gap="sm">
            <Title order={3} size="h5">
              Invite to the team
            </Title>
            <TeamInviteForm phase={team.phase} schoolName={team.schoolName} invite={invite} />
          </Stack>
        </Card>
      ) : null}

      <ConfirmModal
        opened={removing !== null}
        title="Remove from the team?"
        confirmLabel="Remove from team"
        pending={remove.isPending}
        error={remove.error}
        onClose={() => setRemoving(null)}
        onConfirm={() =>
          removing && remove.mutate(removing.id, { onSuccess: () => setRemoving(null) })
        }
      >
        {`${removing?.name ?? "This person"} leaves the team of ${team.schoolName} for ${academicYear}, and their role as ${removing ? TEAM_ROLE_LABELS[removing.teamRole].toLowerCase() : "member"} at the school ends with it. Their account stays; you can invite them again.`}
      </ConfirmModal>

      <ConfirmModal
        opened={withdrawing !== null}
        title="Withdraw the invitation?"
        confirmLabel="Withdraw invitation"
        pending={withdraw.isPending}
        error={withdraw.error}
        onClose={() => setWithdrawing(null)}
        onConfirm={() =>
          withdrawing && withdraw.mutate(withdrawing.id, { onSuccess: () => setWithdrawing(null) })
        }
      >
        {`The link sent to ${withdrawing?.email ?? "this person"} stops working at once. You can invite them again later.`}
      </ConfirmModal>
    </Stack>
  );
}
