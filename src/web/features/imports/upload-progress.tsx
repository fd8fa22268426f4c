import { Group, Loader, Progress, Stack, Text } from "@mantine/core";
import type { UploadProgress } from "./api/imports.ts";

/** The upload's percentage, then what the server is doing with the file. */
export function UploadProgressBar({
  busy,
  rows,
}: {
  busy: { action: "preview" | "import"; progress: UploadProgress };
  rows: number | null;
}) {
  const { progress, action } = busy;
  const rowText = rows === null ? "the rows" : `${rows} ${rows === 1 ? "row" : "rows"}`;
  const text =
    progress.phase === "uploading"
      ? `Uploading the file: ${progress.percent}%`
      : action === "import"
        ? `Checking and storing ${rowText}…`
        : "Reading the file and checking every row…";
  return (
    <Stack gap={4} maw={520}>
      <Group gap="xs">
        {progress.phase === "processing" ? <Loader size="xs" aria-hidden="true" /> : null}
        <Text size="sm" role="status">
          {text}
        </Text>
      </Group>
      <Progress
        value={progress.phase === "uploading" ? progress.percent : 100}
        animated={progress.phase === "processing"}
        aria-label="Upload progress"
      />
    </Stack>
  );
}
