import { Card, FileInput, Group, Radio, Select, Stack, Text, Title } from "@mantine/core";
import { pointOptions, useAssessmentPoints } from "../../lib/assessment-points.ts";
import type { ImportKind } from "./api/imports.ts";
import type { ImportFlow } from "./use-import-flow.ts";

const ACCEPT =
  ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Step 1: what the file holds, the file, and for assessment data the point it belongs to. */
export function ImportFileStep({ flow, schoolId }: { flow: ImportFlow; schoolId: string }) {
  const points = useAssessmentPoints(schoolId);
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          1. Choose the file
        </Title>
        <Text size="sm">
          A CSV or Excel (.xlsx) file of up to 20 MB, as your MIS exports it: commas, semicolons or
          tabs; dates as dd/mm/yyyy; year groups like 7, Y7 or Year 7; flags as Y/N, Yes/No or 1/0.
          Nothing is stored until you confirm the preview, and any problem stops the whole import.
        </Text>
        <Radio.Group
          label="What the file holds"
          value={flow.kind}
          onChange={(value) => flow.setKind(value as ImportKind)}
        >
          <Group gap="lg" mt={6}>
            <Radio value="pupils" label="Pupil list (UPN, names, date of birth, year, flags)" />
            <Radio value="observations" label="Assessment data (UPN and a column per measure)" />
          </Group>
        </Radio.Group>
        <Group align="flex-start" gap="sm" wrap="wrap">
          <FileInput
            label="File"
            placeholder="Choose a CSV or Excel file"
            accept={ACCEPT}
            value={flow.file}
            onChange={flow.setFile}
            clearable
            clearButtonProps={{ "aria-label": "Remove the chosen file" }}
            w={340}
          />
          {flow.kind === "observations" ? (
            <Select
              label="Assessment point"
              description="For rows whose file has no point column"
              placeholder="The latest point that has begun"
              data={pointOptions(points.data ?? [])}
              value={flow.pointId}
              onChange={flow.setPoint}
              clearable
              w={300}
            />
          ) : null}
        </Group>
      </Stack>
    </Card>
  );
}
