import { Group, Loader, Stack, Table, Text } from "@mantine/core";
import type { CurrentSchool } from "../../app/current-school.ts";
import { SchoolDataPage } from "../../app/my-school-nav.tsx";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { ButtonLink } from "../../components/button-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { type StrategySummary, useStrategies } from "./api/strategies.ts";
import { dateRange, StageBadge, StatusBadge } from "./strategy-badges.tsx";

/** The school's strategies: what the team is trialling, how far each has cascaded. */
export function StrategiesPage() {
  return (
    <SchoolDataPage
      title="Strategies"
      intro="What the team trials for its pupils: planned, reviewed, evaluated with data, then scaled up, adapted or stopped."
    >
      {(school) => <StrategiesView key={school.id} school={school} />}
    </SchoolDataPage>
  );
}

function NewStrategyButton() {
  return (
    <ButtonLink to="/my-school/strategies/new" className="no-print">
      New strategy
    </ButtonLink>
  );
}

function StrategiesView({ school }: { school: CurrentSchool }) {
  const strategies = useStrategies(school.id);
  const items = strategies.data;
  return (
    <Stack gap="md">
      <ProblemAlert error={strategies.error} title="The strategies could not be loaded" />
      {strategies.isPending ? (
        <Loader role="status" size="sm" aria-label="Loading the strategies" />
      ) : null}
      {items && items.length === 0 ? (
        <EmptyNote action={school.abilities.planStrategy ? <NewStrategyButton /> : undefined}>
          {school.abilities.planStrategy
            ? "No strategies yet — plan the first one: what you will try, the EEF evidence behind it, the pupils, the dose and cost, and how you will know it worked."
            : "No strategies yet. The school's leaders plan them; once one is under way you can add reviews of how it is going."}
        </EmptyNote>
      ) : null}
      {items && items.length > 0 ? (
        <>
          <Group justify="space-between" wrap="wrap">
            <Text size="sm">
              {items.length === 1 ? "1 strategy" : `${items.length} strategies`} at {school.name}
            </Text>
            <Group gap="sm" className="no-print">
              <ButtonLink to="/my-school/strategies/cost-effectiveness" variant="default">
                Compare cost and effect
              </ButtonLink>
              {school.abilities.planStrategy ? <NewStrategyButton /> : null}
            </Group>
          </Group>
          <StrategiesTable items={items} />
        </>
      ) : null}
    </Stack>
  );
}

function StrategiesTable({ items }: { items: StrategySummary[] }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section className="data-table-region" aria-label="Strategies" tabIndex={0}>
      <Table striped highlightOnHover stickyHeader miw={980} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Strategy</Table.Th>
            <Table.Th scope="col">Status</Table.Th>
            <Table.Th scope="col">Cascade stage</Table.Th>
            <Table.Th scope="col">Theme</Table.Th>
            <Table.Th scope="col">EEF Toolkit strand</Table.Th>
            <Table.Th scope="col">Owner</Table.Th>
            <Table.Th scope="col" className="num">
              Pupils
            </Table.Th>
            <Table.Th scope="col">Dates</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((s) => (
            <Table.Tr key={s.id} data-testid="strategy-row">
              <Table.Th scope="row" fw={400}>
                <AnchorLink
                  to="/my-school/strategies/$strategyId"
                  params={{ strategyId: s.id }}
                  fw={600}
                >
                  {s.title}
                </AnchorLink>
                {s.shared ? (
                  <Text size="xs" c="dimmed">
                    Shared with the network
                  </Text>
                ) : null}
              </Table.Th>
              <Table.Td>
                <StatusBadge status={s.status} />
              </Table.Td>
              <Table.Td>
                <StageBadge stage={s.cascadeStage} />
              </Table.Td>
              <Table.Td>{s.themeName ?? "—"}</Table.Td>
              <Table.Td>{s.strandName ?? "—"}</Table.Td>
              <Table.Td>{s.ownerName ?? "—"}</Table.Td>
              <Table.Td className="num">{s.participants}</Table.Td>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: "nowrap" }}>
                  {dateRange(s.startsOn, s.endsOn)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}
