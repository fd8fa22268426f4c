import { Group, Loader, Radio, Select, Stack, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import type { AssessmentPoint, Measure } from "../../../contracts/pupil-data.ts";
import { COMPARISON_LABELS, COMPARISONS, type Strategy } from "../../../contracts/strategies.ts";
import {
  defaultEvaluationMeasure,
  defaultEvaluationPeriod,
} from "../../../domain/evaluation-period.ts";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { SectionCard } from "../../components/section-card.tsx";
import { useMeasures } from "../../lib/api/measures.ts";
import { londonToday, pointOptions, useAssessmentPoints } from "../../lib/assessment-points.ts";
import {
  type CitedEvaluation,
  type Comparison,
  type EvaluationChoice,
  useEvaluation,
} from "./api/evaluation.ts";
import { EvaluationResult } from "./evaluation-result.tsx";

/** The default points: the last before the strategy's start and the latest since (domain rule). */
export function defaultPoints(points: AssessmentPoint[], startsOn: string | null) {
  return defaultEvaluationPeriod(points, startsOn, londonToday());
}

function defaultMeasure(measures: Measure[], strategy: Strategy) {
  return defaultEvaluationMeasure(measures, strategy.successMeasure?.id ?? null)?.id;
}

/** Did it work? Participants against a comparison group on one measure between two points. */
export function EvaluationSection({
  strategy,
  onEvaluated,
}: {
  strategy: Strategy;
  onEvaluated?: (cited: CitedEvaluation | null) => void;
}) {
  const measures = useMeasures(strategy.schoolId);
  const points = useAssessmentPoints(strategy.schoolId);
  const [measureId, setMeasureId] = useState<string | null>(null);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const [comparison, setComparison] = useState<Comparison>("disadvantaged");
  const defaults = defaultPoints(points.data ?? [], strategy.startsOn);
  const chosenMeasure = measureId ?? defaultMeasure(measures.data ?? [], strategy) ?? null;
  const chosenFrom = from ?? defaults.from;
  const chosenTo = to ?? defaults.to;
  const choice: EvaluationChoice | null =
    chosenMeasure && chosenFrom && chosenTo && strategy.participants.length > 0
      ? { measureId: chosenMeasure, from: chosenFrom, to: chosenTo, comparison }
      : null;
  const evaluation = useEvaluation(strategy.id, choice);
  const measure = measures.data?.find((m) => m.id === chosenMeasure) ?? null;
  const result = evaluation.data;
  const usable = choice !== null && result !== undefined && result.hedgesG !== null;
  const fromName = points.data?.find((p) => p.id === choice?.from)?.name ?? "";
  const toName = points.data?.find((p) => p.id === choice?.to)?.name ?? "";
  const citeKey = usable ? JSON.stringify(choice) : null;
  const beforeStart = result?.coverage === "ends-before-start";
  // biome-ignore lint/correctness/useExhaustiveDependencies: reported again only when the cited evaluation changes
  useEffect(() => {
    if (!onEvaluated) return;
    onEvaluated(
      usable && choice
        ? { choice, label: `${measure?.name ?? "measure"}, ${fromName} → ${toName}`, beforeStart }
        : null,
    );
  }, [citeKey, beforeStart, fromName, toName, measure?.name]);

  return (
    <SectionCard id="evaluation" title="Evaluation">
      <ProblemAlert
        error={measures.error ?? points.error}
        title="The measures could not be loaded"
      />
      {strategy.participants.length === 0 ? (
        <EmptyNote>
          Choose the participants first: the evaluation compares their change with other pupils'.
        </EmptyNote>
      ) : points.data && points.data.filter((p) => p.observationCount > 0).length < 2 ? (
        <EmptyNote
          action={
            <AnchorLink to="/my-school/data-entry" size="sm" fw={600}>
              Go to data entry
            </AnchorLink>
          }
        >
          An evaluation needs values at two assessment points. Record the success measure before and
          after the strategy, then come back.
        </EmptyNote>
      ) : (
        <Stack gap="md">
          <Group align="flex-end" gap="sm" wrap="wrap" className="no-print">
            <Select
              label="Measure"
              data={(measures.data ?? []).map((m) => ({
                value: m.id,
                label:
                  m.id === strategy.successMeasure?.id ? `${m.name} (success measure)` : m.name,
              }))}
              value={chosenMeasure}
              onChange={(v) => v && setMeasureId(v)}
              allowDeselect={false}
              searchable
              w={340}
            />
            <Select
              label="Before (from)"
              data={pointOptions(points.data ?? [])}
              value={chosenFrom}
              onChange={(v) => v && setFrom(v)}
              allowDeselect={false}
              w={210}
            />
            <Select
              label="After (to)"
              data={pointOptions(points.data ?? [])}
              value={chosenTo}
              onChange={(v) => v && setTo(v)}
              allowDeselect={false}
              w={210}
            />
          </Group>
          <Radio.Group
            label="Compare the participants with"
            value={comparison}
            onChange={(v) => setComparison(v as Comparison)}
            className="no-print"
          >
            <Stack gap={6} mt={6}>
              {COMPARISONS.map((c) => (
                <Radio key={c} value={c} label={COMPARISON_LABELS[c]} />
              ))}
            </Stack>
          </Radio.Group>
          <ProblemAlert error={evaluation.error} title="The evaluation could not be made" />
          {evaluation.isFetching && !evaluation.data ? (
            <Loader role="status" size="sm" aria-label="Working out the evaluation" />
          ) : null}
          {evaluation.data && !evaluation.isError && choice && measure ? (
            <div aria-busy={evaluation.isFetching}>
              <EvaluationResult
                evaluation={evaluation.data}
                measure={measure}
                strategy={strategy}
                choice={choice}
              />
            </div>
          ) : null}
          {!choice ? <Text size="sm">Choose a measure and two assessment points.</Text> : null}
        </Stack>
      )}
    </SectionCard>
  );
}
