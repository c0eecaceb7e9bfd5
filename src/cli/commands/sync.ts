import { Option } from 'commander';
import type { Command } from 'commander';
import { action } from '../run.js';
import type { Terminal } from '../terminal.js';
import { printJson, say, success, warn } from '../terminal.js';
import { withCatalog } from '../withCatalog.js';

interface SyncFlags {
  watch?: boolean;
  json?: boolean;
  retryRefused?: boolean;
  retryFailed?: boolean;
}

/**
 * Stops on the first SIGINT/SIGTERM after requests in flight are answered (and marked); a second
 * signal exits at once: nothing is lost either way, the outbox still holds what was not done.
 */
function stopOnSignals(terminal: Terminal): { signal: AbortSignal; release: () => void } {
  const controller = new AbortController();
  const stop = (name: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130);
    say(terminal, `${name}: stopping after the requests in flight (again to quit at once)`);
    controller.abort();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  return {
    signal: controller.signal,
    release: () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
    },
  };
}

export function registerSync(program: Command): void {
  const sync = program
    .command('sync')
    .description('push pending catalogue changes to Elasticsearch (once, or --watch to follow)')
    .option('--watch', 'keep running: follow new changes, re-publish at sale and start boundaries')
    .option('--retry-refused', 'first put back changes Elasticsearch refused earlier')
    // The flag's old name, from before "refused" became the one word for it.
    .addOption(new Option('--retry-failed').hideHelp())
    .option('--json', 'print the outcome as JSON (with --watch: one JSON line per event)')
    .addHelpText(
      'after',
      `
One worker sends changes at a time: while a \`catalog sync --watch\` runs, a one-off sync refuses
(exit 4, naming it) and a second watcher waits to take over.

JSON: "refused" counts the changes Elasticsearch turned down in this run (a mapping error...);
"queue" is what is left: "pending" (still to send) and "refused" (parked until --retry-refused).

Examples:
  catalog sync
  catalog sync --watch
  catalog sync --retry-refused
  catalog sync status --json`,
    )
    .action(
      action(async ({ terminal, overrides }, flags: SyncFlags) => {
        const { signal, release } = stopOnSignals(terminal);
        const retryRefused = Boolean(flags.retryRefused || flags.retryFailed);
        try {
          if (flags.watch) return await watch(terminal, overrides, { ...flags, retryRefused }, signal);
          const { syncCatalogue } = await import('../../services/syncCatalogue.js');
          const summary = await withCatalog(
            overrides,
            (ctx) =>
              syncCatalogue(ctx, {
                signal,
                retryRefused,
                onEvent: (event) => {
                  if (event.type === 'retrying')
                    warn(
                      terminal,
                      `Elasticsearch did not take ${event.courses} change(s): ${event.error}; retry ${event.attempt} in ${(event.delayMs / 1000).toFixed(1)} s`,
                    );
                  if (event.type === 'refused')
                    warn(terminal, `Elasticsearch refused course ${event.courseId} (version ${event.version}): ${event.error}`);
                  if (event.type === 'drift') warn(terminal, `${event.message}\n  hint: ${event.hint}`);
                  if (event.type === 'full-load') say(terminal, event.message);
                },
              }),
            { create: false },
          );
          if (flags.json) printJson(terminal, summary);
          else {
            if (summary.requeued) say(terminal, `put ${summary.requeued} refused change(s) back in the queue`);
            if (summary.republished) say(terminal, `re-published ${summary.republished} course(s) whose sale or start date passed`);
            success(
              terminal,
              `synced ${summary.entries} change(s) in ${summary.milliseconds} ms: ${summary.indexed} indexed, ${summary.deleted} removed, ${summary.superseded} already current${summary.refused ? `, ${summary.refused} refused` : ''}`,
            );
            if (summary.queue.pending)
              say(
                terminal,
                `${summary.queue.pending} change(s) still pending (arrived meanwhile): run \`catalog sync\` again or keep \`catalog sync --watch\` running`,
              );
            if (summary.queue.refused)
              warn(
                terminal,
                `${summary.queue.refused} change(s) refused by Elasticsearch: see \`catalog sync status\`, fix the cause, then \`catalog sync --retry-refused\``,
              );
          }
          return summary.refused || summary.queue.refused ? 1 : 0;
        } finally {
          release();
        }
      }),
    );

  sync
    .command('status')
    .description('pending changes, their age, the last error, the running worker, and indexed vs SQLite counts')
    .option('--json', 'print the status as JSON')
    .action(
      action(async ({ terminal, overrides }, _flags: { json?: boolean }, command: Command) => {
        const json = Boolean(command.optsWithGlobals().json);
        const { syncStatus } = await import('../../services/syncCatalogue.js');
        const status = await withCatalog(overrides, (ctx) => syncStatus(ctx), { create: false });
        if (json) return printJson(terminal, status);
        const error = status.lastError;
        const lines = [
          `pending:   ${status.pending}${status.oldestPendingAgeSeconds !== null ? ` (oldest ${status.oldestPendingAgeSeconds} s ago)` : ''}`,
          `refused:   ${status.refused}`,
          `last error: ${error ? `${error.error} (course ${error.courseId} v${error.version}, ${error.refused ? 'refused' : `${error.attempts} attempt(s)`}${error.at ? `, ${error.at}` : ''})` : 'none'}`,
          `worker:    ${status.worker ? `pid ${status.worker.pid} on ${status.worker.host}, since ${status.worker.since}, heartbeat ${status.worker.heartbeatSecondsAgo} s ago` : 'none running'}`,
          `courses:   ${status.sqliteCourses} in SQLite, ${status.indexedCourses ?? '?'} in Elasticsearch (${status.elasticsearch.index})`,
        ];
        if (status.elasticsearch.error)
          lines.push(`elasticsearch: ${status.elasticsearch.node ?? 'not configured'}: ${status.elasticsearch.error}`);
        terminal.stdout.write(`${lines.join('\n')}\n`);
      }),
    );
}

