import { Alert, Button, PasswordInput, Stack, Text } from "@mantine/core";
import { useForm } from "@mantine/form";
import { Link } from "@tanstack/react-router";
import { useMemo } from "react";
import { newPasswordSchema } from "../../../contracts/auth.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { PublicCard } from "../../components/public-card.tsx";
import { isProblem } from "../../lib/api-client.ts";
import { fieldErrorsOf } from "../../lib/forms.ts";
import { useCompletePasswordReset } from "./api/password-reset.ts";

/** The token arrives in the URL fragment, which browsers never send to a server. */
function tokenFromLocation(): string | null {
  return new URLSearchParams(window.location.hash.replace(/^#/, "")).get("token");
}

/** Choosing a new password with an emailed one-time link. */
export function ResetPasswordPage() {
  const token = useMemo(tokenFromLocation, []);
  const complete = useCompletePasswordReset();
  const form = useForm({
    initialValues: { password: "", confirm: "" },
    validate: {
      password: (v) => newPasswordSchema.safeParse(v).error?.issues[0]?.message ?? null,
      confirm: (v, values) => (v === values.password ? null : "The two passwords differ."),
    },
  });
  if (!token) {
    return (
      <PublicCard title="Reset link incomplete">
        <Text>
          This link has lost its code. Open the link from the email again, or{" "}
          <Link to="/forgot-password">ask for a new one</Link>.
        </Text>
      </PublicCard>
    );
  }
  if (complete.isSuccess) {
    return (
      <PublicCard title="Password changed">
        <Stack>
          <Alert color="teal" variant="light" title="Your password is changed" role="status">
            You have been signed out everywhere. Sign in with your new password.
          </Alert>
          <Button component={Link} to="/sign-in">
            Go to sign-in
          </Button>
        </Stack>
      </PublicCard>
    );
  }
  return (
    <PublicCard
      title="Choose a new password"
      intro="The link works once, within 30 minutes of being sent. Choosing a new password signs you out everywhere."
    >
      <form
        noValidate
        onSubmit={form.onSubmit((values) =>
          complete.mutate(
            { token, password: values.password },
            { onError: (error) => form.setErrors(fieldErrorsOf(error)) },
          ),
        )}
      >
        <Stack>
          {isProblem(complete.error, 410) ? (
            <ProblemAlert error={complete.error} title="This link cannot be used" />
          ) : (
            <ProblemAlert error={complete.error} title="The password was not changed" />
          )}
          <PasswordInput
            label="New password"
            description="At least 12 characters. A few unrelated words work well; not your name, email or school."
            autoComplete="new-password"
            required
            {...form.getInputProps("password")}
          />
          <PasswordInput
            label="New password again"
            autoComplete="new-password"
            required
            {...form.getInputProps("confirm")}
          />
          <Button type="submit" loading={complete.isPending}>
            Set my new password
          </Button>
          {isProblem(complete.error, 410) ? (
            <Text size="sm">
              <Link to="/forgot-password">Ask for a new reset link</Link>
            </Text>
          ) : null}
        </Stack>
      </form>
    </PublicCard>
  );
}
