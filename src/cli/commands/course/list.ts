import type { Command } from 'commander';
import { action } from '../../run.js';
import { printJson, say } from '../../terminal.js';
import { withCatalog } from '../../withCatalog.js';

export function registerCourseList(course: Command): void {
  course
    .command('list')
    .description('list courses by start date (drafts, published and stopped; --all adds archived)')
    .option('--all', 'include archived courses')
    .option('--json', 'print an array of courses as JSON')
    .action(
      action(async ({ terminal, overrides }, flags: { all?: boolean; json?: boolean }) => {
        const { summarize } = await import('../../../domain/course.js');
        await withCatalog(
          overrides,
          async (ctx) => {
            const now = ctx.clock();
            const courses = ctx.courses.list({ includeArchived: flags.all ?? false }).map((c) => summarize(c, now));
            if (flags.json) return printJson(terminal, courses);
            if (!courses.length) return say(terminal, 'No courses yet: add one with `catalog course add`, or try `catalog seed`.');
            const { courseTable } = await import('../../render/courseTable.js');
            terminal.stdout.write(`${courseTable(courses, { showStatus: true })}\n`);
            say(terminal, `${courses.length} courses`);
          },
          { create: false },
        );
      }),
    );
}
