/**
 * Number fields keep what was typed. A field that quietly drops what it cannot
 * read ("abc" into blank, as Mantine's NumberInput does) lets a form save
 * something nobody entered; so the text stays as typed, is read here, and a
 * form refuses to submit while a field holds something that is not a number,
 * saying so under the field (as the data grid does for a cell).
 */

/** What a number field holds: a number it was given, or the text as typed. */
export type NumberText = number | string;

const PLAIN = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const GROUPED = /^[+-]?\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

/**
 * The number in a field: null when it is empty, NaN when it holds something
 * that is not a number. Takes a plain decimal ("12", "-3.5", ".5"), thousands
 * grouped with commas ("1,200.50"), a leading "£", a trailing "%" and the
 * typographic minus ("−20"), which is what many keyboards and pasted text give.
 */
export function readNumberText(value: NumberText | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : Number.NaN;
  if (value.trim() === "") return null;
  const text = value
    .trim()
    .replace(/^\u2212/, "-")
    .replace(/^([-+]?)\s*£\s*/, "$1")
    .replace(/^£?\u2212/, "-")
    .replace(/\s*%$/, "");
  if (PLAIN.test(text)) return Number(text);
  if (GROUPED.test(text)) return Number(text.replaceAll(",", ""));
  return Number.NaN;
}

/** Whether a field holds something, and it is not a number. */
export function isNotANumber(value: NumberText | null | undefined): boolean {
  return Number.isNaN(readNumberText(value));
}

/** The field's message for text that is not a number: `"abc" is not a number. Type digits, like 12.5.` */
export function notANumberMessage(value: NumberText, example: string): string {
  const shown = String(value).trim();
  const quoted = shown.length > 24 ? `${shown.slice(0, 24)}…` : shown;
  return `"${quoted}" is not a number. Type digits, like ${example}.`;
}

/**
 * A form validator that, before the form's own checks, refuses every listed
 * number field holding something that is not a number, with that field's
 * message (its example of what to type), over anything the other checks said.
 */
export function withNumberFields<V extends object>(
  /** Each number field, with an example of what to type in it ("12", "250 or 1,200.50"). */
  fields: { [K in keyof V]?: string },
  validate: (values: V) => Record<string, string> = () => ({}),
): (values: V) => Record<string, string> {
  return (values) => {
    const errors = validate(values);
    for (const [field, example] of Object.entries(fields) as [keyof V & string, string][]) {
      const value = values[field] as NumberText | null | undefined;
      if (value !== null && value !== undefined && isNotANumber(value))
        errors[field] = notANumberMessage(value, example);
    }
    return errors;
  };
}
