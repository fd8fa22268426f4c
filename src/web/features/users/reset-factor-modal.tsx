import { PasswordInput, Stack, Text } from "@mantine/core";
import { useState } from "react";
import type { UserSummary } from "../../../contracts/users.ts";
import { ConfirmModal } from "../../components/confirm-modal.tsx";
import { ApiProblem } from "../../lib/api-client.ts";
import type { useResetSecondFactor } from "./api/users.ts";

/**
 * Asks before resetting someone's second factor, saying what goes. Outside the
 * few minutes after the administrator signed in with their password, the
 * server asks for it again, and the dialog then shows a password field.
 */
export function ResetFactorModal({
  user,
  reset,
  onClose,
}: {
  user: UserSummary | null;
  reset: ReturnType<typeof useResetSecondFactor>;
  onClose: () => void;
}) {
  const [password, setPassword] = useState("");
  const problem = reset.error instanceof ApiProblem ? reset.error : null;
  // 401 here is either "enter your password again" or "that password is not right".
  const askPassword = password !== "" || problem?.status === 401;
  const close = () => {
    setPassword("");
    reset.reset();
    onClose();
  };
  const submit = () =>
    user &&
    reset.mutate(
      { id: user.id, name: user.name, ...(password ? { password } : {}) },
      {
        onSuccess: () => {
          setPassword("");
          onClose();
        },
      },
    );
  return (
    <ConfirmModal
      opened={user !== null}
      title="Reset this person's second factor?"
      confirmLabel="Reset second factor"
      pending={reset.isPending}
      error={reset.error}
      onClose={close}
      onConfirm={submit}
    >
      <Stack gap="sm">
        <Text>
          {`${user?.name ?? ""}'s authenticator app, recovery codes and passkeys will stop working, and they will be signed out everywhere. Next time they sign in with their password they will set up a second factor again. They will be told by email.`}
        </Text>
        <Text size="sm" c="dimmed">
          Do this only when you are sure who asked: for example, they told you in person or on a
          call that they lost their phone.
        </Text>
        {askPassword ? (
          <form
            noValidate
            onSubmit={(event) => {
              event.preventDefault();
              submit();
            }}
          >
            <PasswordInput
              label="Your password"
              description="To reset someone's second factor, confirm it is you."
              autoComplete="current-password"
              required
              data-autofocus
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
          </form>
        ) : null}
      </Stack>
    </ConfirmModal>
  );
}
