import { Group, List, Text } from "@mantine/core";
import type { Composition } from "../../contracts/network.ts";

/** A mark that never relies on colour alone: a symbol, and words for screen readers. */
export function StatusMark({ ok, label }: { ok: boolean; label?: string | null }) {
  const spoken = label === undefined ? (ok ? "Met: " : "Not yet met: ") : label;
  return (
    <>
      <span aria-hidden="true" className={ok ? "mark mark-ok" : "mark mark-warn"}>
        {ok ? "✓" : "⚠"}
      </span>
      {spoken ? <span className="visually-hidden">{spoken}</span> : null}
    </>
  );
}

/** One line: whether the team meets the programme's guidance, and the summary. */
export function CompositionStatus({
  composition,
  withSummary = true,
}: {
  composition: Composition;
  withSummary?: boolean;
}) {
  return (
    <Group gap={6} wrap="nowrap" align="flex-start">
      <StatusMark ok={composition.meets} label={null} />
      <div>
        <Text fw={600} size="sm">
          {composition.meets ? "Meets guidance" : "Below guidance"}
        </Text>
        {withSummary && !composition.meets ? (
          <Text size="xs" c="dimmed">
            {composition.summary}
          </Text>
        ) : null}
      </div>
    </Group>
  );
}

/** The programme's guidance item by item, each met (✓) or not (⚠) with what falls short. */
export function CompositionChecklist({ composition }: { composition: Composition }) {
  return (
    <List spacing={6} listStyleType="none" aria-label="Team composition against the guidance">
      {composition.items.map((item) => (
        <List.Item key={item.key}>
          <Group gap={8} wrap="nowrap" align="flex-start">
            <StatusMark ok={item.ok} />
            <Text size="sm">
              {item.label}
              {item.note ? ` — ${item.note}` : ""}
            </Text>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
