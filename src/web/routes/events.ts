import { UsageError } from '../../errors.js';
import type { FastifyInstance } from '../framework.js';
import type { Subscriber } from '../live/changeFeed.js';
import type { StorefrontDeps, StorefrontOptions } from '../storefrontDeps.js';

const MAX_COURSES_PER_STREAM = 100;
/** A reader this far behind is cut off; it reconnects with Last-Event-ID and resumes. */
const MAX_BUFFERED_BYTES = 1 << 20;

function followedCourses(value: string | string[] | undefined): Set<string> | null {
  if (value === undefined) return null;
  const ids = (Array.isArray(value) ? value : [value]).flatMap((text) => text.split(/[\s,]+/)).filter(Boolean);
  if (ids.length > MAX_COURSES_PER_STREAM)
    throw new UsageError(
      `course names ${ids.length} courses; a stream follows at most ${MAX_COURSES_PER_STREAM}`,
      'open one stream per page of results',
    );
  return new Set(ids);
}

/**
 * GET /api/events: Server-Sent Events. `course=<id>` (repeatable, or comma-separated) follows
 * those courses, none follows them all. Each `course` event carries the course as
 * `catalog course show --json` shows it and the page parts that show it; `reload` means the
 * changes since the reader's Last-Event-ID (or `after`) are no longer known.
 */
export async function eventRoutes(app: FastifyInstance, { feed }: StorefrontDeps, options: StorefrontOptions): Promise<void> {
  app.get('/api/events', (request, reply) => {
    const query = request.query as Record<string, string | string[] | undefined>;
    const courses = followedCourses(query.course);
    const lastEventId = request.headers['last-event-id'] ?? query.after;
    if (Array.isArray(lastEventId)) throw new UsageError('after is given more than once', 'keep one after=... in the address');
    if (feed.streams >= options.maxEventStreams)
      throw Object.assign(new Error('too many live update streams are open; try again in a minute'), { statusCode: 503 });

    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      ...(reply.getHeaders() as Record<string, string>),
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      // nginx and friends would otherwise hold events back to fill a buffer.
      'x-accel-buffering': 'no',
    });
    response.write('retry: 1000\n\n');

    const subscriber: Subscriber = {
      courses,
      send(message) {
        if (response.writableLength > MAX_BUFFERED_BYTES) {
          response.end();
          return;
        }
        response.write(message);
      },
      close: () => response.end(),
    };
    const unsubscribe = feed.subscribe(subscriber, lastEventId);
    const opened = Date.now();
    response.on('close', () => {
      unsubscribe();
      request.log.info({ method: 'GET', url: request.url, status: 200, ms: Date.now() - opened }, 'request');
    });
  });
}
