import type { Command } from 'commander';
import { action } from '../run.js';
import { printJson, say, success } from '../terminal.js';
import { withCatalog } from '../withCatalog.js';

export function registerSeed(program: Command): void {
  program
    .command('seed')
    .description('fill the catalogue with fake but realistic courses')
    .option('--courses <n>', 'how many courses', '200')
    .option('--seed <n>', 'random seed: the same seed gives the same catalogue')
    .option('--json', 'print a summary as JSON')
    .action(
      action(async ({ terminal, overrides }, flags: { courses: string; seed?: string; json?: boolean }) => {
        const { UsageError } = await import('../../errors.js');
        const { seedCatalogue } = await import('../../services/seedCatalogue.js');
        const courses = /^\d+$/.test(flags.courses) ? Number(flags.courses) : NaN;
        const seed = flags.seed === undefined ? undefined : /^\d+$/.test(flags.seed) ? Number(flags.seed) : NaN;
        if (Number.isNaN(courses)) throw new UsageError(`--courses "${flags.courses}" is not a whole number`, 'e.g. --courses 1000');
        if (seed !== undefined && (Number.isNaN(seed) || seed > 2 ** 31))
          throw new UsageError(`--seed "${flags.seed}" is not a whole number`, 'e.g. --seed 42');
        const summary = await withCatalog(overrides, (ctx) => seedCatalogue(ctx, { courses, ...(seed !== undefined && { seed }) }));
        if (flags.json) return printJson(terminal, summary);
        success(
          terminal,
          `seeded ${summary.created} courses by ${summary.teachers} teachers in ${summary.milliseconds} ms (seed ${summary.seed}); ${summary.soldOut} sold out, ${summary.onSale} on sale, ${summary.free} free, ${summary.freeStart} with a free start`,
        );
        say(
          terminal,
          'Try:\n  catalog search baking --max-price 599 --month oct\n  catalog search python --sort price --available\n  catalog search --category yoga --sort registrations',
        );
      }),
    );
}
