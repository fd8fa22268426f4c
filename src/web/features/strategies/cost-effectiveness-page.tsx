import { Button, Group, Loader, Select, Stack, Table, Text } from "@mantine/core";
import * as Plot from "@observablehq/plot";
import { useMemo, useState } from "react";
import type { CostComparison, StrategyCostRow } from "../../../contracts/cost-effectiveness.ts";
import { COMPARISON_LABELS, COMPARISONS } from "../../../contracts/strategies.ts";
import { formatPounds, MAX_HOURLY_RATE } from "../../../domain/cost-effectiveness.ts";
import type { CurrentSchool } from "../../app/current-school.ts";
import { SchoolDataPage } from "../../app/my-school-nav.tsx";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { ButtonLink } from "../../components/button-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { NumberField } from "../../components/number-field.tsx";
import { PlotFigure } from "../../components/plot-figure.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { SectionCard } from "../../components/section-card.tsx";
import { SortHeader, type SortState } from "../../components/sort-header.tsx";
import { formatSigned } from "../../lib/format-numbers.ts";
import { isNotANumber, notANumberMessage, readNumberText } from "../../lib/number-text.ts";
import { useCostComparison, useSetStaffHourlyRate } from "./api/cost-effectiveness.ts";
import type { Comparison } from "./api/evaluation.ts";

/** The school's strategies side by side on cost and effect (issue 12). */
export function CostEffectivenessPage() {
  return (
    <SchoolDataPage
      title="Cost and effect"
      intro="The school's strategies side by side: what each costs per pupil, with staff time costed at the school's hourly rate, what its evaluation found, and what each month's progress cost."
    >
      {(school) => <CostView key={school.id} school={school} />}
    </SchoolDataPage>
  );
}

function CostView({ school }: { school: CurrentSchool }) {
  const [comparison, setComparison] = useState<Comparison>("disadvantaged");
  const data = useCostComparison(school.id, comparison);
  const result = data.data;
  return (
    <Stack gap="lg">
      <ProblemAlert error={data.error} title="The comparison could not be made" />
      {data.isPending ? (
        <Loader role="status" size="sm" aria-label="Working out costs and effects" />
      ) : null}
      {result ? <RateSection school={school} rate={result.rate} /> : null}
      {result && result.strategies.length === 0 ? (
        <EmptyNote
          action={
            school.abilities.planStrategy ? (
              <ButtonLink to="/my-school/strategies/new">New strategy</ButtonLink>
            ) : undefined
          }
        >
          {school.abilities.planStrategy
            ? "No strategies yet — plan one with its cost and staff hours, choose its pupils and record its success measure before and after; then it can be compared here."
            : "No strategies yet. Once the school's leaders plan one and it has been evaluated, its cost and effect appear here."}
        </EmptyNote>
      ) : null}
      {result && result.strategies.length > 0 ? (
        <SectionCard id="comparison" title="Strategies side by side">
          <Stack gap="md">
            <Select
              label="Evaluate each strategy against"
              className="no-print"
              data={COMPARISONS.map((c) => ({ value: c, label: COMPARISON_LABELS[c] }))}
              value={comparison}
              onChange={(v) => v && setComparison(v as Comparison)}
              allowDeselect={false}
              maw={560}
            />
            <Text size="sm" c="dimmed">
              Each strategy is evaluated as its own page first shows it: on its success measure (or
              the school's core measure), from the last assessment point before it started to the
              latest since. Months' progress — and so cost per month — exist only for attainment
              measured against a comparison group, and only where pupils made more progress than
              that group.
            </Text>
            <div aria-busy={data.isFetching}>
              <CostTable items={result.strategies} />
            </div>
            <CostChart result={result} />
          </Stack>
        </SectionCard>
      ) : null}
    </Stack>
  );
}

function RateSection({ school, rate }: { school: CurrentSchool; rate: CostComparison["rate"] }) {
  const [value, setValue] = useState<string>(
    rate.poundsPerHour === null ? "" : rate.poundsPerHour.toFixed(2),
  );
  const [typed, setTyped] = useState<string | null>(null);
  const save = useSetStaffHourlyRate(school.id);
  const current =
    rate.poundsPerHour === null
      ? "Not set: staff hours are not costed yet, so strategies that use staff time look cheaper than they are."
      : `${formatPounds(rate.poundsPerHour)} an hour.`;
  return (
    <SectionCard id="staff-rate" title="Cost of staff time">
      <Text size="sm" data-testid="staff-rate">
        {current}
      </Text>
      {rate.canChange ? (
        <form
          className="no-print"
          onSubmit={(event) => {
            event.preventDefault();
            if (isNotANumber(value)) {
              setTyped(notANumberMessage(value, "25.50"));
              return;
            }
            setTyped(null);
            save.mutate(readNumberText(value));
          }}
        >
          <Group align="flex-end" gap="sm" wrap="wrap">
            <NumberField
              label="Hourly cost of staff time (£)"
              description={`What an hour of a staff member's time costs the school, with on-costs (up to ${formatPounds(MAX_HOURLY_RATE)}).`}
              value={value}
              onChange={(event) => {
                setValue(event.currentTarget.value);
                setTyped(null);
              }}
              error={typed}
              w={320}
            />
            <Button type="submit" loading={save.isPending}>
              Save rate
            </Button>
            {rate.poundsPerHour !== null ? (
              <Button
                variant="default"
                onClick={() => {
                  setValue("");
                  save.mutate(null);
                }}
              >
                Clear rate
              </Button>
            ) : null}
          </Group>
          <ProblemAlert error={save.error} title="The rate was not saved" />
          {save.isSuccess ? (
            <Text size="sm" role="status">
              Saved.
            </Text>
          ) : null}
        </form>
      ) : (
        <Text size="sm" c="dimmed">
          The school's leaders set this rate.
        </Text>
      )}
    </SectionCard>
  );
}

type SortKey = "title" | "costPerPupil" | "g" | "months" | "costPerMonth";

const VALUE: Record<SortKey, (s: StrategyCostRow) => number | string | null> = {
  title: (s) => s.title.toLowerCase(),
  costPerPupil: (s) => s.costPerPupil,
  g: (s) => s.evaluation?.hedgesG ?? null,
  months: (s) => s.evaluation?.months ?? null,
  costPerMonth: (s) => s.costPerMonth,
};

/** Sorted by one column; strategies without a figure always come last, in either direction. */
export function sortStrategies(items: StrategyCostRow[], sort: SortState<SortKey>) {
  const sign = sort.direction === "ascending" ? 1 : -1;
  const value = VALUE[sort.key];
  return [...items].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return sign * (x < y ? -1 : x > y ? 1 : 0);
  });
}

