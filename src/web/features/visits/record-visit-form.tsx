import {
  ActionIcon,
  Button,
  Card,
  Group,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import type { Visit } from "../../../contracts/programme-year.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { fieldErrorsOf } from "../../lib/forms.ts";
import { useRecordVisit } from "./api/visits.ts";
import { visitClosedReason } from "./visit-window.ts";

interface Values {
  visitOn: string;
  strengths: string;
  challenges: string;
  questions: string;
  agreed: Array<{ key: number; title: string; dueOn: string }>;
}

let nextKey = 1;
const blankAction = () => ({ key: nextKey++, title: "", dueOn: "" });

/** The programme lead's record of a visit, and the actions agreed with the school's leader. */
export function RecordVisitForm({ visit }: { visit: Visit }) {
  const closed = visitClosedReason(visit, "The visit's record opens");
  const record = useRecordVisit(visit.id);
  const form = useForm<Values>({
    initialValues: {
      visitOn: visit.visitOn,
      strengths: visit.strengths,
      challenges: visit.challenges,
      questions: visit.questions,
      agreed: [],
    },
    validate: {
      visitOn: (v) => (v ? null : "Choose the day of the visit."),
      agreed: {
        title: (v, all, path) => {
          const index = Number(path.split(".")[1]);
          const row = all.agreed[index];
          if (!v.trim() && row?.dueOn) return "Say what was agreed, or clear the date.";
          return v.trim().length > 200 ? "Keep each action to 200 characters." : null;
        },
      },
    },
  });
  const submit = form.onSubmit((v) => {
    const agreedActions = v.agreed
      .filter((a) => a.title.trim())
      .map((a) => ({ title: a.title.trim(), dueOn: a.dueOn || null }));
    record.mutate(
      {
        visitOn: v.visitOn,
        strengths: v.strengths.trim(),
        challenges: v.challenges.trim(),
        questions: v.questions.trim(),
        ...(agreedActions.length > 0 ? { agreedActions } : {}),
      },
      {
        onSuccess: (saved) => {
          const values = {
            visitOn: saved.visitOn,
            strengths: saved.strengths,
            challenges: saved.challenges,
            questions: saved.questions,
            agreed: [],
          };
          form.setInitialValues(values);
          form.setValues(values);
        },
        onError: (error) => form.setErrors(fieldErrorsOf(error)),
      },
    );
  });
  return (
    <Card withBorder padding="md" maw={900} component="section" aria-labelledby="record-title">
      <form noValidate onSubmit={submit}>
        <Stack gap="sm">
          <Title order={2} size="h3" id="record-title">
            Record the visit
          </Title>
          <TextInput
            type="date"
            label="Day of the visit"
            w={200}
            {...form.getInputProps("visitOn")}
          />
          {closed ? (
            <Text size="sm" fw={600}>
              {closed} You can change its day until then.
            </Text>
          ) : null}
          <fieldset className="plain-fieldset" disabled={closed !== null}>
            <Stack gap="sm">
              <Textarea
                label="Strengths"
                description="What is going well in the team's work."
                autosize
                minRows={2}
                maxRows={10}
                {...form.getInputProps("strengths")}
              />
              <Textarea
                label="Challenges"
                description="What is getting in the way."
                autosize
                minRows={2}
                maxRows={10}
                {...form.getInputProps("challenges")}
              />
              <Textarea
                label="Questions posed"
                description="The questions you left the team with."
                autosize
                minRows={2}
                maxRows={10}
                {...form.getInputProps("questions")}
              />
              <fieldset className="plain-fieldset">
                <legend>
                  <Text component="span" fw={600} size="sm">
                    New actions agreed with the school's leader
                  </Text>
                </legend>
                <Text size="xs" c="dimmed" mb="xs">
                  They join the team's action list when you save.
                  {visit.actions.length > 0
                    ? visit.actions.length === 1
                      ? " The one already agreed is listed below."
                      : ` The ${visit.actions.length} already agreed are listed below.`
                    : ""}
                </Text>
                <Stack gap="xs">
                  {form.values.agreed.map((row, i) => (
                    <Group key={row.key} align="flex-start" gap="xs" wrap="nowrap">
                      <TextInput
                        label={`Agreed action ${i + 1}`}
                        style={{ flex: 1 }}
                        {...form.getInputProps(`agreed.${i}.title`)}
                      />
                      <TextInput
                        type="date"
                        label="Due"
                        w={170}
                        {...form.getInputProps(`agreed.${i}.dueOn`)}
                      />
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        mt={28}
                        aria-label={`Remove agreed action ${i + 1}`}
                        onClick={() => form.removeListItem("agreed", i)}
                      >
                        <span aria-hidden="true">✕</span>
                      </ActionIcon>
                    </Group>
                  ))}
                  <Button
                    variant="light"
                    size="xs"
                    w="fit-content"
                    onClick={() => form.insertListItem("agreed", blankAction())}
                  >
                    Add an agreed action
                  </Button>
                </Stack>
              </fieldset>
            </Stack>
          </fieldset>
          <ProblemAlert
            error={record.error}
            title="The visit was not saved"
            shownFields={["visitOn", "strengths", "challenges", "questions"]}
          />
          <Group>
            <Button type="submit" loading={record.isPending}>
              Save the visit
            </Button>
            {record.isSuccess && !form.isDirty() ? (
              <Text size="sm" role="status">
                Saved. The school's team can read it now.
              </Text>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
