import { Alert, Button, Card, PasswordInput, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { Link } from "@tanstack/react-router";
import { newPasswordSchema } from "../../../contracts/auth.ts";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { fieldErrorsOf } from "../../lib/forms.ts";
import { useChangePassword } from "./api/password-reset.ts";

/** Changing one's own password while signed in: the current one is needed; other sessions end. */
export function ChangePasswordPage() {
  const change = useChangePassword();
  const form = useForm({
    initialValues: { currentPassword: "", newPassword: "", confirm: "" },
    validate: {
      currentPassword: (v) => (v ? null : "Enter your current password."),
      newPassword: (v) => newPasswordSchema.safeParse(v).error?.issues[0]?.message ?? null,
      confirm: (v, values) => (v === values.newPassword ? null : "The two passwords differ."),
    },
  });
  return (
    <>
      <PageHeader
        title="Change your password"
        intro="Your other sessions are signed out when the password changes; this one stays."
      />
      <Card withBorder padding="lg" maw={520}>
        <form
          noValidate
          onSubmit={form.onSubmit(({ currentPassword, newPassword }) =>
            change.mutate(
              { currentPassword, newPassword },
              {
                onSuccess: () => form.reset(),
                onError: (error) => form.setErrors(fieldErrorsOf(error)),
              },
            ),
          )}
        >
          <Stack>
            {change.isSuccess ? (
              <Alert color="teal" variant="light" title="Password changed" role="status">
                {change.data.detail}
              </Alert>
            ) : null}
            <ProblemAlert error={change.error} title="The password was not changed" />
            <PasswordInput
              label="Current password"
              autoComplete="current-password"
              required
              {...form.getInputProps("currentPassword")}
            />
            <PasswordInput
              label="New password"
              description="At least 12 characters. A few unrelated words work well; not your name, email or school."
              autoComplete="new-password"
              required
              {...form.getInputProps("newPassword")}
            />
            <PasswordInput
              label="New password again"
              autoComplete="new-password"
              required
              {...form.getInputProps("confirm")}
            />
            <Button type="submit" loading={change.isPending}>
              Change password
            </Button>
            <Text size="sm">
              <Link to="/account/sessions">See where you are signed in</Link>
            </Text>
          </Stack>
        </form>
      </Card>
    </>
  );
}
