import { CatalogError, ConflictError, NotFoundError, TooManyAttemptsError, UsageError } from '../errors.js';

/** A refusal only the website makes (a form without its anti-forgery token, a bad signature), with its status; its hint is for visitors. */
export class WebRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

/** The one JSON shape of every error the API returns. */
export interface ErrorBody {
  error: { code: string; message: string; hint?: string };
}

export interface ErrorResponse {
  status: number;
  body: ErrorBody;
  /** A failure on our side: logged in full, told to the client in general words only. */
  internal: boolean;
}

const INTERNAL: ErrorBody = {
  error: {
    code: 'internal',
    message: 'something went wrong on our side',
    hint: 'try again in a moment; if it keeps happening, tell the site team',
  },
};

/** A failure the code knows and names (Elasticsearch unreachable, the database busy): ours, and passing. */
const UNAVAILABLE: ErrorBody = {
  error: { code: 'unavailable', message: 'the catalogue cannot answer right now', hint: 'try again in a moment' },
};

const CODES: Record<number, string> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  406: 'not_acceptable',
  409: 'conflict',
  413: 'payload_too_large',
  414: 'uri_too_long',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  431: 'headers_too_large',
  503: 'unavailable',
};

const body = (code: string, message: string, hint: string | undefined): ErrorBody => ({
  error: { code, message, ...(hint && { hint }) },
});

/**
 * What a client is told about an error: user errors (CatalogErrors) with their message and the
 * hint written for visitors (errors.ts: the staff's hint, what to run, stays with the CLI),
 * the framework's own 4xx (a body too large, too many requests) with its status, a failure the
 * code names (a backend down) as a 503 and anything else as a 500, both revealing nothing about
 * the inside.
 */
export function errorResponse(error: unknown): ErrorResponse {
  if (error instanceof WebRefusal) return { status: error.status, body: body(error.code, error.message, error.hint), internal: false };
  if (error instanceof TooManyAttemptsError)
    return { status: 429, body: body('rate_limited', error.message, error.visitorHint), internal: false };
  if (error instanceof UsageError) return { status: 400, body: body('bad_request', error.message, error.visitorHint), internal: false };
  if (error instanceof NotFoundError) return { status: 404, body: body('not_found', error.message, error.visitorHint), internal: false };
  if (error instanceof ConflictError) return { status: 409, body: body('conflict', error.message, error.visitorHint), internal: false };
  if (error instanceof CatalogError) return { status: 503, body: UNAVAILABLE, internal: true };
  if (error instanceof Error) {
    const status = (error as { statusCode?: unknown }).statusCode;
    if (typeof status === 'number' && ((status >= 400 && status < 500) || status === 503))
      return { status, body: body(CODES[status] ?? 'bad_request', error.message, undefined), internal: false };
  }
  return { status: 500, body: INTERNAL, internal: true };
}
