import { Button, Group, Select, Stack, TextInput } from "@mantine/core";
import { useForm } from "@mantine/form";
import type { UseMutationResult } from "@tanstack/react-query";
import type { Invitation } from "../../contracts/invitations.ts";
import { TEAM_ROLE_LABELS, TEAM_ROLES } from "../../contracts/network.ts";
import { type SchoolPhase, SUBJECTS } from "../../domain/team-composition.ts";
import { fieldErrorsOf } from "../lib/forms.ts";
import { InvitationsSent } from "./invitation-link.tsx";
import { ProblemAlert } from "./problem-alert.tsx";

export type TeamRole = (typeof TEAM_ROLES)[number];

export interface TeamInvite {
  email: string;
  teamRole: TeamRole;
  subject?: string;
}

/** Secondary and all-through teachers are recorded with their subject (maths and English count). */
export const needsSubject = (phase: SchoolPhase, teamRole: string) =>
  teamRole === "teacher" && (phase === "secondary" || phase === "all_through");

const ROLE_OPTIONS = TEAM_ROLES.map((value) => ({ value, label: TEAM_ROLE_LABELS[value] }));
const SUBJECT_OPTIONS = SUBJECTS.map((s) => ({ value: s.key, label: s.label }));

/** Invites a member of staff to a school's team; the page supplies the mutation. */
export function TeamInviteForm({
  phase,
  schoolName,
  invite,
}: {
  phase: SchoolPhase;
  schoolName: string;
  invite: UseMutationResult<Invitation, Error, TeamInvite>;
}) {
  const form = useForm<{ email: string; teamRole: TeamRole; subject: string | null }>({
    initialValues: { email: "", teamRole: "teacher", subject: null },
    validate: {
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : "Enter an email address."),
      subject: (v, values) =>
        needsSubject(phase, values.teamRole) && !v ? "Choose the teacher's subject." : null,
    },
  });
  const withSubject = needsSubject(phase, form.values.teamRole);

  return (
    <Stack gap="sm">
      <form
        noValidate
        aria-label={`Invite to the team of ${schoolName}`}
        onSubmit={form.onSubmit((values) =>
          invite.mutate(
            {
              email: values.email.trim(),
              teamRole: values.teamRole,
              ...(withSubject && values.subject ? { subject: values.subject } : {}),
            },
            {
              onError: (error) => form.setErrors(fieldErrorsOf(error)),
              onSuccess: () => form.reset(),
            },
          ),
        )}
      >
        <Group align="flex-start" wrap="wrap" gap="sm">
          <TextInput
            label="Email address"
            type="email"
            required
            autoComplete="off"
            w={280}
            {...form.getInputProps("email")}
          />
          <Select
            label="Team role"
            data={ROLE_OPTIONS}
            allowDeselect={false}
            w={190}
            {...form.getInputProps("teamRole")}
          />
          {withSubject ? (
            <Select
              label="Subject"
              required
              data={SUBJECT_OPTIONS}
              placeholder="Choose a subject"
              w={220}
              {...form.getInputProps("subject")}
            />
          ) : null}
          <Button type="submit" loading={invite.isPending} mt={25}>
            Send invitation
          </Button>
        </Group>
      </form>
      <ProblemAlert
        error={invite.error}
        title="The invitation was not sent"
        shownFields={["email", "teamRole", "subject"]}
      />
      {invite.data ? (
        <InvitationsSent
          title={`Invitation for ${invite.data.email} created`}
          invitations={[invite.data]}
        />
      ) : null}
    </Stack>
  );
}