const money = (v: number | null) => (v === null ? "—" : formatPounds(v));

function CostTable({ items }: { items: StrategyCostRow[] }) {
  const [sort, setSort] = useState<SortState<SortKey>>({
    key: "costPerMonth",
    direction: "ascending",
  });
  const rows = sortStrategies(items, sort);
  const header = (label: string, column: SortKey, numeric = true) => (
    <SortHeader label={label} column={column} sort={sort} onSort={setSort} numeric={numeric} />
  );
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard
    <section className="data-table-region" aria-label="Cost and effect" tabIndex={0}>
      <Table striped stickyHeader miw={1000} verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            {header("Strategy", "title", false)}
            {header("Cost per pupil", "costPerPupil")}
            {header("Effect (g, 95% CI)", "g")}
            <Table.Th scope="col">Evaluation</Table.Th>
            {header("Months' progress", "months")}
            {header("Cost per pupil per month", "costPerMonth")}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((s) => (
            <Table.Tr key={s.id} data-testid="cost-row">
              <Table.Th scope="row" fw={400} style={{ verticalAlign: "top" }}>
                <AnchorLink
                  to="/my-school/strategies/$strategyId"
                  params={{ strategyId: s.id }}
                  fw={600}
                >
                  {s.title}
                </AnchorLink>
                <Text size="xs" c="dimmed">
                  {s.strandName ?? "No Toolkit strand"} ·{" "}
                  {s.participants === 1 ? "1 participant" : `${s.participants} participants`}
                </Text>
              </Table.Th>
              <Table.Td className="num" style={{ verticalAlign: "top" }}>
                <Text size="sm" fw={600}>
                  {money(s.costPerPupil)}
                </Text>
                <Text size="xs" c="dimmed" style={{ whiteSpace: "normal" }} maw={260}>
                  {s.costPerPupilGap?.text ??
                    `${s.workings}, ÷ ${s.participants} pupil${s.participants === 1 ? "" : "s"}`}
                </Text>
              </Table.Td>
              <Table.Td className="num" style={{ verticalAlign: "top" }}>
                {s.evaluation?.hedgesG != null
                  ? `${formatSigned(s.evaluation.hedgesG, 2)} [${formatSigned(s.evaluation.ciLow, 2)}, ${formatSigned(s.evaluation.ciHigh, 2)}]`
                  : "—"}
              </Table.Td>
              <Table.Td style={{ verticalAlign: "top" }}>
                <EvaluationCell strategy={s} />
              </Table.Td>
              <Table.Td className="num" style={{ verticalAlign: "top" }}>
                {s.evaluation?.months == null ? "—" : formatSigned(s.evaluation.months, 0)}
              </Table.Td>
              <Table.Td className="num" style={{ verticalAlign: "top" }}>
                <Text size="sm" fw={600}>
                  {money(s.costPerMonth)}
                </Text>
                {s.costPerMonthGap && s.costPerMonthGap.code !== s.costPerPupilGap?.code ? (
                  <Text size="xs" c="dimmed" style={{ whiteSpace: "normal" }} maw={260}>
                    {s.costPerMonthGap.text}
                  </Text>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}

function EvaluationCell({ strategy: s }: { strategy: StrategyCostRow }) {
  const e = s.evaluation;
  if (!e)
    return (
      <Text size="sm" miw={240} maw={320}>
        {s.evaluationGap}
      </Text>
    );
  const design =
    e.designKind === "comparison-group"
      ? `Against a comparison group: ${e.nParticipants} participants and ${e.nComparison ?? 0} comparison pupils with values at both points`
      : `Before and after only, the weakest design: ${e.nParticipants} participants with values at both points`;
  return (
    <Stack gap={2} miw={260} maw={360}>
      <Text size="sm">{e.headline}</Text>
      <Text size="xs" c="dimmed">
        {e.measureName}, {e.period}. {design}.
      </Text>
      {e.warnings.length > 0 ? (
        <Text size="xs" c="dimmed">
          {e.warnings.length === 1 ? "1 warning" : `${e.warnings.length} warnings`}: see the
          strategy's evaluation.
        </Text>
      ) : null}
    </Stack>
  );
}

/** Cost per pupil against effect size, one labelled dot per strategy that has both. */
function CostChart({ result }: { result: CostComparison }) {
  const points = useMemo(
    () =>
      result.strategies.flatMap((s) =>
        s.costPerPupil !== null && s.evaluation?.hedgesG != null
          ? [
              {
                title: s.title,
                cost: s.costPerPupil,
                g: s.evaluation.hedgesG,
                low: s.evaluation.ciLow ?? s.evaluation.hedgesG,
                high: s.evaluation.ciHigh ?? s.evaluation.hedgesG,
              },
            ]
          : [],
      ),
    [result],
  );
  const options = useMemo(() => {
    // Room around the dots for their labels and intervals; zero effect always in view.
    const maxCost = Math.max(...points.map((p) => p.cost), 1);
    const low = Math.min(0, ...points.map((p) => p.low));
    const high = Math.max(0, ...points.map((p) => p.high));
    const pad = (high - low) * 0.1 || 0.1;
    return {
      marginLeft: 56,
      marginRight: 24,
      marginTop: 28,
      x: { label: "Cost per pupil (£) →", domain: [0, maxCost * 1.3], grid: true },
      y: {
        label: "↑ Effect size (Hedges' g, 95% CI)",
        domain: [low - pad, high + pad],
        grid: true,
      },
      marks: [
        Plot.ruleY([0], { stroke: "#555" }),
        Plot.ruleX(points, { x: "cost", y1: "low", y2: "high", stroke: "#0072B2", strokeWidth: 2 }),
        Plot.dot(points, { x: "cost", y: "g", r: 6, fill: "#0072B2", stroke: "white" }),
        Plot.text(points, {
          x: "cost",
          y: "g",
          text: "title",
          dx: 10,
          textAnchor: "start",
          fontWeight: 600,
        }),
      ],
    };
  }, [points]);
  if (points.length === 0)
    return (
      <Text size="sm" c="dimmed">
        No strategy has both a cost per pupil and an effect size yet, so there is no chart of cost
        against effect.
      </Text>
    );
  const left = result.strategies.length - points.length;
  return (
    <PlotFigure
      height={320}
      options={options}
      label={`Cost per pupil against effect size for ${points.length} ${points.length === 1 ? "strategy" : "strategies"}; the table above gives the same figures.`}
      caption={`Each dot is a strategy, with its 95% confidence interval; up and to the left is more effect for less money. The table gives the same figures${left > 0 ? `; ${left} ${left === 1 ? "strategy without" : "strategies without"} both a cost per pupil and an effect size ${left === 1 ? "is" : "are"} not drawn` : ""}. Effect sizes from different measures and designs are not directly comparable.`}
    />
  );
}
