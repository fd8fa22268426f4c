import { Button, Card, Loader, Stack, Text, Title } from "@mantine/core";
import { PageHeader } from "../../components/page-header.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import {
  useCreateProgrammeFromTemplate,
  useProgrammes,
  useProgrammeTemplates,
} from "./api/programmes.ts";
import { ProgrammeCard } from "./programme-card.tsx";
import { ProgrammeYears } from "./programme-years.tsx";

/** Admin · Programmes: the programme with its themes and workshops, and its years. */
export function ProgrammesPage() {
  const programmes = useProgrammes();
  const templates = useProgrammeTemplates();
  const create = useCreateProgrammeFromTemplate();
  const created = new Set(programmes.data?.items.map((p) => p.templateKey) ?? []);
  const missing = programmes.data
    ? (templates.data?.items ?? []).filter((t) => !created.has(t.key))
    : [];

  return (
    <>
      <PageHeader
        title="Programmes"
        intro="A programme sets the themes and the year's workshops; each run of it is a programme year."
      />
      <Stack gap="xl">
        <ProblemAlert error={programmes.error ?? templates.error} />
        <ProblemAlert error={create.error} title="The programme was not created" />
        {programmes.isPending ? (
          <Loader role="status" size="sm" aria-label="Loading programmes" />
        ) : null}
        {missing.map((template) => (
          <Card key={template.key} withBorder padding="lg" className="empty-note">
            <Stack gap="xs" align="flex-start">
              <Title order={2} size="h4">
                {template.name} is not set up yet
              </Title>
              <Text size="sm">{template.description}</Text>
              <Text size="sm">
                It brings {template.themes.length} themes and a plan of {template.workshops.length}{" "}
                workshops, which you can see here once it is created.
              </Text>
              <Button
                loading={create.isPending && create.variables === template.key}
                onClick={() => create.mutate(template.key)}
              >
                Create {template.name}
              </Button>
            </Stack>
          </Card>
        ))}
        {programmes.data && programmes.data.items.length > 0 ? (
          <Card withBorder padding="lg">
            <ProgrammeYears programmes={programmes.data.items} />
          </Card>
        ) : null}
        {programmes.data?.items.map((programme) => (
          <ProgrammeCard key={programme.id} programme={programme} />
        ))}
      </Stack>
    </>
  );
}
