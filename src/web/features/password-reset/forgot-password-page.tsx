import { Alert, Button, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { Link } from "@tanstack/react-router";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { PublicCard } from "../../components/public-card.tsx";
import { useRequestPasswordReset } from "./api/password-reset.ts";

/** Asking for a link to reset a forgotten password. */
export function ForgotPasswordPage() {
  const request = useRequestPasswordReset();
  const form = useForm({
    initialValues: { email: "" },
    validate: { email: (v) => (v.trim() ? null : "Enter your email address.") },
  });
  return (
    <PublicCard
      title="Reset your password"
      intro="Enter the email address you sign in with. We will email you a link to choose a new password."
    >
      {request.isSuccess ? (
        <Stack>
          <Alert color="teal" variant="light" title="Check your email" role="status">
            {request.data.detail}
          </Alert>
          <Text size="sm">
            Nothing arrived? Check your junk folder, or ask your school leader or programme lead to
            check the email address on your account. <Link to="/sign-in">Back to sign-in</Link>
          </Text>
        </Stack>
      ) : (
        <form noValidate onSubmit={form.onSubmit((values) => request.mutate(values.email.trim()))}>
          <Stack>
            <ProblemAlert error={request.error} />
            <TextInput
              label="Email address"
              type="email"
              autoComplete="username"
              required
              {...form.getInputProps("email")}
            />
            <Button type="submit" loading={request.isPending}>
              Email me a reset link
            </Button>
            <Text size="sm">
              <Link to="/sign-in">Back to sign-in</Link>
            </Text>
          </Stack>
        </form>
      )}
    </PublicCard>
  );
}
