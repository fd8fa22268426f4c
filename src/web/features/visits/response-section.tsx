import { Button, Card, Group, Stack, Text, Textarea, Title } from "@mantine/core";
import { useState } from "react";
import type { Visit } from "../../../contracts/programme-year.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { useRespondToVisit } from "./api/visits.ts";
import { visitClosedReason } from "./visit-window.ts";

/** The school leader's response to the visit: written by the school's leaders, read by both. */
export function ResponseSection({ visit }: { visit: Visit }) {
  const respond = useRespondToVisit(visit.id);
  const [text, setText] = useState(visit.leaderResponse ?? "");
  const [editing, setEditing] = useState(visit.leaderResponse === null);
  const [error, setError] = useState<string | null>(null);
  const closed = visitClosedReason(visit, "The school's response opens");
  return (
    <Stack gap="sm" component="section" aria-labelledby="response-title">
      <Title order={2} size="h3" id="response-title">
        The school's response
      </Title>
      {visit.leaderResponse && !(visit.canRespond && editing) ? (
        <Card withBorder padding="md" maw={860}>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
            {visit.leaderResponse}
          </Text>
          {visit.responseBy ? (
            <Text size="xs" c="dimmed" mt={6}>
              From {visit.responseBy}
            </Text>
          ) : null}
        </Card>
      ) : null}
      {!visit.leaderResponse && !visit.canRespond && !closed ? (
        <Text size="sm">The school's leader has not responded yet.</Text>
      ) : null}
      {visit.canRespond && !editing ? (
        <Group>
          <Button variant="default" onClick={() => setEditing(true)}>
            Change the response
          </Button>
          {respond.isSuccess ? (
            <Text size="sm" role="status">
              Response saved. The programme lead can read it here.
            </Text>
          ) : null}
        </Group>
      ) : null}
      {closed && !visit.leaderResponse ? <Text size="sm">{closed}</Text> : null}
      {visit.canRespond && editing && !closed ? (
        <form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            const response = text.trim();
            if (!response) return setError("Write the school's response.");
            if (response.length > 5000) return setError("Keep the response to 5,000 characters.");
            setError(null);
            respond.mutate(response, { onSuccess: () => setEditing(false) });
          }}
        >
          <Stack gap="xs" maw={860}>
            <Textarea
              label="Your response"
              description="What the team will do with the visit's findings and questions. The programme lead reads it here."
              autosize
              minRows={3}
              maxRows={12}
              value={text}
              error={error}
              onChange={(e) => setText(e.currentTarget.value)}
            />
            <ProblemAlert error={respond.error} title="The response was not saved" />
            <Group>
              <Button type="submit" loading={respond.isPending}>
                {visit.leaderResponse ? "Save the response" : "Send the response"}
              </Button>
              {visit.leaderResponse ? (
                <Button variant="default" onClick={() => setEditing(false)}>
                  Cancel
                </Button>
              ) : null}
            </Group>
          </Stack>
        </form>
      ) : null}
    </Stack>
  );
}
