import type { Command } from 'commander';
import { action } from '../run.js';
import { printJson, say } from '../terminal.js';
import { withCatalog } from '../withCatalog.js';

export function registerRegistrations(program: Command): void {
  const registrations = program.command('registrations').description('see who registered for what');
  registrations
    .command('list')
    .description('list registrations, oldest first (access codes are never shown again)')
    .option('--course <id>', 'only this course')
    .option('--student <email>', 'only this student')
    .option('--json', 'print an array of registrations as JSON')
    .action(
      action(async ({ terminal, overrides }, flags: { course?: string; student?: string; json?: boolean }) => {
        const { listRegistrations } = await import('../../services/listRegistrations.js');
        const { viewRegistration } = await import('../../domain/registration.js');
        const views = await withCatalog(overrides, (ctx) => listRegistrations(ctx, flags).map(viewRegistration), { create: false });
        if (flags.json) return printJson(terminal, views);
        if (views.length === 0) return say(terminal, 'No registrations match.');
        const { registrationTable } = await import('../render/registrationTable.js');
        terminal.stdout.write(`${registrationTable(views)}\n`);
        say(terminal, `${views.length} registration${views.length === 1 ? '' : 's'}`);
      }),
    );
}
