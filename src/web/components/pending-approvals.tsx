import { Button, Group, Stack, Table, Text, Title } from "@mantine/core";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { PendingMembershipList } from "../../contracts/memberships.ts";
import { ROLE_LABELS } from "../../contracts/roles.ts";
import { api } from "../lib/api-client.ts";
import { formatDate } from "../lib/format.ts";
import { ProblemAlert } from "./problem-alert.tsx";

const pendingKey = ["memberships", "pending"] as const;

/**
 * School roles an administrator granted that wait for a second person's
 * approval, with Approve and Reject for those the viewer may decide. On the
 * People page (every school) and a school's team (`schoolId`: that school only).
 * Shows nothing when nothing is waiting.
 */
export function PendingApprovals({
  schoolId,
  headingOrder = 2,
}: {
  schoolId?: string;
  headingOrder?: 2 | 3;
}) {
  const queryClient = useQueryClient();
  const pending = useQuery({
    queryKey: pendingKey,
    queryFn: () => api.get<PendingMembershipList>("/api/memberships/pending"),
  });
  const decide = useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: "approve" | "reject" }) =>
      api.post<null>(`/api/memberships/${id}/${decision}`, {}),
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: pendingKey });
      void queryClient.invalidateQueries({ queryKey: ["users"] });
      void queryClient.invalidateQueries({ queryKey: ["team"] });
    },
  });
  const items = (pending.data?.items ?? []).filter((p) => !schoolId || p.schoolId === schoolId);
  if (items.length === 0) return <ProblemAlert error={pending.error} />;
  return (
    <Stack gap="sm">
      <Title order={headingOrder} size={headingOrder === 2 ? "h4" : "h5"}>
        Roles waiting for approval
      </Title>
      <Text size="sm" c="dimmed">
        A network administrator gave these people a role that opens a school's named pupil data. It
        does nothing until someone other than the person who gave it approves it.
      </Text>
      <ProblemAlert error={pending.error} />
      <ProblemAlert error={decide.error} title="The role was not changed" />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Person</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Given by</Table.Th>
            <Table.Th>Since</Table.Th>
            <Table.Th>
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((p) => (
            <Table.Tr key={p.id}>
              <Table.Td>
                {p.userName}
                <Text size="xs" c="dimmed">
                  {p.userEmail}
                </Text>
              </Table.Td>
              <Table.Td>
                {ROLE_LABELS[p.role]} · {p.schoolName}
              </Table.Td>
              <Table.Td>{p.grantedByName ?? "(account removed)"}</Table.Td>
              <Table.Td>{formatDate(p.createdAt)}</Table.Td>
              <Table.Td>
                {p.canDecide ? (
                  <Group gap="xs" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="light"
                      loading={decide.isPending && decide.variables?.id === p.id}
                      onClick={() => decide.mutate({ id: p.id, decision: "approve" })}
                      aria-label={`Approve ${p.userName} as ${ROLE_LABELS[p.role].toLowerCase()} at ${p.schoolName}`}
                    >
                      Approve
                    </Button>
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      disabled={decide.isPending}
                      onClick={() => decide.mutate({ id: p.id, decision: "reject" })}
                      aria-label={`Reject ${p.userName} as ${ROLE_LABELS[p.role].toLowerCase()} at ${p.schoolName}`}
                    >
                      Reject
                    </Button>
                  </Group>
                ) : (
                  <Text size="sm" c="dimmed">
                    Someone else must approve this
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
