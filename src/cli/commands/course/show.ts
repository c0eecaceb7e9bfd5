import type { Command } from 'commander';
import { action } from '../../run.js';
import { printJson } from '../../terminal.js';
import { withCatalog } from '../../withCatalog.js';

export function registerCourseShow(course: Command): void {
  course
    .command('show')
    .argument('<id>', 'course id')
    .description('show one course: price now, sale, seats left, status')
    .option('--json', 'print the course as JSON')
    .action(
      action(async ({ terminal, overrides }, id: string, flags: { json?: boolean }) => {
        const { describe } = await import('../../../domain/course.js');
        await withCatalog(
          overrides,
          async (ctx) => {
            const details = describe(ctx.courses.get(id), ctx.clock());
            if (flags.json) return printJson(terminal, details);
            const { courseDetailsTable } = await import('../../render/courseDetails.js');
            terminal.stdout.write(`${courseDetailsTable(details)}\n`);
          },
          { create: false },
        );
      }),
    );
}
