import { Button, Checkbox, Group, List, Paper, Stack, Table, Text, Title } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import { useState } from "react";
import {
  COMPARISON_LABELS,
  type Evaluation,
  type Strategy,
} from "../../../contracts/strategies.ts";
import { tooSmallForFigures } from "../../../domain/suppression.ts";
import { useCurrentSchool } from "../../app/current-school.ts";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { ConfirmModal } from "../../components/confirm-modal.tsx";
import { monthsText } from "../../lib/eef-strands.ts";
import { formatDate } from "../../lib/format.ts";
import { formatNumber } from "../../lib/format-numbers.ts";
import { type EvaluationChoice, useShareStrategy } from "./api/evaluation.ts";

/** Sharing the evaluation as chosen with the network: aggregates only, after saying exactly which. */
export function ShareBox({
  strategy,
  evaluation,
  choice,
}: {
  strategy: Strategy;
  evaluation: Evaluation;
  choice: EvaluationChoice;
}) {
  const { share, withdraw } = useShareStrategy(strategy.id);
  const [named, setNamed] = useState(strategy.shared?.named ?? false);
  const [confirming, confirm] = useDisclosure(false);
  const [withdrawing, askWithdraw] = useDisclosure(false);
  const schoolName =
    useCurrentSchool().schools.find((s) => s.id === strategy.schoolId)?.name ?? "your school";
  const shared = strategy.shared;
  const beforeStart = evaluation.coverage === "ends-before-start";
  const canShare = evaluation.hedgesG !== null && evaluation.ciLow !== null && !beforeStart;
  const small = evaluation.groups.some((g) => tooSmallForFigures(g.n));

  return (
    <Paper withBorder p="md" radius="sm" bg="gray.0" className="no-print">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Share with the network
        </Title>
        {shared ? (
          <Text size="sm" data-testid="shared-note">
            Shared on {formatDate(shared.sharedAt)}{" "}
            {shared.named ? `under the school's name` : "under a pseudonym"}: g ={" "}
            {formatNumber(shared.g, 2)} (95% CI {formatNumber(shared.ciLow, 2)} to{" "}
            {formatNumber(shared.ciHigh, 2)}) on {shared.measureName}.{" "}
            <AnchorLink to="/evidence" fw={600}>
              See the network evidence
            </AnchorLink>
          </Text>
        ) : (
          <Text size="sm">
            Other schools see only the group sizes, means, SDs, g and its interval — never a pupil.
          </Text>
        )}
        {canShare ? (
          <>
            <Checkbox
              label={`Name ${schoolName} on the evidence page`}
              description="Unticked, the school appears under a pseudonym (the same one for all its shared results)."
              checked={named}
              onChange={(e) => setNamed(e.currentTarget.checked)}
            />
            <Group gap="sm">
              <Button onClick={confirm.open}>
                {shared ? "Share this evaluation instead…" : "Share with the network…"}
              </Button>
              {shared ? (
                <Button variant="default" color="red" onClick={askWithdraw.open}>
                  Withdraw from the network…
                </Button>
              ) : null}
            </Group>
          </>
        ) : (
          <Text size="sm" data-testid="cannot-share">
            {beforeStart
              ? "This period ends before the strategy began, so it is not evidence about the strategy and cannot be shared. Choose an after point since the start."
              : "This evaluation has no effect size, so there is nothing to share yet."}
          </Text>
        )}
      </Stack>
      <ConfirmModal
        opened={confirming}
        title="Share this result with the network?"
        confirmLabel="Share these figures"
        color="teal"
        pending={share.isPending}
        error={share.error}
        onClose={() => {
          share.reset();
          confirm.close();
        }}
        onConfirm={() =>
          share.mutate(
            { ...choice, named },
            {
              onSuccess: () => {
                confirm.close();
              },
            },
          )
        }
      >
        <WhatLeaves
          strategy={strategy}
          evaluation={evaluation}
          named={named}
          schoolName={schoolName}
          small={small}
          replacing={shared !== null}
        />
      </ConfirmModal>
      <ConfirmModal
        opened={withdrawing}
        title="Withdraw the shared result?"
        confirmLabel="Withdraw it"
        pending={withdraw.isPending}
        error={withdraw.error}
        onClose={() => {
          withdraw.reset();
          askWithdraw.close();
        }}
        onConfirm={() => withdraw.mutate(undefined, { onSuccess: askWithdraw.close })}
      >
        The result leaves the network evidence page and its pooled figures at once. You can share it
        again later.
      </ConfirmModal>
    </Paper>
  );
}

function WhatLeaves({
  strategy,
  evaluation: e,
  named,
  schoolName,
  small,
  replacing,
}: {
  strategy: Strategy;
  evaluation: Evaluation;
  named: boolean;
  schoolName: string;
  small: boolean;
  replacing: boolean;
}) {
  const f = (v: number | null) => formatNumber(v, 2);
  return (
    <Stack gap="sm" data-testid="what-leaves">
      <Text size="sm">Exactly these figures leave {schoolName}:</Text>
      <List size="sm" spacing={2}>
        <List.Item>
          The strategy's title “{strategy.title}”, its Toolkit strand (
          {strategy.eefStrand?.name ?? "none"}) and theme ({strategy.theme?.name ?? "none"})
        </List.Item>
        <List.Item>
          The measure ({e.measure.name}), the points ({e.from.label} to {e.to.label}) and the
          comparison: {COMPARISON_LABELS[e.comparison].toLowerCase()}
        </List.Item>
        <List.Item>Each group's size, and its mean (SD) before and after:</List.Item>
      </List>
      <Table withTableBorder fz="sm" verticalSpacing={2}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Group</Table.Th>
            <Table.Th scope="col" className="num">
              n
            </Table.Th>
            <Table.Th scope="col" className="num">
              Before
            </Table.Th>
            <Table.Th scope="col" className="num">
              After
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {e.groups.map((g) => (
            <Table.Tr key={g.label}>
              <Table.Th scope="row" fw={500}>
                {g.label === "Participants" ? "Participants" : "Comparison"}
              </Table.Th>
              <Table.Td className="num">{g.n}</Table.Td>
              <Table.Td className="num">
                {f(g.meanBefore)} ({f(g.sdBefore)})
              </Table.Td>
              <Table.Td className="num">
                {f(g.meanAfter)} ({f(g.sdAfter)})
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Text size="sm">
        Hedges' g = {f(e.hedgesG)} with its 95% CI {f(e.ciLow)} to {f(e.ciHigh)} (and its variance,
        for pooling)
        {e.months === null
          ? ", with no months' progress (months apply only to attainment against a comparison group)."
          : `, and ${monthsText(e.months)} of progress on the EEF's scale.`}
      </Text>
      <Text size="sm" fw={700}>
        No pupil's name, values or any other pupil-level data leave the school.
      </Text>
      <Text size="sm">
        {named
          ? `The school is named: other schools see “${schoolName}” beside the result.`
          : "The school is not named: other schools see a pseudonym such as “School KX4”, the same for all its shared results."}
      </Text>
      {small ? (
        <Text size="sm" c="orange.9" fw={600}>
          A group has 5 or fewer pupils: the evidence page will neither show this result's figures
          nor pool them, only note that a result was left out.
        </Text>
      ) : null}
      {replacing ? (
        <Text size="sm">This replaces the result the school shared before for this strategy.</Text>
      ) : null}
    </Stack>
  );
}
