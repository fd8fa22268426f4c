/**
 * The one error vocabulary. Handlers and stores throw these; the error handler
 * turns them into RFC 9457 problem+json. Nothing else writes error responses.
 */
export interface FieldError {
  field: string;
  message: string;
}

export class HttpProblem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail);
  }

  /** The problem type, a stable URI-reference per kind of problem. */
  get type(): string {
    return `/problems/${this.title.toLowerCase().replaceAll(/[^a-z0-9]+/g, "-")}`;
  }

  /** A refused attempt to reach something (audited): a 403, or a 404 outside scope or absent. */
  get refusal(): boolean {
    return this.status === 403 || this.status === 404;
  }
}

export class ValidationProblem extends HttpProblem {
  constructor(detail: string, errors: FieldError[]) {
    super(400, "Invalid request", detail, { errors });
  }
}

export class Unauthenticated extends HttpProblem {
  constructor(detail = "Sign in to continue.") {
    super(401, "Not signed in", detail);
  }
}

export class InvalidCredentials extends HttpProblem {
  constructor() {
    super(401, "Sign-in failed", "The email address or password is not right.");
  }
}

export class Forbidden extends HttpProblem {
  constructor(detail = "Your role does not allow this.") {
    super(403, "Forbidden", detail);
  }
}

/** Outside the actor's scope, or absent: the two answer the same, so existence never leaks. */
export class NotFound extends HttpProblem {
  constructor(what = "resource") {
    super(404, "Not found", `No such ${what}.`);
  }
}

/** A search that found nothing: a 404 like any other to the caller, but not a refused attempt. */
export class NothingFound extends HttpProblem {
  constructor(what: string) {
    super(404, "Not found", `No ${what}.`);
  }

  override get refusal(): boolean {
    return false;
  }
}

export class Conflict extends HttpProblem {
  constructor(detail: string, extra: Record<string, unknown> = {}) {
    super(409, "Conflict", detail, extra);
  }
}

export class Gone extends HttpProblem {
  constructor(detail: string) {
    super(410, "Gone", detail);
  }
}

export class TooManyRequests extends HttpProblem {
  constructor(retryAfterSeconds: number, detail: string, extra: Record<string, unknown> = {}) {
    super(
      429,
      "Too many requests",
      detail,
      { retryAfter: retryAfterSeconds, ...extra },
      {
        "retry-after": String(retryAfterSeconds),
      },
    );
  }
}

export interface ImportRowError {
  row: number;
  column: string;
  value: string;
  message: string;
}

/** A file that cannot be imported as it is: every problem listed, nothing stored. */
export class ImportRejected extends HttpProblem {
  constructor(detail: string, errors: ImportRowError[]) {
    super(422, "Import rejected", detail, { errors });
  }
}

export class PayloadTooLarge extends HttpProblem {
  constructor(detail: string) {
    super(413, "Request too large", detail);
  }
}

/** The network requires a second factor of this person, and they have none yet: enrol first. */
export class SecondFactorEnrolmentRequired extends HttpProblem {
  constructor() {
    super(
      403,
      "Second-factor enrolment required",
      "Your network requires a second factor for your role. Set up an authenticator app to continue.",
    );
  }
}

/** This session has not passed the person's second factor yet. */
export class SecondFactorRequired extends HttpProblem {
  constructor() {
    super(
      403,
      "Second factor required",
      "Enter a code from your authenticator app (or a recovery code) to continue.",
    );
  }
}

/** A second factor (or the password asked for again) that was not right. */
export class WrongSecondFactor extends HttpProblem {
  constructor(detail = "That code is not right. Check your authenticator app and try again.") {
    super(401, "Second factor not accepted", detail);
  }
}

/** A sensitive change, and no proof of who this is on this session in the last few minutes. */
export class ReauthenticationRequired extends HttpProblem {
  constructor(detail = "Enter your password again to continue.") {
    super(401, "Re-authentication required", detail, { code: "reauth_required" });
  }
}

/** A passkey's answer that was not accepted (wrong challenge, origin, key, or a counter gone back). */
export class PasskeyNotAccepted extends HttpProblem {
  constructor(detail = "That passkey was not accepted. Try again, or use another way to sign in.") {
    super(401, "Passkey not accepted", detail);
  }
}

/** Free text that names a pupil (the case-study name scan): the words to remove, field by field. */
export class NamesInText extends HttpProblem {
  constructor(detail: string, errors: Array<FieldError & { words: string[] }>) {
    super(422, "Pupil names found", detail, { errors });
  }
}
