import type { Command } from 'commander';
import { action } from '../run.js';
import { printJson, success } from '../terminal.js';
import { withCatalog } from '../withCatalog.js';

export function registerModule(program: Command): void {
  const module = program.command('module').description('organise a course\'s materials into modules ("Week 1")');
  module
    .command('add')
    .argument('<course-id>', 'the course')
    .description('add a module to a course')
    .requiredOption('--title <title>', 'what the module is called, e.g. "Week 1"')
    .option('--position <n>', 'where it goes: 1 is first (default: after the last)')
    .option('--json', 'print the module as JSON')
    .action(
      action(async ({ terminal, overrides }, courseId: string, flags: { title: string; position?: string; json?: boolean }) => {
        const { addModule } = await import('../../services/materials/addModule.js');
        await withCatalog(
          overrides,
          (ctx) => {
            const { module: added } = addModule(ctx, { courseId, title: flags.title, position: flags.position });
            if (flags.json) return printJson(terminal, added);
            success(terminal, `added module ${added.id} "${added.title}" to ${added.courseId} (position ${added.position})`);
            terminal.stdout.write(`${added.id}\n`);
          },
          { create: false },
        );
      }),
    );
}
