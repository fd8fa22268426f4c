import { Alert, Button, Group, Modal, Stack, TextInput } from "@mantine/core";
import { type ReactNode, useState } from "react";
import { fieldErrorsOf } from "../lib/forms.ts";
import { ProblemAlert } from "./problem-alert.tsx";

/** Lower case, single spaces: how a typed confirmation is compared, as the server compares it. */
export const normalisedConfirmation = (s: string) =>
  s.trim().replaceAll(/\s+/g, " ").toLocaleLowerCase("en-GB");

/**
 * Asks before a change that cannot be undone, and makes the person type what
 * they are about to destroy (a name, an email address) before it goes. The
 * server checks the typed text again; its refusal shows here, in its words.
 */
export function TypedConfirmModal({
  opened,
  title,
  children,
  label,
  description,
  accepted,
  mismatch,
  field,
  confirmLabel,
  onConfirm,
  onClose,
  pending = false,
  error,
}: {
  opened: boolean;
  title: string;
  /** What goes, what stays, and that it cannot be undone. */
  children: ReactNode;
  label: string;
  description: string;
  /** The texts that confirm (compared lower case, spaces folded). */
  accepted: string[];
  /** Said under the input when what was typed is none of them. */
  mismatch: string;
  /** The request body's field the server names in its refusal. */
  field: string;
  confirmLabel: string;
  onConfirm: (typed: string) => void;
  onClose: () => void;
  pending?: boolean;
  error?: unknown;
}) {
  const [typed, setTyped] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const close = () => {
    setTyped("");
    setProblem(null);
    onClose();
  };
  const serverMessage = fieldErrorsOf(error)[field];

  return (
    <Modal opened={opened} onClose={close} title={title} size="lg">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!accepted.map(normalisedConfirmation).includes(normalisedConfirmation(typed))) {
            setProblem(mismatch);
            return;
          }
          setProblem(null);
          onConfirm(typed.trim());
        }}
      >
        <Stack gap="md">
          <Alert color="red" variant="light" title="This cannot be undone">
            {children}
          </Alert>
          <TextInput
            label={label}
            description={description}
            value={typed}
            onChange={(e) => {
              setTyped(e.currentTarget.value);
              setProblem(null);
            }}
            error={problem ?? serverMessage}
            autoComplete="off"
            spellCheck={false}
            data-autofocus
          />
          <ProblemAlert error={error} title="Nothing was erased" shownFields={[field]} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={pending}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
