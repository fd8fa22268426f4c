import { Button, Group, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import type { Workshop } from "../../../contracts/programme-year.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { useUpdateWorkshop } from "../../lib/api/workshops.ts";

/** The lead's short summary after the workshop, for the teams to look back on. */
export function SummarySection({
  workshop,
  held,
  closed,
}: {
  workshop: Workshop;
  held: boolean;
  /** Before the workshop's day: when the summary opens. */
  closed: string | null;
}) {
  const update = useUpdateWorkshop(workshop.id);
  const [summary, setSummary] = useState(workshop.summary ?? "");
  const [error, setError] = useState<string | null>(null);
  if (!workshop.canManage) {
    return workshop.summary ? (
      <Stack gap="xs" component="section" aria-labelledby="summary-title">
        <Title order={2} size="h3" id="summary-title">
          Summary
        </Title>
        <Text size="sm" style={{ whiteSpace: "pre-wrap" }} maw={820}>
          {workshop.summary}
        </Text>
      </Stack>
    ) : null;
  }
  if (closed && !workshop.summary) {
    return (
      <Stack gap="xs" component="section" aria-labelledby="summary-title">
        <Title order={2} size="h3" id="summary-title">
          Summary
        </Title>
        <Text size="sm">{closed}</Text>
      </Stack>
    );
  }
  return (
    <Stack gap="xs" component="section" aria-labelledby="summary-title">
      <Title order={2} size="h3" id="summary-title">
        Summary
      </Title>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (summary.trim().length > 5000)
            return setError("Keep the summary to 5,000 characters.");
          setError(null);
          update.mutate({ summary: summary.trim() });
        }}
      >
        <Stack gap="xs" maw={820}>
          <Textarea
            label="What happened, in a few lines"
            description={
              held
                ? "Teams see it on this page."
                : "Write it after the workshop; teams see it on this page."
            }
            autosize
            minRows={3}
            maxRows={12}
            value={summary}
            error={error}
            onChange={(e) => {
              setSummary(e.currentTarget.value);
              update.reset();
            }}
          />
          <ProblemAlert error={update.error} title="The summary was not saved" />
          <Group>
            <Button type="submit" variant="light" loading={update.isPending}>
              Save summary
            </Button>
            {update.isSuccess ? (
              <Text size="sm" role="status">
                Saved.
              </Text>
            ) : null}
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
