import { Text } from "@mantine/core";
import { SUPPRESSION_MARK, SUPPRESSION_REASON } from "../../domain/suppression.ts";

/**
 * The mark in place of a figure not shown outside its school (small-number
 * suppression), with its reason on hover and for screen readers.
 */
export function SuppressedMark({ reason = SUPPRESSION_REASON }: { reason?: string }) {
  return (
    <span className="too-small" title={reason} data-suppressed="">
      <span aria-hidden="true">{SUPPRESSION_MARK}</span>
      <span className="visually-hidden">{reason}</span>
    </span>
  );
}

/** The key to the mark, shown beside a table that carries it. */
export function SuppressionKey() {
  return (
    <Text size="sm" c="dimmed" data-testid="suppression-key">
      <span className="too-small">{SUPPRESSION_MARK}</span> = {SUPPRESSION_REASON}
    </Text>
  );
}
