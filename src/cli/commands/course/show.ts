import type { Command } from 'commander';
import { outputFormatOption } from '../../options.js';
import { action } from '../../run.js';
import { printData, printJson } from '../../terminal.js';
import { withCatalog } from '../../withCatalog.js';

export function registerCourseShow(course: Command): void {
  course
    .command('show')
    .argument('<id>', 'course id')
    .description('show one course: price now, sale, seats left, status')
    .addOption(outputFormatOption())
    .option('--json', 'print the course as JSON (same as --format json)')
    .action(
      action(async ({ terminal, overrides }, id: string, flags: { json?: boolean; format?: string }) => {
        const { showCourse } = await import('../../../services/courseListing.js');
        const { outputFormat } = await import('../../render/output.js');
        const format = outputFormat(terminal, flags);
        const details = await withCatalog(overrides, (ctx) => showCourse(ctx, id), { readonly: true });
        if (format === 'json') return printJson(terminal, details);
        const { courseDetailsTable, courseDetailsTsv } = await import('../../render/courseDetails.js');
        await printData(terminal, `${format === 'tsv' ? courseDetailsTsv(details) : courseDetailsTable(details, terminal.width)}\n`);
      }),
    );
}
