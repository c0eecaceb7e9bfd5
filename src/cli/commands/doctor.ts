import chalk from 'chalk';
import type { Command } from 'commander';
import { action } from '../run.js';
import { printJson } from '../terminal.js';
import { withCatalog } from '../withCatalog.js';

const MARKS = { ok: chalk.green('✔'), warn: chalk.yellow('!'), fail: chalk.red('✖'), skip: chalk.dim('-') } as const;

export function registerDoctor(program: Command): void {
  program
    .command('doctor')
    .description('check the configuration, the database, Elasticsearch, the mapping and drift between them')
    .option('--json', 'print every check as JSON')
    .action(
      action(async ({ terminal, overrides }, flags: { json?: boolean }) => {
        const { diagnose } = await import('../../services/doctor.js');
        const report = await withCatalog(overrides, (ctx) => diagnose(ctx), { create: false });
        if (flags.json) printJson(terminal, report);
        else {
          const width = Math.max(...report.checks.map((check) => check.name.length));
          for (const check of report.checks) {
            terminal.stdout.write(`${MARKS[check.status]} ${check.name.padEnd(width)}  ${check.detail}\n`);
            if (check.hint && check.status !== 'ok') terminal.stdout.write(`  ${' '.repeat(width)}  ${chalk.dim(`hint: ${check.hint}`)}\n`);
          }
        }
        return report.ok ? 0 : 1;
      }),
    );
}
