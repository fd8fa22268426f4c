import { Alert } from "@mantine/core";
import { ApiProblem } from "../lib/api-client.ts";

/**
 * Shows what went wrong with a request, in the server's words when it gave them.
 * A form that shows field errors beside its inputs names those fields in
 * `shownFields`: when every error is shown there, no alert repeats them.
 */
export function ProblemAlert({
  error,
  title,
  shownFields,
}: {
  error: unknown;
  title?: string;
  shownFields?: string[];
}) {
  if (!error) return null;
  if (
    shownFields &&
    error instanceof ApiProblem &&
    error.errors.length > 0 &&
    error.errors.every((e) => shownFields.includes(e.field))
  ) {
    return null;
  }
  const message =
    error instanceof ApiProblem
      ? error.errors.length > 0 && !error.detail
        ? error.errors.map((e) => e.message).join(" ")
        : error.detail
      : "Something went wrong. Try again.";
  return (
    <Alert
      color="red"
      variant="light"
      title={title ?? (error instanceof ApiProblem ? error.title : "Error")}
      role="alert"
    >
      {message}
    </Alert>
  );
}
