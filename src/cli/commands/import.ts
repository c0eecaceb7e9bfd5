import type { Command } from 'commander';
import { choiceOption } from '../options.js';
import { action } from '../run.js';
import { printJson, say, styled, success } from '../terminal.js';
import type { Terminal } from '../terminal.js';
import { withCatalog } from '../withCatalog.js';
import type { ImportProgress, ImportReport } from '../../services/import/importCatalogue.js';

interface ImportFlags {
  format?: string;
  dryRun?: boolean;
  upsert?: boolean;
  json?: boolean;
}

/** A progress line redrawn in place, only where a person watches: a TTY, not CI, not NO_COLOR. */
function progressLine(
  terminal: Terminal,
  env: NodeJS.ProcessEnv = process.env,
): { update: (p: ImportProgress) => void; clear: () => void } {
  const ci = env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0';
  if (!process.stderr.isTTY || ci || 'NO_COLOR' in env || env.TERM === 'dumb') return { update: () => {}, clear: () => {} };
  let drawnAt = 0;
  let drawn = false;
  return {
    update: ({ rows, bytes, totalBytes }) => {
      const now = performance.now();
      if (now - drawnAt < 100) return;
      drawnAt = now;
      drawn = true;
      const share = totalBytes ? Math.min(1, bytes / totalBytes) : null;
      const bar =
        share === null ? '' : `${'█'.repeat(Math.round(share * 24)).padEnd(24, '░')} ${String(Math.round(share * 100)).padStart(3)}% `;
      terminal.stderr.write(`\r\x1b[2K${styled(terminal, 'dim', 'importing')} ${bar}${rows.toLocaleString('en-IN')} rows`);
    },
    clear: () => {
      if (drawn) terminal.stderr.write('\r\x1b[2K');
    },
  };
}

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function renderReport(terminal: Terminal, report: ImportReport): void {
  const source = report.source;
  if (!report.ok) {
    const rows = report.invalidRows ? ` on ${report.invalidRows} ${report.invalidRows === 1 ? 'row' : 'rows'}` : '';
    say(
      terminal,
      `${styled(terminal, 'red', '✖')} ${source}: ${report.problems.length} ${report.problems.length === 1 ? 'problem' : 'problems'}${rows}; nothing was written`,
    );
    let previousHint = '';
    for (const problem of report.problems) {
      say(terminal, `  line ${problem.line}${problem.column ? `, ${styled(terminal, 'bold', problem.column)}` : ''}: ${problem.message}`);
      // A run of the same mistake gets its hint once, so a file with one systematic error stays readable.
      if (problem.hint !== previousHint) say(terminal, `    ${styled(terminal, 'dim', 'hint:')} ${problem.hint}`);
      previousHint = problem.hint;
    }
    return;
  }
  // A rate means something only for a run long enough to measure.
  const rate =
    report.milliseconds >= 1000 ? `, ${Math.round((report.rows / report.milliseconds) * 1000).toLocaleString('en-IN')} rows/s` : '';
  const timing = `${report.rows.toLocaleString('en-IN')} ${report.rows === 1 ? 'row' : 'rows'} in ${seconds(report.milliseconds)}${rate}`;
  if (report.dryRun) {
    success(
      terminal,
      `dry run of ${source}: every row is valid; would create ${report.created}, update ${report.updated}, leave ${report.unchanged} unchanged (${timing}); nothing was written`,
    );
  } else {
    success(
      terminal,
      `imported ${source}: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged (${timing})`,
    );
  }
}

export function registerImport(program: Command): void {
  program
    .command('import')
    .argument('<file>', 'a .csv, .json or .ndjson file, or - for stdin')
    .description('add (and with --upsert update) courses from a file, all or nothing: any bad row and nothing is written')
    .addOption(
      choiceOption('--format <format>', 'csv, json or ndjson (default: from the extension; stdin is recognised)', [
        'csv',
        'json',
        'ndjson',
      ]),
    )
    .option('--dry-run', 'check every row and say what would change, without writing')
    .option('--upsert', 'update courses whose external id (or id) already exists, instead of refusing them')
    .option('--json', 'print the report as JSON on stdout')
    .action(
      action(async ({ terminal, overrides }, file: string, flags: ImportFlags) => {
        const { importCatalogue } = await import('../../services/import/importCatalogue.js');
        const progress = progressLine(terminal);
        const report = await withCatalog(overrides, async (ctx) => {
          try {
            return await importCatalogue(ctx, file, {
              format: flags.format,
              dryRun: flags.dryRun,
              upsert: flags.upsert,
              onProgress: progress.update,
            });
          } finally {
            progress.clear();
          }
        });
        if (flags.json) printJson(terminal, report);
        if (flags.json && !report.ok)
          say(
            terminal,
            `${styled(terminal, 'red', '✖')} ${report.source}: ${report.problems.length} problems; nothing was written (see the JSON report)`,
          );
        else renderReport(terminal, report);
        return report.ok ? 0 : 1;
      }),
    );
}
