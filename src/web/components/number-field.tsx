import { TextInput, type TextInputProps } from "@mantine/core";

/**
 * A number field that keeps what was typed, for the form to read with
 * `readNumberText` and refuse with `withNumberFields` when it is not a number
 * (see `lib/number-text.ts`). Use it instead of Mantine's NumberInput, which
 * turns "abc" into an empty field without a word.
 */
export function NumberField({
  allowNegative = false,
  ...props
}: Omit<TextInputProps, "type" | "inputMode"> & {
  /** Negative numbers are expected: a keyboard with a minus sign on phones. */
  allowNegative?: boolean;
}) {
  return (
    <TextInput
      inputMode={allowNegative ? "text" : "decimal"}
      autoComplete="off"
      spellCheck={false}
      classNames={{ input: "number-field" }}
      {...props}
    />
  );
}
