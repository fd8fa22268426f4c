import { Card, Loader, Stack, Table, Text, Title } from "@mantine/core";
import type { Visit } from "../../../contracts/programme-year.ts";
import { AnchorLink } from "../../components/anchor-link.tsx";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { formatDate } from "../../lib/format.ts";
import { useVisit } from "./api/visits.ts";
import { RecordVisitForm } from "./record-visit-form.tsx";
import { ResponseSection } from "./response-section.tsx";
import { VisitStage } from "./visits-table.tsx";

const STATUS_WORDS = { open: "Open", in_progress: "In progress", done: "Done" } as const;

/** A school visit: what was seen, the questions posed, the actions agreed and the school's response. */
export function VisitPage({ visitId }: { visitId: string }) {
  const visit = useVisit(visitId);
  if (visit.isPending) return <Loader role="status" size="sm" aria-label="Loading the visit" />;
  if (visit.error)
    return (
      <>
        <PageHeader title="School visit" />
        <ProblemAlert error={visit.error} title="This visit cannot be shown" />
      </>
    );
  const v = visit.data;
  return (
    <>
      <PageHeader
        title={`Visit to ${v.schoolName}`}
        intro={`${formatDate(v.visitOn)}${v.bookedBy ? ` · booked by ${v.bookedBy}` : ""}`}
        actions={
          v.canRecord ? (
            <AnchorLink to="/my-cluster" fw={600}>
              Back to the cluster
            </AnchorLink>
          ) : (
            <AnchorLink to="/my-school/year" fw={600}>
              Back to the programme year
            </AnchorLink>
          )
        }
      />
      <Stack gap="xl">
        <Text size="sm">
          <VisitStage visit={v} />
        </Text>
        {v.canRecord ? <RecordVisitForm key={v.id} visit={v} /> : <WhatWasSeen visit={v} />}
        <AgreedActions visit={v} />
        <ResponseSection visit={v} />
      </Stack>
    </>
  );
}

function WhatWasSeen({ visit }: { visit: Visit }) {
  const notes: Array<[string, string]> = [
    ["Strengths", visit.strengths],
    ["Challenges", visit.challenges],
    ["Questions posed", visit.questions],
  ];
  const recorded = notes.some(([, text]) => text);
  return (
    <Stack gap="sm" component="section" aria-labelledby="seen-title">
      <Title order={2} size="h3" id="seen-title">
        What was seen
      </Title>
      {recorded ? (
        <Card withBorder padding="md" maw={860}>
          <dl className="fact-list">
            {notes.map(([label, text]) => (
              <div key={label} style={{ display: "contents" }}>
                <dt>{label}</dt>
                <dd style={{ whiteSpace: "pre-wrap" }}>{text || "—"}</dd>
              </div>
            ))}
          </dl>
        </Card>
      ) : (
        <Text size="sm">
          The programme lead has not recorded this visit yet. Their notes and the actions agreed
          appear here afterwards.
        </Text>
      )}
    </Stack>
  );
}

function AgreedActions({ visit }: { visit: Visit }) {
  return (
    <Stack gap="sm" component="section" aria-labelledby="agreed-title">
      <Title order={2} size="h3" id="agreed-title">
        Actions agreed with the school's leader
      </Title>
      {visit.actions.length === 0 ? (
        <Text size="sm">
          {visit.canRecord
            ? "None yet. Add the actions you agree in the form above: they join the team's action list."
            : "None yet. Actions agreed at the visit join the team's action list."}
        </Text>
      ) : (
        <>
          <Table striped maw={860} aria-label="Agreed actions">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Action</Table.Th>
                <Table.Th>Due</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {visit.actions.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>{a.title}</Table.Td>
                  <Table.Td>{a.dueOn ? formatDate(a.dueOn) : "No date"}</Table.Td>
                  <Table.Td>{STATUS_WORDS[a.status]}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {!visit.canRecord ? (
            <AnchorLink to="/my-school/actions" size="sm" fw={600}>
              Open the team's actions
            </AnchorLink>
          ) : null}
        </>
      )}
    </Stack>
  );
}
