import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { type FieldError, HttpProblem } from "../errors.ts";

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  [extra: string]: unknown;
}

function send(reply: FastifyReply, body: ProblemBody, headers: Record<string, string> = {}) {
  return reply
    .code(body.status)
    .headers(headers)
    .type("application/problem+json")
    .serializer((payload: unknown) => JSON.stringify(payload))
    .send(body);
}

interface ZodLikeIssue {
  instancePath: string;
  message: string;
  keyword: string;
  params?: { keys?: string[] };
}

function fieldName(path: string, context: string | undefined): string {
  const trimmed = path.replace(/^\//, "").replaceAll("/", ".");
  if (trimmed) return trimmed;
  return context === "body" ? "body" : (context ?? "request");
}

/** Zod issues → one `{ field, message }` per problem, naming unknown keys one by one. */
export function fieldErrorsFromValidation(
  issues: ZodLikeIssue[],
  context: string | undefined,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const issue of issues) {
    if (issue.keyword === "unrecognized_keys" && issue.params?.keys) {
      for (const key of issue.params.keys) {
        const base = issue.instancePath.replace(/^\//, "").replaceAll("/", ".");
        errors.push({
          field: base ? `${base}.${key}` : key,
          message: "This field is not accepted here.",
        });
      }
      continue;
    }
    errors.push({ field: fieldName(issue.instancePath, context), message: issue.message });
  }
  return errors;
}

const LIBRARY_PROBLEMS: Record<string, { status: number; title: string; detail: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    status: 413,
    title: "Request too large",
    detail: "The request body is larger than this route accepts (1 MiB for JSON).",
  },
  FST_REQ_FILE_TOO_LARGE: {
    status: 413,
    title: "Request too large",
    detail:
      "The file is larger than the 20 MB Cascade accepts. Split an import or export fewer columns; make a document smaller, or share it as a link.",
  },
  FST_FILES_LIMIT: {
    status: 400,
    title: "Invalid request",
    detail: "Send one file at a time.",
  },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    status: 415,
    title: "Unsupported media type",
    detail: "Send the file as multipart/form-data.",
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    title: "Unsupported media type",
    detail: "Send this request as application/json.",
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    title: "Invalid request",
    detail: "The request said it carried JSON but its body was empty.",
  },
  FST_ERR_CTP_INVALID_JSON_BODY: {
    status: 400,
    title: "Invalid request",
    detail: "The request body is not valid JSON.",
  },
};

/** Called before a 403, or a 404 from a matched route, is answered: a refused attempt to reach something. */
export type DeniedListener = (request: FastifyRequest, status: 403 | 404) => Promise<void>;

/** Called before a 400 or 415 on /api is answered, with the names (never the values) of the fields at fault. */
export type RefusedListener = (
  request: FastifyRequest,
  status: 400 | 415,
  fields: string[],
) => Promise<void>;

export function registerProblemHandlers(
  app: FastifyInstance,
  onDenied: DeniedListener = async () => {},
  onRefused: RefusedListener = async () => {},
): void {
  app.setErrorHandler(async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const answer = async (
      reply: FastifyReply,
      body: ProblemBody,
      headers?: Record<string, string>,
    ) => {
      if ((body.status === 400 || body.status === 415) && request.url.startsWith("/api/")) {
        const errors = Array.isArray(body.errors) ? (body.errors as Partial<FieldError>[]) : [];
        const fields = [
          ...new Set(errors.map((e) => e.field).filter((f) => typeof f === "string")),
        ];
        try {
          await onRefused(request, body.status, fields as string[]);
        } catch (auditError) {
          request.log.error({ err: auditError }, "could not record a refused request");
        }
      }
      return send(reply, body, headers);
    };
    if (error instanceof HttpProblem) {
      // A 404 outside any route is a mistyped address, not a refusal.
      if (error.refusal && (error.status === 403 || request.routeOptions.url)) {
        try {
          await onDenied(request, error.status as 403 | 404);
        } catch (auditError) {
          request.log.error({ err: auditError }, "could not record a denied request");
        }
      }
      return answer(
        reply,
        {
          type: error.type,
          title: error.title,
          status: error.status,
          detail: error.detail,
          ...error.extra,
        },
        error.headers,
      );
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = fieldErrorsFromValidation(
        error.validation as unknown as ZodLikeIssue[],
        error.validationContext,
      );
      return answer(reply, {
        type: "/problems/invalid-request",
        title: "Invalid request",
        status: 400,
        detail: errors.map((e) => `${e.field}: ${e.message}`).join(" "),
        errors,
      });
    }
    // A unique constraint lost a race that the handler's own check could not see.
    if (error.code === "23505") {
      return answer(reply, {
        type: "/problems/conflict",
        title: "Conflict",
        status: 409,
        detail: "This would duplicate something that already exists. Reload and try again.",
      });
    }
    const known = error.code ? LIBRARY_PROBLEMS[error.code] : undefined;
    if (known) {
      return answer(reply, {
        type: `/problems/${known.title.toLowerCase().replaceAll(" ", "-")}`,
        ...known,
      });
    }
    // JSON syntax errors come from secure-json-parse with a 400 status.
    if (error.statusCode === 400 && error instanceof SyntaxError) {
      return answer(reply, {
        type: "/problems/invalid-request",
        title: "Invalid request",
        status: 400,
        detail: "The request body is not valid JSON.",
      });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return answer(reply, {
        type: "/problems/bad-request",
        title: "Bad request",
        status: error.statusCode,
        detail: error.message,
      });
    }
    // Never reveal the inside of a server error.
    request.log.error({ err: error }, "unhandled error");
    // The request id ties what the user sees to the logged error, and says nothing else.
    return answer(reply, {
      type: "/problems/internal-error",
      title: "Internal error",
      status: 500,
      detail: `Something went wrong on the server. It has been logged as ${request.id}; try again, or quote that to your administrator.`,
      requestId: request.id,
    });
  });
}
