import type { Command } from 'commander';
import { action } from '../run.js';
import { printJson, say, success } from '../terminal.js';
import { withCatalog } from '../withCatalog.js';

export function registerReindex(program: Command): void {
  program
    .command('reindex')
    .description('rebuild the Elasticsearch index from the database behind its alias; searches keep answering')
    .addHelpText(
      'after',
      '\nOne reindex runs at a time (a second one exits 4, naming it). Indices an interrupted reindex left\nbehind (`catalog doctor` lists them) are removed first.\n\nExamples:\n  catalog reindex\n  catalog reindex --json',
    )
    .option('--json', 'print what was built as JSON')
    .action(
      action(async ({ terminal, overrides }, flags: { json?: boolean }) => {
        const { reindexCatalogue } = await import('../../services/reindexCatalogue.js');
        const report = await withCatalog(overrides, (ctx) => reindexCatalogue(ctx, { onProgress: (step) => say(terminal, `${step}…`) }), {
          create: false,
        });
        if (flags.json) return printJson(terminal, report);
        success(
          terminal,
          `indexed ${report.courses} course(s) into ${report.index} in ${report.milliseconds} ms${report.caughtUp ? `, plus ${report.caughtUp} change(s) made meanwhile` : ''}`,
        );
        if (report.removedLeftovers.length)
          say(
            terminal,
            `removed ${report.removedLeftovers.length} index(es) an interrupted reindex left behind: ${report.removedLeftovers.join(', ')}`,
          );
        if (report.previous.length) say(terminal, `removed the previous index ${report.previous.join(', ')}`);
      }),
    );
}
