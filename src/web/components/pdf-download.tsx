import { Button, Group, Stack, Text } from "@mantine/core";
import { useMutation } from "@tanstack/react-query";
import { downloadFile } from "../lib/save-file.ts";
import { ProblemAlert } from "./problem-alert.tsx";

/**
 * A report's "Download PDF" and "Print" buttons. The PDF is built on the server,
 * which takes a moment: while it is in flight the button shows it is busy and a
 * status says so; then the file is saved under the server's name.
 */
export function ReportDownloads({
  url,
  filename,
  what = "the report",
}: {
  /** The `.pdf` route, with its query. */
  url: string;
  /** The name to save under if the server gives none. */
  filename: string;
  what?: string;
}) {
  const download = useMutation({ mutationFn: () => downloadFile(url, filename) });
  return (
    <Stack gap="xs" className="no-print">
      <Group gap="sm">
        <Button
          onClick={() => download.mutate()}
          loading={download.isPending}
          aria-describedby="pdf-status"
        >
          Download PDF
        </Button>
        <Button variant="default" onClick={() => window.print()}>
          Print
        </Button>
      </Group>
      <Text size="sm" role="status" id="pdf-status" aria-live="polite">
        {download.isPending
          ? "Building the PDF…"
          : download.isSuccess
            ? `Saved ${download.data}.`
            : ""}
      </Text>
      <ProblemAlert error={download.error} title={`The PDF of ${what} could not be made`} />
    </Stack>
  );
}
