import {
  Alert,
  Button,
  Group,
  List,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
} from "@mantine/core";
import { useForm } from "@mantine/form";
import {
  CASCADE_STAGES,
  STAGE_LABELS,
  STATUS_LABELS,
  STRATEGY_STATUSES,
  type Strategy,
} from "../../../contracts/strategies.ts";
import { isWidening } from "../../../domain/cascade-stage.ts";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { SectionCard } from "../../components/section-card.tsx";
import { isProblem } from "../../lib/api-client.ts";
import { formatDateTime } from "../../lib/format.ts";
import { fieldErrorsOf } from "../../lib/forms.ts";
import type { CitedEvaluation } from "./api/evaluation.ts";
import { type StrategyChanges, useStrategy, useUpdateStrategy } from "./api/strategies.ts";
import { StageBadge, StatusBadge } from "./strategy-badges.tsx";

type Stage = Strategy["cascadeStage"];
const stageLabel = (stage: string) => STAGE_LABELS[stage as Stage] ?? stage;
const wider = (from: Stage, to: Stage) => isWidening(from, to);

/** What the team decided: the status, how far the strategy reaches, and who moved it when. */
export function DecisionSection({
  strategy,
  cited = null,
}: {
  strategy: Strategy;
  cited?: CitedEvaluation | null;
}) {
  return (
    <SectionCard id="decision" title="Decision and cascade">
      <Group gap="sm">
        <Text size="sm" fw={600}>
          Now:
        </Text>
        <StatusBadge status={strategy.status} />
        <StageBadge stage={strategy.cascadeStage} />
        {strategy.shared ? <Text size="sm">and shared with the network</Text> : null}
      </Group>
      <StageHistory strategy={strategy} />
      {strategy.abilities.changeStatus && strategy.abilities.changeStage ? (
        <DecisionForm key={strategy.version} strategy={strategy} cited={cited} />
      ) : (
        <Text size="sm" c="dimmed">
          Only the school's leaders change the status and the cascade stage, and share results with
          the network. Add a review to record what you think the team should decide.
        </Text>
      )}
    </SectionCard>
  );
}

function StageHistory({ strategy }: { strategy: Strategy }) {
  if (strategy.stageChanges.length === 0)
    return (
      <Text size="sm">
        Still with the {stageLabel(strategy.cascadeStage).toLowerCase()}: it has not moved stage.
      </Text>
    );
  return (
    <List spacing="xs" size="sm" aria-label="Changes of cascade stage" data-testid="stage-changes">
      {strategy.stageChanges.map((c) => (
        <List.Item key={c.decidedAt}>
          <Text size="sm" fw={600} span>
            {stageLabel(c.fromStage)} → {stageLabel(c.toStage)}
          </Text>
          <Text size="sm" span>
            {" "}
            · decided by {c.decidedBy ?? "a former member of staff"} on{" "}
            {formatDateTime(c.decidedAt)}
          </Text>
          <Text size="sm">Evidence: {c.evidence || "none recorded"}</Text>
        </List.Item>
      ))}
    </List>
  );
}

interface Values {
  status: Strategy["status"];
  cascadeStage: Stage;
  stageEvidence: string;
}

function DecisionForm({ strategy, cited }: { strategy: Strategy; cited: CitedEvaluation | null }) {
  const update = useUpdateStrategy(strategy.id);
  const fresh = useStrategy(strategy.id);
  const form = useForm<Values>({
    initialValues: {
      status: strategy.status,
      cascadeStage: strategy.cascadeStage,
      stageEvidence: "",
    },
    validate: {
      stageEvidence: (value, values) =>
        values.cascadeStage !== strategy.cascadeStage && !value.trim()
          ? wider(strategy.cascadeStage, values.cascadeStage)
            ? "Moving a strategy wider needs the evidence that it works."
            : "Say why the strategy's reach changes."
          : null,
    },
  });
  const moving = form.values.cascadeStage !== strategy.cascadeStage;
  const changed = moving || form.values.status !== strategy.status;
  return (
    <form
      noValidate
      aria-label="Change the status or cascade stage"
      onSubmit={form.onSubmit((values) => {
        const changes: StrategyChanges = { version: strategy.version };
        if (values.status !== strategy.status) changes.status = values.status;
        if (moving) {
          changes.cascadeStage = values.cascadeStage;
          changes.stageEvidence = values.stageEvidence.trim();
          // The evaluation on show goes with a wider stage, so the server can hold it to the rules.
          if (cited && wider(strategy.cascadeStage, values.cascadeStage))
            changes.stageEvaluation = cited.choice;
        }
        update.mutate(changes, { onError: (error) => form.setErrors(fieldErrorsOf(error)) });
      })}
    >
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" maw={620}>
          <Select
            label="Status"
            description="Where the trial stands."
            data={STRATEGY_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))}
            allowDeselect={false}
            {...form.getInputProps("status")}
          />
          <Select
            label="Cascade stage"
            description="How far the strategy reaches."
            data={CASCADE_STAGES.map((s) => ({ value: s, label: STAGE_LABELS[s] }))}
            allowDeselect={false}
            {...form.getInputProps("cascadeStage")}
          />
        </SimpleGrid>
        {moving ? (
          <Textarea
            label={
              wider(strategy.cascadeStage, form.values.cascadeStage)
                ? "Evidence that justifies moving it wider"
                : "Why its reach changes"
            }
            description="Recorded with your name and the time. Quote the evaluation: g, its interval, months' progress, and the reviews."
            required
            autosize
            minRows={3}
            maw={780}
            {...form.getInputProps("stageEvidence")}
          />
        ) : null}
        {moving && wider(strategy.cascadeStage, form.values.cascadeStage) && cited ? (
          <Text size="sm" data-testid="cited-evaluation">
            {cited.beforeStart
              ? `The evaluation above (${cited.label}) ends before the strategy began, so it cannot justify a wider stage: choose a period that follows the start.`
              : `Cites the evaluation above: ${cited.label}.`}
          </Text>
        ) : null}
        {isProblem(update.error, 409) ? (
          <Alert
            color="orange"
            variant="light"
            title="Someone else changed this strategy"
            role="alert"
          >
            <Stack gap="xs" align="flex-start">
              <Text size="sm">Reload to see their change, then decide again.</Text>
              <Button
                size="xs"
                variant="default"
                onClick={() => {
                  update.reset();
                  void fresh.refetch();
                }}
              >
                Load their change
              </Button>
            </Stack>
          </Alert>
        ) : (
          <ProblemAlert
            error={update.error}
            title="Not changed"
            shownFields={["status", "cascadeStage", "stageEvidence"]}
          />
        )}
        <Group>
          <Button type="submit" loading={update.isPending} disabled={!changed}>
            Save decision
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
