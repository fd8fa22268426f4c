/**
 * The one way the SPA talks to the API: JSON in and out, the session cookie sent
 * by the browser, and every error turned into an ApiProblem carrying the
 * server's problem+json (field errors included) for forms to show.
 */
export interface FieldError {
  field: string;
  message: string;
}

export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors: FieldError[] = [],
    readonly body: Record<string, unknown> = {},
  ) {
    super(detail || title);
  }

  /** The message for one field, if the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message;
  }
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

const NO_CONNECTION = () =>
  new ApiProblem(
    0,
    "No connection",
    "Cascade could not be reached. Check your connection and try again.",
  );

/** Field errors name a `field`; other rows (an import's `{row, column, …}`) stay in `body.errors`. */
function fieldErrorsIn(errors: unknown): FieldError[] {
  if (!Array.isArray(errors)) return [];
  return errors.filter(
    (e): e is FieldError =>
      typeof e === "object" && e !== null && typeof (e as FieldError).field === "string",
  );
}

async function readResponse<T>(response: Response): Promise<T> {
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const problem = (data ?? {}) as { title?: string; detail?: string; errors?: unknown };
    throw new ApiProblem(
      response.status,
      problem.title ?? response.statusText,
      problem.detail ?? "Something went wrong.",
      fieldErrorsIn(problem.errors),
      (data ?? {}) as Record<string, unknown>,
    );
  }
  return data as T;
}

async function request<T>(method: Method, url: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: body !== undefined ? { "content-type": "application/json" } : {},
      body: body !== undefined ? JSON.stringify(body) : undefined,
    });
  } catch {
    throw NO_CONNECTION();
  }
  return readResponse<T>(response);
}

/** Sends a file (multipart/form-data); the browser sets the content type and its boundary. */
async function upload<T>(url: string, form: FormData): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { method: "POST", credentials: "same-origin", body: form });
  } catch {
    throw NO_CONNECTION();
  }
  return readResponse<T>(response);
}

export const api = {
  get: <T>(url: string) => request<T>("GET", url),
  post: <T>(url: string, body?: unknown) => request<T>("POST", url, body),
  put: <T>(url: string, body?: unknown) => request<T>("PUT", url, body),
  patch: <T>(url: string, body?: unknown) => request<T>("PATCH", url, body),
  delete: <T>(url: string) => request<T>("DELETE", url),
  upload,
};

export function isProblem(error: unknown, status?: number): error is ApiProblem {
  return error instanceof ApiProblem && (status === undefined || error.status === status);
}
