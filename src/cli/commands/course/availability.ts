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
    .option('--json', 'print the changed course as JSON')
    .action(
      action(async ({ terminal, overrides }, id: string, flags: { json?: boolean }) => {
        const { archiveCourse } = await import('../../../services/courseAvailability.js');
        await withCatalog(overrides, async (ctx) => {
          const changed = archiveCourse(ctx, id);
          await renderChangedCourse(terminal, ctx, changed, flags.json, `${changed.id} is archived`);
        });
      }),
    );
}
