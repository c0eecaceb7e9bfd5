import type { Command } from 'commander';
import { action } from '../run.js';
import { printJson, say, success } from '../terminal.js';

export function registerInit(program: Command): void {
  program
    .command('init')
    .description('create the configuration file and the database here (safe to run again)')
    .option('--json', 'print what was found or created as JSON')
    .action(
      action(async ({ terminal, overrides }, flags: { json?: boolean }) => {
        const { initCatalogue } = await import('../../services/initCatalogue.js');
        const result = await initCatalogue(overrides);
        if (flags.json) return printJson(terminal, result);
        if (result.configCreated) success(terminal, `wrote ${result.configPath} (every setting, commented)`);
        else say(terminal, `configuration: ${result.configPath ?? 'defaults (no file)'}`);
        if (result.databaseCreated) success(terminal, `created the database ${result.databasePath}`);
        else say(terminal, `database: ${result.databasePath} (${result.courses} courses, schema ${result.schemaVersion})`);
        say(terminal, 'Next: `catalog course add`, or `catalog seed` for a sample catalogue.');
      }),
    );
}
