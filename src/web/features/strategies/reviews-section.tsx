import {
  Button,
  Group,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Timeline,
  Title,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import { useState } from "react";
import { reviewInputSchema, type Strategy } from "../../../contracts/strategies.ts";
import { today } from "../../../domain/calendar.ts";
import { recordClosedReason } from "../../../domain/record-window.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { SectionCard } from "../../components/section-card.tsx";
import { londonToday } from "../../lib/assessment-points.ts";
import { formatDate } from "../../lib/format.ts";
import { fieldErrorsOf, validateWith } from "../../lib/forms.ts";
import { type ReviewInput, useAddReview } from "./api/strategies.ts";

/** The plan–do–study–act cycles, oldest first, so the story reads top to bottom. */
export function ReviewsSection({ strategy }: { strategy: Strategy }) {
  const [adding, setAdding] = useState(false);
  const reviews = strategy.reviews;
  // Reviews wait for the strategy to start (the server refuses them before it too).
  const closed = recordClosedReason(
    { opens: "Reviews open", opensOn: strategy.startsOn, occasion: "the day the strategy starts" },
    today({ now: () => new Date() }),
  );
  return (
    <SectionCard
      id="reviews"
      title={`Reviews (${reviews.length})`}
      actions={
        adding || closed ? null : (
          <Button variant="default" onClick={() => setAdding(true)}>
            Add a review
          </Button>
        )
      }
    >
      <Text size="sm" c="dimmed">
        Each review is a plan–do–study–act cycle: what was done, what the data shows, and what the
        team decided.
      </Text>
      {closed ? (
        <Text size="sm" fw={600}>
          {closed}
        </Text>
      ) : reviews.length === 0 && !adding ? (
        <Text size="sm">No reviews yet. Add one after the first few weeks of the strategy.</Text>
      ) : null}
      {reviews.length > 0 ? (
        <Timeline bulletSize={14} lineWidth={2} active={reviews.length - 1} color="teal">
          {reviews.map((r) => (
            <Timeline.Item
              key={r.id}
              title={
                <Title order={3} size="h5">
                  {formatDate(r.reviewedOn)}
                  {r.author ? (
                    <Text span size="sm" fw={400} c="dimmed">
                      {" "}
                      · {r.author}
                    </Text>
                  ) : null}
                </Title>
              }
            >
              <dl className="fact-list review-facts" data-testid="review">
                <dt>Done</dt>
                <dd>{r.done}</dd>
                <dt>The data shows</dt>
                <dd>{r.dataShows}</dd>
                <dt>Decision</dt>
                <dd>{r.decision}</dd>
              </dl>
            </Timeline.Item>
          ))}
        </Timeline>
      ) : null}
      {adding ? <ReviewForm strategyId={strategy.id} onDone={() => setAdding(false)} /> : null}
    </SectionCard>
  );
}

const check = validateWith(reviewInputSchema);

function ReviewForm({ strategyId, onDone }: { strategyId: string; onDone: () => void }) {
  const add = useAddReview(strategyId);
  const form = useForm<ReviewInput>({
    initialValues: { reviewedOn: londonToday(), done: "", dataShows: "", decision: "" },
    validate: (values) => check(values),
  });
  return (
    <Paper withBorder p="md" radius="sm" bg="gray.0">
      <form
        noValidate
        aria-label="New review"
        onSubmit={form.onSubmit((values) =>
          add.mutate(values, {
            onSuccess: onDone,
            onError: (error) => form.setErrors(fieldErrorsOf(error)),
          }),
        )}
      >
        <Stack gap="sm">
          <Title order={3} size="h5">
            New review
          </Title>
          <TextInput
            type="date"
            label="Reviewed on"
            required
            w={200}
            {...form.getInputProps("reviewedOn")}
          />
          <Textarea
            label="What was done"
            required
            autosize
            minRows={2}
            {...form.getInputProps("done")}
          />
          <Textarea
            label="What the data shows"
            required
            autosize
            minRows={2}
            {...form.getInputProps("dataShows")}
          />
          <Textarea
            label="Decision"
            description="Continue, change something, scale up or stop — and why."
            required
            autosize
            minRows={2}
            {...form.getInputProps("decision")}
          />
          <ProblemAlert
            error={add.error}
            title="The review was not saved"
            shownFields={["reviewedOn", "done", "dataShows", "decision"]}
          />
          <Group gap="sm">
            <Button type="submit" loading={add.isPending}>
              Save review
            </Button>
            <Button variant="default" onClick={onDone}>
              Cancel
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
