/**
 * Errors a user can act on. Each carries the exit code from the CLI contract and a hint that
 * says how to fix the problem; anything that is not a CatalogError is an internal failure.
 * A hint is written for whoever runs the catalogue (the CLI prints it); a student on the website
 * can run no command and refund nothing, so an error whose hint tells them that carries theirs.
 */
export const ExitCode = {
  ok: 0,
  failure: 1,
  usage: 2,
  notFound: 3,
  conflict: 4,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const CODE_OF_EXIT: Record<ExitCode, string> = { 0: 'ok', 1: 'failure', 2: 'usage', 3: 'not_found', 4: 'conflict' };

export interface CatalogErrorOptions {
  /** The stable name scripts match on; by default the exit code's name ("usage", "not_found"…). */
  code?: string;
  cause?: unknown;
  /**
   * The hint for a student or visitor on the website, where it differs from the hint for the
   * person running the catalogue; null: there is nothing they can do about it. Left out: the same.
   */
  visitorHint?: string | null | undefined;
}

export class CatalogError extends Error {
  /** What scripts match on: `error.code` of `--json` errors and of the web API's error bodies. */
  readonly code: string;
  /** What the website shows beside the message (errorResponse.ts, formParts.ts); the CLI shows `hint`. */
  readonly visitorHint: string | undefined;

  constructor(
    message: string,
    readonly exitCode: ExitCode = ExitCode.failure,
    readonly hint?: string,
    options: CatalogErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = options.code ?? CODE_OF_EXIT[exitCode];
    this.visitorHint = options.visitorHint === undefined ? hint : (options.visitorHint ?? undefined);
  }
}

/** A bad flag, a missing flag in non-interactive mode, or a value that does not validate. */
export class UsageError extends CatalogError {
  constructor(message: string, hint?: string, options?: CatalogErrorOptions) {
    super(message, ExitCode.usage, hint, options);
  }
}

export class NotFoundError extends CatalogError {
  constructor(message: string, hint?: string, options?: CatalogErrorOptions) {
    super(message, ExitCode.notFound, hint, options);
  }
}

/** Sold out, a reused payment reference, a stale edit: the request was fine, the state says no. */
export class ConflictError extends CatalogError {
  constructor(message: string, hint?: string, options?: CatalogErrorOptions) {
    super(message, ExitCode.conflict, hint, options);
  }
}

/**
 * The person said no to a confirmation. Not a failure (exit 0): nothing was asked of the
 * catalogue in the end. Thrown so the command unwinds (and closes what it opened) at once.
 */
export class Declined extends CatalogError {
  constructor(message: string) {
    super(message, ExitCode.ok, undefined, { code: 'declined' });
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
      { code: 'invalid' },
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

/** The one shape every front door reports an error in: `--json` on stderr, and HTTP bodies. */
export interface ErrorBody {
  error: { code: string; message: string; hint?: string; problems?: FieldProblem[] };
}

export const INTERNAL_ERROR_HINT = 'this is a bug in catalog; rerun with CATALOG_DEBUG=1 for details and report it';

export function errorBody(error: unknown): ErrorBody {
  if (error instanceof CatalogError) {
    return {
      error: {
        code: error.code,
        message: error.message,
        ...(error.hint !== undefined && { hint: error.hint }),
        ...(error instanceof ValidationError && { problems: error.problems }),
      },
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { error: { code: 'internal', message: `internal error: ${message}`, hint: INTERNAL_ERROR_HINT } };
}
