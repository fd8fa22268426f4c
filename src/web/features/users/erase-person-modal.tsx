import { List, Stack, Text } from "@mantine/core";
import type { UserSummary } from "../../../contracts/users.ts";
import { TypedConfirmModal } from "../../components/typed-confirm-modal.tsx";
import type { useEraseUser } from "./api/users.ts";

/** Erasing a member of staff, after they type the account's email address again. */
export function ErasePersonModal({
  person,
  erase,
  onClose,
}: {
  person: UserSummary | null;
  erase: ReturnType<typeof useEraseUser>;
  onClose: () => void;
}) {
  return (
    <TypedConfirmModal
      opened={person !== null}
      title={`Erase ${person?.name ?? "this person"}?`}
      label="Type the account's email address to confirm"
      description={`As shown in the list: ${person?.email ?? ""}`}
      accepted={person ? [person.email] : []}
      mismatch="That is not this account's email address. Type it as shown."
      field="confirmEmail"
      confirmLabel="Erase this person"
      pending={erase.isPending}
      error={erase.error}
      onClose={() => {
        erase.reset();
        onClose();
      }}
      onConfirm={(typed) =>
        person &&
        erase.mutate(
          { id: person.id, name: person.name, confirmEmail: typed },
          { onSuccess: onClose },
        )
      }
    >
      <Stack gap="xs">
        <Text size="sm">What goes, for good:</Text>
        <List size="sm" spacing={2}>
          <List.Item>their name and email address;</List.Item>
          <List.Item>
            their password, second factors, roles and every session (they are signed out now);
          </List.Item>
          <List.Item>mail and invitations addressed to them.</List.Item>
        </List>
        <Text size="sm">
          What stays: what they wrote and recorded (strategies, reviews, actions, assessment
          values), shown as by a former member of staff, and the audit log, by account id.
        </Text>
        <Text size="sm" fw={600}>
          There is no undo: the account cannot be signed in to again. Invite them afresh if they
          return.
        </Text>
      </Stack>
    </TypedConfirmModal>
  );
}
