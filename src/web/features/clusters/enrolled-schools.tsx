import { Button, Group, Modal, Table, Text } from "@mantine/core";
import { useState } from "react";
import { type ClusterDetail, PHASE_LABELS } from "../../../contracts/network.ts";
import { CompositionStatus } from "../../components/composition.tsx";
import { ConfirmModal } from "../../components/confirm-modal.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { TeamInviteForm } from "../../components/team-invite-form.tsx";
import { TRIO_ROLE_LABELS } from "../../components/trio-schools.tsx";
import { useInviteToTeam, useWithdrawEnrolment } from "./api/cluster-changes.ts";

type ClusterEnrolment = ClusterDetail["enrolments"][number];

/** The cluster's schools: phase, trio, team and how it stands against the guidance. */
export function EnrolledSchools({
  cluster,
  isAdmin,
}: {
  cluster: ClusterDetail;
  isAdmin: boolean;
}) {
  const withdraw = useWithdrawEnrolment();
  const [withdrawing, setWithdrawing] = useState<ClusterEnrolment | null>(null);
  // The school stays set while the dialog closes, so its title does not flicker.
  const [inviting, setInviting] = useState<ClusterEnrolment | null>(null);
  const [inviteOpen, setInviteOpen] = useState(false);
  const trioName = (id: string | null) => cluster.trios.find((t) => t.id === id)?.name;

  return (
    <>
      <ProblemAlert error={withdraw.error} title="The enrolment was not withdrawn" />
      <Table.ScrollContainer minWidth={900}>
        <Table
          striped
          stickyHeader
          verticalSpacing="sm"
          aria-label={`Schools enrolled in ${cluster.name}`}
        >
          <Table.Thead>
            <Table.Tr>
              <Table.Th>School</Table.Th>
              <Table.Th>Phase</Table.Th>
              <Table.Th>Trio</Table.Th>
              <Table.Th>Team</Table.Th>
              <Table.Th>Against the guidance</Table.Th>
              {isAdmin ? (
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              ) : null}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {cluster.enrolments.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>
                  <Text size="sm" fw={600}>
                    {e.school.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {e.school.shortCode}
                  </Text>
                </Table.Td>
                <Table.Td>{PHASE_LABELS[e.school.phase]}</Table.Td>
                <Table.Td>
                  {e.trioId && e.trioRole
                    ? `${trioName(e.trioId)} · ${TRIO_ROLE_LABELS[e.trioRole]}`
                    : "Not in a trio"}
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  {e.teamSize} {e.teamSize === 1 ? "member" : "members"}
                </Table.Td>
                <Table.Td maw={380}>
                  <CompositionStatus composition={e.composition} />
                </Table.Td>
                {isAdmin ? (
                  <Table.Td>
                    <Group gap={4} wrap="nowrap" justify="flex-end">
                      <Button
                        size="xs"
                        variant="light"
                        onClick={() => {
                          setInviting(e);
                          setInviteOpen(true);
                        }}
                        aria-label={`Invite to the team of ${e.school.name}`}
                      >
                        Invite to team
                      </Button>
                      {e.trioId === null && e.teamSize === 0 ? (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setWithdrawing(e)}
                          aria-label={`Withdraw ${e.school.name}`}
                        >
                          Withdraw
                        </Button>
                      ) : null}
                    </Group>
                  </Table.Td>
                ) : null}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <ConfirmModal
        opened={withdrawing !== null}
        title="Withdraw this enrolment?"
        confirmLabel="Withdraw enrolment"
        pending={withdraw.isPending}
        error={withdraw.error}
        onClose={() => setWithdrawing(null)}
        onConfirm={() =>
          withdrawing && withdraw.mutate(withdrawing.id, { onSuccess: () => setWithdrawing(null) })
        }
      >
        {`${withdrawing?.school.name ?? "The school"} leaves ${cluster.name} for ${cluster.academicYear}, and any team invitations still waiting are withdrawn. The school itself stays in Cascade and can be enrolled again.`}
      </ConfirmModal>
      <Modal
        opened={inviteOpen}
        onClose={() => setInviteOpen(false)}
        title={`Invite to the team of ${inviting?.school.name ?? ""}`}
        size="xl"
      >
        {inviting ? <InviteToTeam key={inviting.id} enrolment={inviting} /> : null}
      </Modal>
    </>
  );
}

function InviteToTeam({ enrolment }: { enrolment: ClusterEnrolment }) {
  const invite = useInviteToTeam(enrolment.id);
  return (
    <TeamInviteForm
      phase={enrolment.school.phase}
      schoolName={enrolment.school.name}
      invite={invite}
    />
  );
}
