import type { Command } from 'commander';
import { choiceOption, outputFormatOption } from '../options.js';
import { action } from '../run.js';
import { printData, printJson, say } from '../terminal.js';
import { withCatalog } from '../withCatalog.js';
import { listingRequest, withListingFlags } from './searchFlags.js';
import type { ListingFlags } from './searchFlags.js';

interface SearchFlags extends ListingFlags {
  all?: boolean;
  facets?: boolean;
  json?: boolean;
  format?: string;
  backend?: string;
}

export function registerSearch(program: Command): void {
  withListingFlags(
    program
      .command('search')
      .argument('[text...]', 'words to look for in titles and descriptions')
      .description('find courses: free text, filters, sorting and pages'),
    { limit: 10 },
  )
    .option('--all', 'not only what students see (published, not started): drafts, stopped and started courses too')
    .option('--facets', 'also count the courses per category, start month and price band')
    .addOption(outputFormatOption())
    .option('--json', 'print { total, page, limit, results, facets?, suggestion? } as JSON (same as --format json)')
    .addOption(choiceOption('--backend <name>', 'sqlite or elasticsearch (default: from the configuration)', ['sqlite', 'elasticsearch']))
    .addHelpText(
      'after',
      '\nWords match in any case, accents and word form; typos are forgiven (one from 5 letters, two from 9), and the\nlast word also matches the start of a longer word. Title matches rank first, exact before typo before prefix.\n\nExamples:\n  catalog search baking --max-price 599 --month oct\n  catalog search python --sort price --available\n  catalog search photosho --facets\n  catalog search --category yoga --sort registrations --limit 5 --page 2 --json\n  catalog search python --free-start',
    )
    .action(
      action(async ({ terminal, overrides }, words: string[], flags: SearchFlags) => {
        const { UsageError } = await import('../../errors.js');
        const { outputFormat } = await import('../render/output.js');
        if (flags.backend !== undefined && flags.backend !== 'sqlite' && flags.backend !== 'elasticsearch') {
          throw new UsageError(`--backend "${flags.backend}" is not a search backend`, 'use --backend sqlite or --backend elasticsearch');
        }
        const format = outputFormat(terminal, flags);
        const { searchCatalogue } = await import('../../services/searchCatalogue.js');
        const backend = flags.backend as 'sqlite' | 'elasticsearch' | undefined;
        const request = {
          ...listingRequest(flags),
          ...(flags.all && { all: true }),
          ...(flags.facets && { facets: true }),
          ...(words.length && { text: words.join(' ') }),
        };
        const result = await withCatalog(overrides, (ctx) => searchCatalogue(ctx, request, backend), { readonly: true });
        if (format === 'json') return printJson(terminal, result);
        const { courseTable, courseTsv, searchSummaryLine } = await import('../render/courseTable.js');
        const { facetLines, suggestionLine } = await import('../render/searchExtras.js');
        if (format === 'tsv') {
          await printData(terminal, `${courseTsv(result.results)}\n`);
          // The rows stay rows: facet lines go beside the summary, for the person at the pipe (--json has them for scripts).
          if (result.facets) say(terminal, facetLines(result.facets));
        } else {
          if (result.results.length)
            await printData(terminal, `${courseTable(result.results, { showStatus: flags.all ?? false, width: terminal.width })}\n`);
          if (result.facets) await printData(terminal, `${facetLines(result.facets)}\n`);
        }
        say(terminal, searchSummaryLine(result));
        const suggestion = suggestionLine(result);
        if (suggestion) say(terminal, suggestion);
      }),
    );
}
