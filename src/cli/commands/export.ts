import type { Command } from 'commander';
import { choiceOption } from '../options.js';
import { action } from '../run.js';
import { say } from '../terminal.js';
import { withCatalog } from '../withCatalog.js';

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write every course to stdout (archived too), ready for `catalog import`')
    .addOption(choiceOption('--format <format>', 'ndjson, json or csv', ['ndjson', 'json', 'csv']).default('ndjson'))
    .action(
      action(async ({ terminal, overrides }, flags: { format: string }) => {
        const { EXPORT_FORMATS, exportCatalogue } = await import('../../services/exportCatalogue.js');
        const { UsageError } = await import('../../errors.js');
        if (!(EXPORT_FORMATS as readonly string[]).includes(flags.format)) {
          throw new UsageError(`--format "${flags.format}" is not an export format`, `use one of: ${EXPORT_FORMATS.join(', ')}`);
        }
        const count = await withCatalog(overrides, (ctx) => exportCatalogue(ctx, flags.format as 'csv', process.stdout), {
          readonly: true,
        });
        say(terminal, `exported ${count} courses`);
      }),
    );
}
