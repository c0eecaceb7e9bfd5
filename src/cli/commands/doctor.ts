import type { Command } from 'commander';
import { action } from '../run.js';
import { printJson, styled } from '../terminal.js';
import type { Terminal } from '../terminal.js';
import { withCatalog } from '../withCatalog.js';

const marks = (terminal: Terminal) =>
  ({
    ok: styled(terminal, 'green', '✔'),
    warn: styled(terminal, 'yellow', '!'),
    fail: styled(terminal, 'red', '✖'),
    skip: styled(terminal, 'dim', '-'),
  }) as const;

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check the configuration, the database, the materials folder, Elasticsearch, the mapping and drift between them')
    .option('--json', 'print every check as JSON (with every path or id a check found, in items)')
    .option('--verify-files', 'hash every material file (default: a random sample of up to 256 MiB)')
    .action(
      action(async ({ terminal, overrides }, flags: { json?: boolean; verifyFiles?: boolean }) => {
        const { diagnose } = await import('../../services/doctor.js');
        const report = await withCatalog(overrides, (ctx) => diagnose(ctx, { verifyFiles: flags.verifyFiles }), { create: false });
        if (flags.json) printJson(terminal, report);
        else {
          const width = Math.max(...report.checks.map((check) => check.name.length));
          const mark = marks(terminal);
          for (const check of report.checks) {
            terminal.stdout.write(`${mark[check.status]} ${check.name.padEnd(width)}  ${check.detail}\n`);
            if (check.hint && check.status !== 'ok')
              terminal.stdout.write(`  ${' '.repeat(width)}  ${styled(terminal, 'dim', `hint: ${check.hint}`)}\n`);
          }
        }
        return report.ok ? 0 : 1;
      }),
    );
}
