import type { FastifyInstance } from '../framework.js';

/** Query parameters whose values never reach a log line (access codes, tokens, keys). */
const SECRET_PARAMETER = /(token|code|key|secret|password|signature)/i;

/** The address as logged: secret-looking parameter values masked. */
export function loggedUrl(url: string): string {
  const question = url.indexOf('?');
  if (question < 0) return url;
  const params = new URLSearchParams(url.slice(question + 1));
  let masked = false;
  for (const name of new Set(params.keys()))
    if (SECRET_PARAMETER.test(name)) {
      params.set(name, '***');
      masked = true;
    }
  return masked ? `${url.slice(0, question)}?${params.toString()}` : url;
}

/** One structured line per request, when it is answered: method, address, status, time. */
export function requestLog(app: FastifyInstance): void {
  app.addHook('onResponse', (request, reply, done) => {
    request.log.info(
      { method: request.method, url: loggedUrl(request.url), status: reply.statusCode, ms: Math.round(reply.elapsedTime * 10) / 10 },
      'request',
    );
    done();
  });
}

/**
 * The log as people read it in a terminal ("12:04:05 GET /api/search?q=yoga 200 3.1 ms"); the
 * same records as JSON lines with --json-logs. Either way on stderr.
 */
export const humanLogStream = {
  write(line: string): void {
    let record: Record<string, unknown>;
    try {
      record = JSON.parse(line) as Record<string, unknown>;
    } catch {
      process.stderr.write(line);
      return;
    }
    const time = new Date(record.time as number).toISOString().slice(11, 19);
    const text =
      record.msg === 'request'
        ? `${record.method} ${record.url} ${record.status} ${record.ms} ms`
        : `${record.msg}${record.err ? `: ${(record.err as { message?: string }).message}` : ''}`;
    process.stderr.write(`${time} ${text}\n`);
  },
};
