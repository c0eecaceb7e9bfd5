import type { Command } from 'commander';
import type { SearchRequest } from '../../domain/searchQuery.js';
import { action } from '../run.js';
import { printJson, say } from '../terminal.js';
import { withCatalog } from '../withCatalog.js';

/** The flags are the search request itself, plus how to print it and which index answers. */
interface SearchFlags extends Omit<SearchRequest, 'text'> {
  json?: boolean;
  backend?: string;
}

export function registerSearch(program: Command): void {
  program
    .command('search')
    .argument('[text...]', 'words to look for in titles and descriptions')
    .description('find courses: free text, filters, sorting and pages')
    .option('--max-price <rupees>', 'price a student pays now is at most this')
    .option('--min-price <rupees>', 'price a student pays now is at least this')
    .option('--month <month>', 'starts in this month: oct, october, 10 (the next one) or 2027-10')
    .option('--from <date>', 'starts on or after this date (YYYY-MM-DD)')
    .option('--to <date>', 'starts on or before this date (YYYY-MM-DD)')
    .option('--category <name>', 'only this category')
    .option('--teacher <name>', "only this teacher's courses (full name, any case)")
    .option('--available', 'hide sold-out courses')
    .option('--all', 'also drafts, stopped and started courses')
    .option('--facets', 'also count the courses per category, start month and price band')
    .option('--sort <field>', 'relevance, price, registrations or start')
    .option('--order <order>', 'asc or desc')
    .option('--limit <n>', 'results per page (default 10, at most 100)')
    .option('--page <n>', 'page number (default 1)')
    .option('--json', 'print { total, page, limit, results, facets?, suggestion? } as JSON')
    .option('--backend <name>', 'sqlite or elasticsearch (default: from the configuration)')
    .addHelpText(
      'after',
      '\nWords match in any case, accents and word form; typos are forgiven (one from 5 letters, two from 9), and the\nlast word also matches the start of a longer word. Title matches rank first, exact before typo before prefix.\n\nExamples:\n  catalog search baking --max-price 599 --month oct\n  catalog search python --sort price --available\n  catalog search photosho --facets\n  catalog search --category yoga --sort registrations --limit 5 --page 2 --json',
    )
    .action(
      action(async ({ terminal, overrides }, words: string[], flags: SearchFlags) => {
        const { UsageError } = await import('../../errors.js');
        if (flags.backend !== undefined && flags.backend !== 'sqlite' && flags.backend !== 'elasticsearch') {
          throw new UsageError(`--backend "${flags.backend}" is not a search backend`, 'use --backend sqlite or --backend elasticsearch');
        }
        const { searchCatalogue } = await import('../../services/searchCatalogue.js');
        const backend = flags.backend as 'sqlite' | 'elasticsearch' | undefined;
        const result = await withCatalog(
          overrides,
          (ctx) =>
            searchCatalogue(
              ctx,
              {
                ...flags,
                ...(words.length && { text: words.join(' ') }),
              },
              backend,
            ),
          { create: false },
        );
        if (flags.json) return printJson(terminal, result);
        const { courseTable, searchSummaryLine } = await import('../render/courseTable.js');
        const { facetLines, suggestionLine } = await import('../render/searchExtras.js');
        if (result.results.length) terminal.stdout.write(`${courseTable(result.results, { showStatus: flags.all ?? false })}\n`);
        if (result.facets) terminal.stdout.write(`${facetLines(result.facets)}\n`);
        say(terminal, searchSummaryLine(result));
        const suggestion = suggestionLine(result);
        if (suggestion) say(terminal, suggestion);
      }),
    );
}
