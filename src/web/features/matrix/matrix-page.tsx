import { Loader, SimpleGrid, Stack, Text, Title } from "@mantine/core";
import { useNavigate } from "@tanstack/react-router";
import { useMemo } from "react";
import type { Matrix } from "../../../contracts/cohort.ts";
import { useCurrentSchool } from "../../app/current-school.ts";
import { MySchoolNav } from "../../app/my-school-nav.tsx";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { type MatrixQuery, matrixCsvUrl, useMatrix } from "./api/matrix.ts";
import { chooseOption, useViewOptions, type ViewOption } from "./api/view-options.ts";
import { pointLabel } from "./describe.ts";
import { slug } from "./export-chart.ts";
import { MatrixChart } from "./matrix-chart.tsx";
import { MatrixControls } from "./matrix-controls.tsx";
import { MatrixTable } from "./matrix-table.tsx";
import { MissingNote, MovementTable } from "./movement-table.tsx";
import { schoolStyles } from "./school-style.ts";
import "./matrix.css";

/** The matrix: the cohort's pupils as dots at two points, for my school, my trio or my cluster. */
export function MatrixPage({ search }: { search: MatrixQuery }) {
  const views = useViewOptions();
  const { school } = useCurrentSchool();
  const nav = school ? <MySchoolNav /> : null;
  if (views.isPending) return <Loader role="status" size="sm" aria-label="Loading the matrix" />;
  const current = chooseOption(views.options, { schoolId: school?.id, ...search });
  if (!current) {
    return (
      <>
        {nav}
        <PageHeader title="The matrix" />
        <ProblemAlert error={views.error} title="Your schools and clusters could not be loaded" />
        {views.error ? null : (
          <EmptyNote
            action={
              <AnchorLink to="/" size="sm" fw={600}>
                Back to your home page
              </AnchorLink>
            }
          >
            The matrix shows a school's target cohort, its trio and its cluster. Your school is not
            enrolled in a programme year yet, and you lead no cluster.
          </EmptyNote>
        )}
      </>
    );
  }
  return (
    <>
      {nav}
      <MatrixView search={search} options={views.options} current={current} />
    </>
  );
}

function MatrixView({
  search,
  options,
  current,
}: {
  search: MatrixQuery;
  options: ViewOption[];
  current: ViewOption;
}) {
  const navigate = useNavigate();
  const query: MatrixQuery = {
    ...current.query,
    from: search.from,
    to: search.to,
    x: search.x,
    y: search.y,
  };
  const matrix = useMatrix(query);
  const data = matrix.data;
  const update = (patch: Partial<MatrixQuery>) =>
    void navigate({
      to: "/matrix",
      search: { ...current.query, ...search, ...patch },
      replace: true,
    });

  return (
    <>
      <PageHeader
        title={data ? `The matrix: ${data.title}` : "The matrix"}
        intro={
          data?.from && data.to
            ? `${pointLabel(data, data.from)} → ${pointLabel(data, data.to)}`
            : "Each cohort pupil is a dot; arrows show how they moved between two points."
        }
      />
      <Stack gap="xl">
        <MatrixControls
          options={options}
          current={current}
          matrix={data}
          onView={(option) => void navigate({ to: "/matrix", search: option.query })}
          onChange={update}
        />
        <ProblemAlert error={matrix.error} title="The matrix could not be drawn" />
        {matrix.isPending || matrix.isPlaceholderData ? (
          <Loader role="status" size="sm" aria-label="Loading the matrix" />
        ) : null}
        {data ? <MatrixBody matrix={data} query={query} /> : null}
      </Stack>
    </>
  );
}

function MatrixBody({ matrix, query }: { matrix: Matrix; query: MatrixQuery }) {
  const styles = useMemo(() => schoolStyles(matrix.schools), [matrix.schools]);
  const from = pointLabel(matrix, matrix.from);
  const to = pointLabel(matrix, matrix.to);
  if (matrix.dots.length === 0) {
    return (
      <EmptyNote
        action={
          matrix.view === "school" ? (
            <AnchorLink to="/my-school/cohort/candidates" size="sm" fw={600}>
              Find candidates
            </AnchorLink>
          ) : null
        }
      >
        No target cohort pupils here yet.{" "}
        {matrix.view === "school"
          ? "Choose the cohort first: the finder proposes pupils and says why."
          : "Each school's leaders choose their cohort; their pupils appear here."}
      </EmptyNote>
    );
  }
  if (matrix.points.length === 0) {
    return (
      <EmptyNote>
        No data has been recorded for the cohort yet. Record values at an assessment point in Data
        entry, and the pupils appear here.
      </EmptyNote>
    );
  }
  const title = `${matrix.title}: the matrix`;
  const period = matrix.from ? `${from} → ${to}` : `${to} (the only point with data so far)`;
  const subtitle = `${period} · across: ${matrix.x.label} · up: ${matrix.y.label}`;
  return (
    <>
      <section aria-labelledby="matrix-chart-heading">
        <h2 id="matrix-chart-heading" className="visually-hidden">
          Chart
        </h2>
        <MatrixChart
          matrix={matrix}
          styles={styles}
          title={title}
          subtitle={subtitle}
          period={period}
          exportName={`matrix-${matrix.view}-${slug(matrix.title)}-${slug(from)}-to-${slug(to)}`}
          csvUrl={matrixCsvUrl(query)}
        />
      </section>
      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
        <Stack gap={4}>
          <Title order={2} size="h4">
            How to read it
          </Title>
          <Text size="sm">
            Across: {matrix.x.description} Up: {matrix.y.description}
          </Text>
          <Text size="sm">
            Each arrow runs from a pupil's position at {from} (small dot) to {to} (shape). A hollow
            shape is a pupil with data at {from} only. Pupils with the same values are spread a
            little so none hides another; the table below gives the exact values.
          </Text>
          <MissingNote matrix={matrix} />
        </Stack>
        <Stack gap={4}>
          <Title order={2} size="h4">
            The quadrants
          </Title>
          {matrix.quadrants.map((q) => (
            <Text size="sm" key={q.key}>
              <strong>{q.label}:</strong> {q.description}
            </Text>
          ))}
        </Stack>
      </SimpleGrid>
      <Stack gap="sm">
        <Title order={2} size="h3">
          Pupils ({matrix.dots.length})
        </Title>
        <MatrixTable matrix={matrix} styles={styles} />
      </Stack>
      <Stack gap="sm">
        <Title order={2} size="h3">
          Movement between quadrants
        </Title>
        <MovementTable matrix={matrix} styles={styles} />
      </Stack>
    </>
  );
}
