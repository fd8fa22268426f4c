import { Group, Loader, Stack, Text } from "@mantine/core";
import { useState } from "react";
import type { Strategy } from "../../../contracts/strategies.ts";
import { MySchoolNav } from "../../app/my-school-nav.tsx";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { ButtonLink } from "../../components/button-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { SectionCard } from "../../components/section-card.tsx";
import { isProblem } from "../../lib/api-client.ts";
import { formatNumber, formatSigned } from "../../lib/format-numbers.ts";
import type { CitedEvaluation } from "./api/evaluation.ts";
import { useStrategy } from "./api/strategies.ts";
import { DecisionSection } from "./decision-section.tsx";
import { EvaluationSection } from "./evaluation-section.tsx";
import { ParticipantsSection } from "./participants-section.tsx";
import { ReviewsSection } from "./reviews-section.tsx";
import { StrandFacts } from "./strand-facts.tsx";
import { dateRange, StageBadge, StatusBadge } from "./strategy-badges.tsx";
import "./strategies.css";

const pounds = new Intl.NumberFormat("en-GB", {
  style: "currency",
  currency: "GBP",
  maximumFractionDigits: 2,
});

const backToList = (
  <AnchorLink to="/my-school/strategies" size="sm" fw={600}>
    Back to the strategies
  </AnchorLink>
);

/** A strategy's story, top to bottom: plan, participants, reviews, evaluation, decision. */
export function StrategyPage({ strategyId }: { strategyId: string }) {
  const strategy = useStrategy(strategyId);
  const data = strategy.data;
  return (
    <>
      <MySchoolNav />
      {strategy.isPending ? (
        <Loader role="status" size="sm" aria-label="Loading the strategy" />
      ) : null}
      {isProblem(strategy.error, 404) ? (
        <>
          <PageHeader title="Strategy not found" />
          <EmptyNote action={backToList}>
            There is no such strategy at your school. It may have been removed, or the link is
            wrong.
          </EmptyNote>
        </>
      ) : (
        <ProblemAlert error={strategy.error} title="The strategy could not be loaded" />
      )}
      {data ? <StrategyStory strategy={data} /> : null}
    </>
  );
}

function StrategyStory({ strategy }: { strategy: Strategy }) {
  // The evaluation on show is the one a change of stage cites as its evidence.
  const [cited, setCited] = useState<CitedEvaluation | null>(null);
  return (
    <>
      <PageHeader
        title={strategy.title}
        intro={
          <Group gap="xs" component="span">
            <StatusBadge status={strategy.status} />
            <StageBadge stage={strategy.cascadeStage} />
            {strategy.shared ? (
              <Text span size="sm">
                · shared with the network
              </Text>
            ) : null}
          </Group>
        }
        actions={
          <Group gap="sm" className="no-print">
            {backToList}
            {strategy.abilities.edit ? (
              <ButtonLink
                to="/my-school/strategies/$strategyId/edit"
                params={{ strategyId: strategy.id }}
                variant="default"
              >
                Edit the plan
              </ButtonLink>
            ) : null}
            {strategy.abilities.share && (strategy.shared || cited) ? (
              <ButtonLink
                to="/case-studies/start/$strategyId"
                params={{ strategyId: strategy.id }}
                search={cited && !cited.beforeStart ? cited.choice : {}}
                variant="light"
              >
                Start a case study
              </ButtonLink>
            ) : null}
          </Group>
        }
      />
      <Stack gap="lg">
        <PlanSection strategy={strategy} />
        <ParticipantsSection strategy={strategy} />
        <ReviewsSection strategy={strategy} />
        <EvaluationSection strategy={strategy} onEvaluated={setCited} />
        <DecisionSection strategy={strategy} cited={cited} />
      </Stack>
    </>
  );
}

function dose(s: Strategy): string {
  if (s.sessionsPerWeek === null && s.minutesPerSession === null) return "Not set";
  const sessions =
    s.sessionsPerWeek === null
      ? "Sessions not set"
      : `${formatNumber(s.sessionsPerWeek, Number.isInteger(s.sessionsPerWeek) ? 0 : 1)} session${s.sessionsPerWeek === 1 ? "" : "s"} a week`;
  const minutes = s.minutesPerSession === null ? "" : `, ${s.minutesPerSession} minutes each`;
  const weekly =
    s.sessionsPerWeek !== null && s.minutesPerSession !== null
      ? ` (${formatNumber(s.sessionsPerWeek * s.minutesPerSession, 0)} minutes a week)`
      : "";
  return `${sessions}${minutes}${weekly}`;
}

function cost(s: Strategy): string {
  const parts = [
    s.costPounds === null ? null : pounds.format(s.costPounds),
    s.staffHours === null
      ? null
      : `${formatNumber(s.staffHours, Number.isInteger(s.staffHours) ? 0 : 1)} staff hours`,
  ].filter((p) => p !== null);
  if (parts.length === 0) return "Not set";
  const perPupil =
    s.costPounds !== null && s.participants.length > 0
      ? ` · ${pounds.format(s.costPounds / s.participants.length)} per participant`
      : "";
  return `${parts.join(" and ")}${perPupil}`;
}

function PlanSection({ strategy: s }: { strategy: Strategy }) {
  return (
    <SectionCard id="plan" title="The plan">
      {s.description ? (
        <Text size="sm" className="prose-text">
          {s.description}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          No description yet.
        </Text>
      )}
      <dl className="fact-list" data-testid="plan-facts">
        <dt>Theme</dt>
        <dd>{s.theme?.name ?? "None chosen"}</dd>
        <dt>Owner</dt>
        <dd>{s.owner?.name ?? "No owner yet"}</dd>
        <dt>Dates</dt>
        <dd>{dateRange(s.startsOn, s.endsOn)}</dd>
        <dt>Dose</dt>
        <dd>{dose(s)}</dd>
        <dt>Cost</dt>
        <dd>{cost(s)}</dd>
        <dt>Success measure</dt>
        <dd>
          {s.successMeasure
            ? `${s.successMeasure.name}${s.successChange === null ? "" : `: hoping for a change of ${formatSigned(s.successChange, 2)}`}`
            : "Not chosen yet"}
        </dd>
        <dt>Other references</dt>
        <dd className="prose-text">{s.evidenceReferences || "None"}</dd>
      </dl>
      {s.eefStrand ? (
        <StrandFacts strand={s.eefStrand} />
      ) : (
        <Text size="sm">No EEF Toolkit strand chosen.</Text>
      )}
    </SectionCard>
  );
}
