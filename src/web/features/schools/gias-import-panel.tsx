import { Alert, Button, FileInput, Group, Loader, Select, Stack, Text, Title } from "@mantine/core";
import { useState } from "react";
import { ImportErrorsTable, importErrorsOf } from "../../components/import-errors-table.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { isProblem } from "../../lib/api-client.ts";
import { useHubs } from "./api/hubs.ts";
import { useImportSchools } from "./api/schools.ts";

const COLUMNS = "URN, EstablishmentName, PhaseOfEducation (name), LA (name), Postcode";

/** Imports the DfE's Get Information About Schools extract, all or nothing. */
export function GiasImportPanel() {
  const hubs = useHubs();
  const upload = useImportSchools();
  const [file, setFile] = useState<File | null>(null);
  const [hubId, setHubId] = useState<string | null>(null);
  const [missingFile, setMissingFile] = useState(false);
  const rows = importErrorsOf(upload.error);
  const rejected = isProblem(upload.error, 422) ? upload.error : null;

  return (
    <Stack gap="sm">
      <Title order={2} size="h4">
        Import from GIAS
      </Title>
      <Text size="sm">
        Upload a CSV exported from Get Information About Schools with the columns {COLUMNS}; other
        columns are ignored. Schools are matched by URN: new ones are created, known ones brought up
        to date. Any problem in the file stops the whole import.
      </Text>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!file) {
            setMissingFile(true);
            return;
          }
          upload.mutate({ file, hubId });
        }}
      >
        <Group align="flex-start" gap="sm" wrap="wrap">
          <FileInput
            label="CSV file"
            placeholder="Choose a file"
            accept=".csv,text/csv"
            value={file}
            onChange={(value) => {
              setFile(value);
              setMissingFile(false);
              upload.reset();
            }}
            clearable
            clearButtonProps={{ "aria-label": "Remove the chosen file" }}
            error={missingFile ? "Choose the CSV file to import." : undefined}
            w={300}
          />
          <Select
            label="Hub for new schools (optional)"
            placeholder="No hub"
            data={(hubs.data?.items ?? [])
              .filter((h) => !h.archived)
              .map((h) => ({ value: h.id, label: h.name }))}
            value={hubId}
            onChange={setHubId}
            clearable
            w={260}
          />
          <Button type="submit" loading={upload.isPending} mt={25}>
            Import schools
          </Button>
        </Group>
      </form>
      {upload.isPending ? (
        <Group gap="xs">
          <Loader size="xs" aria-hidden="true" />
          <Text size="sm" role="status">
            Checking every row and importing…
          </Text>
        </Group>
      ) : null}
      {upload.data ? (
        <Alert color="teal" variant="light" title="Import complete" role="status">
          {upload.data.rows} {upload.data.rows === 1 ? "row" : "rows"} read: {upload.data.created}{" "}
          created, {upload.data.updated} updated, {upload.data.unchanged} unchanged. Importing the
          same file again changes nothing.
        </Alert>
      ) : null}
      {rejected ? (
        <Alert color="red" variant="light" title="Nothing was imported" role="alert">
          <Stack gap="sm">
            <Text size="sm">{rejected.detail}</Text>
            {rows.length > 0 ? (
              <ImportErrorsTable rows={rows} label="Problems in the file" />
            ) : null}
          </Stack>
        </Alert>
      ) : (
        <ProblemAlert error={upload.error} title="Nothing was imported" />
      )}
    </Stack>
  );
}