async function watch(
  terminal: Terminal,
  overrides: import('../../config/load.js').ConfigOverrides,
  flags: SyncFlags & { retryRefused: boolean },
  signal: AbortSignal,
): Promise<number> {
  const { watchCatalogue } = await import('../../services/syncCatalogue.js');
  const { redactUrl } = await import('../../config/schema.js');
  const { formatInstant } = await import('../../domain/calendar.js');
  await withCatalog(
    overrides,
    async (ctx) => {
      say(
        terminal,
        `watching for changes → ${ctx.config.elasticsearch.node ? redactUrl(ctx.config.elasticsearch.node) : '?'} (${ctx.config.elasticsearch.index}); Ctrl-C to stop`,
      );
      const report = await watchCatalogue(ctx, signal, {
        retryRefused: flags.retryRefused,
        onEvent: (event) => {
          if (flags.json)
            return terminal.stdout.write(`${JSON.stringify({ at: formatInstant(ctx.clock(), ctx.config.timeZone), ...event })}\n`);
          switch (event.type) {
            case 'published':
              return say(terminal, `synced ${event.courses} course(s) in ${event.milliseconds} ms`);
            case 'republished':
              return say(terminal, `re-published ${event.courses} course(s) at a sale or start boundary`);
            case 'retrying':
              return warn(
                terminal,
                `Elasticsearch unavailable: ${event.error}; retry ${event.attempt} in ${(event.delayMs / 1000).toFixed(1)} s`,
              );
            case 'refused':
              return warn(terminal, `Elasticsearch refused course ${event.courseId} (version ${event.version}): ${event.error}`);
            case 'drift':
              return warn(terminal, `${event.message}\n  hint: ${event.hint}`);
            case 'queue-held':
            case 'queue-lost':
            case 'database-busy':
              return warn(terminal, event.message);
            case 'queue-taken':
            case 'full-load':
              return say(terminal, event.message);
          }
        },
      });
      say(terminal, `stopped after ${report.entries} change(s)`);
    },
    { create: false },
  );
  return 0;
}
