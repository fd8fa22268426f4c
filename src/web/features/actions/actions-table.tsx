import { Button, NativeSelect, Table, Text } from "@mantine/core";
import type { Action } from "../../../contracts/programme-year.ts";
import { ACTION_STATUSES } from "../../../contracts/programme-year.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { formatDate } from "../../lib/format.ts";
import { type ActionStatus, STATUS_LABELS, sourceOf, useUpdateAction } from "./api/actions.ts";
import "./actions.css";

/** When the action is due, and plainly whether it is overdue (words and a mark, not colour alone). */
export function DueCell({ action }: { action: Action }) {
  if (!action.dueOn) return <Text size="sm">No date</Text>;
  return action.overdue ? (
    <Text size="sm" className="overdue">
      <span aria-hidden="true" className="mark">
        ⚠
      </span>
      Overdue · {formatDate(action.dueOn)}
    </Text>
  ) : (
    <Text size="sm">{formatDate(action.dueOn)}</Text>
  );
}

/** The team's actions: what, who, when, where it came from; status changed in place. */
export function ActionsTable({
  enrolmentId,
  actions,
  onEdit,
}: {
  enrolmentId: string;
  actions: Action[];
  onEdit: (action: Action) => void;
}) {
  const update = useUpdateAction(enrolmentId);
  return (
    <>
      <ProblemAlert error={update.error} title="The status was not changed" />
      <div className="wide-table-region">
        <Table striped verticalSpacing="sm" miw={860} aria-label="The team's actions">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Action</Table.Th>
              <Table.Th>Owner</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Source</Table.Th>
              <Table.Th>
                <span className="visually-hidden">Change</span>
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {actions.map((action) => (
              <Table.Tr
                key={action.id}
                data-overdue={action.overdue || undefined}
                data-testid="action-row"
              >
                <Table.Td maw={380}>
                  <Text size="sm" fw={600}>
                    {action.title}
                  </Text>
                  {action.notes ? (
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {action.notes}
                    </Text>
                  ) : null}
                  {action.strategy || action.pupilGroup ? (
                    <Text size="xs">
                      {[
                        action.strategy ? `Strategy: ${action.strategy.title}` : null,
                        action.pupilGroup ? `Pupils: ${action.pupilGroup}` : null,
                      ]
                        .filter(Boolean)
                        .join(" · ")}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  {action.owner?.name ?? (
                    <Text size="sm" c="dimmed">
                      No one yet
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  <DueCell action={action} />
                </Table.Td>
                <Table.Td>
                  {action.canEdit ? (
                    <NativeSelect
                      size="xs"
                      aria-label={`Status of ${action.title}`}
                      value={action.status}
                      disabled={update.isPending && update.variables?.id === action.id}
                      data={ACTION_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
                      onChange={(event) =>
                        update.mutate({
                          id: action.id,
                          status: event.currentTarget.value as ActionStatus,
                        })
                      }
                    />
                  ) : (
                    <Text size="sm">{STATUS_LABELS[action.status]}</Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{sourceOf(action)}</Text>
                </Table.Td>
                <Table.Td>
                  {action.canEdit ? (
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => onEdit(action)}
                      aria-label={`Change ${action.title}`}
                    >
                      Change
                    </Button>
                  ) : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </div>
    </>
  );
}
