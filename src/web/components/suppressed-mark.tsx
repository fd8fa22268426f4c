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
