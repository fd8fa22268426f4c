import { Button, Checkbox, PasswordInput, Stack, Text, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import { useNavigate } from "@tanstack/react-router";
import { setupBodySchema } from "../../../contracts/auth.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { PublicCard } from "../../components/public-card.tsx";
import { fieldErrorsOf, validateWith } from "../../lib/forms.ts";
import { useCreateFirstAdmin, useLoadDemo } from "./api/setup.ts";
import { DemoAccountsList, DemoOffer } from "./demo-setup.tsx";

/** Shown only while Cascade has no users: creates the first network administrator. */
export function SetupPage() {
  const navigate = useNavigate();
  const create = useCreateFirstAdmin();
  const demo = useLoadDemo();
  const form = useForm({
    initialValues: { name: "", email: "", password: "", requireSecondFactor: true },
    validate: validateWith(setupBodySchema),
  });

  if (demo.data) {
    return (
      <PublicCard
        title="Explore Cascade"
        intro="A fictional network is ready to look around."
        size={680}
      >
        <DemoAccountsList demo={demo.data} />
      </PublicCard>
    );
  }

  return (
    <PublicCard
      title="Set up Cascade"
      intro="Nobody has an account yet. Create the first network administrator: you can invite everyone else from inside."
    >
      <Stack gap="lg">
        <form
          noValidate
          onSubmit={form.onSubmit((values) =>
            create.mutate(values, {
              onSuccess: () => void navigate({ to: "/" }),
              onError: (error) => form.setErrors(fieldErrorsOf(error)),
            }),
          )}
        >
          <Stack>
            <ProblemAlert error={create.error} title="The administrator could not be created" />
            <TextInput
              label="Your name"
              autoComplete="name"
              required
              {...form.getInputProps("name")}
            />
            <TextInput
              label="Email address"
              type="email"
              autoComplete="email"
              required
              {...form.getInputProps("email")}
            />
            <PasswordInput
              label="Password"
              description="At least 12 characters. A few unrelated words make a strong, memorable password."
              autoComplete="new-password"
              required
              {...form.getInputProps("password")}
            />
            <Checkbox
              label="Require a second factor for staff who can see named pupil data"
              description="Recommended. School staff and administrators then sign in with a code from an authenticator app too; you can change this later under Sign-in security."
              {...form.getInputProps("requireSecondFactor", { type: "checkbox" })}
            />
            <Button type="submit" loading={create.isPending}>
              Create administrator
            </Button>
            <Text size="xs" c="dimmed">
              This page disappears once the first account exists.
            </Text>
          </Stack>
        </form>
        <DemoOffer onLoad={() => demo.mutate()} pending={demo.isPending} error={demo.error} />
      </Stack>
    </PublicCard>
  );
}
