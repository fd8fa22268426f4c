import { Badge, Card, List, Loader, Stack, Table, Text, Title } from "@mantine/core";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { useRecordsOfProcessing } from "./api/retention.ts";
import "./retention.css";

const numberFormat = new Intl.NumberFormat("en-GB");

/** Records of processing: the facts a school's data protection officer needs for its records. */
export function RecordsOfProcessingPage() {
  const records = useRecordsOfProcessing();
  return (
    <>
      <PageHeader
        title="Records of processing"
        intro="What personal data Cascade holds, by category: how much, why, on what lawful basis, for how long, and who can see it."
      />
      <ProblemAlert error={records.error} title="The records of processing could not be loaded" />
      {records.isPending ? (
        <Loader role="status" size="sm" aria-label="Loading the records of processing" />
      ) : null}
      {records.data ? (
        <Stack gap="lg" maw={1000}>
          <Text size="sm">{records.data.controller}</Text>
          <Table withTableBorder>
            <caption>Personal data held, with counts now</caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">Category</Table.Th>
                <Table.Th scope="col">Count</Table.Th>
                <Table.Th scope="col">Retention</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {records.data.categories.map((c) => (
                <Table.Tr key={c.key}>
                  <Table.Th scope="row" fw={500}>
                    {c.name}
                  </Table.Th>
                  <Table.Td>
                    {numberFormat.format(c.count)} {c.countOf}
                  </Table.Td>
                  <Table.Td>{c.retention}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {records.data.categories.map((c) => (
            <Card
              key={c.key}
              withBorder
              padding="md"
              component="section"
              aria-labelledby={`category-${c.key}`}
            >
              <Stack gap="xs">
                <Title order={2} size="h3" id={`category-${c.key}`}>
                  {c.name}{" "}
                  {c.specialCategory ? (
                    <Badge color="grape" variant="light">
                      Sensitive
                    </Badge>
                  ) : null}
                </Title>
                <Text size="sm">{c.description}</Text>
                <dl className="records-facts">
                  <dt>Held</dt>
                  <dd>
                    {numberFormat.format(c.count)} {c.countOf}
                  </dd>
                  <dt>Purpose</dt>
                  <dd>{c.purpose}</dd>
                  <dt>Lawful basis</dt>
                  <dd>{c.lawfulBasis}</dd>
                  <dt>Retention</dt>
                  <dd>{c.retention}</dd>
                  <dt>Who can see it</dt>
                  <dd>
                    <List size="sm">
                      {c.whoCanSee.map((who) => (
                        <List.Item key={who}>{who}</List.Item>
                      ))}
                    </List>
                  </dd>
                </dl>
              </Stack>
            </Card>
          ))}
        </Stack>
      ) : null}
    </>
  );
}
