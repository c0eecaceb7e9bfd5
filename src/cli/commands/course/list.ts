import type { Command } from 'commander';
import { oldSpelling, outputFormatOption } from '../../options.js';
import { action } from '../../run.js';
import { printData, printJson, say } from '../../terminal.js';
import { withCatalog } from '../../withCatalog.js';
import { listingRequest, withListingFlags } from '../searchFlags.js';
import type { ListingFlags } from '../searchFlags.js';

const DEFAULT_LIMIT = 50;

interface ListFlags extends ListingFlags {
  archived?: boolean;
  /** Old spelling: every course, archived ones too, all at once. */
  all?: boolean;
  json?: boolean;
  format?: string;
}

/** The listing flags given besides paging: they do not apply to archived courses. */
const FILTERS = [
  'maxPrice',
  'minPrice',
  'month',
  'startFrom',
  'startTo',
  'from',
  'to',
  'category',
  'teacher',
  'available',
  'free',
  'freeStart',
  'sort',
  'order',
] as const;

export function registerCourseList(course: Command): void {
  withListingFlags(
    course
      .command('list')
      .description(
        'list courses by start date, a page at a time: drafts, published, stopped and started ones (--archived for archived ones)',
      ),
    { limit: DEFAULT_LIMIT },
  )
    .option('--archived', 'list the archived courses instead (paging applies, filters do not)')
    .addOption(oldSpelling('--all', '--archived (every course, archived ones too)'))
    .addOption(outputFormatOption())
    .option('--json', 'print an array of the courses on the page as JSON (same as --format json)')
    .addHelpText(
      'after',
      '\nExamples:\n  catalog course list --category baking --page 2\n  catalog course list --teacher "meera iyer" --json\n  catalog course list --archived',
    )
    .action(
      action(async ({ terminal, overrides }, flags: ListFlags) => {
        const { UsageError } = await import('../../../errors.js');
        const { outputFormat } = await import('../../render/output.js');
        const format = outputFormat(terminal, flags);
        const request = { ...listingRequest(flags), all: true, limit: flags.limit ?? DEFAULT_LIMIT };
        const byStatus = flags.archived || flags.all;
        if (byStatus) {
          const filter = FILTERS.find((name) => flags[name] !== undefined);
          if (filter)
            throw new UsageError(
              `--${filter.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} does not apply to archived courses`,
              'archived courses are listed by start date, only paged; leave out the filter, or drop --archived',
            );
        }
        const { listCourses } = await import('../../../services/courseListing.js');
        const result = await withCatalog(
          overrides,
          (ctx) =>
            listCourses(ctx, request, {
              statuses: flags.archived ? 'archived' : flags.all ? 'all' : 'listed',
              // The old --all printed every course at once: only paged when asked to.
              paged: !flags.all || flags.limit !== undefined || flags.page !== undefined,
            }),
          { readonly: true },
        );
        if (format === 'json') return printJson(terminal, result.results);
        const { courseTable, courseTsv, searchSummaryLine } = await import('../../render/courseTable.js');
        if (result.total === 0) {
          const filtered = Object.keys(listingRequest(flags)).some((key) => key !== 'limit' && key !== 'page');
          if (format === 'tsv') await printData(terminal, `${courseTsv([])}\n`);
          return say(
            terminal,
            flags.archived
              ? 'No archived courses.'
              : filtered
                ? 'No courses match.'
                : 'No courses yet: add one with `catalog course add`, or try `catalog seed`.',
          );
        }
        if (format === 'tsv') await printData(terminal, `${courseTsv(result.results)}\n`);
        else if (result.results.length)
          await printData(terminal, `${courseTable(result.results, { showStatus: true, width: terminal.width })}\n`);
        say(terminal, searchSummaryLine(result));
      }),
    );
}
