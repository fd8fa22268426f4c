import { Button, Stack, Text } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { type EvaluationChoice, useStartCaseStudy } from "./api.ts";

/** Starts a case study from an evaluated strategy: the server drafts the facts from its record. */
export function StartCaseStudyPage({
  strategyId,
  choice,
}: {
  strategyId: string;
  choice: EvaluationChoice;
}) {
  const start = useStartCaseStudy(strategyId);
  const navigate = useNavigate();
  const chosen = Boolean(choice.measureId && choice.from && choice.to);
  return (
    <>
      <PageHeader
        title="Start a case study"
        intro="Cascade drafts the facts from the strategy's record: who it was for, what was done, what the data showed, the decision and the cascade stage. You then add the team's own words."
      />
      <Stack gap="md" maw={640}>
        <Text size="sm">
          {chosen
            ? "The facts will come from the evaluation you had on show: the measure, points and comparison you chose."
            : "The facts will come from the evaluation the strategy shared with the network, or its success measure between the default points."}{" "}
          Only group figures are used — never a pupil — and groups of 5 or fewer show no figures.
        </Text>
        <ProblemAlert error={start.error} title="The case study could not be started" />
        <Button
          w="fit-content"
          loading={start.isPending}
          onClick={() =>
            start.mutate(choice, {
              onSuccess: (study) =>
                void navigate({
                  to: "/case-studies/$caseStudyId",
                  params: { caseStudyId: study.id },
                }),
            })
          }
        >
          Draft the case study
        </Button>
        <AnchorLink to="/my-school/strategies/$strategyId" params={{ strategyId }}>
          Back to the strategy
        </AnchorLink>
      </Stack>
    </>
  );
}
