import type { Command } from 'commander';
import { action } from '../../run.js';
import { withCatalog } from '../../withCatalog.js';
import { renderChangedCourse } from './renderChangedCourse.js';

export function registerCourseAvailability(course: Command): void {
  course
    .command('stop-sale')
    .argument('<id>', 'course id')
    .description('take a course off sale (it leaves search and takes no registrations)')
    .option('--reason <text>', 'why, for the team')
    .option('--json', 'print the changed course as JSON')
    .action(
      action(async ({ terminal, overrides }, id: string, flags: { reason?: string; json?: boolean }) => {
        const { stopSale } = await import('../../../services/courseAvailability.js');
        await withCatalog(overrides, async (ctx) => {
          const changed = stopSale(ctx, id, flags.reason);
          await renderChangedCourse(terminal, ctx, changed, flags.json, `${changed.id} is off sale`);
        });
      }),
    );

  course
    .command('resume-sale')
    .argument('<id>', 'course id')
    .description('put a stopped course back on sale')
    .option('--json', 'print the changed course as JSON')
    .action(
      action(async ({ terminal, overrides }, id: string, flags: { json?: boolean }) => {
        const { resumeSale } = await import('../../../services/courseAvailability.js');
        await withCatalog(overrides, async (ctx) => {
          const changed = resumeSale(ctx, id);
          await renderChangedCourse(terminal, ctx, changed, flags.json, `${changed.id} is on sale again`);
        });
      }),
    );

  course
    .command('archive')
    .argument('<id>', 'course id')
    .description('retire a course for good (kept in the database, gone from search)')
    .option('-y, --yes', 'archive without asking, even with paid students (needed without a terminal)')
    .option('--json', 'print the changed course as JSON')
    .action(
      action(async ({ terminal, overrides }, id: string, flags: { json?: boolean; yes?: boolean }) => {
        const { archiveCourse } = await import('../../../services/courseAvailability.js');
        const { listRegistrations } = await import('../../../services/listRegistrations.js');
        const { confirmOrStop } = await import('../../confirmation.js');
        await withCatalog(overrides, async (ctx) => {
          const course = ctx.courses.get(id);
          const paid = course.status === 'archived' ? 0 : listRegistrations(ctx, { course: id }).filter((r) => r.amountPaise > 0).length;
          if (paid > 0) {
            const students = `${paid} paid student${paid === 1 ? '' : 's'}`;
            await confirmOrStop(terminal, {
              question: `Archive ${course.id} “${course.title}”? ${students} ${paid === 1 ? 'is' : 'are'} registered; it leaves search for good.`,
              action: `archiving ${course.id} (${students})`,
              declined: `nothing changed: ${course.id} is still ${course.status}`,
              yes: flags.yes,
            });
          }
          const changed = archiveCourse(ctx, id);
          await renderChangedCourse(terminal, ctx, changed, flags.json, `${changed.id} is archived`);
        });
      }),
    );
}
