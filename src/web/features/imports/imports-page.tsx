import { Alert, Button, Card, Group, Stack, Text, Title } from "@mantine/core";
import type { CurrentSchool } from "../../app/current-school.ts";
import { SchoolDataPage } from "../../app/my-school-nav.tsx";
import { EmptyNote } from "../../components/empty-note.tsx";
import { ImportErrorsTable, importErrorsOf } from "../../components/import-errors-table.tsx";
import { ProblemAlert } from "../../components/problem-alert.tsx";
import { isProblem } from "../../lib/api-client.ts";
import { ColumnMapping } from "./column-mapping.tsx";

import { ImportFileStep } from "./import-file-step.tsx";
import { ImportHistory } from "./import-history.tsx";
import { ImportPreviewTable } from "./import-preview-table.tsx";
import { LeaversOffer } from "./leavers-offer.tsx";
import { UploadProgressBar } from "./upload-progress.tsx";
import { type ImportFlow, useImportFlow } from "./use-import-flow.ts";

export function ImportsPage() {
  return (
    <SchoolDataPage
      title="Imports"
      intro="Bring in the pupil list and assessment data exported from your MIS, as CSV or Excel."
    >
      {(school) =>
        school.abilities.importData ? (
          <Imports school={school} />
        ) : (
          <EmptyNote>
            Only the school's leaders import data. Ask one of them to import your file.
          </EmptyNote>
        )
      }
    </SchoolDataPage>
  );
}

function Imports({ school }: { school: CurrentSchool }) {
  const flow = useImportFlow(school.id);
  return (
    <Stack gap="xl">
      <Stack gap="md">
        <ImportFileStep flow={flow} schoolId={school.id} />
        {flow.busy ? (
          <UploadProgressBar busy={flow.busy} rows={flow.preview?.totalRows ?? null} />
        ) : null}
        <ProblemAlert error={flow.previewError} title="The file could not be checked" />
        {flow.preview && flow.file ? <Steps flow={flow} /> : null}
        <Outcome flow={flow} />
      </Stack>
      <ImportHistory schoolId={school.id} />
    </Stack>
  );
}

function Steps({ flow }: { flow: ImportFlow }) {
  const preview = flow.preview;
  if (!preview) return null;
  const errors = preview.errorCount;
  return (
    <>
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            2. Match the columns
          </Title>
          <ColumnMapping flow={flow} preview={preview} />
        </Stack>
      </Card>
      <Card withBorder padding="md">
        <Stack gap="sm">
          <Title order={2} size="h4">
            3. Check the preview
          </Title>
          <Text size="sm">
            {preview.totalRows} {preview.totalRows === 1 ? "row" : "rows"} in {preview.fileName}
            {preview.assessmentPoint
              ? `, for ${preview.assessmentPoint.name} ${preview.assessmentPoint.academicYear} where the file names no point`
              : ""}
            . The first {Math.min(preview.rows.length, preview.totalRows)} as they will be stored:
          </Text>
          {preview.rows.length > 0 ? <ImportPreviewTable preview={preview} /> : null}
          {errors > 0 ? (
            <Alert
              color="red"
              variant="light"
              title={`${errors} ${errors === 1 ? "problem" : "problems"} to correct`}
            >
              <Stack gap="sm">
                <Text size="sm">
                  Nothing can be imported until every problem is put right: correct the file and
                  choose it again, or change the column matching above.
                  {preview.errors.length < errors
                    ? ` The first ${preview.errors.length} are listed.`
                    : ""}
                </Text>
                <ImportErrorsTable rows={preview.errors} label="Problems in the file" />
              </Stack>
            </Alert>
          ) : (
            <Text size="sm" fw={600}>
              <span aria-hidden="true">✓ </span>
              {preview.kind === "observations"
                ? "No problems found. Importing updates values by pupil, measure and point; importing the same file again changes nothing."
                : "No problems found. Importing updates pupils by UPN; importing the same file again changes nothing."}
            </Text>
          )}
          {flow.leavers ? <LeaversOffer flow={flow} leavers={flow.leavers} /> : null}
          <Group>
            <Button
              onClick={() => void flow.runImport()}
              disabled={!flow.canImport}
              loading={flow.busy?.action === "import"}
            >
              Import {preview.totalRows} {preview.totalRows === 1 ? "row" : "rows"}
              {flow.markLeavers && flow.leavers ? ` and mark ${flow.leavers.count} as left` : ""}
            </Button>
            <Button variant="default" onClick={flow.startAgain}>
              Start again
            </Button>
          </Group>
        </Stack>
      </Card>
    </>
  );
}

function Outcome({ flow }: { flow: ImportFlow }) {
  if (flow.result) {
    const r = flow.result;
    return (
      <Alert color="teal" variant="light" title="Import complete" role="status">
        {r.fileName}: {r.rows} {r.rows === 1 ? "row" : "rows"} read — {r.created} created,{" "}
        {r.updated} updated, {r.unchanged} unchanged
        {r.markedLeft > 0 ? `, ${r.markedLeft} not in the file marked as left` : ""}. You can undo
        it from the history below.
      </Alert>
    );
  }
  if (!flow.importError) return null;
  const rows = importErrorsOf(flow.importError);
  return isProblem(flow.importError, 422) ? (
    <Alert color="red" variant="light" title="Nothing was imported" role="alert">
      <Stack gap="sm">
        <Text size="sm">{flow.importError.detail}</Text>
        {rows.length > 0 ? (
          <ImportErrorsTable rows={rows} label="Problems that stopped the import" />
        ) : null}
      </Stack>
    </Alert>
  ) : (
    <ProblemAlert error={flow.importError} title="Nothing was imported" />
  );
}
