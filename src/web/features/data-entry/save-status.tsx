import { Button, Group, Paper, Text } from "@mantine/core";
import { useEffect } from "react";
import type { useGridEdits } from "./use-grid-edits.ts";

const time = (at: Date) =>
  at.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** Whether the grid's edits are saved, in words, with a way to save now or try again. */
export function SaveStatusBar({ edits }: { edits: ReturnType<typeof useGridEdits> }) {
  const { status, pending, invalidCount } = edits;
  const unsaved = pending > 0 || invalidCount > 0;
  // Leaving the page with edits not yet saved asks first.
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [unsaved]);

  let message: string;
  let tone: "ok" | "busy" | "bad" = "ok";
  if (status.kind === "failed") {
    message = `Not saved: ${status.message}`;
    tone = "bad";
  } else if (status.kind === "saving") {
    message = `Saving ${plural(status.count, "value", "values")}…`;
    tone = "busy";
  } else if (pending > 0) {
    message = `${plural(pending, "change", "changes")} waiting to be saved…`;
    tone = "busy";
  } else if (status.kind === "saved") {
    message = `Saved ${plural(status.count, "value", "values")} at ${time(status.at)}.`;
  } else {
    message = "No changes yet.";
  }
  return (
    <Paper withBorder p="xs" radius="sm" className="no-print" data-tone={tone}>
      <Group justify="space-between" gap="sm" wrap="wrap">
        <Group gap="md">
          <Text
            size="sm"
            fw={600}
            role="status"
            className={tone === "bad" ? "cell-error" : undefined}
          >
            {tone === "bad" ? "⚠ " : tone === "ok" && status.kind === "saved" ? "✓ " : ""}
            {message}
          </Text>
          {invalidCount > 0 ? (
            <Text size="sm" className="cell-error">
              ⚠ {plural(invalidCount, "cell does", "cells do")} not fit the scale and will not be
              saved until corrected.
            </Text>
          ) : null}
        </Group>
        {pending > 0 || status.kind === "failed" ? (
          <Button size="xs" variant="light" onClick={() => void edits.save()}>
            {status.kind === "failed" ? "Try again" : "Save now"}
          </Button>
        ) : null}
      </Group>
    </Paper>
  );
}
