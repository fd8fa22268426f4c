import { Badge, Button, Group, Modal, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { createHubSchema, type Hub } from "../../../contracts/network.ts";
import { ConfirmModal } from "../../components/confirm-modal.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { fieldErrorsOf, validateWith } from "../../lib/forms.ts";
import { useCreateHub, useHubs, useUpdateHub } from "./api/hubs.ts";

/** Hubs: regional groups of schools. Create, rename, archive. */
export function HubsPanel() {
  const hubs = useHubs();
  const create = useCreateHub();
  const update = useUpdateHub();
  const [renaming, setRenaming] = useState<Hub | null>(null);
  const [archiving, setArchiving] = useState<Hub | null>(null);
  const form = useForm({ initialValues: { name: "" }, validate: validateWith(createHubSchema) });

  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Hubs
      </Title>
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          create.mutate(values, {
            onError: (error) => form.setErrors(fieldErrorsOf(error)),
            onSuccess: () => form.reset(),
          }),
        )}
      >
        <Group align="flex-start" gap="sm">
          <TextInput
            label="New hub"
            placeholder="e.g. North Leeds"
            autoComplete="off"
            w={260}
            {...form.getInputProps("name")}
          />
          <Button type="submit" loading={create.isPending} mt={25}>
            Create hub
          </Button>
        </Group>
      </form>
      <ProblemAlert error={create.error} title="The hub was not created" shownFields={["name"]} />
      <ProblemAlert error={update.error} title="The hub was not changed" />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Hub</Table.Th>
            <Table.Th>Schools</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>
              <span className="visually-hidden">Actions</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {hubs.data?.items.length === 0 ? (
            <Table.Tr>
              <Table.Td colSpan={4}>
                <Text size="sm">
                  No hubs yet. Hubs are optional: create one above to group schools by region.
                </Text>
              </Table.Td>
            </Table.Tr>
          ) : null}
          {hubs.data?.items.map((hub) => (
            <Table.Tr key={hub.id}>
              <Table.Td>{hub.name}</Table.Td>
              <Table.Td>{hub.schoolCount}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={hub.archived ? "gray" : "teal"} miw="fit-content">
                  {hub.archived ? "Archived" : "Active"}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap" justify="flex-end">
                  <Button
                    size="xs"
                    variant="subtle"
                    onClick={() => setRenaming(hub)}
                    aria-label={`Rename ${hub.name}`}
                  >
                    Rename
                  </Button>
                  {hub.archived ? (
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => update.mutate({ id: hub.id, archived: false })}
                      aria-label={`Unarchive ${hub.name}`}
                    >
                      Unarchive
                    </Button>
                  ) : (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => setArchiving(hub)}
                      aria-label={`Archive ${hub.name}`}
                    >
                      Archive
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Modal opened={renaming !== null} onClose={() => setRenaming(null)} title="Rename hub">
        {renaming ? <RenameHubForm hub={renaming} onDone={() => setRenaming(null)} /> : null}
      </Modal>
      <ConfirmModal
        opened={archiving !== null}
        title="Archive this hub?"
        confirmLabel="Archive hub"
        pending={update.isPending}
        error={update.error}
        onClose={() => setArchiving(null)}
        onConfirm={() =>
          archiving &&
          update.mutate(
            { id: archiving.id, archived: true },
            { onSuccess: () => setArchiving(null) },
          )
        }
      >
        {`${archiving?.name ?? "The hub"} will no longer be offered for new schools and imports. Its ${archiving?.schoolCount ?? 0} schools keep their hub, and you can unarchive it at any time.`}
      </ConfirmModal>
    </Stack>
  );
}

function RenameHubForm({ hub, onDone }: { hub: Hub; onDone: () => void }) {
  const update = useUpdateHub();
  const form = useForm({
    initialValues: { name: hub.name },
    validate: validateWith(createHubSchema),
  });
  return (
    <form
      noValidate
      onSubmit={form.onSubmit((values) =>
        update.mutate(
          { id: hub.id, name: values.name },
          { onError: (error) => form.setErrors(fieldErrorsOf(error)), onSuccess: onDone },
        ),
      )}
    >
      <Stack>
        <TextInput label="Name" data-autofocus {...form.getInputProps("name")} />
        <ProblemAlert error={update.error} title="The hub was not renamed" />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={update.isPending}>
            Rename
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
