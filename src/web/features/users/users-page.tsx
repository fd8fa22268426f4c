import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Pagination,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { useDebouncedValue } from "@mantine/hooks";
import { useState } from "react";
import { FORMER_STAFF_NAME } from "../../../contracts/data-rights.ts";
import { ROLE_LABELS } from "../../../contracts/roles.ts";
import type { UserSummary } from "../../../contracts/users.ts";
import { useMe } from "../../app/get-me.ts";
import { ConfirmModal } from "../../components/confirm-modal.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { PendingApprovals } from "../../components/pending-approvals.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { usePendingInvitations, useWithdrawInvitation } from "../../lib/api/invitations.ts";
import { formatDate } from "../../lib/format.ts";
import {
  useEndUserSessions,
  useEraseUser,
  useResetSecondFactor,
  useSetUserDisabled,
  useUsers,
} from "./api/users.ts";
import { ErasePersonModal } from "./erase-person-modal.tsx";
import { InvitePersonForm } from "./invite-person-form.tsx";
import { ResetFactorModal } from "./reset-factor-modal.tsx";

const PAGE_SIZE = 25;

export function UsersPage() {
  const { data: me } = useMe();
  const [search, setSearch] = useState("");
  const [debounced] = useDebouncedValue(search, 250);
  const [page, setPage] = useState(1);
  const users = useUsers({ search: debounced, offset: (page - 1) * PAGE_SIZE, limit: PAGE_SIZE });
  const setDisabled = useSetUserDisabled();
  const [confirming, setConfirming] = useState<UserSummary | null>(null);
  const endSessions = useEndUserSessions();
  const [endingFor, setEndingFor] = useState<UserSummary | null>(null);
  const resetFactor = useResetSecondFactor();
  const [resettingFor, setResettingFor] = useState<UserSummary | null>(null);
  const erase = useEraseUser();
  const [erasing, setErasing] = useState<UserSummary | null>(null);
  const pages = Math.max(1, Math.ceil((users.data?.total ?? 0) / PAGE_SIZE));

  return (
    <>
      <PageHeader
        title="People"
        intro="Everyone with a Cascade account, and invitations still waiting for an answer."
      />
      <Stack gap="xl">
        <Card withBorder padding="lg">
          <Title order={2} size="h4" mb="sm">
            Invite a person
          </Title>
          <InvitePersonForm />
        </Card>

        <PendingApprovals />

        <PendingInvitations />

        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h4">
              Accounts
            </Title>
            <TextInput
              aria-label="Search people"
              placeholder="Search by name or email"
              value={search}
              onChange={(e) => {
                setSearch(e.currentTarget.value);
                setPage(1);
              }}
              w={300}
            />
          </Group>
          <ProblemAlert error={users.error} />
          <ProblemAlert error={setDisabled.error} title="The account was not changed" />
          {endSessions.isSuccess ? (
            <Alert color="teal" variant="light" role="status" title="Sessions ended">
              {endSessions.variables.name} was signed out everywhere (
              {endSessions.data.sessionsEnded === 1
                ? "1 session"
                : `${endSessions.data.sessionsEnded} sessions`}
              ).
            </Alert>
          ) : null}
          {resetFactor.isSuccess ? (
            <Alert color="teal" variant="light" role="status" title="Second factor reset">
              {resetFactor.variables.name}'s second factor was reset and they were signed out
              everywhere. They will set up a new one when they next sign in.
            </Alert>
          ) : null}
          {erase.isSuccess ? (
            <Alert color="teal" variant="light" role="status" title="Person erased">
              {erase.variables.name}'s name and email address are gone from Cascade, and the account
              is disabled (
              {erase.data.sessionsEnded === 1
                ? "1 session"
                : `${erase.data.sessionsEnded} sessions`}{" "}
              ended). What they wrote now shows as by a former member of staff.
            </Alert>
          ) : null}
          <Table striped highlightOnHover stickyHeader>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Roles</Table.Th>
                <Table.Th>Joined</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>
                  <span className="visually-hidden">Actions</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data?.items.length === 0 ? (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text c="dimmed">
                      {debounced ? `Nobody matches “${debounced}”.` : "No accounts yet."}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ) : null}
              {users.data?.items.map((user) => (
                <Table.Tr key={user.id}>
                  <Table.Td>{user.name}</Table.Td>
                  <Table.Td>{user.email}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {user.memberships.map((m) => (
                        <Badge
                          key={`${m.role}-${m.scopeId}`}
                          variant="light"
                          color="gray"
                          className="badge-full"
                        >
                          {ROLE_LABELS[m.role]}
                          {m.scopeType === "network" ? "" : ` · ${m.scopeName}`}
                        </Badge>
                      ))}
                    </Group>
                  </Table.Td>
                  <Table.Td>{formatDate(user.createdAt)}</Table.Td>
                  <Table.Td>
                    {user.disabledAt ? (
                      <Badge color="red" variant="light" className="badge-nowrap">
                        Disabled
                      </Badge>
                    ) : (
                      <Badge color="teal" variant="light" className="badge-nowrap">
                        Active
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      {user.id === me?.id ? null : (
                        <ResetFactorButton user={user} onClick={() => setResettingFor(user)} />
                      )}
                      {user.id === me?.id ? null : user.disabledAt ? (
                        <Button
                          size="xs"
                          variant="light"
                          onClick={() => setDisabled.mutate({ id: user.id, disabled: false })}
                          aria-label={`Enable ${user.name}`}
                        >
                          Enable
                        </Button>
                      ) : (
                        <Group gap={4} wrap="nowrap">
                          <Button
                            size="xs"
                            variant="subtle"
                            onClick={() => setEndingFor(user)}
                            aria-label={`End all sessions of ${user.name}`}
                          >
                            End sessions
                          </Button>
                          <Button
                            size="xs"
                            variant="light"
                            color="red"
                            onClick={() => setConfirming(user)}
                            aria-label={`Disable ${user.name}`}
                          >
                            Disable
                          </Button>
                        </Group>
                      )}
                      {user.id === me?.id || user.name === FORMER_STAFF_NAME ? null : (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setErasing(user)}
                          aria-label={`Erase ${user.name}…`}
                        >
                          Erase…
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {pages > 1 ? (
            <Pagination
              total={pages}
              value={page}
              onChange={setPage}
              aria-label="Pages of accounts"
            />
          ) : null}
        </Stack>
      </Stack>

      <ConfirmModal
        opened={endingFor !== null}
        title="End all sessions of this account?"
        confirmLabel="End all sessions"
        pending={endSessions.isPending}
        error={endSessions.error}
        onClose={() => setEndingFor(null)}
        onConfirm={() =>
          endingFor &&
          endSessions.mutate(
            { id: endingFor.id, name: endingFor.name },
            { onSuccess: () => setEndingFor(null) },
          )
        }
      >
        {`${endingFor?.name ?? ""} will be signed out on every device at once. The account stays enabled: they can sign in again with their password. Use this when a device is lost or a password may be known to someone else.`}
      </ConfirmModal>

      <ResetFactorModal
        user={resettingFor}
        reset={resetFactor}
        onClose={() => setResettingFor(null)}
      />
      <ErasePersonModal person={erasing} erase={erase} onClose={() => setErasing(null)} />

      <Modal
        opened={confirming !== null}
        onClose={() => setConfirming(null)}
        title="Disable this account?"
      >
        <Stack>
          <Text>
            {confirming?.name} will be signed out everywhere at once and will not be able to sign in
            until the account is enabled again. Their data and history stay.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(null)}>
              Cancel
            </Button>
            <Button
              color="red"
              loading={setDisabled.isPending}
              onClick={() =>
                confirming &&
                setDisabled.mutate(
                  { id: confirming.id, disabled: true },
                  { onSettled: () => setConfirming(null) },
                )
              }
            >
              Disable account
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function ResetFactorButton({ user, onClick }: { user: UserSummary; onClick: () => void }) {
  return (
    <Button
      size="xs"
      variant="subtle"
      onClick={onClick}
      aria-label={`Reset the second factor of ${user.name}`}
    >
      Reset second factor…
    </Button>
  );
}

function PendingInvitations() {
  const pending = usePendingInvitations();
  const withdraw = useWithdrawInvitation();
  if (!pending.data || pending.data.items.length === 0) return null;
  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Waiting for an answer
      </Title>
      <ProblemAlert error={withdraw.error} />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Email</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Expires</Table.Th>
            <Table.Th>
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {pending.data.items.map((invitation) => (
            <Table.Tr key={invitation.id}>
              <Table.Td>{invitation.email}</Table.Td>
              <Table.Td>
                {ROLE_LABELS[invitation.role]} · {invitation.scopeName}
              </Table.Td>
              <Table.Td>{formatDate(invitation.expiresAt)}</Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="subtle"
                  color="red"
                  onClick={() => withdraw.mutate(invitation.id)}
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
  );
}
