/**
 * Errors a user can act on. Each carries the exit code from the CLI contract and a hint that
 * says how to fix the problem; anything that is not a CatalogError is an internal failure.
 */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  conflict: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export class CatalogError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = ExitCode.failure,
    readonly hint?: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** A bad flag, a missing flag in non-interactive mode, or a value that does not validate. */
export class UsageError extends CatalogError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.usage, hint);
  }
}

export class NotFoundError extends CatalogError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.notFound, hint);
  }
}

/** Sold out, a reused payment reference, a stale edit: the request was fine, the state says no. */
export class ConflictError extends CatalogError {
  constructor(message: string, hint?: string) {
    super(message, ExitCode.conflict, hint);
  }
}

/** One field that did not validate; collected so a user sees every problem at once. */
export interface FieldProblem {
  field: string;
  message: string;
  hint?: string;
}

export class ValidationError extends UsageError {
  constructor(readonly problems: FieldProblem[]) {
    super(
      problems.length === 1
        ? `${problems[0]!.field}: ${problems[0]!.message}`
        : `${problems.length} problems:\n${problems.map((p) => `  - ${p.field}: ${p.message}`).join('\n')}`,
      problems.length === 1
        ? problems[0]!.hint
        : problems
            .map((p) => p.hint)
            .filter(Boolean)
            .join('\n') || undefined,
    );
  }
}

/** Too many wrong tries in a row (access codes): the request was not looked at; try again at `retryAt`. */
export class TooManyAttemptsError extends ConflictError {
  constructor(
    message: string,
    readonly retryAt: number,
    hint?: string,
  ) {
    super(message, hint);
  }
}
